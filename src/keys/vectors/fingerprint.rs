//! Fingerprint cases (`fingerprint.json`).

use serde_json::{json, Value};

use super::{pair, ALICE_SECRET, BOB_SECRET};
use crate::keys::PublicKey;

pub(super) fn fingerprint_vectors() -> Value {
    let keys = [
        ("rfc7748_alice", pair(ALICE_SECRET).public_key().to_bytes()),
        ("rfc7748_bob", pair(BOB_SECRET).public_key().to_bytes()),
        ("base_point", {
            let mut nine = [0u8; 32];
            nine[0] = 9;
            nine
        }),
        ("bob_last_bit_flipped", {
            let mut key = pair(BOB_SECRET).public_key().to_bytes();
            key[30] ^= 1;
            key
        }),
    ];
    let cases: Vec<Value> = keys
        .iter()
        .map(|(name, key)| {
            let public = PublicKey::from_bytes(key).unwrap();
            json!({ "name": name, "public_key_hex": hex::encode(key), "fingerprint": public.fingerprint().to_string() })
        })
        .collect();
    json!({
        "description": "Fingerprints (docs/KEYS.md): SHA-512(\"phiseal fingerprint v1\" || public key); group i = big-endian uint40 of digest bytes 5i..5i+5 mod 100000, eight groups of five digits joined by single spaces.",
        "cases": cases,
    })
}
