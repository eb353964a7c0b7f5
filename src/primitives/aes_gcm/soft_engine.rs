//! The WebAssembly engine of [`super::Aes256GcmKey`]: AES-256-GCM (NIST SP 800-38D) built from
//! RustCrypto's constant-time bitsliced AES block cipher (`aes`, the cipher `aes-gcm` uses there)
//! and a constant-time GHASH by 64-bit multiplications.
//!
//! It computes what `aes-gcm` computes (the differential test below checks it byte for byte; the
//! Wycheproof vectors run on it too), faster for the short messages of record fields and key
//! wraps, where per-message overheads dominate:
//! - the tag mask `E(K, J0)` is encrypted in the same batch as the counter blocks (`aes-gcm`
//!   encrypts it alone, and bitsliced AES costs the same for one block as for two);
//! - GHASH multiplies with `u64` products only (BearSSL's `ghash_ctmul64`, as RustCrypto's
//!   `polyval` does on 64-bit targets, where WebAssembly has 64-bit multiplication too, but
//!   `polyval` picks its 32-bit code by pointer width); the powers of `H` it needs are kept
//!   with the key.
//!
//! GHASH (`bmul64`, `gf_mul`) adapted from BearSSL's `src/hash/ghash_ctmul64.c`,
//! Copyright (c) 2016 Thomas Pornin, MIT license. Multiplication is constant time where the
//! machine's 64-bit multiplication is (WebAssembly engines lower it to the CPU's).

use aes::cipher::{BlockEncrypt, KeyInit};
use aes::{Aes256, Block};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use super::{KEY_LEN, NONCE_LEN, TAG_LEN};
use crate::error::Result;

/// Longest plaintext GCM allows: 2^32 - 2 blocks (SP 800-38D section 5.2.1.1).
const MAX_LEN: u64 = (1 << 36) - 32;
/// Blocks encrypted per AES call (kept on the stack, wiped after use).
const BATCH: usize = 8;
/// Block length.
const BLOCK: usize = 16;

pub(super) struct EngineKey {
    cipher: Aes256,
    /// `H = E(K, 0^128)` as big-endian words (last 8 bytes, first 8 bytes), their XOR, their bit
    /// reversals and the XOR of those: what every multiplication by `H` uses.
    h: [u64; 6],
}

impl Drop for EngineKey {
    fn drop(&mut self) {
        // `aes` wipes its round keys itself (its `zeroize` feature).
        self.h.zeroize();
    }
}

impl EngineKey {
    #[allow(clippy::unnecessary_wraps)] // the same signature as the ring engine's
    pub(super) fn new(key: &[u8; KEY_LEN]) -> Result<Self> {
        let cipher = Aes256::new(key.into());
        let mut block = Block::default();
        cipher.encrypt_block(&mut block);
        let mut h: [u8; BLOCK] = block.into();
        block.as_mut_slice().zeroize();
        // BearSSL's words: index 1 is the block's first 8 bytes, index 0 its last 8.
        let (h1, h0) = words(&h);
        h.zeroize();
        let (h0r, h1r) = (h0.reverse_bits(), h1.reverse_bits());
        Ok(Self { cipher, h: [h0, h1, h0 ^ h1, h0r, h1r, h0r ^ h1r] })
    }

