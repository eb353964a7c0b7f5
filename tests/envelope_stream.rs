//! Streaming envelopes: header + C2SP payload through `std::io`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{Cursor, Read, Seek, SeekFrom, Write};

use phiseal::envelope::{self, SealOptions};
use phiseal::keys::KeyPair;
use phiseal::stream::phiseal_error;

fn data(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i.wrapping_mul(7919) >> 3) as u8).collect()
}

fn seal(plaintext: &[u8], recipients: &[&KeyPair], context: &[u8]) -> Vec<u8> {
    let publics: Vec<_> = recipients.iter().map(|pair| *pair.public_key()).collect();
    let mut writer = envelope::seal_stream(Vec::new(), &publics, context, &SealOptions::default()).unwrap();
    for piece in plaintext.chunks(10_000) {
        writer.write_all(piece).unwrap();
    }
    writer.finish().unwrap()
}

fn open_all(sealed: &[u8], identity: &KeyPair, context: &[u8]) -> Result<Vec<u8>, &'static str> {
    let code = |err: std::io::Error| phiseal_error(&err).map_or("IO", |e| e.code());
    let mut reader = envelope::open_stream(Cursor::new(sealed), identity, context).map_err(code)?;
    let mut out = Vec::new();
    reader.read_to_end(&mut out).map_err(code)?;
    Ok(out)
}

#[test]
fn round_trips_across_chunk_boundaries() {
    let [alice, bob]: [KeyPair; 2] = std::array::from_fn(|_| KeyPair::generate().unwrap());
    for len in [0, 1, 16_383, 16_384, 16_385, 3 << 20] {
        let plaintext = data(len);
        let sealed = seal(&plaintext, &[&alice, &bob], b"file:scan-17");
        assert_eq!(open_all(&sealed, &bob, b"file:scan-17").unwrap(), plaintext, "len {len}");
        assert_eq!(envelope::inspect(&sealed).unwrap().kind, envelope::Kind::Stream);
    }
}

#[test]
fn wrong_identity_context_and_tampering_fail() {
    let [alice, mallory]: [KeyPair; 2] = std::array::from_fn(|_| KeyPair::generate().unwrap());
    let sealed = seal(&data(40_000), &[&alice], b"ctx");
    assert_eq!(open_all(&sealed, &mallory, b"ctx"), Err("NO_MATCHING_RECIPIENT"));
    assert_eq!(open_all(&sealed, &alice, b"other"), Err("AUTH_FAILED"));
    for offset in [9, 60, 120, sealed.len() / 2, sealed.len() - 1] {
        let mut flipped = sealed.clone();
        flipped[offset] ^= 0x20;
        assert!(open_all(&flipped, &alice, b"ctx").is_err(), "offset {offset}");
    }
    assert_eq!(open_all(&sealed[..100], &alice, b"ctx"), Err("MALFORMED"));
    assert!(open_all(&sealed[..sealed.len() - 10], &alice, b"ctx").is_err());
}

#[test]
fn one_shot_and_key_only_headers_are_not_streams() {
    let alice = KeyPair::generate().unwrap();
    let one_shot = envelope::seal(b"x", &[*alice.public_key()], b"ctx").unwrap();
    assert_eq!(open_all(&one_shot, &alice, b"ctx"), Err("MALFORMED"));
    let stream = seal(b"x", &[&alice], b"ctx");
    assert_eq!(envelope::open(&stream, &alice, b"ctx").unwrap_err().code(), "MALFORMED");
}

#[test]
fn dropped_writer_never_opens_as_complete() {
    let alice = KeyPair::generate().unwrap();
    let mut out = Vec::new();
    {
        let mut writer =
            envelope::seal_stream(&mut out, &[*alice.public_key()], b"ctx", &SealOptions::default()).unwrap();
        writer.write_all(&data(50_000)).unwrap();
    }
    assert!(open_all(&out, &alice, b"ctx").is_err());
}

#[test]
fn random_access_reads_a_range_after_the_header() {
    let alice = KeyPair::generate().unwrap();
    let plaintext = data(100_000);
    let sealed = seal(&plaintext, &[&alice], b"ctx");
    let mut reader = envelope::open_stream(Cursor::new(&sealed), &alice, b"ctx").unwrap();
    assert_eq!(reader.seek(SeekFrom::End(0)).unwrap(), 100_000);
    reader.seek(SeekFrom::Start(50_000)).unwrap();
    let mut range = vec![0u8; 20_000];
    reader.read_exact(&mut range).unwrap();
    assert_eq!(range, plaintext[50_000..70_000]);
}

