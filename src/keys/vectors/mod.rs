//! Generator of the key vectors in `tests/vectors/keys/` (test-only).
//!
//! Each case states the outcome it is meant to have (written here, not read back from the
//! implementation); the generator checks the implementation agrees before writing. Regenerate
//! with `cargo test --lib keys::vectors -- --ignored`; `checked_in_vectors_are_up_to_date`
//! fails whenever the files and this generator disagree. The backups use fixed salts and
//! nonces through the crate-private
//! [`crate::keys::backup::seal_backup`], so they are reproducible byte for byte.

#![allow(clippy::indexing_slicing)]

mod backup;
mod fingerprint;
mod jwk;

use serde_json::{json, Value};

use crate::keys::{KeyPair, PublicKey, SecretKey};
use crate::primitives::base64;

/// RFC 7748 section 6.1 key pairs.
const ALICE_SECRET: &str = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const BOB_SECRET: &str = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const PASSWORD: &str = "correct horse battery staple";

fn pair(secret_hex: &str) -> KeyPair {
    KeyPair::from_secret(SecretKey::from_bytes(&hex::decode(secret_hex).unwrap()).unwrap()).unwrap()
}

fn b64(bytes: &[u8]) -> String {
    base64::encode(bytes)
}

fn expect_error(code: &str) -> Value {
    json!({ "result": "error", "error": code })
}

fn expect_key(public: &PublicKey) -> Value {
    json!({
        "result": "ok",
        "public_key_hex": hex::encode(public.as_bytes()),
        "key_id": public.key_id().to_text(),
    })
}

fn vector_files() -> Vec<(&'static str, Value)> {
    vec![
        ("jwk.json", jwk::jwk_vectors()),
        ("backup.json", backup::backup_vectors()),
        ("fingerprint.json", fingerprint::fingerprint_vectors()),
    ]
}

fn path_of(file: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/keys").join(file)
}

fn render(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

#[test]
#[ignore = "writes tests/vectors/keys/; run by hand after a deliberate change"]
fn write_vectors() {
    std::fs::create_dir_all(path_of("")).unwrap();
    for (file, value) in vector_files() {
        std::fs::write(path_of(file), render(&value)).unwrap();
    }
}

#[test]
fn checked_in_vectors_are_up_to_date() {
    for (file, value) in vector_files() {
        let on_disk = std::fs::read_to_string(path_of(file)).unwrap();
        assert!(on_disk == render(&value), "{file} differs from the generator");
    }
}

#[test]
fn fingerprints_of_different_keys_differ() {
    let fingerprints: Vec<String> = fingerprint::fingerprint_vectors()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| case["fingerprint"].as_str().unwrap().to_owned())
        .collect();
    for (i, a) in fingerprints.iter().enumerate() {
        assert!(fingerprints[i + 1..].iter().all(|b| a != b));
    }
}
