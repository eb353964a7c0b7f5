//! Policy loading and validation: every error names the rule, never a value.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use phiseal::records::{Policy, PolicySpec, RuleSpec};
use serde_json::json;

fn policy_error(rules: serde_json::Value) -> String {
    let policy = json!({"version": 1, "roles": ["clinician", "billing"], "rules": rules});
    match Policy::from_value(&policy) {
        Ok(_) => panic!("accepted"),
        Err(phiseal::Error::InvalidPolicy(message)) => message,
        Err(other) => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn valid_policy_round_trips_through_its_rust_type() {
    let text = r#"{"version":1,"roles":["clinician","research"],"default":{"action":"encrypt","roles":["clinician"]},
      "rules":[{"path":"/name/*/given","action":"encrypt","roles":["clinician"],"generalizeFor":{"research":"year"}},
               {"path":"Patient.identifier.value","action":"token","encryptFor":["clinician"],"tokenLength":12,"normalize":"mrn","indexName":"mrn"},
               {"path":"Patient.birthDate","action":"generalize","to":{"bucket":10}},
               {"path":"Patient.text","action":"redact"},{"path":"/id","action":"keep"}]}"#;
    let policy = Policy::from_json(text).unwrap();
    assert_eq!(policy.roles(), ["clinician", "research"]);
    assert!(policy.uses_tokens());
    let spec: PolicySpec = serde_json::from_str(text).unwrap();
    assert!(matches!(spec.rules[1], RuleSpec::Token { token_length: Some(12), .. }));
    let again: PolicySpec = serde_json::from_value(serde_json::to_value(&spec).unwrap()).unwrap();
    assert_eq!(again, spec);
    assert!(Policy::from_spec(&spec).is_ok());
}

#[test]
fn rule_errors_name_the_rule() {
    let cases = [
        (
            json!([{"path": "/a", "action": "keep"}, {"path": "/b", "action": "encrypt", "roles": ["nurse"]}]),
            "rule 1: unknown role \"nurse\"",
        ),
        (json!([{"path": "/a", "action": "shred"}]), "rule 0: unknown variant `shred`"),
        (json!([{"path": "a.b", "action": "keep"}]), "rule 0: selector is neither"),
        (json!([{"path": "/a~2", "action": "keep"}]), "rule 0: invalid '~' escape"),
        (
            json!([{"path": "/a", "action": "encrypt", "roles": []}]),
            "rule 0: an encrypting action needs at least one role",
        ),
        (
            json!([{"path": "/a", "action": "encrypt", "roles": ["billing", "billing"]}]),
            "rule 0: role \"billing\" listed twice",
        ),
        (json!([{"path": "/a", "action": "token", "tokenLength": 4}]), "rule 0: tokenLength out of range"),
        (json!([{"path": "/a", "action": "token", "tokenLength": 33}]), "rule 0: tokenLength out of range"),
        (json!([{"path": "/a", "action": "keep", "roles": ["billing"]}]), "rule 0: unknown field `roles`"),
        (json!([{"path": "/a", "action": "generalize", "to": "decade"}]), "rule 0:"),
        (json!([{"path": "/a", "action": "generalize", "to": {"bucket": 0}}]), "rule 0: bucket width out of range"),
        (
            json!([{"path": "/a", "action": "encrypt", "roles": ["billing"], "generalizeFor": {"billing": "year"}}]),
            "rule 0: role \"billing\" is in both",
        ),
        (json!([{"path": "/a", "action": "token", "normalize": "soundex"}]), "rule 0: unknown variant `soundex`"),
        (json!([{"action": "keep"}]), "rule 0: missing field `path`"),
    ];
    for (rules, expected) in cases {
        let message = policy_error(rules.clone());
        assert!(message.starts_with(expected), "{rules}: {message}");
    }
}

#[test]
fn policy_level_errors() {
    let error = |policy: serde_json::Value| match Policy::from_value(&policy) {
        Err(phiseal::Error::InvalidPolicy(message)) => message,
        other => panic!("{other:?}"),
    };
    assert!(error(json!({"version": 2, "roles": ["a"], "rules": []})).contains("version"));
    assert!(error(json!({"version": 1, "roles": ["a", "a"], "rules": []})).contains("role 1: duplicate role"));
    assert!(error(json!({"version": 1, "roles": [], "rules": []})).contains("1 to 32 roles"));
    assert!(error(json!({"version": 1, "roles": ["a b"], "rules": []})).contains("role 0"));
    assert!(error(json!({"version": 1, "roles": ["a"], "rules": [], "extra": 1})).contains("unknown field"));
    assert!(error(json!({"version": 1, "roles": ["a"], "default": "allow", "rules": []})).contains("policy"));
    assert!(error(
        json!({"version": 1, "roles": ["a"], "default": {"action": "encrypt", "roles": ["b"]}, "rules": []})
    )
    .contains("default: unknown role"));
    assert!(error(json!([])).contains("JSON object"));
    let duplicate = r#"{"version": 1, "roles": ["a"], "rules": [], "rules": []}"#;
    assert_eq!(Policy::from_json(duplicate).unwrap_err().code(), "MALFORMED");
}

#[test]
fn default_is_deny() {
    let policy = Policy::from_json(r#"{"version":1,"roles":["a"],"rules":[{"path":"/k","action":"keep"}]}"#).unwrap();
    let recipients = std::collections::BTreeMap::new();
    let options = phiseal::records::SealOptions { record_id: "r", sender: None, index_key: None };
    let sealed = phiseal::records::seal_record(
        &json!({"k": 1, "secret": "x", "nested": {"y": 2}}),
        &policy,
        &recipients,
        &options,
    )
    .unwrap();
    let body: Vec<&String> = sealed.as_object().unwrap().keys().collect();
    assert_eq!(body, ["k", "_phiseal"]);
}
