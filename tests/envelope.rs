//! Envelope v1 through the public API: round trips, rewrap, limits, and every
//! "Envelope and header" and "Recipients" line of the security checklist.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use phiseal::envelope::{self, RecipientChanges, SealOptions};
use phiseal::keys::{KeyPair, PublicKey};

fn pairs(n: usize) -> Vec<KeyPair> {
    (0..n).map(|_| KeyPair::generate().unwrap()).collect()
}

fn publics(pairs: &[KeyPair]) -> Vec<PublicKey> {
    pairs.iter().map(|pair| *pair.public_key()).collect()
}

fn code<T: std::fmt::Debug>(result: phiseal::Result<T>) -> &'static str {
    result.unwrap_err().code()
}

/// Bytes from the start of the envelope to the end of the header (fixed parts + slots + 64).
fn header_len(envelope: &[u8], recipients: usize, auth: bool) -> usize {
    let preamble = 4 + 1 + 2 + 1 + 1 + 32 + 32 + if auth { 32 } else { 0 };
    let _ = envelope;
    preamble + 2 + recipients * 112 + 64
}

#[test]
fn every_recipient_opens_the_same_plaintext() {
    let ids = pairs(3);
    let sealed = envelope::seal(b"HbA1c 6.1%", &publics(&ids), b"record:7|lab").unwrap();
    for id in &ids {
        assert_eq!(envelope::open(&sealed, id, b"record:7|lab").unwrap(), b"HbA1c 6.1%");
    }
}

#[test]
fn empty_and_large_plaintexts_round_trip() {
    let ids = pairs(1);
    for size in [0usize, 1, 15, 16, 17, 65_536, 1 << 20] {
        let plaintext: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
        let sealed = envelope::seal(&plaintext, &publics(&ids), b"").unwrap();
        assert_eq!(sealed.len(), header_len(&sealed, 1, false) + size + 16);
        assert_eq!(envelope::open(&sealed, &ids[0], b"").unwrap(), plaintext);
    }
}

#[test]
fn equal_plaintexts_give_unequal_envelopes() {
    let ids = pairs(1);
    let a = envelope::seal(b"same", &publics(&ids), b"c").unwrap();
    let b = envelope::seal(b"same", &publics(&ids), b"c").unwrap();
    assert_ne!(a, b);
}

#[test]
fn context_is_bound_and_not_stored() {
    let ids = pairs(1);
    let context = b"patient-mrn-000123|purpose:lab";
    let sealed = envelope::seal(b"x", &publics(&ids), context).unwrap();
    assert!(!sealed.windows(context.len()).any(|w| w == context));
    assert_eq!(code(envelope::open(&sealed, &ids[0], b"patient-mrn-000124|purpose:lab")), "AUTH_FAILED");
    assert_eq!(code(envelope::open(&sealed, &ids[0], b"")), "AUTH_FAILED");
}

#[test]
fn wrong_identity_is_no_matching_recipient_not_tampering() {
    let ids = pairs(2);
    let sealed = envelope::seal(b"x", &publics(&ids[..1]), b"c").unwrap();
    assert_eq!(code(envelope::open(&sealed, &ids[1], b"c")), "NO_MATCHING_RECIPIENT");
}

#[test]
fn zero_duplicate_and_too_many_recipients_are_refused_when_sealing() {
    assert_eq!(code(envelope::seal(b"x", &[], b"c")), "INVALID_ARGUMENT");
    let one = pairs(1);
    let twice = [*one[0].public_key(), *one[0].public_key()];
    assert_eq!(code(envelope::seal(b"x", &twice, b"c")), "INVALID_ARGUMENT");
    let many = publics(&pairs(envelope::limits::MAX_RECIPIENTS + 1));
    assert_eq!(code(envelope::seal(b"x", &many, b"c")), "LIMIT_EXCEEDED");
}

#[test]
fn recipient_count_above_limit_is_rejected_before_key_agreement() {
    let ids = pairs(1);
    let mut sealed = envelope::seal(b"x", &publics(&ids), b"c").unwrap();
    let count_at = 4 + 1 + 2 + 1 + 1 + 32 + 32;
    sealed[count_at..count_at + 2].copy_from_slice(&300u16.to_be_bytes());
    assert_eq!(code(envelope::open(&sealed, &ids[0], b"c")), "LIMIT_EXCEEDED");
    sealed[count_at..count_at + 2].copy_from_slice(&0u16.to_be_bytes());
    assert_eq!(code(envelope::open(&sealed, &ids[0], b"c")), "MALFORMED");
}

