//! The value-level actions of the profile: dates, birth dates, ages, ZIPs, references,
//! identifiers, narratives, extensions and attachments.

use super::keyed::{civil_from_days, days_from_civil};
use super::profile::{Action, ADDRESS};
use super::walker::Walker;
use crate::deid::zip3;
use crate::Result;
use base64ct::{Base64, Encoding};
use serde_json::{json, Map, Value};

/// URL of the extension that carries the "90 or older" group in place of a removed birthDate.
pub const AGE_GROUP_EXTENSION_URL: &str = "https://phiseal.dev/fhir/StructureDefinition/deid-age-group";

/// Copies a value, dropping `id`, `extension` and `modifierExtension` at every level.
pub(crate) fn data(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "id" | "extension" | "modifierExtension") && !k.starts_with('_'))
                .map(|(k, v)| (k.clone(), data(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(data).collect()),
        other => other.clone(),
    }
}

pub(crate) fn id(w: &mut Walker<'_>, v: &Value, rtype: &str, path: &str) -> Option<Value> {
    let s = v.as_str()?;
    w.report
        .note(path, if w.opts.pseudonym_key_not_safe_harbor.is_some() { "keyed-pseudonym" } else { "surrogate-id" });
    Some(Value::String(w.surrogate(&format!("{rtype}/{s}"))))
}

/// Identifier arrays: removed, or (NOT Safe Harbor) `{system, value: pseudonym}`.
pub(crate) fn identifiers(w: &mut Walker<'_>, v: &Value, path: &str) -> Option<Value> {
    let Some(key) = w.opts.pseudonym_key_not_safe_harbor.clone() else {
        w.report.note(path, "removed");
        return None;
    };
    let items: Vec<Value> = v.as_array().map_or_else(|| vec![v.clone()], Clone::clone);
    let out: Vec<Value> = items
        .iter()
        .filter_map(|i| {
            let system = i.get("system").and_then(Value::as_str).unwrap_or("");
            let value = i.get("value").and_then(Value::as_str)?;
            let p = key.pseudonym("phiseal deid identifier v1", &format!("{system}|{value}"));
            Some(if system.is_empty() { json!({ "value": p }) } else { json!({ "system": system, "value": p }) })
        })
        .collect();
    w.report.note(path, "keyed-pseudonym");
    (!out.is_empty()).then_some(Value::Array(out))
}

/// `YYYY-MM-DD...` → (year, month, day, rest after the date).
fn parse_date(s: &str) -> Option<(i64, u32, u32, &str)> {
    let y = s.get(..4)?.parse::<i64>().ok()?;
    if s.get(4..5)? != "-" || s.get(7..8)? != "-" {
        return None;
    }
    let m = s.get(5..7)?.parse::<u32>().ok()?;
    let d = s.get(8..10)?.parse::<u32>().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d, s.get(10..)?))
}

fn year_of(s: &str) -> Option<&str> {
    let y = s.get(..4)?;
    y.bytes().all(|b| b.is_ascii_digit()).then_some(y)
}

fn shifted(s: &str, offset: i64) -> Option<String> {
    let (y, m, d, rest) = parse_date(s)?;
    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) + offset);
    Some(format!("{y:04}-{m:02}-{d:02}{rest}"))
}

/// The options outside Safe Harbor that keep a date's detail: kept as is (limited data set)
/// or shifted by the patient's keyed offset. `None` when neither applies.
fn kept_or_shifted(w: &mut Walker<'_>, v: &Value, s: &str, path: &str) -> Option<Value> {
    if w.opts.limited() {
        w.report.note(path, "kept-limited-data-set");
        return Some(v.clone());
    }
    let out = shifted(s, w.day_offset?)?;
    w.report.note(path, "keyed-date-shift");
    Some(Value::String(out))
}

/// date/dateTime: year only; shifted (NOT Safe Harbor); kept (limited data set).
pub(crate) fn date(w: &mut Walker<'_>, v: &Value, path: &str) -> Option<Value> {
    let s = v.as_str()?;
    if let Some(kept) = kept_or_shifted(w, v, s, path) {
        return Some(kept);
    }
    let Some(year) = year_of(s) else {
        w.report.note(path, "removed");
        return None;
    };
    w.report.note(path, "year-only");
    Some(Value::String(year.to_owned()))
}

/// instant: an instant needs a full timestamp, so Safe Harbor removes it.
pub(crate) fn instant(w: &mut Walker<'_>, v: &Value, path: &str) -> Option<Value> {
    let s = v.as_str()?;
    if let Some(kept) = kept_or_shifted(w, v, s, path) {
        return Some(kept);
    }
    w.report.note(path, "removed");
    None
}

