//! HPKE, envelopes and password backups of the core run under WebAssembly (Node), including
//! the envelope v1 vectors embedded at compile time (wasm has no file system).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use phiseal::keys::{BackupParams, KeyPair, SecretKey};
use phiseal::{envelope, hpke};
use wasm_bindgen_test::wasm_bindgen_test;

const ENVELOPE_VECTORS: &str = include_str!("../../../tests/vectors/envelope/v1.json");

fn key(vectors: &serde_json::Value, name: &str) -> KeyPair {
    let secret = hex::decode(vectors["keys"][name]["secretKey"].as_str().unwrap()).unwrap();
    KeyPair::from_secret(SecretKey::from_bytes(&secret).unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn envelope_vectors_open_or_fail_as_documented() {
    let vectors: serde_json::Value = serde_json::from_str(ENVELOPE_VECTORS).unwrap();
    let mut checked = 0;
    for case in vectors["cases"].as_array().unwrap() {
        let Some(sealed) = case["envelope"].as_str() else { continue };
        if case.get("expectSender").is_some() {
            continue;
        }
        let identity = key(&vectors, case["openAs"].as_str().unwrap());
        let context = hex::decode(case["context"].as_str().unwrap()).unwrap();
        let result = envelope::open(&hex::decode(sealed).unwrap(), &identity, &context);
        match case["expect"]["plaintext"].as_str() {
            Some(pt) => assert_eq!(result.unwrap(), hex::decode(pt).unwrap()),
            None => assert_eq!(result.unwrap_err().code(), case["expect"]["error"].as_str().unwrap()),
        }
        checked += 1;
    }
    assert!(checked >= 25, "checked {checked} cases");
}

#[wasm_bindgen_test]
fn envelope_round_trip_with_sender() {
    let (clinic, device) = (KeyPair::generate().unwrap(), KeyPair::generate().unwrap());
    let options = envelope::SealOptions { sender: Some(&device) };
    let sealed = envelope::seal_with(b"lab result", &[*clinic.public_key()], b"record:1", &options).unwrap();
    let opened = envelope::open_from(&sealed, &clinic, b"record:1", device.public_key()).unwrap();
    assert_eq!(opened, b"lab result");
    assert_eq!(envelope::open(&sealed, &clinic, b"record:2").unwrap_err().code(), "AUTH_FAILED");
}

#[wasm_bindgen_test]
fn hpke_round_trip_in_both_modes() {
    let (recipient, sender) = (KeyPair::generate().unwrap(), KeyPair::generate().unwrap());
    let (enc, ct) = hpke::seal_base(recipient.public_key(), b"info", b"aad", b"pt").unwrap();
    assert_eq!(hpke::open_base(enc.as_bytes(), recipient.secret_key(), b"info", b"aad", &ct).unwrap(), b"pt");
    let (enc, ct) = hpke::seal_auth(recipient.public_key(), sender.secret_key(), b"i", b"a", b"pt").unwrap();
    let opened = hpke::open_auth(enc.as_bytes(), recipient.secret_key(), sender.public_key(), b"i", b"a", &ct);
    assert_eq!(opened.unwrap(), b"pt");
}

#[wasm_bindgen_test]
fn password_backup_allocates_argon2_memory_in_wasm() {
    let pair = KeyPair::generate().unwrap();
    let params = BackupParams::new(8 * 1024, 4, 1).unwrap();
    let backup = pair.export_with_password(b"correct horse", &params).unwrap();
    let restored = KeyPair::import_with_password(&backup, b"correct horse").unwrap();
    assert_eq!(restored.public_key(), pair.public_key());
    assert_eq!(KeyPair::import_with_password(&backup, b"wrong").unwrap_err().code(), "WRONG_PASSWORD");
}
