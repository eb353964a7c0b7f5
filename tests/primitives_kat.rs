//! Known answers for the primitives under phiseal's public key API and the HMAC it relies on:
//! Wycheproof X25519 and RFC 7748 through `SecretKey::diffie_hellman` / `PublicKey::from_bytes`,
//! and Wycheproof HMAC-SHA256 through the `hmac` crate. (AES-256-GCM and HKDF-SHA256 run
//! through the crate-private wrappers in `src/primitives/kat_tests.rs`.) Each test counts the
//! cases it ran against the file so it cannot pass on zero.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use phiseal::keys::{PublicKey, SecretKey};
use phiseal::Error;
use serde_json::Value;
use sha2::Sha256;

fn load(path: &str) -> Value {
    let full = format!("{}/tests/vectors/external/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|_| panic!("cannot read {full}"));
    serde_json::from_str(&text).unwrap()
}

fn hex_field(test: &Value, name: &str) -> Vec<u8> {
    hex::decode(test[name].as_str().unwrap_or_else(|| panic!("missing {name}"))).unwrap()
}

fn wycheproof_tests(file: &Value) -> impl Iterator<Item = (&Value, &Value)> {
    file["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|group| group["tests"].as_array().unwrap().iter().map(move |test| (group, test)))
}

fn flags(test: &Value) -> Vec<String> {
    test["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_owned()).collect()
}

fn dh(scalar: &[u8], u: &[u8]) -> phiseal::Result<Vec<u8>> {
    let secret = SecretKey::from_bytes(scalar)?;
    Ok(secret.diffie_hellman(&PublicKey::from_bytes(u)?)?.expose().to_vec())
}

/// Wycheproof X25519: the 31 ZeroSharedSecret cases are refused (already by
/// `PublicKey::from_bytes`); every other case, valid or acceptable (twist points, non-canonical
/// u-coordinates, edge-case scalars), gives the expected shared secret.
#[test]
fn wycheproof_x25519() {
    let file = load("wycheproof/x25519_test.json");
    let (mut run, mut zero) = (0u64, 0);
    let mut accepted: BTreeMap<String, usize> = BTreeMap::new();
    for (group, test) in wycheproof_tests(&file) {
        assert_eq!(group["curve"].as_str(), Some("curve25519"));
        let id = test["tcId"].as_u64().unwrap();
        let (private, public, shared) =
            (hex_field(test, "private"), hex_field(test, "public"), hex_field(test, "shared"));
        let test_flags = flags(test);
        if test_flags.iter().any(|f| f == "ZeroSharedSecret") {
            assert_eq!(shared, [0u8; 32], "tcId {id}");
            assert!(matches!(PublicKey::from_bytes(&public), Err(Error::InvalidKey(_))), "tcId {id}");
            assert!(dh(&private, &public).is_err(), "tcId {id}");
            zero += 1;
        } else {
            assert_eq!(dh(&private, &public).unwrap(), shared, "tcId {id} {test_flags:?}");
            for flag in test_flags {
                *accepted.entry(flag).or_default() += 1;
            }
        }
        run += 1;
    }
    assert_eq!(run, file["numberOfTests"].as_u64().unwrap());
    assert_eq!(zero, 31);
    for flag in ["Twist", "NonCanonicalPublic", "EdgeCaseMultiplication", "EdgeCasePrivateKey"] {
        assert!(accepted.get(flag).copied().unwrap_or(0) > 0, "{flag} cases are accepted");
    }
    assert!(!accepted.contains_key("LowOrderPublic"));
    eprintln!("x25519: accepted (with the expected shared secret) by flag: {accepted:?}");
}

fn iterate_x25519(iterations: u64) -> Vec<u8> {
    let (mut k, mut u) = (vec![9u8; 1], vec![9u8; 1]);
    k.resize(32, 0);
    u.resize(32, 0);
    for _ in 0..iterations {
        let next = dh(&k, &u).unwrap();
        u = std::mem::replace(&mut k, next);
    }
    k
}

#[test]
fn rfc7748_x25519() {
    let file = load("rfc/rfc7748_x25519.json");
    let (mut run, mut skipped) = (0, 0);
    for test in file["tests"].as_array().unwrap() {
        let name = test["name"].as_str().unwrap();
        let output = hex_field(test, "output");
        match test["kind"].as_str().unwrap() {
            "scalarmult" | "dh" => {
                assert_eq!(dh(&hex_field(test, "scalar"), &hex_field(test, "u")).unwrap(), output, "{name}")
            }
            "keygen" => {
                let public = SecretKey::from_bytes(&hex_field(test, "scalar")).unwrap().public_key().unwrap();
                assert_eq!(hex_field(test, "u")[0], 9, "{name}: base point");
                assert_eq!(public.to_bytes().to_vec(), output, "{name}");
            }
            "iterated" => {
                assert_eq!(hex_field(test, "start_k")[0], 9);
                let iterations = test["iterations"].as_u64().unwrap();
                if iterations > 1000 {
                    skipped += 1; // see rfc7748_x25519_million_iterations
                    continue;
                }
                assert_eq!(iterate_x25519(iterations), output, "{name}");
            }
            "dh-negative" => {
                assert!(matches!(PublicKey::from_bytes(&hex_field(test, "u")), Err(Error::InvalidKey(_))), "{name}");
            }
            other => panic!("unknown kind {other}"),
        }
        run += 1;
    }
    assert_eq!((run, skipped), (file["tests"].as_array().unwrap().len() - 1, 1));
    assert_eq!(run, 9);
}

/// RFC 7748 section 5.2, 1,000,000 iterations (about a minute): `cargo test -- --ignored`.
#[test]
#[ignore = "slow: one million scalar multiplications"]
fn rfc7748_x25519_million_iterations() {
    let expected = hex::decode("7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424").unwrap();
    assert_eq!(iterate_x25519(1_000_000), expected);
}

/// Verifies a tag of exactly `tag_bytes` bytes (left-truncated HMAC, as Wycheproof defines).
fn hmac_verify(key: &[u8], msg: &[u8], tag: &[u8], tag_bytes: usize) -> bool {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(msg);
    tag.len() == tag_bytes && mac.verify_truncated_left(tag).is_ok()
}

#[test]
fn wycheproof_hmac_sha256() {
    let file = load("wycheproof/hmac_sha256_test.json");
    let (mut run, mut rejected) = (0, 0);
    for (group, test) in wycheproof_tests(&file) {
        let id = test["tcId"].as_u64().unwrap();
        let tag_bytes = usize::try_from(group["tagSize"].as_u64().unwrap() / 8).unwrap();
        let (key, msg, tag) = (hex_field(test, "key"), hex_field(test, "msg"), hex_field(test, "tag"));
        let verified = hmac_verify(&key, &msg, &tag, tag_bytes);
        match test["result"].as_str().unwrap() {
            "valid" => {
                assert!(verified, "tcId {id}");
                let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
                mac.update(&msg);
                assert_eq!(&mac.finalize().into_bytes()[..tag_bytes], &tag[..], "tcId {id}");
            }
            "invalid" => {
                assert!(!verified, "tcId {id}");
                rejected += 1;
            }
            other => panic!("tcId {id}: unexpected result {other}"),
        }
        run += 1;
    }
    assert_eq!(run, file["numberOfTests"].as_u64().unwrap());
    assert_eq!(rejected, 108, "the ModifiedTag cases");
}
