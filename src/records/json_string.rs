//! JSON string literals (RFC 8259 section 7) for the strict parser in `json.rs`.
//!
//! Unescaped control characters, unknown escapes and lone UTF-16 surrogates are rejected:
//! `"\ud800"` and `"\udc00"` name no Unicode scalar value, and accepting them would force a
//! silent replacement by U+FFFD somewhere (as JS-to-Rust string conversion does), changing the
//! record. A surrogate pair (`"\ud83d\ude00"`) is decoded to its one scalar value.

use crate::error::{Error, Result};
use crate::records::json::MAX_STRING_BYTES;

/// Reads the string literal starting at `*pos` (which must be a `"`), advancing `*pos` past
/// its closing quote.
///
/// # Errors
/// [`Error::Malformed`] for a malformed literal; [`Error::LimitExceeded`] beyond
/// [`MAX_STRING_BYTES`].
pub(crate) fn read_string(text: &str, pos: &mut usize) -> Result<String> {
    let bytes = text.as_bytes();
    if bytes.get(*pos) != Some(&b'"') {
        return Err(Error::Malformed("expected a JSON string"));
    }
    *pos += 1;
    let mut out = String::new();
    loop {
        let run_start = *pos;
        while matches!(bytes.get(*pos), Some(&b) if b != b'"' && b != b'\\' && b >= 0x20) {
            *pos += 1;
        }
        // The run ends at an ASCII byte or the end, so both ends are char boundaries.
        let run = text.get(run_start..*pos).ok_or(Error::Malformed("invalid JSON string"))?;
        push_checked(&mut out, run)?;
        match bytes.get(*pos) {
            Some(b'"') => {
                *pos += 1;
                return Ok(out);
            }
            Some(b'\\') => {
                *pos += 1;
                let decoded = escape(bytes, pos)?;
                push_checked(&mut out, decoded.encode_utf8(&mut [0u8; 4]))?;
            }
            Some(_) => return Err(Error::Malformed("control character in JSON string")),
            None => return Err(Error::Malformed("unterminated JSON string")),
        }
    }
}

fn push_checked(out: &mut String, piece: &str) -> Result<()> {
    if out.len() + piece.len() > MAX_STRING_BYTES {
        return Err(Error::LimitExceeded("JSON string length"));
    }
    out.push_str(piece);
    Ok(())
}

/// Decodes the escape after a backslash at `*pos`.
fn escape(bytes: &[u8], pos: &mut usize) -> Result<char> {
    let letter = bytes.get(*pos).copied().ok_or(Error::Malformed("unterminated JSON string"))?;
    *pos += 1;
    Ok(match letter {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => return unicode_escape(bytes, pos),
        _ => return Err(Error::Malformed("invalid escape in JSON string")),
    })
}

/// Decodes `XXXX` (after `\u`), joining a high surrogate with the `\uXXXX` low surrogate that
/// must follow it.
fn unicode_escape(bytes: &[u8], pos: &mut usize) -> Result<char> {
    let first = hex4(bytes, pos)?;
    let scalar = match first {
        0xD800..=0xDBFF => {
            if bytes.get(*pos..*pos + 2) != Some(b"\\u".as_slice()) {
                return Err(Error::Malformed("lone surrogate in JSON string"));
            }
            *pos += 2;
            let second = hex4(bytes, pos)?;
            if !(0xDC00..=0xDFFF).contains(&second) {
                return Err(Error::Malformed("lone surrogate in JSON string"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        }
        0xDC00..=0xDFFF => return Err(Error::Malformed("lone surrogate in JSON string")),
        other => other,
    };
    char::from_u32(scalar).ok_or(Error::Malformed("invalid escape in JSON string"))
}

fn hex4(bytes: &[u8], pos: &mut usize) -> Result<u32> {
    let digits = bytes.get(*pos..*pos + 4).ok_or(Error::Malformed("invalid escape in JSON string"))?;
    let mut value = 0u32;
    for &digit in digits {
        let nibble = (digit as char).to_digit(16).ok_or(Error::Malformed("invalid escape in JSON string"))?;
        value = value * 16 + nibble;
    }
    *pos += 4;
    Ok(value)
}
