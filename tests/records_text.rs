//! `seal_record_text` (the sealed record written straight as JSON text, what the WebAssembly
//! package returns) against `seal_record` (the value tree): the same record, in the text serde
//! writes for it, opening to the same values for every role.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod records_common;

use phiseal::records::{fhir_policy, json, open_record, seal_record, seal_record_text, Policy, SealOptions};
use records_common::{code, fixture, index_key, test_policy, Team};
use serde_json::{json, Value};

/// `value` with what differs from one seal to the next masked: each encrypted value becomes its
/// number of segments, each role header its member names.
fn masked(value: &Value) -> Value {
    match value {
        Value::String(text) if text.starts_with("phs2.") => json!(format!("phs2 x{}", text.split('.').count() - 1)),
        Value::Array(items) => Value::Array(items.iter().map(masked).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(name, member)| match (name.as_str(), member) {
                    ("roles", Value::Object(roles)) if roles.values().all(|role| role.get("keys").is_some()) => {
                        let shape = roles.iter().map(|(role, header)| {
                            let names: Vec<&String> = header.as_object().unwrap().keys().collect();
                            (role.clone(), json!(names))
                        });
                        (name.clone(), Value::Object(shape.collect()))
                    }
                    _ => (name.clone(), masked(member)),
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn assert_same_record(record: &Value, policy: &Policy, team: &Team) {
    let key = index_key();
    let options = SealOptions { record_id: "r/1", sender: Some(&team.billing), index_key: Some(&key) };
    let recipients = team.recipients();
    let text = seal_record_text(record, policy, &recipients, &options).unwrap();
    let parsed = json::parse(&text).unwrap();
    assert_eq!(text, serde_json::to_string(&parsed).unwrap(), "the text serde writes");
    let tree = seal_record(record, policy, &recipients, &options).unwrap();
    assert_eq!(masked(&parsed), masked(&tree));
    for member in [&team.clinician, &team.clinician2, &team.billing, &team.frontdesk, &team.research] {
        match (open_record(&parsed, member), open_record(&tree, member)) {
            (Ok(from_text), Ok(from_tree)) => {
                assert_eq!(masked(&from_text.value), masked(&from_tree.value));
                assert_eq!(from_text.sealed_paths, from_tree.sealed_paths);
                assert_eq!(from_text.sender, Some(*team.billing.public_key()));
            }
            (from_text, from_tree) => assert_eq!(code(from_text), code(from_tree)),
        }
    }
}

#[test]
fn every_fixture_under_its_fhir_policy() {
    let team = Team::new();
    for name in ["patient.json", "observation.json", "condition.json", "encounter.json", "questionnaire_response.json"]
    {
        let resource = fixture(name);
        let policy = fhir_policy(resource["resourceType"].as_str().unwrap()).unwrap();
        assert_same_record(&resource, &policy, &team);
    }
}

#[test]
fn removed_members_elements_and_emptied_containers() {
    let team = Team::new();
    // The test policy redacts `text`, denies `contact` by default and empties arrays.
    assert_same_record(&fixture("patient.json"), &test_policy(), &team);
    let odd = json::parse(
        r#"{"resourceType": "Patient", "text": {"div": "x"}, "id": "p",
            "name": [{"given": ["A", "B"]}, {}, {"family": "F", "text": "t"}],
            "address": [{"postalCode": "02139"}, {"line": ["gone"]}],
            "extension": [[], {}, [{"a": 1e400}]], "\u00e9\u0001\"": -0}"#,
    )
    .unwrap();
    assert_same_record(&odd, &test_policy(), &team);
}

#[test]
fn a_record_left_empty_but_for_phiseal() {
    let team = Team::new();
    let policy =
        Policy::from_json(r#"{"version": 1, "roles": ["clinician"], "default": "deny", "rules": []}"#).unwrap();
    let recipients = team.recipients_clinician_only();
    let options = SealOptions { record_id: "r/2", sender: None, index_key: None };
    let record = json!({"a": 1, "b": [{"c": null}]});
    let text = seal_record_text(&record, &policy, &recipients, &options).unwrap();
    assert!(text.starts_with(r#"{"_phiseal":{"v":2,"recordId":"r/2","legend":[],"roles":{}}"#), "{text}");
    assert_eq!(json::parse(&text).unwrap(), seal_record(&record, &policy, &recipients, &options).unwrap());
    let not_object = seal_record_text(&json!([1]), &policy, &recipients, &options);
    assert_eq!(code(not_object), "INVALID_ARGUMENT");
}
