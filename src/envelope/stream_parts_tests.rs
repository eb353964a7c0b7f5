//! The header-and-key parts of streaming envelopes against the `std::io` face and the
//! checked-in vectors `tests/vectors/envelope/stream-v1.json`.

#![allow(clippy::indexing_slicing)]

use std::io::{Read, Write};

use serde_json::Value;

use super::*;
use crate::envelope::{open_stream, seal_stream};
use crate::keys::SecretKey;
use crate::stream::{CHUNK_LEN, HEADER_LEN, SEALED_CHUNK_LEN};

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 13 % 256) as u8).collect()
}

/// Opens a whole streaming envelope with the parts, framing like a push-based reader (one byte
/// of header at a time). Returns the released plaintext and the outcome.
fn open_with_parts(
    sealed: &[u8],
    identity: &KeyPair,
    context: &[u8],
    expected_sender: Option<&PublicKey>,
) -> (Vec<u8>, Result<()>) {
    let mut header_len = 0;
    loop {
        let seen = &sealed[..header_len.min(sealed.len())];
        match stream_header_len(seen) {
            Err(err) => return (Vec::new(), Err(err)),
            Ok(need) if need <= seen.len() => break,
            Ok(_) if header_len >= sealed.len() => return (Vec::new(), Err(Error::Malformed("truncated header"))),
            Ok(_) => header_len += 1,
        }
    }
    let header = &sealed[..header_len];
    let unlocked = match unlock_stream_header(header, identity, context, expected_sender) {
        Ok(unlocked) => unlocked,
        Err(err) => return (Vec::new(), Err(err)),
    };
    let c2sp = &sealed[header_len..];
    let Some(c2sp_header) = c2sp.get(..HEADER_LEN) else { return (Vec::new(), Err(Error::Truncated)) };
    let mut opener = match unlocked.chunk_opener(c2sp_header) {
        Ok(opener) => opener,
        Err(err) => return (Vec::new(), Err(err)),
    };
    let mut released = Vec::new();
    let mut rest = &c2sp[HEADER_LEN..];
    while rest.len() >= SEALED_CHUNK_LEN {
        let mut chunk = rest[..SEALED_CHUNK_LEN].to_vec();
        rest = &rest[SEALED_CHUNK_LEN..];
        match opener.open_in_place(&mut chunk, false) {
            Ok(n) => released.extend_from_slice(&chunk[..n]),
            Err(err) => return (released, Err(err)),
        }
    }
    if rest.is_empty() {
        return (released, opener.fail_truncated());
    }
    let mut last = rest.to_vec();
    let outcome = opener.open_in_place(&mut last, true).map(|n| released.extend_from_slice(&last[..n]));
    (released, outcome)
}

/// Seals with the parts, as the JS face does.
fn seal_with_parts(data: &[u8], recipients: &[PublicKey], context: &[u8], options: &SealOptions<'_>) -> Vec<u8> {
    let start = begin_stream(recipients, context, options).unwrap();
    let (mut sealer, c2sp_header) = start.chunk_sealer().unwrap();
    let mut out = start.bytes().to_vec();
    out.extend_from_slice(&c2sp_header);
    let mut chunks = data.chunks_exact(CHUNK_LEN);
    for chunk in chunks.by_ref() {
        out.extend(sealer.seal_chunk(chunk, false).unwrap());
    }
    out.extend(sealer.seal_chunk(chunks.remainder(), true).unwrap());
    out
}

#[test]
fn parts_seal_what_open_stream_opens() {
    let alice = KeyPair::generate().unwrap();
    let bob = KeyPair::generate().unwrap();
    let recipients = [*alice.public_key(), *bob.public_key()];
    for len in [0usize, 1, 16383, 16384, 16385, 50_000] {
        let data = pattern(len);
        let sealed = seal_with_parts(&data, &recipients, b"scan:1", &SealOptions::default());
        let mut reader = open_stream(&sealed[..], &bob, b"scan:1").unwrap();
        let mut opened = Vec::new();
        reader.read_to_end(&mut opened).unwrap();
        assert_eq!(opened, data, "{len}");
    }
}

