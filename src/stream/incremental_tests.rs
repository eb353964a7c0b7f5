//! Tests of the chunk-at-a-time sealer and opener: byte-identical to the one-shot and
//! `std::io` faces, all 35 Wycheproof C2SP vectors through a caller-side framing loop (as the
//! JS face frames), final-chunk rules, sticky failures and the key export.

#![allow(clippy::indexing_slicing)]

use std::io::Read;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use serde_json::Value;
use sha2::{Digest, Sha512};

use super::*;
use crate::stream::format::{CHUNK_LEN, SEALED_CHUNK_LEN};
use crate::stream::oneshot::seal_with_salt;
use crate::stream::{open, OpeningReader};

const KEY: [u8; 32] = [0x11; 32];

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 13 % 256) as u8).collect()
}

/// Seals `data` the way a stream consumer does: full chunks as they fill, then the short tail.
fn seal_framed(sealer: &mut ChunkSealer, header: [u8; HEADER_LEN], data: &[u8]) -> Vec<u8> {
    let mut out = header.to_vec();
    let mut chunks = data.chunks_exact(CHUNK_LEN);
    for chunk in chunks.by_ref() {
        out.extend(sealer.seal_chunk(chunk, false).unwrap());
    }
    out.extend(sealer.seal_chunk(chunks.remainder(), true).unwrap());
    assert!(sealer.is_finished());
    out
}

/// Opens a body the way a stream consumer does: every 16400 bytes is a non-final chunk, what
/// is left at the end of input is the final chunk. Returns what was released before any error.
fn open_framed(opener: &mut ChunkOpener, body: &[u8]) -> (Vec<u8>, Result<()>) {
    let mut released = Vec::new();
    let mut rest = body;
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
    match opener.open_in_place(&mut last, true) {
        Ok(n) => released.extend_from_slice(&last[..n]),
        Err(err) => return (released, Err(err)),
    }
    (released, Ok(()))
}

#[test]
fn sealer_is_byte_identical_to_the_one_shot_seal() {
    for len in [0usize, 1, 16383, 16384, 16385, 3 * 16384 + 7] {
        let data = pattern(len);
        let (mut sealer, header) = ChunkSealer::with_salt(&KEY, &[5; 24], b"ctx").unwrap();
        let framed = seal_framed(&mut sealer, header, &data);
        assert_eq!(framed, seal_with_salt(&KEY, &[5; 24], b"ctx", &data).unwrap(), "{len}");
    }
}

#[test]
fn round_trips_with_the_io_faces() {
    for len in [0usize, 1, 16383, 16384, 16385, 40_000] {
        let data = pattern(len);
        let (mut sealer, header) = ChunkSealer::new(&KEY, b"ctx").unwrap();
        let sealed = seal_framed(&mut sealer, header, &data);
        assert_eq!(open(&KEY, b"ctx", &sealed).unwrap(), data);
        let mut reader = OpeningReader::new(&sealed[..], &KEY, b"ctx").unwrap();
        let mut via_reader = Vec::new();
        reader.read_to_end(&mut via_reader).unwrap();
        assert_eq!(via_reader, data);
        let mut opener = ChunkOpener::new(&KEY, &sealed[..HEADER_LEN], b"ctx").unwrap();
        let (released, outcome) = open_framed(&mut opener, &sealed[HEADER_LEN..]);
        assert_eq!((released, outcome), (data, Ok(())));
        assert!(opener.is_finished());
    }
}

#[test]
fn header_is_checked_before_any_chunk() {
    let (_, header) = ChunkSealer::new(&KEY, b"ctx").unwrap();
    assert_eq!(ChunkOpener::new(&KEY, &header, b"other").unwrap_err(), Error::AuthFailed);
    assert_eq!(ChunkOpener::new(&[0x12; 32], &header, b"ctx").unwrap_err(), Error::AuthFailed);
    assert_eq!(ChunkOpener::new(&KEY, &header[..55], b"ctx").unwrap_err(), Error::Truncated);
    let mut flipped = header;
    flipped[30] ^= 1;
    assert_eq!(ChunkOpener::new(&KEY, &flipped, b"ctx").unwrap_err(), Error::AuthFailed);
    let mut longer = header.to_vec();
    longer.push(0);
    assert!(matches!(ChunkOpener::new(&KEY, &longer, b"ctx"), Err(Error::InvalidArgument(_))));
}

