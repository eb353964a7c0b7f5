//! Field-level records of the core run under WebAssembly: the v1 and v2 record vectors (embedded
//! at compile time: wasm has no file system) open or fail exactly as recorded, blind-index known
//! answers, a FHIR round trip with fresh randomness, and deep input refused without a trap.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use phiseal::keys::{KeyPair, PublicKey, SecretKey};
use phiseal::records::{self, blind_index, json, open_record, IndexKey, Normalization, SealOptions};
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

const RECORD_VECTORS: &str = include_str!("../../../tests/vectors/records/v1.json");
const RECORD_VECTORS_V2: &str = include_str!("../../../tests/vectors/records/v2.json");
const PATIENT: &str = include_str!("../../../tests/fixtures/fhir/patient.json");

fn identities(vectors: &Value) -> BTreeMap<String, KeyPair> {
    let ids = vectors["identities"].as_object().unwrap();
    ids.iter()
        .map(|(name, secret)| {
            let bytes = hex::decode(secret.as_str().unwrap()).unwrap();
            (name.clone(), KeyPair::from_secret(SecretKey::from_bytes(&bytes).unwrap()).unwrap())
        })
        .collect()
}

#[wasm_bindgen_test]
fn record_vectors_open_or_fail_as_recorded() {
    vectors_open_or_fail_as_recorded(RECORD_VECTORS);
}

#[wasm_bindgen_test]
fn record_vectors_v2_open_or_fail_as_recorded() {
    vectors_open_or_fail_as_recorded(RECORD_VECTORS_V2);
}

fn vectors_open_or_fail_as_recorded(text: &str) {
    let vectors = json::parse(text).unwrap();
    let ids = identities(&vectors);
    let mut opened = 0;
    for case in vectors["cases"].as_array().unwrap() {
        for (who, expected) in case["expected"].as_object().unwrap() {
            match open_record(&case["sealed"], &ids[who]) {
                Ok(result) => {
                    assert_eq!(result.value, expected["value"], "{who}");
                    assert_eq!(serde_json::to_value(&result.sealed_paths).unwrap(), expected["sealedPaths"]);
                    assert_eq!(serde_json::to_value(&result.roles).unwrap(), expected["roles"]);
                    opened += 1;
                }
                Err(error) => assert_eq!(Some(error.code()), expected["error"].as_str(), "{who}"),
            }
        }
    }
    assert!(opened >= 8, "opened {opened}");
    for failure in vectors["failures"].as_array().unwrap() {
        let code = open_record(&failure["sealed"], &ids[failure["identity"].as_str().unwrap()]).unwrap_err().code();
        assert_eq!(code, failure["error"].as_str().unwrap(), "{}", failure["name"]);
    }
}

#[wasm_bindgen_test]
fn blind_index_known_answers() {
    let vectors = json::parse(RECORD_VECTORS).unwrap();
    let key = IndexKey::from_bytes(&hex::decode(vectors["indexKey"].as_str().unwrap()).unwrap()).unwrap();
    for token in vectors["blindIndex"].as_array().unwrap() {
        let normalize: Normalization = serde_json::from_value(token["normalize"].clone()).unwrap();
        let length = usize::try_from(token["length"].as_u64().unwrap()).unwrap();
        let computed = blind_index(
            &key,
            token["indexName"].as_str().unwrap(),
            normalize,
            token["value"].as_str().unwrap(),
            length,
        )
        .unwrap();
        assert_eq!(computed, token["token"].as_str().unwrap());
    }
}

#[wasm_bindgen_test]
fn fhir_patient_round_trip_with_fresh_randomness() {
    let (clinician, research) = (KeyPair::generate().unwrap(), KeyPair::generate().unwrap());
    let others = [KeyPair::generate().unwrap(), KeyPair::generate().unwrap()];
    let recipients: BTreeMap<String, Vec<PublicKey>> = BTreeMap::from([
        ("clinician".to_owned(), vec![*clinician.public_key()]),
        ("billing".to_owned(), vec![*others[0].public_key()]),
        ("frontdesk".to_owned(), vec![*others[1].public_key()]),
        ("research".to_owned(), vec![*research.public_key()]),
    ]);
    let key = IndexKey::generate().unwrap();
    let options = SealOptions { record_id: "Patient/pat-7f3a9c", sender: None, index_key: Some(&key) };
    let policy = records::fhir_policy("Patient").unwrap();
    let first = records::seal_record_json(PATIENT, &policy, &recipients, &options).unwrap();
    let second = records::seal_record_json(PATIENT, &policy, &recipients, &options).unwrap();
    assert_ne!(first["birthDate"], second["birthDate"], "random nonces differ");
    assert_eq!(open_record(&first, &clinician).unwrap().value, json::parse(PATIENT).unwrap());
    let research_view = open_record(&first, &research).unwrap().value.to_string();
    for secret in ["Maribel", "Quintero", "QX-40921877", "1984-07-21", "02139"] {
        assert!(!research_view.contains(secret), "{secret}");
    }
}

#[wasm_bindgen_test]
fn deep_json_is_refused_without_a_trap() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(json::parse(&deep).unwrap_err().code(), "LIMIT_EXCEEDED");
    assert_eq!(json::parse(r#"{"a":1,"a":2}"#).unwrap_err().code(), "MALFORMED");
    assert_eq!(json::parse(r#"{"a":"\ud800"}"#).unwrap_err().code(), "MALFORMED");
    assert_eq!(json::parse("9007199254740993").unwrap().to_string(), "9007199254740993");
}