#[test]
fn empty_input_and_every_truncation_of_the_header_are_malformed() {
    let ids = pairs(2);
    let sealed = envelope::seal(b"payload", &publics(&ids), b"c").unwrap();
    assert_eq!(code(envelope::open(&[], &ids[0], b"c")), "MALFORMED");
    for cut in 1..header_len(&sealed, 2, false) + 16 {
        let err = envelope::open(&sealed[..cut], &ids[0], b"c").unwrap_err();
        assert_eq!(err.code(), "MALFORMED", "cut at {cut}: {err}");
    }
}

#[test]
fn trailing_bytes_are_an_error() {
    let ids = pairs(1);
    let mut sealed = envelope::seal(b"payload", &publics(&ids), b"c").unwrap();
    sealed.push(0);
    assert!(envelope::open(&sealed, &ids[0], b"c").is_err());
}

#[test]
fn version_suite_kind_and_flags_are_never_negotiated_down() {
    let ids = pairs(1);
    let sealed = envelope::seal(b"x", &publics(&ids), b"c").unwrap();
    for (offset, bit) in [(4usize, 0x01u8), (4, 0x80), (5, 0x00), (6, 0x01), (6, 0x02), (8, 0x02), (8, 0x80)] {
        let mut flipped = sealed.clone();
        flipped[offset] ^= if bit == 0 { 0x01 } else { bit };
        assert_eq!(code(envelope::open(&flipped, &ids[0], b"c")), "UNSUPPORTED_VERSION", "offset {offset}");
    }
    let mut kind = sealed.clone();
    kind[7] = 2;
    assert_eq!(code(envelope::open(&kind, &ids[0], b"c")), "MALFORMED");
}

#[test]
fn every_bit_flip_fails_with_no_plaintext() {
    let ids = pairs(2);
    let sealed = envelope::seal(b"secret lab value", &publics(&ids), b"c").unwrap();
    for byte in 0..sealed.len() {
        for bit in 0..8 {
            let mut flipped = sealed.clone();
            flipped[byte] ^= 1 << bit;
            assert!(envelope::open(&flipped, &ids[0], b"c").is_err(), "byte {byte} bit {bit}");
        }
    }
}

#[test]
fn authenticated_sender_is_checked() {
    let [sender, other, bob]: [KeyPair; 3] = pairs(3).try_into().unwrap();
    let options = SealOptions { sender: Some(&sender) };
    let sealed = envelope::seal_with(b"order", &[*bob.public_key()], b"c", &options).unwrap();
    assert_eq!(envelope::open_from(&sealed, &bob, b"c", sender.public_key()).unwrap(), b"order");
    assert_eq!(code(envelope::open_from(&sealed, &bob, b"c", other.public_key())), "AUTH_FAILED");
    let details = envelope::open_with_details(&sealed, &bob, b"c").unwrap();
    assert_eq!(details.sender.as_ref(), Some(sender.public_key()));
    let anonymous = envelope::seal(b"order", &[*bob.public_key()], b"c").unwrap();
    assert_eq!(code(envelope::open_from(&anonymous, &bob, b"c", sender.public_key())), "AUTH_FAILED");
}

#[test]
fn rewrap_changes_recipients_and_keeps_payload_bytes() {
    let [alice, bob, carol]: [KeyPair; 3] = pairs(3).try_into().unwrap();
    let sealed = envelope::seal(b"chart", &[*alice.public_key(), *bob.public_key()], b"c").unwrap();
    let changes = RecipientChanges { add: &[*carol.public_key()], remove: &[bob.public_key().key_id()], sender: None };
    let rewrapped = envelope::rewrap(&sealed, &alice, b"c", &changes).unwrap();

    let payload_len = 5 + 16;
    assert_eq!(sealed[sealed.len() - payload_len..], rewrapped[rewrapped.len() - payload_len..]);
    assert_eq!(envelope::open(&rewrapped, &carol, b"c").unwrap(), b"chart");
    assert_eq!(envelope::open(&rewrapped, &alice, b"c").unwrap(), b"chart");
    assert_eq!(code(envelope::open(&rewrapped, &bob, b"c")), "NO_MATCHING_RECIPIENT");
    let info = envelope::inspect(&rewrapped).unwrap();
    assert_eq!(info.recipients, vec![alice.public_key().key_id(), carol.public_key().key_id()]);
}

