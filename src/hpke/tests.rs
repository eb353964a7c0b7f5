//! Behaviour of the HPKE API: round trips, every tampering ending in `AuthFailed`, the
//! sequence-number limit (set near the limit through a test-only setter), export limits and
//! redacted `Debug` output.

#![allow(clippy::indexing_slicing)] // test code: a panic is a test failure

use super::*;
use crate::error::Error;
use crate::keys::KeyPair;

const INFO: &[u8] = b"phiseal hpke test";
const AAD: &[u8] = b"header";
const PT: &[u8] = b"Patient: Jane Roe, MRN 12345";

fn pair() -> KeyPair {
    KeyPair::generate().unwrap()
}

fn flip(bytes: &[u8], index: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[index] ^= 0x01;
    out
}

#[test]
fn base_round_trip_single_shot() {
    let r = pair();
    let (enc, ct) = seal_base(r.public_key(), INFO, AAD, PT).unwrap();
    assert_eq!(ct.len(), PT.len() + 16);
    assert_eq!(open_base(enc.as_bytes(), r.secret_key(), INFO, AAD, &ct).unwrap(), PT);
}

#[test]
fn auth_round_trip_single_shot() {
    let (r, s) = (pair(), pair());
    let (enc, ct) = seal_auth(r.public_key(), s.secret_key(), INFO, AAD, PT).unwrap();
    let pt = open_auth(enc.as_bytes(), r.secret_key(), s.public_key(), INFO, AAD, &ct).unwrap();
    assert_eq!(pt, PT);
}

#[test]
fn fresh_ephemeral_key_each_time() {
    let r = pair();
    let (enc1, ct1) = seal_base(r.public_key(), INFO, AAD, PT).unwrap();
    let (enc2, ct2) = seal_base(r.public_key(), INFO, AAD, PT).unwrap();
    assert_ne!(enc1, enc2);
    assert_ne!(ct1, ct2);
}

#[test]
fn multi_message_in_order_and_failed_open_does_not_advance() {
    let r = pair();
    let (enc, mut sender) = setup_base_sender(r.public_key(), INFO).unwrap();
    let cts: Vec<Vec<u8>> = (0u8..4).map(|i| sender.seal(&[i], PT).unwrap()).collect();
    assert_ne!(cts[0], cts[1], "each message has its own nonce");
    let mut receiver = setup_base_receiver(enc.as_bytes(), r.secret_key(), INFO).unwrap();
    assert_eq!(receiver.open(&[1], &cts[1]), Err(Error::AuthFailed), "out of order");
    assert_eq!(receiver.open(&[0], &flip(&cts[0], 0)), Err(Error::AuthFailed), "tampered");
    for (i, ct) in cts.iter().enumerate() {
        assert_eq!(receiver.open(&[u8::try_from(i).unwrap()], ct).unwrap(), PT);
    }
    assert_eq!(receiver.open(&[0], &cts[0]), Err(Error::AuthFailed), "replay");
}

#[test]
fn any_tampering_is_auth_failed() {
    let r = pair();
    let (enc, ct) = seal_base(r.public_key(), INFO, AAD, PT).unwrap();
    let enc = enc.as_bytes();
    for i in [0, ct.len() / 2, ct.len() - 1] {
        assert_eq!(open_base(enc, r.secret_key(), INFO, AAD, &flip(&ct, i)), Err(Error::AuthFailed));
    }
    assert_eq!(open_base(enc, r.secret_key(), INFO, b"headeR", &ct), Err(Error::AuthFailed));
    assert_eq!(open_base(enc, r.secret_key(), b"other info", AAD, &ct), Err(Error::AuthFailed));
    assert_eq!(open_base(enc, r.secret_key(), INFO, AAD, &ct[..ct.len() - 1]), Err(Error::AuthFailed));
    assert_eq!(open_base(enc, r.secret_key(), INFO, AAD, &[]), Err(Error::AuthFailed));
    for i in [0, 15, 30] {
        let bad_enc = flip(enc, i);
        assert_eq!(open_base(&bad_enc, r.secret_key(), INFO, AAD, &ct), Err(Error::AuthFailed));
    }
    // X25519 ignores the top bit of a u-coordinate, so this `enc` gives the same DH output;
    // it still fails because the `enc` bytes themselves are bound into the KEM context.
    let mut high_bit = enc.to_vec();
    high_bit[31] ^= 0x80;
    assert_eq!(open_base(&high_bit, r.secret_key(), INFO, AAD, &ct), Err(Error::AuthFailed));
}

