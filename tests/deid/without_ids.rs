//! Comparing de-identified FHIR up to the surrogate ids and references `safe_harbor` numbers per
//! call: shared by `tests/deid_fhir.rs` and the `deidentify` fuzz target.

use serde_json::Value;

/// `v` without its `id`, `reference` and `fullUrl` members, at every depth.
pub fn without_ids(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "id" | "reference" | "fullUrl"))
                .map(|(k, v)| (k.clone(), without_ids(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_ids).collect()),
        other => other.clone(),
    }
}
