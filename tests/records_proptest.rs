//! Property: for random JSON documents and random policies, what each role opens equals the
//! document restricted to that role's fields (computed here by an independent reference walk),
//! and no string of an encrypted field appears anywhere in the sealed output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod records_common;

use std::collections::BTreeMap;

use phiseal::records::{
    open_record, seal_record, DefaultName, DefaultSpec, EncryptDefault, EncryptWord, Policy, PolicySpec, RuleSpec,
    SealOptions,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

const ROLES: [&str; 3] = ["r0", "r1", "r2"];
const KEYS: [&str; 4] = ["a", "b", "c", "d"];
const SEALED: &str = "<sealed>";

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        "[a-z]{12}".prop_map(Value::String),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
    ]
}

fn document() -> impl Strategy<Value = Value> {
    let tree = leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(prop::sample::select(KEYS.to_vec()), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    });
    prop::collection::btree_map(prop::sample::select(KEYS.to_vec()), tree, 1..4)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

fn roles() -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(ROLES.to_vec(), 1..=3).prop_map(|r| r.into_iter().map(str::to_owned).collect())
}

fn rule() -> impl Strategy<Value = RuleSpec> {
    let token = prop::sample::select(vec!["a", "b", "c", "d", "0", "1", "*"]);
    let path = prop::collection::vec(token, 1..4).prop_map(|t| format!("/{}", t.join("/")));
    (path, 0..3u8, roles()).prop_map(|(path, kind, roles)| match kind {
        0 => RuleSpec::Encrypt { path, roles, generalize_for: BTreeMap::new() },
        1 => RuleSpec::Redact { path },
        _ => RuleSpec::Keep { path },
    })
}

fn policy() -> impl Strategy<Value = PolicySpec> {
    let default = prop_oneof![
        Just(DefaultSpec::Named(DefaultName::Deny)),
        Just(DefaultSpec::Named(DefaultName::Keep)),
        roles().prop_map(|roles| DefaultSpec::Encrypt(EncryptDefault { action: EncryptWord::Encrypt, roles })),
    ];
    (prop::collection::vec(rule(), 0..5), default).prop_map(|(rules, default)| PolicySpec {
        version: 1,
        roles: ROLES.iter().map(|r| (*r).to_owned()).collect(),
        default,
        rules,
    })
}

/// The reference semantics, written independently of the library.
struct Reference<'a> {
    spec: &'a PolicySpec,
    role: &'a str,
}

enum Act<'a> {
    Encrypt(&'a [String]),
    Redact,
    Keep,
}

impl Reference<'_> {
    fn rules(&self) -> impl Iterator<Item = (Vec<&str>, Act<'_>)> {
        self.spec.rules.iter().map(|rule| match rule {
            RuleSpec::Encrypt { path, roles, .. } => (tokens(path), Act::Encrypt(roles)),
            RuleSpec::Redact { path } => (tokens(path), Act::Redact),
            RuleSpec::Keep { path } => (tokens(path), Act::Keep),
            _ => unreachable!(),
        })
    }

    fn default(&self) -> Act<'_> {
        match &self.spec.default {
            DefaultSpec::Named(DefaultName::Deny) => Act::Redact,
            DefaultSpec::Named(DefaultName::Keep) => Act::Keep,
            DefaultSpec::Encrypt(e) => Act::Encrypt(&e.roles),
        }
    }

    fn view(&self, node: &Value, at: &mut Vec<String>, encrypted: &mut Vec<String>) -> Option<Value> {
        let same = |pattern: &[&str]| {
            pattern.len() == at.len() && pattern.iter().zip(at.iter()).all(|(p, s)| *p == "*" || p == s)
        };
        let below = |pattern: &[&str]| {
            pattern.len() > at.len() && pattern.iter().zip(at.iter()).all(|(p, s)| *p == "*" || p == s)
        };
        if let Some((_, act)) = self.rules().find(|(pattern, _)| same(pattern)) {
            return self.act(act, node, encrypted);
        }
        let non_empty =
            matches!(node, Value::Object(m) if !m.is_empty()) || matches!(node, Value::Array(a) if !a.is_empty());
        // The root object is always looked into; below it, a node no rule can reach takes the default.
        if !at.is_empty() && (!non_empty || !self.rules().any(|(pattern, _)| below(&pattern))) {
            return self.act(self.default(), node, encrypted);
        }
        let out = match node {
            Value::Object(map) => {
                let mut out = Map::new();
                for (k, v) in map {
                    at.push(k.clone());
                    if let Some(child) = self.view(v, at, encrypted) {
                        out.insert(k.clone(), child);
                    }
                    at.pop();
                }
                Value::Object(out)
            }
            Value::Array(items) => {
                let mut out = Vec::new();
                for (i, v) in items.iter().enumerate() {
                    at.push(i.to_string());
                    if let Some(child) = self.view(v, at, encrypted) {
                        out.push(child);
                    }
                    at.pop();
                }
                Value::Array(out)
            }
            _ => unreachable!(),
        };
        let empty = out.as_object().is_some_and(Map::is_empty) || out.as_array().is_some_and(Vec::is_empty);
        (!empty || at.is_empty()).then_some(out)
    }

    fn act(&self, act: Act<'_>, node: &Value, encrypted: &mut Vec<String>) -> Option<Value> {
        match act {
            Act::Redact => None,
            Act::Keep => Some(node.clone()),
            Act::Encrypt(roles) => {
                collect_strings(node, encrypted);
                encrypted.extend(roles.iter().map(|role| format!("role:{role}")));
                Some(if roles.iter().any(|r| r == self.role) { node.clone() } else { Value::String(SEALED.into()) })
            }
        }
    }
}

