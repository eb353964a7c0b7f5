#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Generic JSON de-identification under a path policy: default deny, first rule wins, known
//! identifiers from the record feed the text scrubber, report paths come from the policy.

use phiseal::deid::{deidentify_json, DeidOptions, JsonAction, JsonPolicy, Profile};
use phiseal::Error;
use serde_json::json;

fn record() -> serde_json::Value {
    json!({
        "patient": {"name": "Xiomara Quintanilla", "dob": "1931-04-02", "zip": "02125", "city": "Dorchester",
                    "phone": "617-555-0134", "mrn": "Q-77812", "age": 95, "sex": "F"},
        "visits": [
            {"date": "2024-03-05", "note": "Xiomara seen; lives in Dorchester; call 617-555-0134; chart q-77812.", "code": "I10"},
            {"date": "2024-04-01", "note": "BP 130/80, stable.", "code": "I10"}
        ],
        "Xiomara Quintanilla": "a key that is itself PHI",
        "secret_extra": {"ssn": "123-45-6789"}
    })
}

fn policy() -> JsonPolicy {
    JsonPolicy::new()
        .rule("patient.name", JsonAction::RemoveName)
        .unwrap()
        .rule("patient.dob", JsonAction::BirthDate)
        .unwrap()
        .rule("patient.zip", JsonAction::Zip)
        .unwrap()
        .rule("patient.city", JsonAction::City)
        .unwrap()
        .rule("patient.phone", JsonAction::RemoveContact)
        .unwrap()
        .rule("patient.mrn", JsonAction::RemoveIdentifier)
        .unwrap()
        .rule("patient.age", JsonAction::Age)
        .unwrap()
        .rule("patient.sex", JsonAction::Keep)
        .unwrap()
        .rule("visits.date", JsonAction::Date)
        .unwrap()
        .rule("visits.note", JsonAction::Text)
        .unwrap()
        .rule("visits.*", JsonAction::Keep)
        .unwrap()
}

#[test]
fn policy_applies_and_denies_by_default() {
    let input = record();
    let out = deidentify_json(&input, &policy(), &DeidOptions { reference_year: Some(2026), ..DeidOptions::default() })
        .unwrap();
    let v = &out.value;
    assert_eq!(v["patient"]["zip"], "021");
    assert_eq!(v["patient"]["dob"], "90 or older");
    assert_eq!(v["patient"]["age"], "90+");
    assert_eq!(v["patient"]["sex"], "F");
    assert!(
        v["patient"].get("name").is_none() && v["patient"].get("city").is_none() && v["patient"].get("phone").is_none()
    );
    assert_eq!(v["visits"][0]["date"], "2024");
    assert_eq!(v["visits"][0]["code"], "I10");
    assert_eq!(v["visits"][0]["note"], "[NAME] seen; lives in [ADDRESS]; call [PHONE]; chart [ID].");
    assert_eq!(v["visits"][1]["note"], "BP 130/80, stable.");
    assert!(v.get("secret_extra").is_none() && v.get("Xiomara Quintanilla").is_none());
    let report = serde_json::to_string(&out.report).unwrap();
    for value in ["Xiomara", "Quintanilla", "Dorchester", "0134", "77812", "1931", "6789", "secret_extra"] {
        assert!(!report.contains(value), "{value} in report");
    }
    assert!(out.report.changes.iter().any(|c| c.path == "<unmatched>" && c.action == "removed"));
    assert!(out.report.changes.iter().any(|c| c.path == "patient.zip" && c.action == "zip3"));
    assert!(out.report.safe_harbor);
}

#[test]
fn first_rule_wins_and_wildcards() {
    let p = JsonPolicy::new().rule("a.secret", JsonAction::Remove).unwrap().rule("a", JsonAction::Keep).unwrap();
    let out = deidentify_json(&json!({"a": {"secret": 1, "x": 2}, "b": 3}), &p, &DeidOptions::default()).unwrap();
    assert_eq!(out.value, json!({"a": {"x": 2}}));
    let p = JsonPolicy::new().rule("*.code", JsonAction::Keep).unwrap();
    let out = deidentify_json(&json!({"a": {"code": "x", "n": 1}, "b": [{"code": "y"}]}), &p, &DeidOptions::default())
        .unwrap();
    assert_eq!(out.value, json!({"a": {"code": "x"}, "b": [{"code": "y"}]}));
    // An empty policy removes everything.
    let out = deidentify_json(&record(), &JsonPolicy::new(), &DeidOptions::default()).unwrap();
    assert_eq!(out.value, serde_json::Value::Null);
}

#[test]
fn limited_data_set_is_labelled() {
    let o = DeidOptions {
        profile: Profile::LimitedDataSetNotSafeHarbor,
        reference_year: Some(2026),
        ..DeidOptions::default()
    };
    let out = deidentify_json(&record(), &policy(), &o).unwrap();
    assert_eq!(out.value["patient"]["zip"], "02125");
    assert_eq!(out.value["patient"]["city"], "Dorchester");
    assert_eq!(out.value["visits"][0]["date"], "2024-03-05");
    assert!(!out.report.safe_harbor);
    assert_eq!(out.report.not_safe_harbor, vec!["limited-data-set"]);
}

#[test]
fn policy_errors_name_the_rule_not_values() {
    let bad = json!({"rules": [{"path": "a", "action": "keep"}, {"path": "b..c", "action": "keep"}]});
    assert_eq!(JsonPolicy::from_json(&bad).unwrap_err(), Error::InvalidPolicy("rule 1: empty path segment".into()));
    let bad = json!({"rules": [{"path": "a", "action": "publish"}]});
    assert_eq!(
        JsonPolicy::from_json(&bad).unwrap_err(),
        Error::InvalidPolicy("rule 0: missing or unknown \"action\"".into())
    );
    assert!(matches!(JsonPolicy::from_json(&json!({})), Err(Error::InvalidPolicy(_))));
    let ok = json!({"rules": [{"path": "patient.zip", "action": "zip"}, {"path": "visits.note", "action": "text"}]});
    let p = JsonPolicy::from_json(&ok).unwrap();
    let out = deidentify_json(&record(), &p, &DeidOptions::default()).unwrap();
    assert_eq!(out.value["patient"], json!({"zip": "021"}));
}