#[test]
fn parts_open_what_seal_stream_seals() {
    let alice = KeyPair::generate().unwrap();
    let sender = KeyPair::generate().unwrap();
    let options = SealOptions { sender: Some(&sender) };
    let data = pattern(2 * CHUNK_LEN + 3);
    let mut writer = seal_stream(Vec::new(), &[*alice.public_key()], b"ctx", &options).unwrap();
    writer.write_all(&data).unwrap();
    let sealed = writer.finish().unwrap();
    let (released, outcome) = open_with_parts(&sealed, &alice, b"ctx", Some(sender.public_key()));
    assert_eq!((released, outcome), (data, Ok(())));
    let other = KeyPair::generate().unwrap();
    assert_eq!(open_with_parts(&sealed, &alice, b"ctx", Some(other.public_key())).1, Err(Error::AuthFailed));
}

#[test]
fn expected_sender_requires_an_authenticated_header() {
    let alice = KeyPair::generate().unwrap();
    let sealed = seal_with_parts(b"x", &[*alice.public_key()], b"", &SealOptions::default());
    let header_len = stream_header_len(&sealed).unwrap();
    let unlocked = unlock_stream_header(&sealed[..header_len], &alice, b"", None).unwrap();
    assert!(unlocked.sender().is_none());
    assert_eq!(
        unlock_stream_header(&sealed[..header_len], &alice, b"", Some(alice.public_key())).unwrap_err(),
        Error::AuthFailed
    );
    assert_eq!(
        unlock_stream_header(&sealed[..header_len + 1], &alice, b"", None).unwrap_err(),
        Error::Malformed("trailing data")
    );
}

#[test]
fn header_length_is_learned_incrementally_and_checked_early() {
    let alice = KeyPair::generate().unwrap();
    let sealed = seal_with_parts(b"", &[*alice.public_key()], b"", &SealOptions::default());
    assert_eq!(stream_header_len(&[]), Ok(9));
    assert_eq!(stream_header_len(&sealed[..9]), Ok(9 + 32 + 2));
    let full = 9 + 32 + 2 + 112 + 64;
    assert_eq!(stream_header_len(&sealed[..43]), Ok(full));
    assert_eq!(stream_header_len(&sealed), Ok(full));
    let mut too_many = sealed[..43].to_vec();
    too_many[41..43].copy_from_slice(&257u16.to_be_bytes());
    assert_eq!(stream_header_len(&too_many), Err(Error::LimitExceeded("recipient count")));
    let one_shot = crate::envelope::seal(b"x", &[*alice.public_key()], b"").unwrap();
    assert_eq!(stream_header_len(&one_shot), Err(Error::Malformed("wrong envelope kind")));
    assert_eq!(stream_header_len(b"PHSL\x01\x00\x01\x03\x00"), Err(Error::Malformed("not a phiseal envelope")));
    assert_eq!(stream_header_len(b"phsl\x02\x00\x01\x03\x00"), Err(Error::UnsupportedVersion));
    assert_eq!(stream_header_len(b"phsl\x01\x00\x01\x03\x02"), Err(Error::UnsupportedVersion));
    assert!(format!("{:?}", begin_stream(&[*alice.public_key()], b"", &SealOptions::default()).unwrap())
        .starts_with("StreamHeader { len: "));
}

/// Every case of `tests/vectors/envelope/stream-v1.json`, with the `releasedBeforeError` rule.
#[test]
fn streaming_envelope_vectors_through_parts() {
    let doc: Value = serde_json::from_str(include_str!("../../tests/vectors/envelope/stream-v1.json")).unwrap();
    let key = |name: &str| {
        let secret = hex::decode(doc["keys"][name]["secretKey"].as_str().unwrap()).unwrap();
        KeyPair::from_secret(SecretKey::from_bytes(&secret).unwrap()).unwrap()
    };
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let sealed = hex::decode(case["envelope"].as_str().unwrap()).unwrap();
        let context = hex::decode(case["context"].as_str().unwrap()).unwrap();
        let expected_sender = case["expectSender"].as_str().map(|s| *key(s).public_key());
        let identity = key(case["openAs"].as_str().unwrap());
        let (released, outcome) = open_with_parts(&sealed, &identity, &context, expected_sender.as_ref());
        let expect = &case["expect"];
        if let Some(code) = expect["error"].as_str() {
            assert_eq!(outcome.map_err(|e| e.code()), Err(code), "{name}");
            let allowed = expect["releasedBeforeError"].as_u64().unwrap_or(0) as usize;
            assert_eq!(released.len(), allowed, "{name}");
        } else {
            assert_eq!(outcome, Ok(()), "{name}");
            let want = match expect["plaintextLength"].as_u64() {
                Some(len) => pattern(len as usize),
                None => hex::decode(expect["plaintext"].as_str().unwrap()).unwrap(),
            };
            assert_eq!(released, want, "{name}");
        }
    }
}