    /// `None` when the input is too long for GCM.
    pub(super) fn seal_in_place(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], buf: &mut [u8]) -> Option<[u8; TAG_LEN]> {
        if u64::try_from(buf.len()).ok()? > MAX_LEN {
            return None;
        }
        let mut mask = [0u8; BLOCK];
        self.keystream(nonce, Some(&mut mask), buf);
        let mut tag = self.ghash(aad, buf);
        xor_into(&mut tag, &mask);
        mask.zeroize();
        Some(tag)
    }

    /// `true` when the tag verified and `buf` now holds the plaintext; `buf` is left as it was
    /// otherwise (the tag is checked before anything is decrypted).
    pub(super) fn open_in_place(
        &self,
        nonce: &[u8; NONCE_LEN],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8; TAG_LEN],
    ) -> bool {
        if u64::try_from(buf.len()).map_or(true, |len| len > MAX_LEN) {
            return false;
        }
        let mut mask = [0u8; BLOCK];
        self.keystream(nonce, Some(&mut mask), &mut []);
        let mut expected = self.ghash(aad, buf);
        xor_into(&mut expected, &mask);
        mask.zeroize();
        let verified: bool = expected.ct_eq(tag).into();
        if verified {
            self.keystream(nonce, None, buf);
        }
        verified
    }

    /// XORs `buf` with the key stream from counter 2 on; with `mask`, also writes `E(K, J0)`
    /// there (J0 is counter 1), encrypted in the first batch.
    fn keystream(&self, nonce: &[u8; NONCE_LEN], mut mask: Option<&mut [u8; BLOCK]>, buf: &mut [u8]) {
        let mut counter: u32 = if mask.is_some() { 1 } else { 2 };
        let mut batch = [Block::default(); BATCH];
        let mut chunks = buf.chunks_mut(BLOCK).peekable();
        while mask.is_some() || chunks.peek().is_some() {
            let first = usize::from(mask.is_some());
            let count = (first + chunks.len()).min(BATCH);
            for block in batch.iter_mut().take(count) {
                let (nonce_part, counter_part) = block.split_at_mut(NONCE_LEN);
                nonce_part.copy_from_slice(nonce);
                counter_part.copy_from_slice(&counter.to_be_bytes());
                counter = counter.wrapping_add(1);
            }
            let Some(blocks) = batch.get_mut(..count) else { break };
            self.cipher.encrypt_blocks(blocks);
            let mut stream = blocks.iter();
            if let Some(mask) = mask.take() {
                if let Some(block) = stream.next() {
                    mask.copy_from_slice(block);
                }
            }
            for (block, chunk) in stream.zip(chunks.by_ref()) {
                xor_into(chunk, block);
            }
        }
        batch.iter_mut().for_each(|block| block.as_mut_slice().zeroize());
    }

    /// GHASH(H, aad, ciphertext) (SP 800-38D section 7.1, step 5).
    fn ghash(&self, aad: &[u8], ciphertext: &[u8]) -> [u8; TAG_LEN] {
        // (first 8 bytes, last 8 bytes) of the running value, big-endian.
        let mut y = (0u64, 0u64);
        for part in [aad, ciphertext] {
            for chunk in part.chunks(BLOCK) {
                let mut block = [0u8; BLOCK];
                block.iter_mut().zip(chunk).for_each(|(byte, input)| *byte = *input);
                let (high, low) = words(&block);
                y = self.gf_mul(y.0 ^ high, y.1 ^ low);
            }
        }
        let bits = |len: usize| u64::try_from(len).unwrap_or(u64::MAX).wrapping_mul(8);
        y = self.gf_mul(y.0 ^ bits(aad.len()), y.1 ^ bits(ciphertext.len()));
        let mut out = [0u8; TAG_LEN];
        let (high, low) = out.split_at_mut(8);
        high.copy_from_slice(&y.0.to_be_bytes());
        low.copy_from_slice(&y.1.to_be_bytes());
        out
    }

    /// The block `(high, low)` times `H` in GHASH's field (BearSSL `br_ghash_ctmul64`, one
    /// block: there `y1` holds the block's first 8 bytes and `y0` its last 8).
    fn gf_mul(&self, high: u64, low: u64) -> (u64, u64) {
        let (y1, y0) = (high, low);
        let [h0, h1, h2, h0r, h1r, h2r] = self.h;
        let (y0r, y1r) = (y0.reverse_bits(), y1.reverse_bits());
        let (y2, y2r) = (y0 ^ y1, y0r ^ y1r);
        let z0 = bmul64(y0, h0);
        let z1 = bmul64(y1, h1);
        let mut z2 = bmul64(y2, h2);
        let mut z0h = bmul64(y0r, h0r);
        let mut z1h = bmul64(y1r, h1r);
        let mut z2h = bmul64(y2r, h2r);
        z2 ^= z0 ^ z1;
        z2h ^= z0h ^ z1h;
        z0h = z0h.reverse_bits() >> 1;
        z1h = z1h.reverse_bits() >> 1;
        z2h = z2h.reverse_bits() >> 1;
        let (mut v0, mut v1, mut v2, mut v3) = (z0, z0h ^ z2, z1 ^ z2h, z1h);
        v3 = (v3 << 1) | (v2 >> 63);
        v2 = (v2 << 1) | (v1 >> 63);
        v1 = (v1 << 1) | (v0 >> 63);
        v0 <<= 1;
        v2 ^= v0 ^ (v0 >> 1) ^ (v0 >> 2) ^ (v0 >> 7);
        v1 ^= (v0 << 63) ^ (v0 << 62) ^ (v0 << 57);
        v3 ^= v1 ^ (v1 >> 1) ^ (v1 >> 2) ^ (v1 >> 7);
        v2 ^= (v1 << 63) ^ (v1 << 62) ^ (v1 << 57);
        // y0 = v2, y1 = v3.
        (v3, v2)
    }
}