#[test]
fn sealer_enforces_chunk_shapes_and_stops_after_the_final_chunk() {
    let (mut sealer, _) = ChunkSealer::new(&KEY, b"").unwrap();
    assert!(matches!(sealer.seal_chunk(&[0; CHUNK_LEN], true), Err(Error::InvalidArgument(_))));
    // The shape error is sticky: this message can never be completed.
    assert!(matches!(sealer.seal_chunk(&[0; 10], true), Err(Error::InvalidArgument(_))));
    let (mut sealer, _) = ChunkSealer::new(&KEY, b"").unwrap();
    assert!(sealer.seal_chunk(&[0; 10], false).is_err());
    let (mut sealer, _) = ChunkSealer::new(&KEY, b"").unwrap();
    sealer.seal_chunk(&[0; 10], true).unwrap();
    assert_eq!(sealer.seal_chunk(&[0; 10], true), Err(Error::InvalidArgument("stream already finished")));
    assert_eq!(sealer.next_index(), 1);
}

#[test]
fn opener_failures_are_sticky_and_wipe_the_chunk() {
    let data = pattern(3 * CHUNK_LEN + 5);
    let (mut sealer, header) = ChunkSealer::new(&KEY, b"ctx").unwrap();
    let mut sealed = seal_framed(&mut sealer, header, &data);
    sealed[HEADER_LEN + SEALED_CHUNK_LEN + 3] ^= 0x80; // chunk 1
    let mut opener = ChunkOpener::new(&KEY, &sealed[..HEADER_LEN], b"ctx").unwrap();
    let (released, outcome) = open_framed(&mut opener, &sealed[HEADER_LEN..]);
    assert_eq!(released, data[..CHUNK_LEN]);
    assert_eq!(outcome, Err(Error::AuthFailed));
    // Later chunks, even intact ones, are refused and wiped.
    let mut chunk2 = sealed[HEADER_LEN + 2 * SEALED_CHUNK_LEN..][..SEALED_CHUNK_LEN].to_vec();
    assert_eq!(opener.open_in_place(&mut chunk2, false), Err(Error::AuthFailed));
    assert!(chunk2.iter().all(|&b| b == 0));
    assert_eq!(opener.fail_truncated(), Err(Error::AuthFailed));
    assert!(!opener.is_finished());
}

#[test]
fn cuts_and_reordering_never_end_cleanly() {
    let data = pattern(2 * CHUNK_LEN + 100);
    let (mut sealer, header) = ChunkSealer::new(&KEY, b"").unwrap();
    let sealed = seal_framed(&mut sealer, header, &data);
    let body = &sealed[HEADER_LEN..];
    let open_body = |body: &[u8]| {
        let mut opener = ChunkOpener::new(&KEY, &sealed[..HEADER_LEN], b"").unwrap();
        open_framed(&mut opener, body)
    };
    let at_boundary = open_body(&body[..2 * SEALED_CHUNK_LEN]);
    assert_eq!(at_boundary, (data[..2 * CHUNK_LEN].to_vec(), Err(Error::Truncated)));
    assert_eq!(open_body(&body[..2 * SEALED_CHUNK_LEN + 15]).1, Err(Error::Truncated));
    assert_eq!(open_body(&body[..2 * SEALED_CHUNK_LEN + 50]).1, Err(Error::AuthFailed));
    assert_eq!(open_body(&body[..SEALED_CHUNK_LEN + 200]).1, Err(Error::AuthFailed));
    let mut swapped = body[SEALED_CHUNK_LEN..2 * SEALED_CHUNK_LEN].to_vec();
    swapped.extend_from_slice(&body[..SEALED_CHUNK_LEN]);
    swapped.extend_from_slice(&body[2 * SEALED_CHUNK_LEN..]);
    assert_eq!(open_body(&swapped), (Vec::new(), Err(Error::AuthFailed)));
    let mut appended = body.to_vec();
    appended.push(0);
    assert_eq!(open_body(&appended).1, Err(Error::AuthFailed));
}

