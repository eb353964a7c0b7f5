//! Strict JSON input (RFC 8259) for records, policies and sealed records.
//!
//! `serde_json` and `JSON.parse` silently keep the last of two equal object keys and parse
//! recursively. Records are untrusted, so phiseal parses them with this small iterative parser:
//!
//! - nesting deeper than [`MAX_DEPTH`] is an error, with no recursion at all (no stack overflow,
//!   which in WebAssembly would be a trap);
//! - a repeated object key is an error (RFC 8259 section 4 leaves it undefined);
//! - lone UTF-16 surrogate escapes (`"\ud800"`) are an error (they are not Unicode text);
//! - numbers are kept exactly as written (`serde_json`'s `arbitrary_precision`): `2^53 + 1`,
//!   `1e400` and `-0` survive unchanged, nothing is rounded;
//! - documented size limits ([`MAX_DOCUMENT_BYTES`], [`MAX_STRING_BYTES`], [`MAX_CONTAINER_LEN`],
//!   [`MAX_VALUES`], [`MAX_NUMBER_CHARS`]) are checked while reading, before anything large is
//!   allocated.
//!
//! Invalid UTF-8 is rejected by [`parse_bytes`]. Errors say what was wrong, never where or what
//! the text was.

use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};
use crate::records::json_string::read_string;

pub use crate::records::json_limits::check_limits;

/// Largest accepted document, in bytes of UTF-8 (16 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;
/// Deepest accepted nesting of arrays and objects (`[]` has depth 1, a scalar depth 0).
pub const MAX_DEPTH: usize = 128;
/// Largest decoded string (object key or value), in bytes of UTF-8 (1 MiB).
pub const MAX_STRING_BYTES: usize = 1 << 20;
/// Most members of one object or elements of one array.
pub const MAX_CONTAINER_LEN: usize = 100_000;
/// Most values (scalars and containers) in one document.
pub const MAX_VALUES: usize = 1_000_000;
/// Longest number literal, in characters.
pub const MAX_NUMBER_CHARS: usize = 256;

/// Parses UTF-8 bytes as one strict JSON document.
///
/// # Errors
/// [`Error::Malformed`] for invalid UTF-8 or any violation listed in the module docs;
/// [`Error::LimitExceeded`] when a limit is exceeded.
pub fn parse_bytes(bytes: &[u8]) -> Result<Value> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::LimitExceeded("JSON document size"));
    }
    let text = core::str::from_utf8(bytes).map_err(|_| Error::Malformed("JSON is not UTF-8"))?;
    parse(text)
}

/// Parses text as one strict JSON document.
///
/// # Errors
/// [`Error::Malformed`] for any violation listed in the module docs; [`Error::LimitExceeded`]
/// when a limit is exceeded.
pub fn parse(text: &str) -> Result<Value> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::LimitExceeded("JSON document size"));
    }
    Parser { text, pos: 0, values: 0, stack: Vec::new() }.document()
}

/// An array or object still being read.
enum Frame {
    Array(Vec<Value>),
    Object { map: Map<String, Value>, key: String },
}

/// What reading the start of a value produced.
enum Start {
    Complete(Value),
    Opened,
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    values: usize,
    stack: Vec<Frame>,
}

