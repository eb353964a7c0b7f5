//! HPKE known answers through the public API of `phiseal::hpke`:
//!
//! - every AES-256-GCM (`aead_id` 2) entry of modes base (0) and auth (2) in aws-lc's RFC 9180
//!   vectors: a receiver context opens each of the 257 encryptions in sequence and reproduces
//!   each export (the sender side, which needs the fixed ephemeral key, runs inside the crate
//!   in `src/hpke/kat_tests.rs`, as do the RFC 9180 Appendix A key-schedule checks);
//! - the 31 Wycheproof X25519 public keys that give an all-zero shared secret, which must be
//!   refused as recipient keys (so nothing can be sealed to them) and as `enc` when opening.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../src/hpke/vector_file.rs"]
mod vector_file;

use phiseal::hpke::{self, Encapsulated};
use phiseal::keys::{KeyPair, PublicKey, SecretKey};
use phiseal::Error;
use vector_file::{parse_aws_lc, Record, Vector};

fn read(path: &str) -> String {
    let full = format!("{}/tests/vectors/external/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|_| panic!("cannot read {full}"))
}

fn aws_lc_text() -> String {
    read("hpke/aws-lc_hpke_test_vectors.txt")
}

/// Counts, straight from the text and independently of the parser, the entries this suite
/// must run and their encryptions.
fn expected_counts(text: &str) -> (usize, usize) {
    let entries: Vec<&str> = text
        .split("\n\n")
        .filter(|entry| entry.lines().any(|l| l.trim() == "aead_id = 2"))
        .filter(|entry| entry.lines().any(|l| l.trim() == "mode = 0" || l.trim() == "mode = 2"))
        .collect();
    let encryptions = entries.iter().map(|e| e.matches("# encryptions[").count()).sum();
    (entries.len(), encryptions)
}

fn is_our_suite(setup: &Record) -> bool {
    setup.num("aead_id") == 2 && setup.num("kdf_id") == 1 && matches!(setup.num("mode"), 0 | 2)
}

fn receiver_for(vector: &Vector) -> hpke::ReceiverContext {
    let setup = &vector.setup;
    let sk_r = SecretKey::from_bytes(&setup.hex("skRm")).unwrap();
    assert_eq!(sk_r.public_key().unwrap().to_bytes().to_vec(), setup.hex("pkRm"));
    let (enc, info) = (setup.hex("pkEm"), setup.hex("info"));
    if setup.num("mode") == 0 {
        hpke::setup_base_receiver(&enc, &sk_r, &info).unwrap()
    } else {
        let pk_s = PublicKey::from_bytes(&setup.hex("pkSm")).unwrap();
        hpke::setup_auth_receiver(&enc, &sk_r, &pk_s, &info).unwrap()
    }
}

/// Opens the vector's encryptions in order, then checks its exports. Returns how many
/// encryptions were opened.
fn run_receiver(vector: &Vector) -> usize {
    let mut receiver = receiver_for(vector);
    for (seq, encryption) in vector.encryptions.iter().enumerate() {
        let pt = receiver.open(&encryption.hex("aad"), &encryption.hex("ct"));
        assert_eq!(pt.unwrap(), encryption.hex("pt"), "encryption {seq}");
    }
    for export in &vector.exports {
        let len = usize::try_from(export.num("L")).unwrap();
        let value = receiver.export(&export.hex("exporter_context"), len).unwrap();
        assert_eq!(*value, export.hex("exported_value"));
    }
    vector.encryptions.len()
}

#[test]
fn aws_lc_aes_256_gcm_vectors_open_in_sequence_and_export() {
    let text = aws_lc_text();
    let (expected_vectors, expected_encryptions) = expected_counts(&text);
    let (mut vectors, mut encryptions) = (0, 0);
    for vector in parse_aws_lc(&text).iter().filter(|v| is_our_suite(&v.setup)) {
        assert_eq!(vector.exports.len(), 3);
        encryptions += run_receiver(vector);
        vectors += 1;
    }
    assert_eq!((vectors, encryptions), (expected_vectors, expected_encryptions));
    assert_eq!((vectors, encryptions), (2, 2 * 257), "one entry per mode, 257 encryptions each");
}

#[test]
fn aws_lc_first_message_through_single_shot_api() {
    let mut checked = 0;
    for vector in parse_aws_lc(&aws_lc_text()).iter().filter(|v| is_our_suite(&v.setup)) {
        let setup = &vector.setup;
        let sk_r = SecretKey::from_bytes(&setup.hex("skRm")).unwrap();
        let (enc, info) = (setup.hex("pkEm"), setup.hex("info"));
        let first = &vector.encryptions[0];
        let (aad, ct, pt) = (first.hex("aad"), first.hex("ct"), first.hex("pt"));
        let opened = if setup.num("mode") == 0 {
            let export = &vector.exports[2];
            let len = usize::try_from(export.num("L")).unwrap();
            let ctx = export.hex("exporter_context");
            let value = hpke::receive_export_base(&enc, &sk_r, &info, &ctx, len).unwrap();
            assert_eq!(*value, export.hex("exported_value"));
            hpke::open_base(&enc, &sk_r, &info, &aad, &ct)
        } else {
            let pk_s = PublicKey::from_bytes(&setup.hex("pkSm")).unwrap();
            let wrong_sender = KeyPair::generate().unwrap();
            let forged = hpke::open_auth(&enc, &sk_r, wrong_sender.public_key(), &info, &aad, &ct);
            assert_eq!(forged, Err(Error::AuthFailed));
            hpke::open_auth(&enc, &sk_r, &pk_s, &info, &aad, &ct)
        };
        assert_eq!(opened.unwrap(), pt);
        let second = &vector.encryptions[1];
        let out_of_order = hpke::open_base(&enc, &sk_r, &info, &second.hex("aad"), &second.hex("ct"));
        assert_eq!(out_of_order, Err(Error::AuthFailed), "sequence 1 under the nonce of 0");
        checked += 1;
    }
    assert_eq!(checked, 2);
}

#[test]
fn aws_lc_tampered_inputs_fail() {
    let vector = parse_aws_lc(&aws_lc_text()).into_iter().find(|v| is_our_suite(&v.setup)).unwrap();
    let setup = &vector.setup;
    assert_eq!(setup.num("mode"), 0);
    let sk_r = SecretKey::from_bytes(&setup.hex("skRm")).unwrap();
    let (enc, info) = (setup.hex("pkEm"), setup.hex("info"));
    let first = &vector.encryptions[0];
    let (aad, ct) = (first.hex("aad"), first.hex("ct"));
    let open = |enc: &[u8], info: &[u8], aad: &[u8], ct: &[u8]| hpke::open_base(enc, &sk_r, info, aad, ct);
    assert!(open(&enc, &info, &aad, &ct).is_ok());
    for i in 0..ct.len() {
        let mut bad = ct.clone();
        bad[i] ^= 0x80;
        assert_eq!(open(&enc, &info, &aad, &bad), Err(Error::AuthFailed), "ct byte {i}");
    }
    for i in 0..enc.len() {
        let mut bad = enc.clone();
        bad[i] ^= 0x02;
        assert_eq!(open(&bad, &info, &aad, &ct), Err(Error::AuthFailed), "enc byte {i}");
    }
    let mut bad_aad = aad.clone();
    bad_aad.push(0);
    assert_eq!(open(&enc, &info, &bad_aad, &ct), Err(Error::AuthFailed));
    assert_eq!(open(&enc, &info[1..], &aad, &ct), Err(Error::AuthFailed));
    let stranger = KeyPair::generate().unwrap();
    let wrong_key = hpke::open_base(&enc, stranger.secret_key(), &info, &aad, &ct);
    assert_eq!(wrong_key, Err(Error::AuthFailed));
}

/// The public keys of the Wycheproof X25519 cases flagged `ZeroSharedSecret`.
fn zero_shared_secret_keys() -> Vec<Vec<u8>> {
    let file: serde_json::Value = serde_json::from_str(&read("wycheproof/x25519_test.json")).unwrap();
    let mut keys = Vec::new();
    for group in file["testGroups"].as_array().unwrap() {
        for test in group["tests"].as_array().unwrap() {
            let flags = test["flags"].as_array().unwrap();
            if flags.iter().any(|f| f.as_str() == Some("ZeroSharedSecret")) {
                keys.push(hex::decode(test["public"].as_str().unwrap()).unwrap());
            }
        }
    }
    keys
}

#[test]
fn zero_shared_secret_keys_rejected_for_sealing_and_as_enc() {
    let keys = zero_shared_secret_keys();
    assert_eq!(keys.len(), 31);
    let recipient = KeyPair::generate().unwrap();
    let sender = KeyPair::generate().unwrap();
    let (_, ct) = hpke::seal_base(recipient.public_key(), b"info", b"aad", b"pt").unwrap();
    for key in &keys {
        // Sealing needs a `PublicKey` for the recipient (and the auth sender): none exists.
        assert!(matches!(PublicKey::from_bytes(key), Err(Error::InvalidKey(_))));
        assert!(matches!(Encapsulated::from_bytes(key), Err(Error::InvalidKey(_))));
        let sk_r = recipient.secret_key();
        let base = hpke::open_base(key, sk_r, b"info", b"aad", &ct);
        assert!(matches!(base, Err(Error::InvalidKey(_))));
        let auth = hpke::open_auth(key, sk_r, sender.public_key(), b"info", b"aad", &ct);
        assert!(matches!(auth, Err(Error::InvalidKey(_))));
        let export = hpke::receive_export_base(key, sk_r, b"info", b"ctx", 32);
        assert!(matches!(export, Err(Error::InvalidKey(_))));
    }
}