#[test]
fn exported_key_follows_the_c2sp_nonce_schedule() {
    let data = pattern(CHUNK_LEN + 9);
    let (mut sealer, header) = ChunkSealer::with_salt(&KEY, &[6; 24], b"ctx").unwrap();
    let reference = seal_framed(&mut sealer, header, &data);
    let (sealer, _) = ChunkSealer::with_salt(&KEY, &[6; 24], b"ctx").unwrap();
    let exported = sealer.dangerous_export_chunk_key().unwrap();
    assert_eq!(format!("{exported:?}"), "ChunkKey([redacted])");
    let aes = Aes256Gcm::new(exported.key().into());
    for (index, chunk) in [(0u8, &data[..CHUNK_LEN]), (1, &data[CHUNK_LEN..])] {
        let mut nonce = *exported.base_nonce();
        nonce[11] ^= index;
        let sealed = aes.encrypt(Nonce::from_slice(&nonce), chunk).unwrap();
        let offset = HEADER_LEN + usize::from(index) * SEALED_CHUNK_LEN;
        assert_eq!(sealed, reference[offset..offset + sealed.len()]);
    }
    let opener = ChunkOpener::new(&KEY, &reference[..HEADER_LEN], b"ctx").unwrap();
    assert_eq!(opener.dangerous_export_chunk_key().unwrap().key(), exported.key());
}

#[test]
fn key_export_is_refused_once_chunks_used_the_key() {
    let (mut sealer, header) = ChunkSealer::new(&KEY, b"").unwrap();
    sealer.seal_chunk(&[0; CHUNK_LEN], false).unwrap();
    assert!(matches!(sealer.dangerous_export_chunk_key(), Err(Error::InvalidArgument(_))));
    let mut opener = ChunkOpener::new(&KEY, &header, b"").unwrap();
    assert!(opener.fail_truncated().is_err());
    assert_eq!(opener.dangerous_export_chunk_key().unwrap_err(), Error::Truncated);
}

#[test]
fn debug_output_shows_no_key_material() {
    let (sealer, header) = ChunkSealer::new(&KEY, b"").unwrap();
    assert_eq!(format!("{sealer:?}"), "ChunkSealer { next_index: 0, finished: false, .. }");
    let opener = ChunkOpener::new(&KEY, &header, b"").unwrap();
    assert_eq!(format!("{opener:?}"), "ChunkOpener { next_index: 0, finished: false, .. }");
}

/// All 35 Wycheproof vectors: valid ones release the whole message and finish; invalid ones
/// fail, after releasing at most the authenticated prefix the vector allows (`msgLength`).
#[test]
fn wycheproof_vectors_through_caller_framing() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/external/wycheproof/c2sp_chunked_encryption_aes_256_gcm_test.json"
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let hex_field = |t: &Value, name: &str| t.get(name).and_then(Value::as_str).map(|s| hex::decode(s).unwrap());
    let mut count = 0;
    for test in file["testGroups"].as_array().unwrap().iter().flat_map(|g| g["tests"].as_array().unwrap()) {
        count += 1;
        let id = test["tcId"].as_u64().unwrap();
        let mut ct = Vec::new();
        flate2::read::ZlibDecoder::new(&hex_field(test, "ct").unwrap()[..]).read_to_end(&mut ct).unwrap();
        // A key of another length cannot even reach the opener (the API takes `&[u8; 32]`).
        let Ok(key) = <[u8; 32]>::try_from(hex_field(test, "key").unwrap()) else {
            assert_eq!(test["result"], "invalid", "tcId {id}");
            continue;
        };
        let ctx = hex_field(test, "ctx").unwrap();
        let opened = ChunkOpener::new(&key, &ct[..HEADER_LEN.min(ct.len())], &ctx);
        let (released, outcome) = match opened {
            Ok(mut opener) => open_framed(&mut opener, &ct[HEADER_LEN..]),
            Err(err) => (Vec::new(), Err(err)),
        };
        if test["result"] == "valid" {
            assert!(outcome.is_ok(), "tcId {id}");
            let want = hex_field(test, "msgSha512").unwrap();
            assert_eq!(Sha512::digest(&released).to_vec(), want, "tcId {id}");
        } else {
            assert!(outcome.is_err(), "tcId {id}");
            let allowed = test.get("msgLength").and_then(Value::as_u64).unwrap_or(0) as usize;
            assert!(released.len() <= allowed, "tcId {id}");
            if let Some(digest) = hex_field(test, "msgSha512") {
                assert_eq!(Sha512::digest(&released).to_vec(), digest, "tcId {id} prefix");
            }
        }
    }
    assert_eq!(count, 35);
}
