//! Fields of JSON pasted into a note (a FHIR resource from an exchange's notification, an API
//! response): `"postalCode": "53212"`, `"given": ["Ifeoma", "Grace"]`, `"birthDate":
//! "1958-03-04"`. The key says what the string value (or each string of a list of strings on
//! the key's line) holds, as a table's column name does ([`super::table::column_kind`]), with
//! the keys of FHIR's `HumanName` and `Address` (`family`, `given`, `line`, `city`,
//! `district`, `postalCode`) and `birthDate`. Other keys, numbers, objects and strings longer
//! than a field's are left to the other rules.

use super::table::{column_kind, take_cell, Spec};
use super::{Candidate, PhiKind};

/// Longest key read (FHIR's keys are short).
const MAX_KEY: usize = 24;

/// Longest string value read as one field.
const MAX_VALUE: usize = 120;

/// Most strings read from one list (`"given": [...]`, `"line": [...]`).
const MAX_ITEMS: usize = 8;

/// The class of the values of JSON key `key`, if it names an identifier.
fn key_kind(key: &str) -> Option<PhiKind> {
    match key {
        "family" | "given" => Some(PhiKind::Name),
        "line" | "city" | "district" => Some(PhiKind::Address),
        "postalCode" => Some(PhiKind::Zip),
        "birthDate" => Some(PhiKind::Date),
        _ => column_kind(key),
    }
}

/// The string starting at byte `q` (its opening quote) on its line: its contents' range.
fn string_at(bytes: &[u8], q: usize) -> Option<(usize, usize)> {
    if bytes.get(q) != Some(&b'"') {
        return None;
    }
    let from = q + 1;
    let len = bytes.get(from..)?.iter().take(MAX_VALUE + 1).position(|&b| b == b'"' || b == b'\n' || b == b'\\')?;
    (bytes.get(from + len) == Some(&b'"') && len > 0).then_some((from, from + len))
}

/// The first byte from `at` that is no space.
fn skip_spaces(bytes: &[u8], at: usize) -> usize {
    at + bytes.get(at..).map_or(0, |rest| rest.iter().take_while(|&&b| b == b' ').count())
}

/// Proposes the values of the identifier keys of JSON fields in `text`.
pub(crate) fn find_json_fields(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut from = 0;
    // Each `":` ends a key.
    while let Some(rel) = bytes.get(from..).and_then(|rest| rest.windows(2).position(|w| w == b"\":")) {
        let colon = from + rel + 1;
        from = colon + 1;
        let key_end = colon - 1;
        let Some(open) = bytes.get(..key_end).and_then(|b| b.iter().rposition(|&c| c == b'"')) else { continue };
        let key = text.get(open + 1..key_end).unwrap_or("");
        if key.is_empty() || key.len() > MAX_KEY || !key.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') {
            continue;
        }
        let Some(kind) = key_kind(key) else { continue };
        let spec = Spec::single(kind);
        let v = skip_spaces(bytes, colon + 1);
        if bytes.get(v) == Some(&b'[') {
            // A list of strings on the key's line.
            let mut q = v + 1;
            for _ in 0..MAX_ITEMS {
                let Some((s, e)) = string_at(bytes, skip_spaces(bytes, q)) else { break };
                take_cell(spec, text.get(s..e).unwrap_or(""), s, out);
                q = skip_spaces(bytes, e + 1);
                if bytes.get(q) != Some(&b',') {
                    break;
                }
                q += 1;
            }
        } else if let Some((s, e)) = string_at(bytes, v) {
            take_cell(spec, text.get(s..e).unwrap_or(""), s, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(PhiKind, &str)> {
        let mut out = Vec::new();
        find_json_fields(text, &mut out);
        out.iter().map(|c| (c.kind, text.get(c.start..c.end).unwrap_or("?"))).collect()
    }

    #[test]
    fn fhir_name_and_address_fields() {
        let text = r#"{ "use": "official", "family": "Nwachukwu-Baptiste", "given": ["Ifeoma", "Grace"] },
  { "use": "nickname", "given": ["Ify"] } ],
  "address": [ { "line": ["2718 N Bremen St", "Apt 3R"], "city": "Milwaukee", "state": "WI", "postalCode": "53212" } ],
  "birthDate": "1958-03-04", "gender": "female""#;
        assert_eq!(
            found(text),
            [
                (PhiKind::Name, "Nwachukwu-Baptiste"),
                (PhiKind::Name, "Ifeoma"),
                (PhiKind::Name, "Grace"),
                (PhiKind::Name, "Ify"),
                (PhiKind::Address, "2718 N Bremen St"),
                (PhiKind::Address, "Apt 3R"),
                (PhiKind::Address, "Milwaukee"),
                (PhiKind::Zip, "53212"),
                (PhiKind::Date, "1958-03-04"),
            ]
        );
    }

    #[test]
    fn other_keys_numbers_and_broken_strings_are_left() {
        for text in [
            r#""use": "official", "state": "WI", "gender": "female""#,
            r#""prefix": ["Dr"]"#,
            r#""postalCode": 53212"#,
            r#""city": "Milwau
kee""#,
            r#""given": ["#,
            r#"":"#,
            r#""city": """#,
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
