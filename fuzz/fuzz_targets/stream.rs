//! Streaming envelopes (C2SP chunks): `open_stream` on arbitrary bytes, and on a sealed
//! three-chunk stream with bytes changed or cut. Never panics; whatever is released before an
//! error is a prefix of what was sealed (only verified chunks come out); a cut stream never
//! ends cleanly and a changed one never reads to the end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phiseal::envelope::{open_stream, seal_stream, SealOptions};
use phiseal::keys::{KeyPair, SecretKey};
use std::io::{Read, Write};
use std::sync::OnceLock;

const CONTEXT: &[u8] = b"file:scan-7|purpose:fuzz";

struct Fixture {
    me: KeyPair,
    plaintext: Vec<u8>,
    sealed: Vec<u8>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let me = KeyPair::from_secret(SecretKey::from_bytes(&[7; 32]).unwrap()).unwrap();
        // Two full 16 KiB chunks and a short last one.
        let plaintext: Vec<u8> = (0..40_000u32).map(|i| (i % 251) as u8).collect();
        let mut writer = seal_stream(Vec::new(), &[*me.public_key()], CONTEXT, &SealOptions::default()).unwrap();
        writer.write_all(&plaintext).unwrap();
        let sealed = writer.finish().unwrap();
        Fixture { me, plaintext, sealed }
    })
}

/// Reads everything `input` releases, in small reads; returns it and whether it ended cleanly.
fn read_all(input: &[u8], me: &KeyPair) -> (Vec<u8>, bool) {
    let Ok(mut reader) = open_stream(input, me, CONTEXT) else { return (Vec::new(), false) };
    let (mut out, mut buf) = (Vec::new(), [0u8; 5000]);
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return (out, true),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => {
                // Sticky: every later read fails too.
                assert!(reader.read(&mut buf).is_err(), "a failed stream read again");
                return (out, false);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let Some((&how, rest)) = data.split_first() else { return };
    if how & 1 == 0 {
        let _ = read_all(rest, &f.me);
        return;
    }
    let mut bytes = f.sealed.clone();
    for edit in rest.chunks_exact(3) {
        let at = usize::from(u16::from_le_bytes([edit[0], edit[1]])) % bytes.len();
        bytes[at] = edit[2];
    }
    if how & 2 != 0 {
        let cut = rest.first().map_or(0, |&b| usize::from(b) * 211) % bytes.len();
        bytes.truncate(cut);
    }
    let (out, clean) = read_all(&bytes, &f.me);
    assert!(f.plaintext.starts_with(&out), "released bytes that were not sealed");
    if bytes == f.sealed {
        assert!(clean && out == f.plaintext, "the untouched stream did not open");
    } else {
        assert!(!clean, "a changed or cut stream ended cleanly");
    }
});
