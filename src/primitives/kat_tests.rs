//! Known-answer tests of the crate-private primitive wrappers: Wycheproof AES-GCM through
//! [`aead`](crate::primitives::aead), Wycheproof HKDF-SHA256 and RFC 5869 through
//! [`hkdf`](crate::primitives::hkdf). Every test counts the vectors it ran and compares the
//! count with the file, so it cannot pass on zero. X25519 and HMAC vectors run through public
//! or dependency APIs in `tests/primitives_kat.rs`.

#![allow(clippy::indexing_slicing)] // test code: a panic is a test failure

use serde_json::Value;

use crate::error::Error;
use crate::primitives::{aead, hkdf};

fn load(path: &str) -> Value {
    let full = format!("{}/tests/vectors/external/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|_| panic!("cannot read {full}"));
    serde_json::from_str(&text).unwrap()
}

fn hex_field(test: &Value, name: &str) -> Vec<u8> {
    hex::decode(test[name].as_str().unwrap_or_else(|| panic!("missing {name}"))).unwrap()
}

fn str_field<'a>(test: &'a Value, name: &str) -> &'a str {
    test[name].as_str().unwrap_or_else(|| panic!("missing {name}"))
}

fn groups(file: &Value) -> &Vec<Value> {
    file["testGroups"].as_array().unwrap()
}

fn tests(group: &Value) -> &Vec<Value> {
    group["tests"].as_array().unwrap()
}

fn number(value: &Value) -> u64 {
    // serde_json's arbitrary_precision keeps numbers as text; `as_u64` still parses them.
    value.as_u64().unwrap()
}

/// One Wycheproof AES-GCM case with a 256-bit key and 96-bit nonce: valid cases must seal to
/// `ct || tag` and open back; invalid ones must fail to open.
fn check_aes_gcm_case(test: &Value) {
    let id = number(&test["tcId"]);
    let key: [u8; 32] = hex_field(test, "key").try_into().unwrap();
    let nonce: [u8; 12] = hex_field(test, "iv").try_into().unwrap();
    let (aad, msg) = (hex_field(test, "aad"), hex_field(test, "msg"));
    let mut sealed = hex_field(test, "ct");
    sealed.extend_from_slice(&hex_field(test, "tag"));
    let opened = aead::open_with_nonce(&key, &nonce, &aad, &sealed);
    match str_field(test, "result") {
        "valid" => {
            assert_eq!(aead::seal_with_nonce(&key, &nonce, &aad, &msg).unwrap(), sealed, "tcId {id}");
            assert_eq!(opened.unwrap(), msg, "tcId {id}");
        }
        "invalid" => assert_eq!(opened, Err(Error::AuthFailed), "tcId {id}"),
        other => panic!("tcId {id}: unexpected result {other}"),
    }
}

#[test]
fn wycheproof_aes_256_gcm() {
    let file = load("wycheproof/aes_gcm_test.json");
    let mut run = 0;
    for group in groups(&file) {
        if number(&group["keySize"]) != 256 || number(&group["ivSize"]) != 96 {
            continue;
        }
        assert_eq!(number(&group["tagSize"]), 128);
        for test in tests(group) {
            check_aes_gcm_case(test);
            run += 1;
        }
    }
    assert_eq!(run, 66, "the single 256-bit-key, 96-bit-IV group has 66 cases");
}

fn hkdf_sha256(salt: &[u8], ikm: &[u8], info: &[u8], len: usize) -> (hkdf::Prk, crate::Result<Vec<u8>>) {
    let prk = hkdf::extract(salt, &[ikm]);
    let mut okm = vec![0u8; len];
    let result = prk.expand(&[info], &mut okm).map(|()| okm);
    (prk, result)
}

#[test]
fn wycheproof_hkdf_sha256() {
    let file = load("wycheproof/hkdf_sha256_test.json");
    let (mut run, mut too_long) = (0, 0);
    for test in groups(&file).iter().flat_map(tests) {
        let id = number(&test["tcId"]);
        let len = usize::try_from(number(&test["size"])).unwrap();
        let (_, okm) = hkdf_sha256(&hex_field(test, "salt"), &hex_field(test, "ikm"), &hex_field(test, "info"), len);
        match str_field(test, "result") {
            "valid" => assert_eq!(okm.unwrap(), hex_field(test, "okm"), "tcId {id}"),
            "invalid" => {
                assert_eq!(okm, Err(Error::LimitExceeded("HKDF output length")), "tcId {id}");
                too_long += 1;
            }
            other => panic!("tcId {id}: unexpected result {other}"),
        }
        run += 1;
    }
    assert_eq!(run, number(&file["numberOfTests"]));
    assert_eq!(too_long, 3, "the three SizeTooLarge cases");
}

#[test]
fn rfc5869_hkdf_sha256() {
    let file = load("rfc/rfc5869_hkdf_sha256.json");
    let mut run = 0;
    for test in file["tests"].as_array().unwrap() {
        assert_eq!(str_field(test, "hash"), "SHA-256");
        let len = usize::try_from(number(&test["L"])).unwrap();
        let (prk, okm) = hkdf_sha256(&hex_field(test, "salt"), &hex_field(test, "ikm"), &hex_field(test, "info"), len);
        assert_eq!(prk.expose().to_vec(), hex_field(test, "prk"), "{}", str_field(test, "name"));
        assert_eq!(okm.unwrap(), hex_field(test, "okm"), "{}", str_field(test, "name"));
        run += 1;
    }
    assert_eq!(run, 3, "RFC 5869 A.1-A.3");
}
