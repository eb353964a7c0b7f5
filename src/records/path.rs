//! Concrete locations inside a JSON document and their RFC 6901 JSON Pointer text.
//!
//! A location is the list of steps from the root: an object member name or an array index.
//! Its pointer text (`/name/0/given`) is what sealed records bind fields to, so it has exactly
//! one form: `~` is written `~0`, `/` is written `~1`, indices are decimal without leading zeros.

use std::borrow::Cow;

use serde_json::Value;

use crate::error::{Error, Result};

/// One step from a container to a child.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Step<'a> {
    /// An object member: its name borrowed from the document being walked (sealing), or owned.
    Key(Cow<'a, str>),
    /// An array element.
    Index(usize),
}

/// The RFC 6901 pointer text of a location.
pub(crate) fn to_pointer(steps: &[Step]) -> String {
    let len: usize = steps.iter().map(|step| if let Step::Key(key) = step { key.len() + 1 } else { 4 }).sum();
    let mut out = String::with_capacity(len);
    for step in steps {
        out.push('/');
        match step {
            Step::Key(key) if !key.contains(['~', '/']) => out.push_str(key),
            Step::Key(key) => out.push_str(&escape_token(key)),
            Step::Index(index) => push_decimal(*index, &mut out),
        }
    }
    out
}

/// Appends `n` in decimal, without leading zeros (what `write!` does, without its machinery).
fn push_decimal(n: usize, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = n;
    loop {
        start -= 1;
        if let Some(digit) = digits.get_mut(start) {
            *digit = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || start == 0 {
            break;
        }
    }
    out.extend(digits.get(start..).unwrap_or_default().iter().map(|&digit| char::from(digit)));
}

/// Escapes one reference token (RFC 6901 section 3).
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Splits pointer text into unescaped reference tokens.
///
/// # Errors
/// [`Error::Malformed`] when the text does not start with `/` (or is not empty), or holds a
/// `~` not followed by `0` or `1`.
pub(crate) fn pointer_tokens(pointer: &str) -> Result<Vec<String>> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let rest = pointer.strip_prefix('/').ok_or(Error::Malformed("JSON Pointer must start with '/'"))?;
    rest.split('/').map(unescape_token).collect()
}

fn unescape_token(token: &str) -> Result<String> {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('0') => out.push('~'),
            Some('1') => out.push('/'),
            _ => return Err(Error::Malformed("invalid '~' escape in JSON Pointer")),
        }
    }
    Ok(out)
}

/// Whether `token` is an array index in its one canonical form (RFC 6901 section 4).
pub(crate) fn parse_index(token: &str) -> Option<usize> {
    let canonical = token == "0" || (!token.starts_with('0') && !token.is_empty());
    if canonical && token.bytes().all(|b| b.is_ascii_digit()) {
        token.parse().ok()
    } else {
        None
    }
}

/// Resolves pointer tokens against a document, returning the location's steps.
///
/// Returns `None` when some token names nothing (missing member, index out of range or not
/// canonical, or a scalar in the way).
pub(crate) fn resolve<'v>(root: &'v Value, tokens: &[String]) -> Option<(&'v Value, Vec<Step<'static>>)> {
    let mut node = root;
    let mut steps = Vec::with_capacity(tokens.len());
    for token in tokens {
        node = match node {
            Value::Object(map) => {
                steps.push(Step::Key(Cow::Owned(token.clone())));
                map.get(token)?
            }
            Value::Array(items) => {
                let index = parse_index(token)?;
                steps.push(Step::Index(index));
                items.get(index)?
            }
            _ => return None,
        };
    }
    Some((node, steps))
}

/// The node at a location, if present.
pub(crate) fn get<'v>(root: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    let mut node = root;
    for step in steps {
        node = match (node, step) {
            (Value::Object(map), Step::Key(key)) => map.get(key.as_ref())?,
            (Value::Array(items), Step::Index(index)) => items.get(*index)?,
            _ => return None,
        };
    }
    Some(node)
}

/// The mutable node at a location, if present.
pub(crate) fn get_mut<'v>(root: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    let mut node = root;
    for step in steps {
        node = match (node, step) {
            (Value::Object(map), Step::Key(key)) => map.get_mut(key.as_ref())?,
            (Value::Array(items), Step::Index(index)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointer_round_trip_and_escapes() {
        let steps = vec![Step::Key("a/b".into()), Step::Index(3), Step::Key("m~n".into())];
        let text = to_pointer(&steps);
        assert_eq!(text, "/a~1b/3/m~0n");
        assert_eq!(pointer_tokens(&text).unwrap(), ["a/b", "3", "m~n"]);
        assert!(pointer_tokens("a").is_err());
        assert!(pointer_tokens("/a~2").is_err());
        assert!(pointer_tokens("/a~").is_err());
        assert_eq!(pointer_tokens("/").unwrap(), [""]);
    }

    #[test]
    fn indices_are_canonical() {
        assert_eq!(parse_index("0"), Some(0));
        assert_eq!(parse_index("12"), Some(12));
        assert_eq!(parse_index("012"), None);
        assert_eq!(parse_index("-1"), None);
        assert_eq!(parse_index(""), None);
        assert_eq!(parse_index("1a"), None);
        for index in [0, 7, 10, 99, 100, 123_456, usize::MAX] {
            assert_eq!(to_pointer(&[Step::Index(index)]), format!("/{index}"));
            assert_eq!(parse_index(&to_pointer(&[Step::Index(index)])[1..]), Some(index));
        }
    }

    #[test]
    fn resolves_locations() {
        let doc = json!({"a": [{"b": 1}], "c/d": 2});
        let (value, steps) = resolve(&doc, &pointer_tokens("/a/0/b").unwrap()).unwrap();
        assert_eq!(value, &json!(1));
        assert_eq!(to_pointer(&steps), "/a/0/b");
        assert!(resolve(&doc, &pointer_tokens("/a/00/b").unwrap()).is_none());
        assert!(resolve(&doc, &pointer_tokens("/a/1").unwrap()).is_none());
        assert_eq!(resolve(&doc, &pointer_tokens("/c~1d").unwrap()).unwrap().0, &json!(2));
    }
}