/// Carry-less multiplication of `x` and `y`, truncated to 64 bits, with integer multiplications
/// on bits spread 4 apart so that carries fall into masked-out holes (BearSSL `bmul64`).
fn bmul64(x: u64, y: u64) -> u64 {
    const M0: u64 = 0x1111_1111_1111_1111;
    const M1: u64 = 0x2222_2222_2222_2222;
    const M2: u64 = 0x4444_4444_4444_4444;
    const M3: u64 = 0x8888_8888_8888_8888;
    let (x0, x1, x2, x3) = (x & M0, x & M1, x & M2, x & M3);
    let (y0, y1, y2, y3) = (y & M0, y & M1, y & M2, y & M3);
    let mul = u64::wrapping_mul;
    let z0 = mul(x0, y0) ^ mul(x1, y3) ^ mul(x2, y2) ^ mul(x3, y1);
    let z1 = mul(x0, y1) ^ mul(x1, y0) ^ mul(x2, y3) ^ mul(x3, y2);
    let z2 = mul(x0, y2) ^ mul(x1, y1) ^ mul(x2, y0) ^ mul(x3, y3);
    let z3 = mul(x0, y3) ^ mul(x1, y2) ^ mul(x2, y1) ^ mul(x3, y0);
    (z0 & M0) | (z1 & M1) | (z2 & M2) | (z3 & M3)
}

/// A block as two big-endian words.
fn words(block: &[u8; BLOCK]) -> (u64, u64) {
    let (high, low) = block.split_at(8);
    let word = |bytes: &[u8]| bytes.try_into().map_or(0, u64::from_be_bytes);
    (word(high), word(low))
}

