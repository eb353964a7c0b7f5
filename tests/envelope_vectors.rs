//! Checks `tests/vectors/envelope/*.json` (the same files the JS suite runs).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use phiseal::envelope;
use phiseal::keys::{KeyPair, SecretKey};
use serde_json::Value;

fn unhex(text: &str) -> Vec<u8> {
    hex::decode(text).unwrap()
}

fn load_keys(doc: &Value) -> BTreeMap<String, KeyPair> {
    let keys = doc["keys"].as_object().unwrap();
    keys.iter()
        .map(|(name, key)| {
            let secret = SecretKey::from_bytes(&unhex(key["secretKey"].as_str().unwrap())).unwrap();
            let pair = KeyPair::from_secret(secret).unwrap();
            assert_eq!(pair.public_key().as_bytes().to_vec(), unhex(key["publicKey"].as_str().unwrap()));
            assert_eq!(pair.public_key().key_id().to_text(), key["keyId"].as_str().unwrap());
            (name.clone(), pair)
        })
        .collect()
}

/// Runs one case and returns the bytes it produced (plaintext or data key) or an error code.
fn run_case(case: &Value, keys: &BTreeMap<String, KeyPair>) -> Result<Vec<u8>, &'static str> {
    let identity = &keys[case["openAs"].as_str().unwrap()];
    let context = unhex(case["context"].as_str().unwrap());
    if let Some(header) = case["keyHeader"].as_str() {
        return envelope::open_key_header(&unhex(header), identity, &context)
            .map(|key| key.expose().to_vec())
            .map_err(|e| e.code());
    }
    let bytes = match case["text"].as_str() {
        Some(text) => envelope::from_text(text).map_err(|e| e.code())?,
        None => unhex(case["envelope"].as_str().unwrap()),
    };
    let opened = match case["expectSender"].as_str() {
        Some(sender) => envelope::open_from(&bytes, identity, &context, keys[sender].public_key()),
        None => envelope::open(&bytes, identity, &context),
    };
    opened.map_err(|e| e.code())
}

#[test]
fn envelope_v1_vectors() {
    let doc: Value = serde_json::from_str(include_str!("vectors/envelope/v1.json")).unwrap();
    let keys = load_keys(&doc);
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 36, "vector file lost cases");
    let (mut successes, mut failures) = (0, 0);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let expect = &case["expect"];
        let got = run_case(case, &keys);
        if let Some(code) = expect["error"].as_str() {
            assert_eq!(got, Err(code), "{name}");
            failures += 1;
        } else {
            let want = expect["plaintext"].as_str().or(expect["dataKey"].as_str()).unwrap();
            assert_eq!(got, Ok(unhex(want)), "{name}");
            successes += 1;
        }
    }
    assert!(successes >= 8 && failures >= 25, "{successes} successes, {failures} failures");
}
