//! Attacks that need a malicious sealer, built from the crate-private pieces.

use sha2::{Digest, Sha256};

use super::data_key::{DataKey, HeaderKeys};
use super::wire::{Header, Kind, Preamble};
use super::{header, open, seal, slot};
use crate::keys::KeyPair;
use crate::primitives::{aead, random};

fn pairs(n: usize) -> Vec<KeyPair> {
    (0..n).map(|_| KeyPair::generate().unwrap()).collect()
}

/// A sealer that wraps a different data key to the last recipient, but commits to the first.
#[test]
fn different_data_keys_per_recipient_make_the_odd_recipient_fail() {
    let ids = pairs(3);
    let context = b"ctx";
    let honest = DataKey::generate().unwrap();
    let odd = DataKey::generate().unwrap();
    let salt = random::array().unwrap();
    let keys = HeaderKeys::derive(&honest, &salt, Kind::Sealed as u8, context).unwrap();
    let payload = aead::seal_with_nonce(keys.payload_key.expose(), &[0; 12], b"phiseal/v1 payload", b"x").unwrap();
    let preamble =
        Preamble { kind: Kind::Sealed, salt, payload_digest: Some(Sha256::digest(&payload).into()), sender: None };
    let mut slots: Vec<_> = ids[..2]
        .iter()
        .map(|id| slot::wrap(&preamble, &honest, id.public_key(), id.public_key().key_id(), None).unwrap())
        .collect();
    slots.push(slot::wrap(&preamble, &odd, ids[2].public_key(), ids[2].public_key().key_id(), None).unwrap());
    let mut header = Header { preamble, slots, commitment: keys.commitment, mac: [0; 32] };
    header.mac = keys.header_mac(&header.mac_input()).unwrap();
    let mut envelope = header.to_bytes();
    envelope.extend_from_slice(&payload);

    assert_eq!(open(&envelope, &ids[0], context).unwrap(), b"x");
    assert_eq!(open(&envelope, &ids[1], context).unwrap(), b"x");
    assert_eq!(open(&envelope, &ids[2], context).unwrap_err().code(), "AUTH_FAILED");
}

/// In auth mode, a co-recipient who knows the data key re-encrypts another payload under it
/// and keeps the sender's slot for a third recipient: the slot binds the payload digest.
#[test]
fn co_recipient_cannot_forge_payload_under_authenticated_slots() {
    let [sender, bob, carol]: [KeyPair; 3] = pairs(3).try_into().unwrap();
    let context = b"ctx";
    let envelope = super::seal_with(
        b"dose 5 mg",
        &[*bob.public_key(), *carol.public_key()],
        context,
        &super::SealOptions { sender: Some(&sender) },
    )
    .unwrap();
    let (original, _) = Header::parse(&envelope, None).unwrap();
    let (data_key, keys) = header::unlock(&original, &bob, context).unwrap();
    let forged_payload =
        aead::seal_with_nonce(keys.payload_key.expose(), &[0; 12], b"phiseal/v1 payload", b"dose 50 mg").unwrap();
    let mut forged = original.clone();
    forged.preamble.payload_digest = Some(Sha256::digest(&forged_payload).into());
    let keys = HeaderKeys::derive(&data_key, &forged.preamble.salt, Kind::Sealed as u8, context).unwrap();
    forged.mac = keys.header_mac(&forged.mac_input()).unwrap();
    let mut bytes = forged.to_bytes();
    bytes.extend_from_slice(&forged_payload);

    let err = super::open_from(&bytes, &carol, context, sender.public_key()).unwrap_err();
    assert_eq!(err.code(), "AUTH_FAILED");
}

#[test]
fn slot_copied_from_another_envelope_is_detected() {
    let [a, b]: [KeyPair; 2] = pairs(2).try_into().unwrap();
    let first = seal(b"one", &[*a.public_key(), *b.public_key()], b"c").unwrap();
    let second = seal(b"two", &[*a.public_key(), *b.public_key()], b"c").unwrap();
    let (h1, payload1) = Header::parse(&first, None).unwrap();
    let (h2, _) = Header::parse(&second, None).unwrap();
    let mut spliced = h1.clone();
    spliced.slots[1] = h2.slots[1].clone();
    let mut bytes = spliced.to_bytes();
    bytes.extend_from_slice(payload1);
    assert_eq!(open(&bytes, &a, b"c").unwrap_err().code(), "AUTH_FAILED");
    assert_eq!(open(&bytes, &b, b"c").unwrap_err().code(), "AUTH_FAILED");
}

#[test]
fn slots_reordered_or_removed_are_detected() {
    let ids = pairs(3);
    let publics: Vec<_> = ids.iter().map(|id| *id.public_key()).collect();
    let envelope = seal(b"p", &publics, b"c").unwrap();
    let (header, payload) = Header::parse(&envelope, None).unwrap();
    let mut reordered = header.clone();
    reordered.slots.swap(0, 2);
    let mut removed = header.clone();
    removed.slots.remove(1);
    for variant in [reordered, removed] {
        let mut bytes = variant.to_bytes();
        bytes.extend_from_slice(payload);
        assert_eq!(open(&bytes, &ids[0], b"c").unwrap_err().code(), "AUTH_FAILED");
    }
}

#[test]
fn duplicated_slot_is_rejected_on_parse() {
    let ids = pairs(2);
    let envelope = seal(b"p", &[*ids[0].public_key(), *ids[1].public_key()], b"c").unwrap();
    let (header, payload) = Header::parse(&envelope, None).unwrap();
    let mut duplicated = header.clone();
    duplicated.slots.push(header.slots[0].clone());
    let mut bytes = duplicated.to_bytes();
    bytes.extend_from_slice(payload);
    assert_eq!(open(&bytes, &ids[0], b"c").unwrap_err(), crate::Error::Malformed("duplicate recipient slot"));
}