#[test]
fn sender_authenticated_stream_opens_for_the_recipient() {
    let [sender, bob]: [KeyPair; 2] = std::array::from_fn(|_| KeyPair::generate().unwrap());
    let options = SealOptions { sender: Some(&sender) };
    let mut writer = envelope::seal_stream(Vec::new(), &[*bob.public_key()], b"ctx", &options).unwrap();
    writer.write_all(b"signed scan").unwrap();
    let sealed = writer.finish().unwrap();
    assert_eq!(envelope::inspect(&sealed).unwrap().sender.as_ref(), Some(sender.public_key()));
    assert_eq!(open_all(&sealed, &bob, b"ctx").unwrap(), b"signed scan");
}

/// `tests/vectors/envelope/stream-v1.json`, also run by the JS suite.
#[test]
fn streaming_envelope_vectors() {
    use phiseal::keys::SecretKey;
    let doc: serde_json::Value = serde_json::from_str(include_str!("vectors/envelope/stream-v1.json")).unwrap();
    let key = |name: &str| {
        let secret = doc["keys"][name]["secretKey"].as_str().unwrap();
        KeyPair::from_secret(SecretKey::from_bytes(&hex::decode(secret).unwrap()).unwrap()).unwrap()
    };
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 15);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let sealed = hex::decode(case["envelope"].as_str().unwrap()).unwrap();
        let context = hex::decode(case["context"].as_str().unwrap()).unwrap();
        let identity = key(case["openAs"].as_str().unwrap());
        let expect = &case["expect"];
        if let Some(sender) = case["expectSender"].as_str() {
            let info = envelope::inspect(&sealed).unwrap();
            assert_eq!(info.sender.as_ref(), Some(key(sender).public_key()), "{name}");
        }
        let (released, outcome) = read_until_error(&sealed, &identity, &context);
        match expect["error"].as_str() {
            Some(code) => {
                assert_eq!(outcome, Err(code), "{name}");
                let allowed = expect["releasedBeforeError"].as_u64().unwrap_or(0) as usize;
                assert_eq!(released.len(), allowed, "{name}");
            }
            None => {
                assert_eq!(outcome, Ok(()), "{name}");
                let want = match expect["plaintextLength"].as_u64() {
                    Some(len) => (0..len as u32).map(|i| (i * 13 % 256) as u8).collect(),
                    None => hex::decode(expect["plaintext"].as_str().unwrap()).unwrap(),
                };
                assert_eq!(released, want, "{name}");
            }
        }
    }
}

fn read_until_error(sealed: &[u8], identity: &KeyPair, context: &[u8]) -> (Vec<u8>, Result<(), &'static str>) {
    let code = |err: &std::io::Error| phiseal_error(err).map_or("IO", |e| e.code());
    let mut reader = match envelope::open_stream(Cursor::new(sealed), identity, context) {
        Ok(reader) => reader,
        Err(err) => return (Vec::new(), Err(code(&err))),
    };
    let mut released = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return (released, Ok(())),
            Ok(n) => released.extend_from_slice(&buf[..n]),
            Err(err) => return (released, Err(code(&err))),
        }
    }
}

#[test]
fn rewrap_stream_changes_recipients_and_keeps_payload_bytes() {
    use phiseal::envelope::RecipientChanges;
    let [alice, bob, carol]: [KeyPair; 3] = std::array::from_fn(|_| KeyPair::generate().unwrap());
    let plaintext = data(40_000);
    let sealed = seal(&plaintext, &[&alice, &bob], b"ctx");
    let changes = RecipientChanges { add: &[*carol.public_key()], remove: &[bob.public_key().key_id()], sender: None };
    let mut rewrapped = Vec::new();
    let copied = envelope::rewrap_stream(Cursor::new(&sealed), &mut rewrapped, &alice, b"ctx", &changes).unwrap();
    assert_eq!(sealed[sealed.len() - copied as usize..], rewrapped[rewrapped.len() - copied as usize..]);
    assert_eq!(open_all(&rewrapped, &carol, b"ctx").unwrap(), plaintext);
    assert_eq!(open_all(&rewrapped, &alice, b"ctx").unwrap(), plaintext);
    assert_eq!(open_all(&rewrapped, &bob, b"ctx"), Err("NO_MATCHING_RECIPIENT"));
    let mut wrong = Vec::new();
    let err = envelope::rewrap_stream(Cursor::new(&sealed), &mut wrong, &carol, b"ctx", &changes).unwrap_err();
    assert_eq!(phiseal_error(&err).map(|e| e.code()), Some("NO_MATCHING_RECIPIENT"));
    assert!(wrong.is_empty(), "nothing written when the header does not unlock");
}