fn tokens(path: &str) -> Vec<&str> {
    path.strip_prefix('/').unwrap().split('/').collect()
}

fn collect_strings(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

fn mask_sealed(value: &mut Value) {
    match value {
        Value::String(s) if s.starts_with(phiseal::records::SEALED_PREFIX) => *s = SEALED.into(),
        Value::Array(items) => items.iter_mut().for_each(mask_sealed),
        Value::Object(map) => map.values_mut().for_each(mask_sealed),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn open_of_seal_is_the_restriction(doc in document(), spec in policy()) {
        let policy = Policy::from_spec(&spec).unwrap();
        let people: Vec<_> = (0..3).map(|i| records_common::pair(10 + i)).collect();
        let recipients: BTreeMap<String, Vec<_>> =
            ROLES.iter().zip(&people).map(|(r, p)| ((*r).to_owned(), vec![*p.public_key()])).collect();
        let options = SealOptions { record_id: "prop", sender: None, index_key: None };
        let sealed = seal_record(&doc, &policy, &recipients, &options).unwrap();

        let mut encrypted = Vec::new();
        Reference { spec: &spec, role: "" }.view(&doc, &mut Vec::new(), &mut encrypted);
        let text = serde_json::to_string(&sealed).unwrap();
        for secret in encrypted.iter().filter(|s| !s.starts_with("role:")) {
            prop_assert!(!text.contains(secret.as_str()), "plaintext of an encrypted field in the output");
        }

        for (role, person) in ROLES.iter().zip(&people) {
            let reference = Reference { spec: &spec, role };
            let expected = reference.view(&doc, &mut Vec::new(), &mut Vec::new()).unwrap();
            match open_record(&sealed, person) {
                Ok(opened) => {
                    let mut value = opened.value;
                    mask_sealed(&mut value);
                    prop_assert_eq!(value, expected);
                }
                Err(error) => {
                    prop_assert_eq!(error.code(), "NO_MATCHING_RECIPIENT");
                    prop_assert!(!encrypted.contains(&format!("role:{role}")), "a role with fields must open");
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any byte of a sealed record changed: an error, or (for a change JSON ignores) exactly
    /// the original result. Never a panic, never different plaintext.
    #[test]
    fn altered_sealed_records_fail_or_open_identically(position in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let sealed = sealed_fixture();
        let reference = open_record(&sealed.0, &sealed.1).unwrap();
        let mut text = serde_json::to_vec(&sealed.0).unwrap();
        let at = position.index(text.len());
        text[at] = byte;
        if let Ok(altered) = phiseal::records::json::parse_bytes(&text) {
            if let Ok(opened) = open_record(&altered, &sealed.1) {
                prop_assert_eq!(opened, reference);
            }
        }
    }
}

fn sealed_fixture() -> &'static (Value, phiseal::keys::KeyPair) {
    static SEALED: std::sync::OnceLock<(Value, phiseal::keys::KeyPair)> = std::sync::OnceLock::new();
    SEALED.get_or_init(|| {
        let team = records_common::Team::new();
        let key = records_common::index_key();
        let options = SealOptions { record_id: "fuzz", sender: None, index_key: Some(&key) };
        let sealed = seal_record(
            &records_common::fixture("patient.json"),
            &records_common::test_policy(),
            &team.recipients(),
            &options,
        )
        .unwrap();
        (sealed, records_common::pair(1))
    })
}