#[test]
fn wrong_recipient_key_is_auth_failed() {
    let (r, other) = (pair(), pair());
    let (enc, ct) = seal_base(r.public_key(), INFO, AAD, PT).unwrap();
    assert_eq!(open_base(enc.as_bytes(), other.secret_key(), INFO, AAD, &ct), Err(Error::AuthFailed));
}

#[test]
fn auth_mode_checks_sender_and_mode() {
    let (r, s, mallory) = (pair(), pair(), pair());
    let (enc, ct) = seal_auth(r.public_key(), s.secret_key(), INFO, AAD, PT).unwrap();
    let enc = enc.as_bytes();
    assert_eq!(
        open_auth(enc, r.secret_key(), mallory.public_key(), INFO, AAD, &ct),
        Err(Error::AuthFailed),
        "wrong sender public key"
    );
    assert_eq!(open_base(enc, r.secret_key(), INFO, AAD, &ct), Err(Error::AuthFailed), "auth as base");
    let (base_enc, base_ct) = seal_base(r.public_key(), INFO, AAD, PT).unwrap();
    assert_eq!(
        open_auth(base_enc.as_bytes(), r.secret_key(), s.public_key(), INFO, AAD, &base_ct),
        Err(Error::AuthFailed),
        "base as auth"
    );
    let (forged_enc, forged) = seal_auth(r.public_key(), mallory.secret_key(), INFO, AAD, PT).unwrap();
    assert_eq!(
        open_auth(forged_enc.as_bytes(), r.secret_key(), s.public_key(), INFO, AAD, &forged),
        Err(Error::AuthFailed),
        "sealed by another sender"
    );
}

#[test]
fn bad_enc_is_invalid_key() {
    let r = pair();
    let (_, ct) = seal_base(r.public_key(), INFO, AAD, PT).unwrap();
    for bad in [&[0u8; 32][..], &[0u8; 31][..], &[9u8; 33][..], &[][..]] {
        assert!(matches!(open_base(bad, r.secret_key(), INFO, AAD, &ct), Err(Error::InvalidKey(_))));
        assert!(matches!(setup_base_receiver(bad, r.secret_key(), INFO), Err(Error::InvalidKey(_))));
        let got = setup_auth_receiver(bad, r.secret_key(), r.public_key(), INFO);
        assert!(matches!(got, Err(Error::InvalidKey(_))));
        assert!(matches!(Encapsulated::from_bytes(bad), Err(Error::InvalidKey(_))));
    }
}

/// The last usable sequence number is 2^96 - 2; at 2^96 - 1 every call fails, and keeps
/// failing. A 32- or 64-bit counter would wrap long before this and reuse nonces.
const LAST_SEQ: u128 = (1u128 << 96) - 2;

#[test]
fn sequence_limit_is_an_error_for_sender_and_receiver() {
    let r = pair();
    let (enc, mut sender) = setup_base_sender(r.public_key(), INFO).unwrap();
    let mut receiver = setup_base_receiver(enc.as_bytes(), r.secret_key(), INFO).unwrap();
    sender.set_seq_for_test(LAST_SEQ);
    receiver.set_seq_for_test(LAST_SEQ);
    let ct = sender.seal(AAD, PT).unwrap();
    assert_eq!(receiver.open(AAD, &ct).unwrap(), PT);
    let limit = Error::LimitExceeded("hpke sequence number");
    for _ in 0..3 {
        assert_eq!(sender.seal(AAD, PT), Err(limit.clone()));
        assert_eq!(receiver.open(AAD, &ct), Err(limit.clone()));
    }
    assert_eq!(sender.export(b"ctx", 32).unwrap(), receiver.export(b"ctx", 32).unwrap(), "export still works");
}

