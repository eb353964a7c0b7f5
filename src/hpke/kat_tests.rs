//! Known-answer tests that need crate internals: the key-schedule intermediates of RFC 9180
//! Appendix A and the sender side (fixed ephemeral keys) of the aws-lc vectors. The receiver
//! side through the public API is in `tests/hpke_kat.rs`.

#![allow(clippy::indexing_slicing)] // test code: a panic is a test failure

use crate::hpke::context::compute_nonce;
use crate::hpke::kem::{auth_decap, auth_encap, decap, derive_key_pair, encap, Encapsulated};
use crate::hpke::key_schedule::{context_and_secret, Mode};
use crate::hpke::labeled::{hpke_suite_id, labeled_expand, KDF_ID, KEM_ID};
use crate::hpke::setup::{
    setup_auth_receiver, setup_auth_sender_with_ephemeral, setup_base_receiver, setup_base_sender_with_ephemeral,
};
use crate::hpke::vector_file::{parse_aws_lc, parse_rfc9180, Record, Vector};
use crate::keys::{PublicKey, SecretKey};
use crate::primitives::hkdf::Prk;
use crate::primitives::secret::SecretBytes;

fn read(name: &str) -> String {
    let path = format!("{}/tests/vectors/external/hpke/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("cannot read {path}"))
}

fn mode_of(setup: &Record) -> Option<Mode> {
    match setup.num("mode") {
        0 => Some(Mode::Base),
        2 => Some(Mode::Auth),
        _ => None,
    }
}

fn secret_key(setup: &Record, name: &str) -> SecretKey {
    SecretKey::from_bytes(&setup.hex(name)).unwrap()
}

fn public_key(setup: &Record, name: &str) -> PublicKey {
    PublicKey::from_bytes(&setup.hex(name)).unwrap()
}

/// `(Nk, Nn)` of the AEADs in Appendix A (RFC 9180 Table 5).
fn aead_lengths(aead_id: u128) -> (usize, usize) {
    match aead_id {
        1 => (16, 12),
        2 | 3 => (32, 12),
        0xFFFF => (0, 0),
        other => panic!("unexpected aead_id {other}"),
    }
}

fn expand(suite_id: &[u8], prk: &Prk, label: &[u8], info: &[u8], len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len];
    labeled_expand(suite_id, prk, label, info, &mut out).unwrap();
    out
}

/// Checks DeriveKeyPair, (Auth)Encap/(Auth)Decap, the key schedule, nonces and exports of one
/// Appendix A vector; returns the number of nonces and exports checked.
fn check_rfc_vector(vector: &Vector, mode: Mode) -> (usize, usize) {
    let setup = &vector.setup;
    let mut pairs = vec![("ikmE", "skEm", "pkEm"), ("ikmR", "skRm", "pkRm")];
    if mode == Mode::Auth {
        pairs.push(("ikmS", "skSm", "pkSm"));
    }
    for (ikm, sk, pk) in pairs {
        let derived = derive_key_pair(&setup.hex(ikm)).unwrap();
        assert_eq!(derived.dangerous_export_bytes().expose().to_vec(), setup.hex(sk), "{sk}");
        assert_eq!(derived.public_key().unwrap().to_bytes().to_vec(), setup.hex(pk), "{pk}");
    }

    let pk_r = public_key(setup, "pkRm");
    let sk_r = secret_key(setup, "skRm");
    let sk_e = secret_key(setup, "skEm");
    let (shared, enc) = match mode {
        Mode::Base => encap(&pk_r, sk_e).unwrap(),
        Mode::Auth => auth_encap(&pk_r, &secret_key(setup, "skSm"), sk_e).unwrap(),
    };
    assert_eq!(enc.as_bytes().to_vec(), setup.hex("enc"));
    assert_eq!(shared.expose().to_vec(), setup.hex("shared_secret"));
    let received = match mode {
        Mode::Base => decap(&enc, &sk_r).unwrap(),
        Mode::Auth => auth_decap(&enc, &sk_r, &public_key(setup, "pkSm")).unwrap(),
    };
    assert_eq!(received, shared);

    let aead_id = setup.num("aead_id");
    let suite_id = hpke_suite_id(KEM_ID, KDF_ID, u16::try_from(aead_id).unwrap());
    let (context, secret) = context_and_secret(&suite_id, mode, &shared, &setup.hex("info"));
    assert_eq!(context, setup.hex("key_schedule_context"));
    assert_eq!(secret.expose().to_vec(), setup.hex("secret"));
    let (n_k, n_n) = aead_lengths(aead_id);
    assert_eq!(expand(&suite_id, &secret, b"key", &context, n_k), setup.hex("key"));
    let base_nonce = expand(&suite_id, &secret, b"base_nonce", &context, n_n);
    assert_eq!(base_nonce, setup.hex("base_nonce"));
    let exporter_secret = expand(&suite_id, &secret, b"exp", &context, 32);
    assert_eq!(exporter_secret, setup.hex("exporter_secret"));

    let mut nonces = 0;
    for encryption in &vector.encryptions {
        let base: [u8; 12] = base_nonce.as_slice().try_into().unwrap();
        let nonce = compute_nonce(&base, encryption.num("sequence number"));
        assert_eq!(nonce.to_vec(), encryption.hex("nonce"));
        nonces += 1;
    }
    let exporter = Prk::from_secret(SecretBytes::from_slice(&exporter_secret).unwrap());
    for export in &vector.exports {
        let len = usize::try_from(export.num("L")).unwrap();
        let value = expand(&suite_id, &exporter, b"sec", &export.hex("exporter_context"), len);
        assert_eq!(value, export.hex("exported_value"));
    }
    (nonces, vector.exports.len())
}

