//! All 35 Wycheproof C2SP chunked-encryption (Cobblestone-256) vectors through the public API:
//! one-shot `open`, the streaming `OpeningReader` (PartialPlaintext: exactly the valid prefix
//! is released, then a sticky error), and random access (length authentication and a full
//! read through `Seek`), as the Wycheproof guide in the C2SP spec folder describes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{Cursor, Read, Seek, SeekFrom};

use phiseal::stream::{open, phiseal_error, OpeningReader};
use phiseal::Error;
use serde_json::Value;
use sha2::{Digest, Sha512};

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/external/wycheproof/c2sp_chunked_encryption_aes_256_gcm_test.json"
);

struct Vector {
    id: u64,
    valid: bool,
    flags: Vec<String>,
    key: Vec<u8>,
    ctx: Vec<u8>,
    ct: Vec<u8>,
    /// msgLength and msgSha512: the message, or the valid prefix of a PartialPlaintext vector.
    msg: Option<(usize, Vec<u8>)>,
}

impl Vector {
    fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
    fn key(&self) -> [u8; 32] {
        self.key.as_slice().try_into().unwrap()
    }
    fn expected_prefix(&self) -> (usize, Vec<u8>) {
        self.msg.clone().unwrap_or((0, Sha512::digest([]).to_vec()))
    }
}

fn hex_field(test: &Value, name: &str) -> Option<Vec<u8>> {
    test.get(name).and_then(Value::as_str).map(|s| hex::decode(s).unwrap())
}

fn load() -> Vec<Vector> {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    assert_eq!(file["algorithm"], "Cobblestone-256");
    let groups = file["testGroups"].as_array().unwrap();
    groups.iter().flat_map(|g| g["tests"].as_array().unwrap()).map(parse).collect()
}

fn parse(test: &Value) -> Vector {
    let mut ct = Vec::new();
    let compressed = hex_field(test, "ct").unwrap();
    flate2::read::ZlibDecoder::new(&compressed[..]).read_to_end(&mut ct).unwrap();
    let msg = test.get("msgLength").map(|len| (len.as_u64().unwrap() as usize, hex_field(test, "msgSha512").unwrap()));
    let flags = test["flags"].as_array().unwrap();
    Vector {
        id: test["tcId"].as_u64().unwrap(),
        valid: test["result"] == "valid",
        flags: flags.iter().map(|f| f.as_str().unwrap().to_owned()).collect(),
        key: hex_field(test, "key").unwrap(),
        ctx: hex_field(test, "ctx").unwrap(),
        ct,
        msg,
    }
}

/// Reads with an odd buffer size until the end or an error; returns what was released.
fn drain(reader: &mut impl Read) -> (Vec<u8>, Option<std::io::Error>) {
    let mut released = Vec::new();
    let mut buf = [0u8; 1000];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return (released, None),
            Ok(n) => released.extend_from_slice(&buf[..n]),
            Err(err) => return (released, Some(err)),
        }
    }
}

fn digest(bytes: &[u8]) -> (usize, Vec<u8>) {
    (bytes.len(), Sha512::digest(bytes).to_vec())
}

#[test]
fn there_are_35_vectors_and_every_key_size_error_is_a_type_error() {
    let vectors = load();
    assert_eq!(vectors.len(), 35);
    for v in &vectors {
        // The API takes `&[u8; 32]`: a 31- or 33-byte key cannot even be passed.
        let fits = <[u8; 32]>::try_from(v.key.as_slice()).is_ok();
        assert_eq!(fits, !v.has("InvalidKeySize"), "tcId {}", v.id);
    }
}

#[test]
fn one_shot_open() {
    for v in load().iter().filter(|v| !v.has("InvalidKeySize")) {
        match open(&v.key(), &v.ctx, &v.ct) {
            Ok(m) => {
                assert!(v.valid, "tcId {} must fail", v.id);
                assert_eq!(digest(&m), v.msg.clone().unwrap(), "tcId {}", v.id);
            }
            Err(_) => assert!(!v.valid, "tcId {} must open", v.id),
        }
    }
}

#[test]
fn header_failures_are_rejected_before_any_chunk() {
    for v in load().iter().filter(|v| v.has("HeaderFailure") && !v.has("InvalidKeySize")) {
        let err = OpeningReader::new(&v.ct[..], &v.key(), &v.ctx).unwrap_err();
        let expected = if v.has("Truncation") { Error::Truncated } else { Error::AuthFailed };
        assert_eq!(phiseal_error(&err), Some(&expected), "tcId {}", v.id);
    }
}

#[test]
fn streaming_releases_only_the_authenticated_prefix_then_keeps_failing() {
    let vectors = load();
    for v in vectors.iter().filter(|v| !v.has("HeaderFailure")) {
        let mut reader = OpeningReader::new(&v.ct[..], &v.key(), &v.ctx).unwrap();
        let (released, err) = drain(&mut reader);
        assert_eq!(digest(&released), v.expected_prefix(), "tcId {}", v.id);
        if v.valid {
            assert!(err.is_none(), "tcId {}: {err:?}", v.id);
            continue;
        }
        let first = phiseal_error(&err.expect("invalid vector ended cleanly")).cloned();
        assert!(matches!(first, Some(Error::AuthFailed | Error::Truncated)), "tcId {}", v.id);
        for _ in 0..3 {
            let again = reader.read(&mut [0u8; 64]).unwrap_err();
            assert_eq!(phiseal_error(&again).cloned(), first, "tcId {} not sticky", v.id);
        }
    }
}

#[test]
fn random_access_authenticates_the_length_and_reads_through_seek() {
    for v in load().iter().filter(|v| !v.has("HeaderFailure")) {
        let mut reader = OpeningReader::new(Cursor::new(&v.ct), &v.key(), &v.ctx).unwrap();
        let length = reader.plaintext_len();
        if v.valid || v.has("ValidFinalChunk") {
            let expected = v.msg.as_ref().map(|m| m.0 as u64);
            assert!(length.is_ok(), "tcId {}: length must authenticate", v.id);
            if v.valid {
                assert_eq!(length.ok(), expected, "tcId {}", v.id);
            }
        } else {
            assert!(length.is_err(), "tcId {}: length must not authenticate", v.id);
            continue;
        }
        reader.seek(SeekFrom::Start(0)).unwrap();
        let (released, err) = drain(&mut reader);
        if v.valid {
            assert!(err.is_none(), "tcId {}", v.id);
            assert_eq!(Some(digest(&released)), v.msg, "tcId {}", v.id);
        } else {
            assert!(err.is_some(), "tcId {}: full read must fail", v.id);
            assert_eq!(digest(&released), v.expected_prefix(), "tcId {}", v.id);
        }
    }
}

#[test]
fn length_from_the_end_matches_for_valid_vectors() {
    for v in load().iter().filter(|v| v.valid) {
        let mut reader = OpeningReader::new(Cursor::new(&v.ct), &v.key(), &v.ctx).unwrap();
        let len = v.msg.as_ref().unwrap().0 as u64;
        assert_eq!(reader.seek(SeekFrom::End(0)).unwrap(), len, "tcId {}", v.id);
        assert_eq!(reader.read(&mut [0u8; 16]).unwrap(), 0, "tcId {}", v.id);
    }
}