#[test]
fn rewrap_refuses_bad_changes() {
    let [alice, bob, carol]: [KeyPair; 3] = pairs(3).try_into().unwrap();
    let sealed = envelope::seal(b"chart", &[*alice.public_key()], b"c").unwrap();
    let remove_all = RecipientChanges { remove: &[alice.public_key().key_id()], ..Default::default() };
    assert_eq!(code(envelope::rewrap(&sealed, &alice, b"c", &remove_all)), "INVALID_ARGUMENT");
    let remove_stranger = RecipientChanges { remove: &[carol.public_key().key_id()], ..Default::default() };
    assert_eq!(code(envelope::rewrap(&sealed, &alice, b"c", &remove_stranger)), "INVALID_ARGUMENT");
    let add_existing = RecipientChanges { add: &[*alice.public_key()], ..Default::default() };
    assert_eq!(code(envelope::rewrap(&sealed, &alice, b"c", &add_existing)), "INVALID_ARGUMENT");
    let add = RecipientChanges { add: &[*carol.public_key()], ..Default::default() };
    assert_eq!(code(envelope::rewrap(&sealed, &bob, b"c", &add)), "NO_MATCHING_RECIPIENT");
    assert_eq!(code(envelope::rewrap(&sealed, &alice, b"wrong", &add)), "AUTH_FAILED");
}

#[test]
fn rewrap_of_authenticated_envelope_needs_the_sender() {
    let [sender, bob, carol]: [KeyPair; 3] = pairs(3).try_into().unwrap();
    let options = SealOptions { sender: Some(&sender) };
    let sealed = envelope::seal_with(b"x", &[*bob.public_key()], b"c", &options).unwrap();
    let without = RecipientChanges { add: &[*carol.public_key()], ..Default::default() };
    assert_eq!(code(envelope::rewrap(&sealed, &bob, b"c", &without)), "INVALID_ARGUMENT");
    let with = RecipientChanges { add: &[*carol.public_key()], sender: Some(&sender), ..Default::default() };
    let rewrapped = envelope::rewrap(&sealed, &bob, b"c", &with).unwrap();
    assert_eq!(envelope::open_from(&rewrapped, &carol, b"c", sender.public_key()).unwrap(), b"x");
}

#[test]
fn text_form_is_canonical() {
    let ids = pairs(1);
    let sealed = envelope::seal(b"x", &publics(&ids), b"c").unwrap();
    let text = envelope::to_text(&sealed);
    assert!(text.starts_with("phsl1."));
    assert_eq!(envelope::from_text(&text).unwrap(), sealed);
    assert_eq!(code(envelope::from_text(&format!("{text}="))), "MALFORMED");
    assert_eq!(code(envelope::from_text(&text.replace("phsl1.", "phsl2."))), "UNSUPPORTED_VERSION");
    assert_eq!(code(envelope::from_text(&text.replace("phsl1.", ""))), "MALFORMED");
    assert_eq!(code(envelope::from_text(&format!("{text} "))), "MALFORMED");
    let standard = text.replace('-', "+").replace('_', "/");
    if standard != text {
        assert_eq!(code(envelope::from_text(&standard)), "MALFORMED");
    }
}

#[test]
fn key_only_headers_wrap_and_rewrap() {
    let [alice, bob]: [KeyPair; 2] = pairs(2).try_into().unwrap();
    let (key, header) = envelope::seal_key_header(&[*alice.public_key()], None, b"role:clinician").unwrap();
    assert_eq!(envelope::open_key_header(&header, &alice, b"role:clinician").unwrap(), key);
    assert_eq!(code(envelope::open_key_header(&header, &alice, b"role:billing")), "AUTH_FAILED");
    let grown = envelope::rewrap_key_header(&header, &alice, b"role:clinician", &[*bob.public_key()], &[]).unwrap();
    assert_eq!(envelope::open_key_header(&grown, &bob, b"role:clinician").unwrap(), key);
    let mut trailing = header.clone();
    trailing.push(0);
    assert_eq!(code(envelope::open_key_header(&trailing, &alice, b"role:clinician")), "MALFORMED");
    let sealed = envelope::seal(b"x", &[*alice.public_key()], b"c").unwrap();
    assert_eq!(code(envelope::open_key_header(&sealed, &alice, b"c")), "MALFORMED");
}

#[test]
fn debug_output_has_no_plaintext_or_key() {
    let ids = pairs(1);
    let sealed = envelope::seal(b"CONFIDENTIAL-DIAGNOSIS", &publics(&ids), b"c").unwrap();
    let opened = envelope::open_with_details(&sealed, &ids[0], b"c").unwrap();
    assert_eq!(format!("{opened:?}"), "Opened { plaintext: [22 bytes redacted], sender: None }");
    let (key, _) = envelope::seal_key_header(&publics(&ids), None, b"c").unwrap();
    assert_eq!(format!("{key:?}"), "DataKey([redacted])");
}

#[test]
fn oversized_context_is_refused_early() {
    let ids = pairs(1);
    let context = vec![0u8; envelope::limits::MAX_CONTEXT + 1];
    assert_eq!(code(envelope::seal(b"x", &publics(&ids), &context)), "LIMIT_EXCEEDED");
}
