//! Clinical terms that look like codes are not identifiers (a false positive found by the demo).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use phiseal::deid::{scrub_text, TextOptions};

#[test]
fn lab_names_after_context_words_are_kept_but_real_codes_are_not() {
    let options = TextOptions::default();
    let out = scrub_text("Plan: HbA1c in 3 months, recheck B12. Policy #: QX774420.", &options).unwrap();
    assert!(out.text.contains("HbA1c"), "{}", out.text);
    assert!(out.text.contains("B12"), "{}", out.text);
    assert!(!out.text.contains("QX774420"), "{}", out.text);
}
