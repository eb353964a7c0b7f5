//! Path selectors of a record policy (docs/RECORDS.md, "Selectors").
//!
//! Two forms:
//! - **JSON Pointer** (RFC 6901) with wildcards: `/name/*/given`. Each reference token matches
//!   one step: a member name, or an array index written in decimal. A token that is exactly `*`
//!   matches any one step (so a member literally named `*` is only reachable by a wildcard).
//! - **FHIR element path**: `Patient.telecom.value`, `Observation.value[x]`. The first part is
//!   matched against the record's `resourceType`; the rest against the member names on the way
//!   down, skipping array indices, so `Patient.name.given` matches `/name/0/given` and
//!   `/name/3/given`. A part `value[x]` matches a FHIR choice element (`valueQuantity`,
//!   `valueString`, ...: the prefix followed by an upper-case letter); a part `*` matches any
//!   member name. A FHIR selector always selects an object member, never an array element.

use crate::error::{Error, Result};
use crate::records::path::{self, Step};

/// Most parts in one selector.
pub const MAX_SELECTOR_PARTS: usize = 64;

/// A parsed selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Selector {
    Pointer(Vec<Token>),
    Fhir { resource_type: String, elements: Vec<Element> },
}

/// One token of a pointer selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    Literal(String),
    Any,
}

/// One part of a FHIR element path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Element {
    Name(String),
    Choice(String),
    Any,
}

impl Selector {
    /// Parses selector text. The error text never repeats the selector (it may come from a
    /// policy file that the caller logs).
    pub(crate) fn parse(text: &str) -> Result<Self, &'static str> {
        if text.starts_with('/') {
            parse_pointer(text)
        } else {
            parse_fhir(text)
        }
    }

    /// Whether the node at `location` is selected, in a record whose `resourceType` is
    /// `resource_type`.
    pub(crate) fn matches(&self, location: &[Step], resource_type: Option<&str>) -> bool {
        match self {
            Selector::Pointer(tokens) => {
                tokens.len() == location.len()
                    && tokens.iter().zip(location).all(|(token, step)| token_matches(token, step))
            }
            Selector::Fhir { resource_type: wanted, elements } => {
                resource_type == Some(wanted.as_str())
                    && matches!(location.last(), Some(Step::Key(_)))
                    && elements_match(elements, location, true)
            }
        }
    }

    /// Whether some node strictly below `location` could be selected.
    pub(crate) fn may_match_below(&self, location: &[Step], resource_type: Option<&str>) -> bool {
        match self {
            Selector::Pointer(tokens) => {
                tokens.len() > location.len()
                    && tokens.iter().zip(location).all(|(token, step)| token_matches(token, step))
            }
            Selector::Fhir { resource_type: wanted, elements } => {
                resource_type == Some(wanted.as_str()) && elements_match(elements, location, false)
            }
        }
    }
}

fn token_matches(token: &Token, step: &Step) -> bool {
    match (token, step) {
        (Token::Any, _) => true,
        (Token::Literal(literal), Step::Key(key)) => literal == key.as_ref(),
        (Token::Literal(literal), Step::Index(index)) => path::parse_index(literal) == Some(*index),
    }
}

/// Compares the member names of `location` with `elements`: all of them (`whole`) or a strict
/// prefix of them.
fn elements_match(elements: &[Element], location: &[Step], whole: bool) -> bool {
    let mut keys = location.iter().filter_map(|step| match step {
        Step::Key(key) => Some(key.as_ref()),
        Step::Index(_) => None,
    });
    let mut elements = elements.iter();
    loop {
        match (elements.next(), keys.next()) {
            (Some(element), Some(key)) if element_matches(element, key) => continue,
            (Some(_), Some(_)) => return false,
            // More elements than member names: a strict prefix.
            (Some(_), None) => return !whole,
            (None, None) => return whole,
            (None, Some(_)) => return false,
        }
    }
}

fn element_matches(element: &Element, key: &str) -> bool {
    match element {
        Element::Any => true,
        Element::Name(name) => name == key,
        Element::Choice(prefix) => key
            .strip_prefix(prefix.as_str())
            .and_then(|rest| rest.chars().next())
            .is_some_and(|first| first.is_ascii_uppercase()),
    }
}

