//! Core key operations run under WebAssembly (Node): randomness from crypto.getRandomValues,
//! validation of public keys, key ids.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use phiseal::keys::{KeyPair, PublicKey, SecretKey};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn generated_key_pairs_are_distinct_and_consistent() {
    let a = KeyPair::generate().unwrap();
    let b = KeyPair::generate().unwrap();
    assert_ne!(a.public_key(), b.public_key());
    let again =
        KeyPair::from_secret(SecretKey::from_bytes(a.secret_key().dangerous_export_bytes().expose()).unwrap()).unwrap();
    assert_eq!(again.public_key(), a.public_key());
}

#[wasm_bindgen_test]
fn rfc7748_public_key_derivation() {
    // RFC 7748 section 6.1: Alice's private key and public key.
    let secret = hex::decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    let public = hex::decode("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    let pair = KeyPair::from_secret(SecretKey::from_bytes(&secret.unwrap()).unwrap()).unwrap();
    assert_eq!(pair.public_key().as_bytes().as_slice(), public.unwrap().as_slice());
}

#[wasm_bindgen_test]
fn degenerate_public_keys_are_refused() {
    let zero = PublicKey::from_bytes(&[0u8; 32]).unwrap_err();
    assert_eq!(zero.code(), "INVALID_KEY");
    assert_eq!(PublicKey::from_bytes(&[9u8; 31]).unwrap_err().code(), "INVALID_KEY");
}

#[wasm_bindgen_test]
fn key_id_round_trips_through_text() {
    let pair = KeyPair::generate().unwrap();
    let id = pair.public_key().key_id();
    assert_eq!(phiseal::keys::KeyId::from_text(&id.to_text()).unwrap(), id);
}
