//! Key and policy parsers on arbitrary text (JWK public and private keys, record policies,
//! de-identification JSON policies): never panic; a key that parses writes back to a JWK that
//! parses to the same key.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phiseal::deid::JsonPolicy;
use phiseal::keys::{KeyPair, PublicKey};
use phiseal::records::Policy;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(key) = PublicKey::from_jwk(text) {
        let again = PublicKey::from_jwk(&key.to_jwk()).expect("a written JWK parses");
        assert_eq!(again.as_bytes(), key.as_bytes());
    }
    if let Ok(pair) = KeyPair::from_private_jwk(text) {
        assert_eq!(pair.public_key().as_bytes().len(), 32);
    }
    let _ = Policy::from_json(text);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = JsonPolicy::from_json(&value);
    }
});
