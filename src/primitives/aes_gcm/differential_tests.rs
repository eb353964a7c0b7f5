//! The two engines agree: ring's output opens with RustCrypto's and the reverse, byte for byte,
//! on random keys, nonces and AAD, at every length up to a few blocks past each boundary that
//! the assembly treats specially (16-byte blocks, 4- and 8-block stitched batches, 16 KiB C2SP
//! chunks), and both refuse a flipped tag bit.

#![allow(clippy::indexing_slicing)]

use super::{ring_engine, rustcrypto_engine, KEY_LEN, NONCE_LEN};
use crate::primitives::random;

fn lengths() -> Vec<usize> {
    let mut lengths: Vec<usize> = (0..=300).collect();
    for boundary in [512, 1024, 4096, 16 * 1024, 64 * 1024] {
        lengths.extend(boundary - 17..=boundary + 17);
    }
    lengths
}

#[test]
fn engines_agree_on_random_inputs() {
    let mut checked = 0;
    for len in lengths() {
        let key: [u8; KEY_LEN] = random::array().unwrap();
        let nonce: [u8; NONCE_LEN] = random::array().unwrap();
        let aad = random::test_vec(len % 37);
        let plaintext = random::test_vec(len);
        let ring_key = ring_engine::EngineKey::new(&key).unwrap();
        let rust_key = rustcrypto_engine::EngineKey::new(&key).unwrap();

        let mut by_ring = plaintext.clone();
        let ring_tag = ring_key.seal_in_place(&nonce, &aad, &mut by_ring).unwrap();
        let mut by_rust = plaintext.clone();
        let rust_tag = rust_key.seal_in_place(&nonce, &aad, &mut by_rust).unwrap();
        assert_eq!((&by_ring, ring_tag), (&by_rust, rust_tag), "length {len}");
        assert!(len == 0 || by_ring != plaintext, "length {len}: not encrypted");

        let mut opened = by_ring.clone();
        assert!(rust_key.open_in_place(&nonce, &aad, &mut opened, &ring_tag), "length {len}");
        assert_eq!(opened, plaintext);
        let mut opened = by_rust.clone();
        assert!(ring_key.open_in_place(&nonce, &aad, &mut opened, &rust_tag), "length {len}");
        assert_eq!(opened, plaintext);

        let mut bad_tag = ring_tag;
        bad_tag[len % 16] ^= 1 << (len % 8);
        assert!(!ring_key.open_in_place(&nonce, &aad, &mut by_ring.clone(), &bad_tag), "length {len}");
        assert!(!rust_key.open_in_place(&nonce, &aad, &mut by_ring.clone(), &bad_tag), "length {len}");
        checked += 1;
    }
    assert_eq!(checked, lengths().len());
}
