//! Envelopes: `from_text`, `inspect` and `open` on arbitrary input, and `open` on a sealed
//! envelope with bytes changed: never panic, and a changed envelope never opens.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phiseal::envelope::{from_text, inspect, open, seal};
use phiseal::keys::{KeyPair, SecretKey};
use std::sync::OnceLock;

const CONTEXT: &[u8] = b"record:42|purpose:fuzz";
const PLAINTEXT: &[u8] = b"HbA1c 6.1% (synthetic)";

fn fixture() -> &'static (KeyPair, Vec<u8>) {
    static FIXTURE: OnceLock<(KeyPair, Vec<u8>)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let key = |b: u8| KeyPair::from_secret(SecretKey::from_bytes(&[b; 32]).unwrap()).unwrap();
        let (me, other) = (key(7), key(9));
        let sealed = seal(PLAINTEXT, &[*other.public_key(), *me.public_key()], CONTEXT).unwrap();
        (me, sealed)
    })
}

fuzz_target!(|data: &[u8]| {
    let (me, sealed) = fixture();
    let Some((&how, rest)) = data.split_first() else { return };
    match how % 3 {
        0 => {
            let _ = inspect(rest);
            let _ = open(rest, me, CONTEXT);
        }
        1 => {
            if let Ok(bytes) = std::str::from_utf8(rest).map(from_text) {
                if let Ok(bytes) = bytes {
                    let _ = open(&bytes, me, CONTEXT);
                }
            }
        }
        _ => {
            let mut bytes = sealed.clone();
            for edit in rest.chunks_exact(3) {
                let at = usize::from(u16::from_le_bytes([edit[0], edit[1]])) % bytes.len();
                bytes[at] = edit[2];
            }
            let changed = bytes != *sealed;
            let cut = rest.len() % 3 == 1;
            if cut {
                bytes.truncate(usize::from(rest[rest.len() - 1]) % bytes.len());
            }
            match open(&bytes, me, CONTEXT) {
                Ok(plain) => {
                    assert!(!changed && !cut, "a changed envelope opened");
                    assert_eq!(plain, PLAINTEXT);
                }
                Err(_) => assert!(changed || cut, "the untouched envelope failed to open"),
            }
        }
    }
});
