//! Wycheproof C2SP chunked-encryption (Cobblestone-256) known answers against the crate
//! internals: the derived AEAD key and base nonce, exact re-encryption with the vector's salt
//! (method 2 of the Wycheproof guide), and raw-mode decryption with `aeadKey` / `baseNonce`.
//! The public streaming API runs the same vectors in `tests/stream_wycheproof.rs`.

#![allow(clippy::indexing_slicing)]

use std::io::Read;

use serde_json::Value;
use sha2::{Digest, Sha512};

use super::chunk::ChunkCipher;
use super::derive::MessageKeys;
use super::format::{HEADER_LEN, SALT_LEN};
use super::oneshot::{open, open_chunks, seal_with_salt};

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/external/wycheproof/c2sp_chunked_encryption_aes_256_gcm_test.json"
);

struct Vector {
    id: u64,
    valid: bool,
    flags: Vec<String>,
    key: Vec<u8>,
    ctx: Vec<u8>,
    ct: Vec<u8>,
    raw: Option<([u8; 32], [u8; 12])>,
    msg: Option<(usize, Vec<u8>)>,
}

fn hex_field(test: &Value, name: &str) -> Option<Vec<u8>> {
    test.get(name).and_then(Value::as_str).map(|s| hex::decode(s).unwrap())
}

fn load() -> Vec<Vector> {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    let tests = file["testGroups"].as_array().unwrap().iter().flat_map(|g| g["tests"].as_array().unwrap());
    tests.map(parse).collect()
}

fn parse(test: &Value) -> Vector {
    let mut ct = Vec::new();
    flate2::read::ZlibDecoder::new(&hex_field(test, "ct").unwrap()[..]).read_to_end(&mut ct).unwrap();
    let raw = hex_field(test, "aeadKey")
        .map(|k| (k.try_into().unwrap(), hex_field(test, "baseNonce").unwrap().try_into().unwrap()));
    let msg = test
        .get("msgLength")
        .map(|len| (usize::try_from(len.as_u64().unwrap()).unwrap(), hex_field(test, "msgSha512").unwrap()));
    Vector {
        id: test["tcId"].as_u64().unwrap(),
        valid: test["result"] == "valid",
        flags: test["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_owned()).collect(),
        key: hex_field(test, "key").unwrap(),
        ctx: hex_field(test, "ctx").unwrap(),
        ct,
        raw,
        msg,
    }
}

#[test]
fn all_35_vectors_are_loaded() {
    let vectors = load();
    assert_eq!(vectors.len(), 35);
    assert_eq!(vectors.iter().filter(|v| v.valid).count(), 10);
}

#[test]
fn derived_aead_key_and_base_nonce_match() {
    let mut checked = 0;
    for v in load().iter().filter(|v| v.raw.is_some()) {
        let (aead_key, base_nonce) = v.raw.unwrap();
        let key: [u8; 32] = v.key.as_slice().try_into().unwrap();
        let salt: [u8; SALT_LEN] = v.ct[..SALT_LEN].try_into().unwrap();
        let keys = MessageKeys::derive(&key, &salt, &v.ctx).unwrap();
        assert_eq!(keys.aead_key_and_base_nonce(), (&aead_key, &base_nonce), "tcId {}", v.id);
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} vectors carry aeadKey");
}

#[test]
fn valid_vectors_reencrypt_exactly_with_their_salt() {
    for v in load().iter().filter(|v| v.valid) {
        let key: [u8; 32] = v.key.as_slice().try_into().unwrap();
        let message = open(&key, &v.ctx, &v.ct).unwrap();
        let (len, sha) = v.msg.as_ref().unwrap();
        assert_eq!((message.len(), Sha512::digest(&message).to_vec()), (*len, sha.clone()));
        let salt: [u8; SALT_LEN] = v.ct[..SALT_LEN].try_into().unwrap();
        assert_eq!(seal_with_salt(&key, &salt, &v.ctx, &message).unwrap(), v.ct, "tcId {}", v.id);
    }
}

#[test]
fn raw_mode_decrypts_valid_and_rejects_invalid() {
    for v in load().iter().filter(|v| !v.flags.iter().any(|f| f == "HeaderFailure")) {
        let (aead_key, base_nonce) = v.raw.unwrap();
        let result = open_chunks(&ChunkCipher::new(&aead_key, &base_nonce).unwrap(), &v.ct[HEADER_LEN..]);
        match (&v.msg, v.valid) {
            (Some((len, sha)), true) => {
                let m = result.unwrap();
                assert_eq!((m.len(), Sha512::digest(&m).to_vec()), (*len, sha.clone()), "tcId {}", v.id);
            }
            _ => assert!(result.is_err(), "tcId {} must fail", v.id),
        }
    }
}