impl Parser<'_> {
    fn document(mut self) -> Result<Value> {
        loop {
            self.skip_whitespace();
            let mut value = match self.start_value()? {
                Start::Opened => continue,
                Start::Complete(value) => value,
            };
            // Attach the finished value to its parents, closing containers as they end.
            loop {
                if self.stack.is_empty() {
                    return self.finish(value);
                }
                match self.attach(value)? {
                    Some(closed) => value = closed,
                    None => break,
                }
            }
        }
    }

    /// Reads the start of a value: a whole scalar or empty container, or an opened container.
    fn start_value(&mut self) -> Result<Start> {
        self.count_value()?;
        match self.peek() {
            Some(b'{') | Some(b'[') => self.open_container(),
            Some(b'"') => Ok(Start::Complete(Value::String(self.string()?))),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => Ok(Start::Complete(Value::Number(self.number()?))),
            Some(_) => Err(Error::Malformed("unexpected character in JSON")),
            None => Err(Error::Malformed("JSON ended early")),
        }
    }

    fn open_container(&mut self) -> Result<Start> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Error::LimitExceeded("JSON nesting depth"));
        }
        let is_object = self.peek() == Some(b'{');
        self.pos += 1;
        self.skip_whitespace();
        if is_object {
            if self.eat(b'}') {
                return Ok(Start::Complete(Value::Object(Map::new())));
            }
            let key = self.member_key()?;
            self.stack.push(Frame::Object { map: Map::new(), key });
        } else {
            if self.eat(b']') {
                return Ok(Start::Complete(Value::Array(Vec::new())));
            }
            self.stack.push(Frame::Array(Vec::new()));
        }
        Ok(Start::Opened)
    }

    /// Stores `value` in the innermost container. Returns the container when it just closed,
    /// `None` when another value follows (or when `value` is the whole document).
    fn attach(&mut self, value: Value) -> Result<Option<Value>> {
        let Some(frame) = self.stack.last_mut() else {
            return Err(Error::Malformed("unbalanced JSON"));
        };
        let len = match frame {
            Frame::Array(items) => {
                items.push(value);
                items.len()
            }
            // One look-up finds a duplicate and the place of a new key.
            Frame::Object { map, key } => match map.entry(core::mem::take(key)) {
                Entry::Occupied(_) => return Err(Error::Malformed("duplicate key in JSON object")),
                Entry::Vacant(slot) => {
                    slot.insert(value);
                    map.len()
                }
            },
        };
        if len > MAX_CONTAINER_LEN {
            return Err(Error::LimitExceeded("JSON array or object length"));
        }
        self.after_member()
    }

    /// After a member: `,` continues the container, its closing bracket ends it.
    fn after_member(&mut self) -> Result<Option<Value>> {
        self.skip_whitespace();
        let in_object = matches!(self.stack.last(), Some(Frame::Object { .. }));
        let close = if in_object { b'}' } else { b']' };
        if self.eat(b',') {
            if in_object {
                self.skip_whitespace();
                let next_key = self.member_key()?;
                if let Some(Frame::Object { key, .. }) = self.stack.last_mut() {
                    *key = next_key;
                }
            }
            return Ok(None);
        }
        if !self.eat(close) {
            return Err(Error::Malformed("expected ',' or a closing bracket in JSON"));
        }
        match self.stack.pop() {
            Some(Frame::Array(items)) => Ok(Some(Value::Array(items))),
            Some(Frame::Object { map, .. }) => Ok(Some(Value::Object(map))),
            None => Err(Error::Malformed("unbalanced JSON")),
        }
    }

    /// Checks that only whitespace follows the document and returns it.
    fn finish(mut self, document: Value) -> Result<Value> {
        self.skip_whitespace();
        if self.pos != self.text.len() {
            return Err(Error::Malformed("trailing characters after JSON"));
        }
        Ok(document)
    }

    fn member_key(&mut self) -> Result<String> {
        if self.peek() != Some(b'"') {
            return Err(Error::Malformed("expected a string key in JSON object"));
        }
        let key = self.string()?;
        self.skip_whitespace();
        if !self.eat(b':') {
            return Err(Error::Malformed("expected ':' in JSON object"));
        }
        Ok(key)
    }

    fn count_value(&mut self) -> Result<()> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(Error::LimitExceeded("JSON value count"));
        }
        Ok(())
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Start> {
        if !self.rest().starts_with(word.as_bytes()) {
            return Err(Error::Malformed("invalid JSON literal"));
        }
        self.pos += word.len();
        Ok(Start::Complete(value))
    }

    /// A number per RFC 8259 section 6, kept exactly: digits are never changed or rounded. The
    /// one normalization is the exponent marker, always written `e` with an explicit sign
    /// (`1E400` becomes `1e+400`), which is how `serde_json` prints it.
    fn number(&mut self) -> Result<Number> {
        let start = self.pos;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Error::Malformed("invalid JSON number")),
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(Error::Malformed("invalid JSON number"));
        }
        let mantissa = self.text.get(start..self.pos).ok_or(Error::Malformed("invalid JSON number"))?;
        let mut literal = mantissa.to_owned();
        if self.eat(b'e') || self.eat(b'E') {
            let sign = if self.eat(b'-') {
                '-'
            } else {
                self.eat(b'+');
                '+'
            };
            let digits_start = self.pos;
            if self.digits() == 0 {
                return Err(Error::Malformed("invalid JSON number"));
            }
            let digits = self.text.get(digits_start..self.pos).ok_or(Error::Malformed("invalid JSON number"))?;
            literal.push('e');
            literal.push(sign);
            literal.push_str(digits);
        }
        if self.pos - start > MAX_NUMBER_CHARS {
            return Err(Error::LimitExceeded("JSON number length"));
        }
        literal.parse::<Number>().map_err(|_| Error::Malformed("invalid JSON number"))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn rest(&self) -> &[u8] {
        self.text.as_bytes().get(self.pos..).unwrap_or_default()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let matched = self.peek() == Some(byte);
        if matched {
            self.pos += 1;
        }
        matched
    }

    fn string(&mut self) -> Result<String> {
        read_string(self.text, &mut self.pos)
    }
}