fn parse_pointer(text: &str) -> Result<Selector, &'static str> {
    let tokens = path::pointer_tokens(text).map_err(|_| "invalid '~' escape in JSON Pointer selector")?;
    if tokens.len() > MAX_SELECTOR_PARTS {
        return Err("selector has too many parts");
    }
    let tokens =
        tokens.into_iter().map(|token| if token == "*" { Token::Any } else { Token::Literal(token) }).collect();
    Ok(Selector::Pointer(tokens))
}

fn parse_fhir(text: &str) -> Result<Selector, &'static str> {
    let mut parts = text.split('.');
    let resource_type = parts.next().unwrap_or_default();
    let type_ok = resource_type.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && resource_type.chars().all(|c| c.is_ascii_alphanumeric());
    if !type_ok {
        return Err("selector is neither a JSON Pointer ('/...') nor a FHIR path ('Type.element')");
    }
    let elements = parts.map(parse_element).collect::<Result<Vec<_>, _>>()?;
    if elements.is_empty() {
        return Err("FHIR path selector names no element");
    }
    if elements.len() > MAX_SELECTOR_PARTS {
        return Err("selector has too many parts");
    }
    Ok(Selector::Fhir { resource_type: resource_type.to_owned(), elements })
}

fn parse_element(part: &str) -> Result<Element, &'static str> {
    if part == "*" {
        return Ok(Element::Any);
    }
    let (name, choice) = match part.strip_suffix("[x]") {
        Some(prefix) => (prefix, true),
        None => (part, false),
    };
    let name_ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !name_ok {
        return Err("invalid element name in FHIR path selector");
    }
    Ok(if choice { Element::Choice(name.to_owned()) } else { Element::Name(name.to_owned()) })
}

/// The error for a selector that fails to parse, naming the rule.
pub(crate) fn invalid(rule: usize, why: &str) -> Error {
    Error::InvalidPolicy(format!("rule {rule}: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(pointer: &str) -> Vec<Step<'static>> {
        path::pointer_tokens(pointer)
            .unwrap()
            .into_iter()
            .map(|t| match path::parse_index(&t) {
                Some(i) => Step::Index(i),
                None => Step::Key(t.into()),
            })
            .collect()
    }

    #[test]
    fn pointer_wildcards() {
        let s = Selector::parse("/name/*/given").unwrap();
        assert!(s.matches(&at("/name/0/given"), None));
        assert!(s.matches(&at("/name/7/given"), Some("Patient")));
        assert!(!s.matches(&at("/name/0/family"), None));
        assert!(!s.matches(&at("/name/0/given/0"), None));
        assert!(s.may_match_below(&at("/name/0"), None));
        assert!(!s.may_match_below(&at("/name/0/given"), None));
        assert!(!s.may_match_below(&at("/telecom"), None));
        let escaped = Selector::parse("/a~1b/~0").unwrap();
        assert!(escaped.matches(&[Step::Key("a/b".into()), Step::Key("~".into())], None));
    }

    #[test]
    fn fhir_paths_skip_indices_and_check_type() {
        let s = Selector::parse("Patient.name.given").unwrap();
        assert!(s.matches(&at("/name/0/given"), Some("Patient")));
        assert!(!s.matches(&at("/name/0/given/1"), Some("Patient")), "selects the member, not elements");
        assert!(!s.matches(&at("/name/0/given"), Some("Practitioner")));
        assert!(!s.matches(&at("/name/0/given"), None));
        assert!(s.may_match_below(&at("/name/0"), Some("Patient")));
        assert!(!s.may_match_below(&at("/name/0/given"), Some("Patient")));
    }

    #[test]
    fn fhir_choice_and_wildcard() {
        let s = Selector::parse("Observation.value[x]").unwrap();
        assert!(s.matches(&at("/valueQuantity"), Some("Observation")));
        assert!(s.matches(&at("/valueString"), Some("Observation")));
        assert!(!s.matches(&at("/value"), Some("Observation")));
        assert!(!s.matches(&at("/valueset"), Some("Observation")));
        let any = Selector::parse("Patient.*").unwrap();
        assert!(any.matches(&at("/gender"), Some("Patient")));
    }

    #[test]
    fn syntax_errors() {
        for bad in [
            "",
            "name.given",
            "Patient",
            "Patient.",
            "Patient..x",
            "Patient.na-me",
            "/a~2",
            "patient.name",
            "Patient.1x",
            "Patient.value[y]",
        ] {
            assert!(Selector::parse(bad).is_err(), "{bad:?}");
        }
        let long = format!("/{}", vec!["a"; MAX_SELECTOR_PARTS + 1].join("/"));
        assert!(Selector::parse(&long).is_err());
    }
}