#[test]
fn rfc9180_appendix_a_kem_key_schedule_nonces_and_exports() {
    let text = read("rfc9180_appendixA_x25519_suites.txt");
    let expected = text.lines().filter(|l| *l == "mode: 0" || *l == "mode: 2").count();
    let (mut vectors_run, mut nonces, mut exports) = (0, 0, 0);
    for vector in parse_rfc9180(&text) {
        assert_eq!(vector.setup.num("kem_id"), u128::from(KEM_ID));
        assert_eq!(vector.setup.num("kdf_id"), u128::from(KDF_ID));
        let Some(mode) = mode_of(&vector.setup) else {
            continue;
        };
        let (n, e) = check_rfc_vector(&vector, mode);
        vectors_run += 1;
        nonces += n;
        exports += e;
    }
    assert_eq!(vectors_run, expected);
    assert_eq!(vectors_run, 6, "A.1, A.2 and A.7, modes base and auth");
    assert_eq!(nonces, 4 * 6, "six nonces in each of the four AEAD vectors");
    assert_eq!(exports, 6 * 3);
}

/// Seals every encryption with the vector's ephemeral key and checks each export, then opens
/// with a receiver context. Returns the number of encryptions checked.
fn check_aws_lc_sender(vector: &Vector, mode: Mode) -> usize {
    let setup = &vector.setup;
    let (pk_r, sk_r, info) = (public_key(setup, "pkRm"), secret_key(setup, "skRm"), setup.hex("info"));
    assert_eq!(sk_r.public_key().unwrap(), pk_r);
    let sk_e = secret_key(setup, "skEm");
    let (enc, mut sender) = match mode {
        Mode::Base => setup_base_sender_with_ephemeral(&pk_r, &info, sk_e).unwrap(),
        Mode::Auth => {
            let sk_s = secret_key(setup, "skSm");
            assert_eq!(sk_s.public_key().unwrap(), public_key(setup, "pkSm"));
            setup_auth_sender_with_ephemeral(&pk_r, &sk_s, &info, sk_e).unwrap()
        }
    };
    assert_eq!(enc, Encapsulated::from_bytes(&setup.hex("pkEm")).unwrap());
    let mut receiver = match mode {
        Mode::Base => setup_base_receiver(enc.as_bytes(), &sk_r, &info).unwrap(),
        Mode::Auth => setup_auth_receiver(enc.as_bytes(), &sk_r, &public_key(setup, "pkSm"), &info).unwrap(),
    };
    for encryption in &vector.encryptions {
        let (aad, pt) = (encryption.hex("aad"), encryption.hex("pt"));
        let ct = sender.seal(&aad, &pt).unwrap();
        assert_eq!(ct, encryption.hex("ct"));
        assert_eq!(receiver.open(&aad, &ct).unwrap(), pt);
    }
    for export in &vector.exports {
        let (context, len) = (export.hex("exporter_context"), usize::try_from(export.num("L")).unwrap());
        assert_eq!(*sender.export(&context, len).unwrap(), export.hex("exported_value"));
        assert_eq!(*receiver.export(&context, len).unwrap(), export.hex("exported_value"));
    }
    vector.encryptions.len()
}

#[test]
fn aws_lc_vectors_sender_side() {
    let text = read("aws-lc_hpke_test_vectors.txt");
    let (mut vectors_run, mut encryptions) = (0, 0);
    for vector in parse_aws_lc(&text) {
        let Some(mode) = mode_of(&vector.setup) else {
            continue;
        };
        if vector.setup.num("aead_id") != 2 || vector.setup.num("kdf_id") != 1 {
            continue;
        }
        assert_eq!(vector.exports.len(), 3);
        encryptions += check_aws_lc_sender(&vector, mode);
        vectors_run += 1;
    }
    assert_eq!(vectors_run, 2, "one AES-256-GCM entry each for modes base and auth");
    assert_eq!(encryptions, 2 * 257);
}
