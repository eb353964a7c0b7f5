//! A standalone DocumentReference must not keep the record number embedded in its
//! attachment's file name (found by the JS suite on the shared FHIR fixtures).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use phiseal::deid::{safe_harbor, DeidOptions};

#[test]
fn record_number_in_attachment_title_is_removed() {
    let resource: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/fhir/document_reference.json")).unwrap();
    assert!(resource.to_string().contains("QX-40921877"), "fixture changed");
    let out = safe_harbor(&resource, &DeidOptions::default()).unwrap();
    let text = out.value.to_string();
    assert!(!text.contains("40921877"), "{text}");
}