/// `out[i] ^= with[i]` over the shorter of the two.
fn xor_into(out: &mut [u8], with: &[u8]) {
    for (byte, other) in out.iter_mut().zip(with) {
        *byte ^= other;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use super::super::rustcrypto_engine;
    use super::*;
    use crate::primitives::random;

    /// The same output as `aes-gcm` at every length around the batch and block boundaries, with
    /// AAD of every length up to a few blocks; each opens the other's; a flipped bit fails and
    /// leaves the buffer as it was.
    #[test]
    fn agrees_with_aes_gcm() {
        let mut lengths: Vec<usize> = (0..=300).collect();
        lengths.extend([511, 512, 513, 4095, 4096, 4097, 65_536 + 15]);
        for len in lengths {
            let key: [u8; KEY_LEN] = random::array().unwrap();
            let nonce: [u8; NONCE_LEN] = random::array().unwrap();
            let aad = random::test_vec(len % 53);
            let plaintext = random::test_vec(len);
            let soft = EngineKey::new(&key).unwrap();
            let reference = rustcrypto_engine::EngineKey::new(&key).unwrap();
            let mut by_soft = plaintext.clone();
            let soft_tag = soft.seal_in_place(&nonce, &aad, &mut by_soft).unwrap();
            let mut by_reference = plaintext.clone();
            let reference_tag = reference.seal_in_place(&nonce, &aad, &mut by_reference).unwrap();
            assert_eq!((&by_soft, soft_tag), (&by_reference, reference_tag), "length {len}");

            let mut opened = by_reference.clone();
            assert!(soft.open_in_place(&nonce, &aad, &mut opened, &reference_tag), "length {len}");
            assert_eq!(opened, plaintext);
            let mut opened = by_soft.clone();
            assert!(reference.open_in_place(&nonce, &aad, &mut opened, &soft_tag), "length {len}");

            let mut bad_tag = soft_tag;
            bad_tag[len % 16] ^= 1 << (len % 8);
            let mut untouched = by_soft.clone();
            assert!(!soft.open_in_place(&nonce, &aad, &mut untouched, &bad_tag), "length {len}");
            assert_eq!(untouched, by_soft, "nothing decrypted before the tag verified");
            if len > 0 {
                let mut flipped = by_soft.clone();
                flipped[len / 2] ^= 0x80;
                assert!(!soft.open_in_place(&nonce, &aad, &mut flipped, &soft_tag), "length {len}");
            }
        }
    }

    /// The Wycheproof AES-256-GCM vectors (96-bit nonces) on this engine itself: natively
    /// `primitives::kat_tests` runs them on the ring engine.
    #[test]
    fn wycheproof_aes_256_gcm() {
        let path = format!("{}/tests/vectors/external/wycheproof/aes_gcm_test.json", env!("CARGO_MANIFEST_DIR"));
        let file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let field = |test: &serde_json::Value, name: &str| hex::decode(test[name].as_str().unwrap()).unwrap();
        let mut run = 0;
        for group in file["testGroups"].as_array().unwrap() {
            if group["keySize"].as_u64() != Some(256) || group["ivSize"].as_u64() != Some(96) {
                continue;
            }
            for test in group["tests"].as_array().unwrap() {
                let key = EngineKey::new(&field(test, "key").try_into().unwrap()).unwrap();
                let nonce: [u8; NONCE_LEN] = field(test, "iv").try_into().unwrap();
                let (aad, msg, ct) = (field(test, "aad"), field(test, "msg"), field(test, "ct"));
                let tag: [u8; TAG_LEN] = field(test, "tag").try_into().unwrap();
                let mut opened = ct.clone();
                let verified = key.open_in_place(&nonce, &aad, &mut opened, &tag);
                if test["result"] == "valid" {
                    let mut sealed = msg.clone();
                    assert_eq!(key.seal_in_place(&nonce, &aad, &mut sealed), Some(tag), "tcId {}", test["tcId"]);
                    assert_eq!((sealed, verified, opened), (ct, true, msg), "tcId {}", test["tcId"]);
                } else {
                    assert!(!verified, "tcId {}", test["tcId"]);
                }
                run += 1;
            }
        }
        assert_eq!(run, 66);
    }

    #[test]
    fn the_nist_test_case_16() {
        // The GCM specification's test case 16 (AES-256, 60-byte plaintext, 20-byte AAD).
        let hex = |text: &str| hex::decode(text).unwrap();
        let key: [u8; 32] = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308").try_into().unwrap();
        let nonce: [u8; 12] = hex("cafebabefacedbaddecaf888").try_into().unwrap();
        let aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        let mut buf = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        let tag = EngineKey::new(&key).unwrap().seal_in_place(&nonce, &aad, &mut buf).unwrap();
        assert_eq!(buf, hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"));
        assert_eq!(tag.to_vec(), hex("76fc6ece0f4e1768cddf8853bb2d551b"));
    }
}
