//! Canonical JSON text, the form the manifest MAC and the legend hash are computed over
//! (docs/RECORDS.md, "Canonical JSON").
//!
//! No white space; object members sorted by the UTF-8 bytes of their names; strings written as
//! `serde_json` writes them (`"` `\` and U+0000..U+001F escaped: `\b \f \n \r \t` by name, the
//! rest as `\u00xx` with lower-case hex; everything else as raw UTF-8); numbers written as the
//! strict parser keeps them (digits unchanged, exponent as `e` with a sign). A server that
//! re-serializes a sealed record (e.g. a JSONB column that reorders members) therefore does not
//! break its authentication.

use core::fmt::Write as _;

use serde_json::Value;

/// The canonical text of `value`.
pub(crate) fn to_canonical(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// Appends the canonical text of `value` to `out`.
pub(crate) fn write(value: &Value, out: &mut String) {
    write_json(value, MemberOrder::Sorted, out);
}

/// Appends the compact JSON text of `value` with its members in their own order: the text
/// `serde_json::to_string` writes (the sealed record's text, `records::sealed_text`).
pub(crate) fn write_compact(value: &Value, out: &mut String) {
    write_json(value, MemberOrder::AsIs, out);
}

/// The order object members are written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MemberOrder {
    /// By the UTF-8 bytes of their names (canonical).
    Sorted,
    /// As they stand in the object.
    AsIs,
}

fn write_json(value: &Value, order: MemberOrder, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => out.push_str(&number.to_string()),
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_json(item, order, out);
            }
            out.push(']');
        }
        Value::Object(map) if order == MemberOrder::Sorted => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            write_members(members.into_iter(), order, out);
        }
        Value::Object(map) => write_members(map.iter(), order, out),
    }
}

/// Appends `{"name":value,...}` for `members` in the order given.
fn write_members<'v>(members: impl Iterator<Item = (&'v String, &'v Value)>, order: MemberOrder, out: &mut String) {
    out.push('{');
    for (index, (name, member)) in members.enumerate() {
        if index > 0 {
            out.push(',');
        }
        write_string(name, out);
        out.push(':');
        write_json(member, order, out);
    }
    out.push('}');
}

/// Appends the canonical text of a string. Runs of bytes that need no escape are copied whole
/// (the strings of a sealed record are mostly base64url ciphertext).
pub(crate) fn write_string(text: &str, out: &mut String) {
    out.reserve(text.len() + 2);
    out.push('"');
    let mut rest = text;
    while let Some(at) = first_escape(rest.as_bytes()) {
        // `at` is an ASCII byte, so a character boundary.
        let Some((plain, escaped)) = rest.split_at_checked(at) else { break };
        out.push_str(plain);
        let mut chars = escaped.chars();
        if let Some(c) = chars.next() {
            push_escape(c, out);
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out.push('"');
}

fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The first byte that needs an escape, tested 8 bytes at a time as one 64-bit word (no SIMD
/// in WebAssembly, where byte-by-byte tests cost most: the strings are mostly base64url).
fn first_escape(bytes: &[u8]) -> Option<usize> {
    let mut offset = 0;
    let mut words = bytes.chunks_exact(8);
    for word in words.by_ref() {
        if word.try_into().is_ok_and(|word| may_need_escape(u64::from_le_bytes(word))) {
            break;
        }
        offset += 8;
    }
    bytes.get(offset..)?.iter().position(|&byte| needs_escape(byte)).map(|at| offset + at)
}

/// Whether any byte of `word` is below 0x20, `"` or `\`: exact for the word as a whole
/// (the classic "has a zero byte" / "has a byte less than n" tests, n <= 128).
fn may_need_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0;
    below_space || has_zero(word ^ (ONES * u64::from(b'"'))) || has_zero(word ^ (ONES * u64::from(b'\\')))
}

fn push_escape(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorted_compact_and_escaped_like_serde_json() {
        let value =
            crate::records::json::parse(r#"{"b": [1, 1e400, "x\u0001\n\"é"], "a": {"z": null, "y": true}}"#).unwrap();
        assert_eq!(to_canonical(&value), r#"{"a":{"y":true,"z":null},"b":[1,1e+400,"x\u0001\n\"é"]}"#);
        let text = "\u{0}\u{1f}\u{7f}\\/";
        assert_eq!(to_canonical(&json!(text)), serde_json::to_string(text).unwrap());
        let long = format!("{}\"{}é\n{}", "a".repeat(15), "b".repeat(17), "\\".repeat(3));
        for cut in 0..long.len() {
            if let Some(text) = long.get(cut..) {
                assert_eq!(to_canonical(&json!(text)), serde_json::to_string(text).unwrap());
            }
        }
    }

    #[test]
    fn the_word_at_a_time_scan_finds_the_first_escape() {
        let reference = |bytes: &[u8]| bytes.iter().position(|&byte| needs_escape(byte));
        for byte in 0..=255u8 {
            for at in 0..19 {
                let mut bytes = [b'a'; 19];
                bytes[at] = byte;
                assert_eq!(first_escape(&bytes), reference(&bytes), "byte {byte:#x} at {at}");
                bytes[18] = b'"';
                assert_eq!(first_escape(&bytes), reference(&bytes), "byte {byte:#x} at {at}, quote last");
            }
            // Neighbours that would borrow or carry into the tested byte.
            let bytes = [0xff, byte, 0x00, 0x80, byte, 0x21, 0x5d, 0x23, byte];
            assert_eq!(first_escape(&bytes), reference(&bytes));
        }
        assert_eq!(first_escape(b""), None);
    }
}
