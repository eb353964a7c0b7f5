//! Collects the identifiers of the people in a record (Patient, RelatedPerson, Patient.contact)
//! so the text scrubber can find them in notes: names, address lines and cities, phones,
//! emails and identifier values.

use crate::deid::text::{KnownIdentifiers, PhiKind};
use crate::Result;
use serde_json::Value;

fn strings(v: Option<&Value>) -> Vec<&str> {
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn each(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    }
}

fn person(p: &Value, known: &mut KnownIdentifiers) -> Result<()> {
    for name in each(p.get("name")) {
        for s in
            strings(name.get("text")).into_iter().chain(strings(name.get("family"))).chain(strings(name.get("given")))
        {
            known.add(PhiKind::Name, s)?;
        }
    }
    for addr in each(p.get("address")) {
        for s in
            strings(addr.get("line")).into_iter().chain(strings(addr.get("city"))).chain(strings(addr.get("district")))
        {
            known.add(PhiKind::Address, s)?;
        }
    }
    for t in each(p.get("telecom")) {
        let kind = match t.get("system").and_then(Value::as_str) {
            Some("email") => PhiKind::Email,
            Some("url") => PhiKind::Url,
            _ => PhiKind::Phone,
        };
        for s in strings(t.get("value")) {
            known.add(kind, s)?;
        }
    }
    for id in each(p.get("identifier")) {
        for s in strings(id.get("value")) {
            known.add(PhiKind::Id, s)?;
        }
    }
    for c in each(p.get("contact")) {
        person(c, known)?;
    }
    Ok(())
}

fn walk(v: &Value, known: &mut KnownIdentifiers, depth: usize) -> Result<()> {
    if depth > 8 {
        return Ok(());
    }
    match v.get("resourceType").and_then(Value::as_str) {
        Some("Patient" | "RelatedPerson") => person(v, known)?,
        Some("Bundle") => {
            for e in each(v.get("entry")) {
                if let Some(r) = e.get("resource") {
                    walk(r, known, depth + 1)?;
                }
            }
        }
        _ => {}
    }
    for c in each(v.get("contained")) {
        walk(c, known, depth + 1)?;
    }
    Ok(())
}

/// Every known identifier in the record.
///
/// # Errors
/// [`crate::Error::LimitExceeded`] past [`crate::deid::MAX_KNOWN_ITEMS`] values.
pub(crate) fn collect(resource: &Value) -> Result<KnownIdentifiers> {
    let mut known = KnownIdentifiers::new();
    walk(resource, &mut known, 0)?;
    Ok(known)
}
