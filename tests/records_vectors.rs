//! Sealed-record vectors of both format versions (tests/vectors/records/v1.json and v2.json, made
//! by examples/gen_record_vectors.rs): every identity opens every case to exactly the stored
//! result, every tampered copy fails with the stored code, blind-index tokens match their known
//! answers (the same in both versions), and the version 2 cases have the version 2 shape.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use phiseal::keys::{KeyPair, SecretKey};
use phiseal::records::{blind_index, json, open_record, IndexKey, Normalization};
use serde_json::Value;

/// Every version's vector file: version 1 records must keep opening after version 2 replaced it.
const VERSIONS: [&str; 2] = ["v1", "v2"];

fn vectors(version: &str) -> Value {
    let path = format!("{}/tests/vectors/records/{version}.json", env!("CARGO_MANIFEST_DIR"));
    json::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn identities(vectors: &Value) -> BTreeMap<String, KeyPair> {
    vectors["identities"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, secret)| {
            let bytes = hex::decode(secret.as_str().unwrap()).unwrap();
            (name.clone(), KeyPair::from_secret(SecretKey::from_bytes(&bytes).unwrap()).unwrap())
        })
        .collect()
}

#[test]
fn every_identity_opens_every_case_as_recorded() {
    for version in VERSIONS {
        let vectors = vectors(version);
        let ids = identities(&vectors);
        let mut opened_count = 0;
        for case in vectors["cases"].as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            for (who, expected) in case["expected"].as_object().unwrap() {
                match open_record(&case["sealed"], &ids[who]) {
                    Ok(opened) => {
                        assert_eq!(opened.value, expected["value"], "{version} {name} / {who}");
                        assert_eq!(
                            serde_json::to_value(&opened.sealed_paths).unwrap(),
                            expected["sealedPaths"],
                            "{version} {name} / {who}"
                        );
                        assert_eq!(
                            serde_json::to_value(&opened.roles).unwrap(),
                            expected["roles"],
                            "{version} {name} / {who}"
                        );
                        assert_eq!(opened.record_id, case["recordId"].as_str().unwrap());
                        let sender = opened.sender.map(|key| hex::encode(key.as_bytes()));
                        assert_eq!(sender.as_deref(), case["sender"].as_str(), "{version} {name} / {who}");
                        opened_count += 1;
                    }
                    Err(error) => {
                        assert_eq!(Some(error.code()), expected["error"].as_str(), "{version} {name} / {who}")
                    }
                }
            }
        }
        assert!(opened_count >= 8);
    }
}

#[test]
fn clinician_view_of_the_vector_record_keeps_large_numbers_exactly() {
    for version in VERSIONS {
        let vectors = vectors(version);
        let ids = identities(&vectors);
        let research = open_record(&vectors["cases"][0]["sealed"], &ids["research"]).unwrap();
        let text = serde_json::to_string(&research.value["extension"]).unwrap();
        assert!(text.contains("9007199254740993"), "{text}");
        assert_eq!(research.value["birthDate"], "1979");
    }
}

#[test]
fn every_tampered_copy_fails_with_its_code() {
    for version in VERSIONS {
        let vectors = vectors(version);
        let ids = identities(&vectors);
        let failures = vectors["failures"].as_array().unwrap();
        assert!(failures.len() >= 10);
        for failure in failures {
            let identity = &ids[failure["identity"].as_str().unwrap()];
            let code = open_record(&failure["sealed"], identity).unwrap_err().code();
            assert_eq!(code, failure["error"].as_str().unwrap(), "{version} {}", failure["name"]);
        }
    }
}

#[test]
fn blind_index_known_answers() {
    for version in VERSIONS {
        let vectors = vectors(version);
        let key = IndexKey::from_bytes(&hex::decode(vectors["indexKey"].as_str().unwrap()).unwrap()).unwrap();
        for token in vectors["blindIndex"].as_array().unwrap() {
            let normalize: Normalization = serde_json::from_value(token["normalize"].clone()).unwrap();
            let computed = blind_index(
                &key,
                token["indexName"].as_str().unwrap(),
                normalize,
                token["value"].as_str().unwrap(),
                usize::try_from(token["length"].as_u64().unwrap()).unwrap(),
            )
            .unwrap();
            assert_eq!(computed, token["token"].as_str().unwrap());
        }
    }
}

#[test]
fn cases_have_the_version_2_shape() {
    let vectors = vectors("v2");
    for case in vectors["cases"].as_array().unwrap() {
        let header = &case["sealed"]["_phiseal"];
        assert_eq!(header["v"], 2);
        for role in header["roles"].as_object().unwrap().values() {
            let sets = role["sets"].as_str().unwrap();
            let bytes = sets.len() * 3 / 4; // base64url without padding
            assert!(bytes > 0 && bytes % 32 == 0, "32-byte wraps");
        }
        for entry in header["legend"].as_array().unwrap() {
            let Some(roles) = entry["roles"].as_array() else { continue };
            let pointer = entry["path"].as_str().unwrap();
            let value = case["sealed"].pointer(pointer).unwrap();
            let compact = value.as_str().or_else(|| value["$sealed"].as_str()).unwrap();
            let views: std::collections::BTreeSet<String> = roles
                .iter()
                .map(|role| entry["views"].get(role.as_str().unwrap()).map_or("exact".to_owned(), Value::to_string))
                .collect();
            assert!(compact.starts_with("phs2."));
            assert_eq!(compact.split('.').count() - 1, views.len(), "one segment per plaintext group: {pointer}");
        }
    }
}
