//! De-identification of the core runs under WebAssembly: the free-text scrubber (its embedded
//! name dictionaries included), Safe Harbor on the FHIR Bundle fixture with a value-free
//! report, idempotence, ZIP3, and deep input refused without a trap.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use phiseal::deid::{safe_harbor, scrub_text, zip3, DeidOptions, PhiKind, TextOptions};
use phiseal::records::json;
use wasm_bindgen_test::wasm_bindgen_test;

const BUNDLE: &str = include_str!("../../../tests/fixtures/fhir/bundle.json");
const IDENTIFYING: [&str; 10] = [
    "QX-40921877",
    "912-55-0384",
    "Maribel",
    "Quintero",
    "Ysolde",
    "Corwin",
    "555-0142",
    "Larkspur",
    "02139",
    "1984-07-21",
];

#[wasm_bindgen_test]
fn scrubber_finds_each_class_in_a_note() {
    let note = "Maria Lopez, DOB 03/14/1931, MRN 4471-22, call (617) 555-0134 or ml@example.org.";
    let scrubbed = scrub_text(note, &TextOptions::default()).unwrap();
    let kinds: Vec<PhiKind> = scrubbed.spans.iter().map(|s| s.kind).collect();
    for kind in [PhiKind::Name, PhiKind::Date, PhiKind::Mrn, PhiKind::Phone, PhiKind::Email] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
    for secret in ["Maria", "Lopez", "1931", "4471-22", "555-0134", "ml@example.org"] {
        assert!(!scrubbed.text.contains(secret), "{secret} in {}", scrubbed.text);
    }
    assert_eq!(scrub_text(&scrubbed.text, &TextOptions::default()).unwrap().text, scrubbed.text);
}

#[wasm_bindgen_test]
fn safe_harbor_bundle_hides_identifiers_and_reports_no_value() {
    let options = DeidOptions { reference_year: Some(2026), ..DeidOptions::default() };
    let result = safe_harbor(&json::parse(BUNDLE).unwrap(), &options).unwrap();
    let output = result.value.to_string();
    let report = serde_json::to_string(&result.report).unwrap();
    for secret in IDENTIFYING {
        assert!(!output.contains(secret), "{secret} in the output");
        assert!(!report.contains(secret), "{secret} in the report");
    }
    assert!(result.report.safe_harbor);
    assert_eq!(safe_harbor(&result.value, &options).unwrap().value, result.value, "idempotent");
}

#[wasm_bindgen_test]
fn zip3_and_limits() {
    assert_eq!(zip3("02139"), "021");
    assert_eq!(zip3("03601"), "000");
    let mut deep = serde_json::json!({"url": "x"});
    for _ in 0..200 {
        deep = serde_json::json!({"url": "x", "extension": [deep]});
    }
    let patient = serde_json::json!({"resourceType": "Patient", "extension": [deep]});
    assert_eq!(safe_harbor(&patient, &DeidOptions::default()).unwrap_err().code(), "LIMIT_EXCEEDED");
}