/// Age in years implied by a birth year, if a reference year is known.
fn implied_age(w: &Walker<'_>, s: &str) -> Option<i64> {
    let born: i64 = year_of(s)?.parse().ok()?;
    Some(i64::from(w.opts.reference_year?) - born)
}

/// birthDate: year only if the reference year shows an age of 89 or less; otherwise removed
/// (and marked "90 or older" when the age is known to be over 89).
pub(crate) fn birth_date(w: &mut Walker<'_>, v: &Value, path: &str) -> Option<Value> {
    let s = v.as_str()?;
    match implied_age(w, s) {
        Some(age) if age > 89 => {
            w.report.note(path, "removed-age-90-or-older");
            None
        }
        Some(_) if w.opts.limited() => {
            w.report.note(path, "kept-limited-data-set");
            Some(v.clone())
        }
        Some(_) => date(w, v, path),
        None => {
            w.report.note(path, "removed-no-reference-year");
            None
        }
    }
}

/// Adds `_birthDate` with the "90 or older" group where the birth date implied it.
pub(crate) fn birth_group(w: &mut Walker<'_>, input: &Map<String, Value>, out: &mut Map<String, Value>, path: &str) {
    let already = input
        .get("_birthDate")
        .and_then(|b| b.get("extension"))
        .and_then(|e| e.get(0))
        .and_then(|e| e.get("url"))
        .and_then(Value::as_str)
        == Some(AGE_GROUP_EXTENSION_URL);
    let implied =
        input.get("birthDate").and_then(Value::as_str).is_some_and(|s| implied_age(w, s).is_some_and(|a| a > 89));
    if implied || already {
        out.insert(
            "_birthDate".to_owned(),
            json!({ "extension": [{ "url": AGE_GROUP_EXTENSION_URL, "valueString": "90 or older" }] }),
        );
        w.report.note(&format!("{path}._birthDate"), "age-group-90-or-older");
    }
}

/// Age quantity: 90 years or more becomes `{value: 90, comparator: ">="}`.
pub(crate) fn age(w: &mut Walker<'_>, v: &Value, path: &str) -> Option<Value> {
    let value = v.get("value").and_then(Value::as_f64)?;
    let unit = v.get("code").or_else(|| v.get("unit")).and_then(Value::as_str).unwrap_or("a");
    let years = match unit.to_ascii_lowercase().chars().next() {
        Some('m') if unit.starts_with("mo") || unit == "mo" => value / 12.0,
        Some('w') => value / 52.0,
        Some('d') => value / 365.0,
        _ => value,
    };
    if years >= 90.0 {
        w.report.note(path, "age-90-or-older");
        return Some(
            json!({ "value": 90, "comparator": ">=", "unit": "years", "system": "http://unitsofmeasure.org", "code": "a" }),
        );
    }
    Some(data(v))
}

pub(crate) fn zip(w: &mut Walker<'_>, v: &Value, path: &str) -> Option<Value> {
    let s = v.as_str()?;
    if w.opts.limited() {
        w.report.note(path, "kept-limited-data-set");
        return Some(v.clone());
    }
    // An already generalised 3-digit value is checked again, so de-identifying twice is stable.
    let z = if s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()) {
        if crate::deid::zip3_is_allowed(s) {
            s.to_owned()
        } else {
            "000".to_owned()
        }
    } else {
        zip3(s)
    };
    w.report.note(path, if z == "000" { "zip-000" } else { "zip3" });
    Some(Value::String(z))
}

pub(crate) fn city(w: &mut Walker<'_>, v: &Value, path: &str) -> Option<Value> {
    if w.opts.limited() {
        w.report.note(path, "kept-limited-data-set");
        return Some(v.clone());
    }
    w.report.note(path, "removed");
    None
}

/// `Type/id[/_history/n]` → `Type/<surrogate>`; `urn:uuid:x` → surrogate uuid; `#x` kept.
fn rewrite_reference(w: &mut Walker<'_>, r: &str) -> Option<String> {
    if r.starts_with('#') {
        return Some(r.to_owned());
    }
    if let Some(u) = r.strip_prefix("urn:uuid:") {
        return Some(surrogate_uuid(w, u));
    }
    let trimmed = r.split("/_history/").next().unwrap_or(r);
    let mut parts = trimmed.rsplit('/');
    let (id, rtype) = (parts.next()?, parts.next()?);
    let known = super::profile::RESOURCES.iter().map(|(t, _)| *t).chain([
        "Practitioner",
        "PractitionerRole",
        "Organization",
        "Location",
        "Device",
        "Medication",
        "Specimen",
        "Group",
    ]);
    let rtype = known.into_iter().find(|t| *t == rtype)?;
    Some(format!("{rtype}/{}", w.surrogate(&format!("{rtype}/{id}"))))
}