#[test]
fn last_nonce_is_not_a_wrapped_one() {
    let r = pair();
    let (enc, mut sender) = setup_base_sender(r.public_key(), INFO).unwrap();
    let first = sender.seal(AAD, PT).unwrap();
    sender.set_seq_for_test(LAST_SEQ);
    let last = sender.seal(AAD, PT).unwrap();
    assert_ne!(first, last);
    let mut receiver = setup_base_receiver(enc.as_bytes(), r.secret_key(), INFO).unwrap();
    assert_eq!(receiver.open(AAD, &last), Err(Error::AuthFailed), "seq 2^96-2 is not seq 0");
    receiver.set_seq_for_test(LAST_SEQ);
    assert_eq!(receiver.open(AAD, &last).unwrap(), PT);
}

#[test]
fn export_matches_and_is_bounded() {
    let r = pair();
    let (enc, secret) = send_export_base(r.public_key(), INFO, b"purpose", 64).unwrap();
    let received = receive_export_base(enc.as_bytes(), r.secret_key(), INFO, b"purpose", 64).unwrap();
    assert_eq!(secret, received);
    let other = receive_export_base(enc.as_bytes(), r.secret_key(), INFO, b"other", 64).unwrap();
    assert_ne!(secret, other);
    let max = receive_export_base(enc.as_bytes(), r.secret_key(), INFO, b"x", MAX_EXPORT_LEN).unwrap();
    assert_eq!(max.len(), 255 * 32);
    let too_long = receive_export_base(enc.as_bytes(), r.secret_key(), INFO, b"x", MAX_EXPORT_LEN + 1);
    assert_eq!(too_long, Err(Error::LimitExceeded("hpke export length")));
    let (_, sender) = setup_base_sender(r.public_key(), INFO).unwrap();
    assert_eq!(sender.export(b"x", MAX_EXPORT_LEN + 1), Err(Error::LimitExceeded("hpke export length")));
    assert!(sender.export(b"x", 0).unwrap().is_empty());
}

#[test]
fn debug_prints_no_secret() {
    let r = pair();
    let (enc, sender) = setup_base_sender(r.public_key(), INFO).unwrap();
    let receiver = setup_base_receiver(enc.as_bytes(), r.secret_key(), INFO).unwrap();
    let suite = "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM";
    assert_eq!(format!("{sender:?}"), format!("SenderContext {{ suite: {suite:?}, .. }}"));
    assert_eq!(format!("{receiver:?}"), format!("ReceiverContext {{ suite: {suite:?}, .. }}"));
    let alternate = format!("{sender:#?}{receiver:#?}");
    assert!(!alternate.contains("key") && !alternate.contains("nonce") && !alternate.contains("seq"));
    let enc_text = crate::primitives::base64::encode(enc.as_bytes());
    assert_eq!(format!("{enc:?}"), format!("Encapsulated({enc_text})"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Any message round-trips; any single flipped bit of the ciphertext, or a different
        /// `aad`, is `AuthFailed`.
        #[test]
        fn round_trip_and_single_bit_flips(
            pt in proptest::collection::vec(any::<u8>(), 0..300),
            aad in proptest::collection::vec(any::<u8>(), 0..40),
            info in proptest::collection::vec(any::<u8>(), 0..40),
            at in any::<proptest::sample::Index>(),
            bit in 0u8..8,
        ) {
            let r = pair();
            let (enc, ct) = seal_base(r.public_key(), &info, &aad, &pt).unwrap();
            let enc = enc.as_bytes();
            prop_assert_eq!(open_base(enc, r.secret_key(), &info, &aad, &ct).unwrap(), pt);
            let mut bad = ct.clone();
            bad[at.index(ct.len())] ^= 1 << bit;
            prop_assert_eq!(open_base(enc, r.secret_key(), &info, &aad, &bad), Err(Error::AuthFailed));
            let mut other_aad = aad.clone();
            other_aad.push(bit);
            prop_assert_eq!(open_base(enc, r.secret_key(), &info, &other_aad, &ct), Err(Error::AuthFailed));
        }
    }
}