fn surrogate_uuid(w: &mut Walker<'_>, u: &str) -> String {
    let s = w.surrogate(&format!("urn:uuid:{u}"));
    let hex: String =
        s.bytes().flat_map(|b| [b >> 4, b & 15]).map(|n| char::from_digit(u32::from(n), 16).unwrap_or('0')).collect();
    let h = format!("{hex:0>32}");
    let h = h.get(h.len() - 32..).unwrap_or("");
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        h.get(..8).unwrap_or(""),
        h.get(8..12).unwrap_or(""),
        h.get(12..16).unwrap_or(""),
        h.get(16..20).unwrap_or(""),
        h.get(20..).unwrap_or("")
    )
}

/// Reference: `reference` rewritten, `type` kept, `display` and `identifier` removed.
pub(crate) fn reference(w: &mut Walker<'_>, v: &Value, path: &str) -> Option<Value> {
    let map = v.as_object()?;
    let mut out = Map::new();
    if let Some(r) = map.get("reference").and_then(Value::as_str) {
        match rewrite_reference(w, r) {
            Some(n) => {
                w.report.note(&format!("{path}.reference"), "surrogate-reference");
                out.insert("reference".to_owned(), Value::String(n));
            }
            None => w.report.note(&format!("{path}.reference"), "removed"),
        }
    }
    if let Some(t) = map.get("type").and_then(Value::as_str) {
        out.insert("type".to_owned(), Value::String(t.to_owned()));
    }
    for k in ["display", "identifier"] {
        if map.contains_key(k) {
            w.report.note(&format!("{path}.{k}"), "removed");
        }
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

pub(crate) fn full_url(w: &mut Walker<'_>, v: &Value, path: &str) -> Option<Value> {
    let s = v.as_str()?;
    let u = s.strip_prefix("urn:uuid:").unwrap_or(s);
    w.report.note(path, "surrogate-id");
    Some(Value::String(surrogate_uuid(w, u)))
}

/// The text content of XHTML: tags removed (block tags become line breaks), entities decoded.
fn xhtml_text(div: &str) -> String {
    let mut out = String::with_capacity(div.len());
    let mut rest = div;
    while let Some(open) = rest.find('<') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open..).unwrap_or("");
        let close = after.find('>').map_or(after.len(), |c| c + 1);
        let tag = after.get(..close).unwrap_or("").to_ascii_lowercase();
        if ["<br", "<p", "</p", "<div", "</div", "<tr", "<li", "<h"].iter().any(|t| tag.starts_with(t)) {
            out.push('\n');
        } else if tag.starts_with("<td") || tag.starts_with("<th") {
            out.push(' ');
        }
        rest = after.get(close..).unwrap_or("");
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Narrative: rebuilt as one `<div>` of scrubbed text; markup, links and images are not kept.
pub(crate) fn narrative(w: &mut Walker<'_>, v: &Value, path: &str) -> Result<Option<Value>> {
    let Some(div) = v.get("div").and_then(Value::as_str) else {
        w.report.note(path, "removed");
        return Ok(None);
    };
    let text = xhtml_text(div);
    let scrubbed = w.scrub(text.trim(), &format!("{path}.div"))?;
    w.report.note(&format!("{path}.div"), "narrative-rebuilt");
    let div = format!("<div xmlns=\"http://www.w3.org/1999/xhtml\"><pre>{}</pre></div>", xml_escape(&scrubbed));
    Ok(Some(json!({ "status": "additional", "div": div })))
}

/// Extension value types and their action; others (HumanName, ContactPoint, Identifier, ...)
/// are removed.
const EXTENSION_VALUES: &[(&str, Action)] = &[
    ("valueString", Action::Text),
    ("valueMarkdown", Action::Text),
    ("valueCode", Action::Keep),
    ("valueBoolean", Action::Keep),
    ("valueInteger", Action::Keep),
    ("valueDecimal", Action::Keep),
    ("valuePositiveInt", Action::Keep),
    ("valueUnsignedInt", Action::Keep),
    ("valueCoding", Action::Data),
    ("valueCodeableConcept", Action::Concept),
    ("valueQuantity", Action::Data),
    ("valueDate", Action::Date),
    ("valueDateTime", Action::Date),
    ("valueInstant", Action::Instant),
    ("valuePeriod", Action::Period),
    ("valueAge", Action::Age),
    ("valueAddress", Action::Object(ADDRESS)),
    ("valueReference", Action::Reference),
    ("valueAttachment", Action::Attachment),
    ("extension", Action::Extension),
];

/// Extension: `url` kept, the value handled by its type, nested extensions recursively.
pub(crate) fn extension(w: &mut Walker<'_>, v: &Value, path: &str, depth: usize) -> Result<Option<Value>> {
    let Some(map) = v.as_object() else { return Ok(None) };
    let mut out = Map::new();
    for (k, val) in map {
        if k == "url" {
            out.insert(k.clone(), val.clone());
            continue;
        }
        let Some(&(name, action)) = EXTENSION_VALUES.iter().find(|(n, _)| n == k) else {
            w.report.note(&format!("{path}.<unlisted>"), "removed");
            continue;
        };
        if let Some(r) = w.apply(action, val, &format!("{path}.{name}"), depth + 1)? {
            out.insert(name.to_owned(), r);
        }
    }
    // An extension left with only its url says nothing; drop it.
    Ok((out.len() > 1).then_some(Value::Object(out)))
}

/// Attachment: text data scrubbed; images and any other binary data removed, with url, size
/// and hash (a hash of PHI content is itself derived from PHI).
pub(crate) fn attachment(w: &mut Walker<'_>, v: &Value, path: &str) -> Result<Option<Value>> {
    let Some(map) = v.as_object() else { return Ok(None) };
    let content_type = map.get("contentType").and_then(Value::as_str).unwrap_or("");
    let mut out = Map::new();
    for (k, val) in map {
        let kp = format!("{path}.{k}");
        match k.as_str() {
            "contentType" | "language" => {
                out.insert(k.clone(), val.clone());
            }
            "title" => {
                if let Some(s) = val.as_str() {
                    // Numbers first, then the text scrubber over the result, which finds what
                    // the masked numbers were glued to (`a12345(617) 555-0142` → `[ID][PHONE]`):
                    // scrubbing the other way round, a second run found more than the first.
                    let at = format!("{path}.title");
                    let mut t = w.scrub(&mask_numbers_in_label(s), &at)?;
                    // A kept year can join what surrounded its date into a new run of five
                    // digits or more (`Q904X2-1877x` → `Q904X1877x`): mask and scrub again until
                    // nothing changes, so that a second run finds nothing new. Each round masks
                    // a run that was not one before, which only a kept year can make; a few
                    // rounds suffice.
                    for _ in 0..MAX_TITLE_ROUNDS {
                        let masked = mask_numbers_in_label(&t);
                        if masked == t {
                            break;
                        }
                        t = w.scrub(&masked, &at)?;
                    }
                    out.insert(k.clone(), Value::String(t));
                }
            }
            "creation" => {
                if let Some(d) = date(w, val, &format!("{path}.creation")) {
                    out.insert(k.clone(), d);
                }
            }
            "data" if content_type.starts_with("text/") => {
                let text =
                    val.as_str().and_then(|b| Base64::decode_vec(b).ok()).and_then(|b| String::from_utf8(b).ok());
                match text {
                    Some(t) => {
                        let scrubbed = w.scrub(&t, &format!("{path}.data"))?;
                        out.insert(k.clone(), Value::String(Base64::encode_string(scrubbed.as_bytes())));
                    }
                    None => w.report.note(&format!("{path}.data"), "removed"),
                }
            }
            "data" => w.report.note(
                &format!("{path}.data"),
                if content_type.starts_with("image/") { "image-removed" } else { "binary-removed" },
            ),
            "url" | "size" | "hash" => w.report.note(
                &format!(
                    "{path}.{}",
                    match k.as_str() {
                        "url" => "url",
                        "size" => "size",
                        _ => "hash",
                    }
                ),
                "removed",
            ),
            _ => {
                let _ = kp;
                w.report.note(&format!("{path}.<unlisted>"), "removed");
            }
        }
    }
    Ok((!out.is_empty()).then_some(Value::Object(out)))
}

/// Rounds of masking and scrubbing an attachment title after the first (see `attachment`).
const MAX_TITLE_ROUNDS: usize = 4;

/// Attachment titles are labels, usually file names such as `discharge-QX-40921877.txt`, that
/// embed record numbers with no context word for the text scrubber to see. Any run of letters
/// and digits holding five or more digits is treated as "any other unique identifying number"
/// (164.514(b)(2)(i)(R)) and replaced by `[ID]`.
pub(crate) fn mask_numbers_in_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if token.chars().filter(char::is_ascii_digit).count() >= 5 {
            out.push_str("[ID]");
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in label.chars() {
        if c.is_alphanumeric() {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

#[cfg(test)]
mod label_tests {
    use super::mask_numbers_in_label;

    #[test]
    fn numbers_in_file_names_are_masked_and_masking_is_idempotent() {
        assert_eq!(mask_numbers_in_label("discharge-QX-40921877.txt"), "discharge-QX-[ID].txt");
        assert_eq!(mask_numbers_in_label("scan A12345B.pdf"), "scan [ID].pdf");
        assert_eq!(mask_numbers_in_label("Discharge summary v2"), "Discharge summary v2");
        assert_eq!(mask_numbers_in_label("lab 2024"), "lab 2024");
        let once = mask_numbers_in_label("x-99999-y");
        assert_eq!(mask_numbers_in_label(&once), once);
    }
}
