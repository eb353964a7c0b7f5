//! A keyed AES-256-GCM cipher (NIST SP 800-38D; 256-bit key, 96-bit nonce, 128-bit tag): the key
//! is expanded once and then seals or opens many messages in place, with detached tags.
//!
//! Three engines compute the same function:
//! - [`ring_engine`]: ring's assembly from BoringSSL (AES-NI or VAES with a stitched CLMUL GHASH
//!   on x86-64, the ARMv8 crypto extensions on aarch64), on every non-WebAssembly target when the
//!   `native-aes` feature (on by default) is enabled. It is about six times faster than the
//!   portable engine on the same machine (docs/PERFORMANCE.md, "Native").
//! - [`rustcrypto_engine`]: RustCrypto `aes-gcm`, which picks AES-NI and CLMUL at run time where
//!   they exist and constant-time bitsliced code elsewhere: natively with
//!   `default-features = false`.
//! - [`soft_engine`]: on WebAssembly, RustCrypto's constant-time bitsliced AES with the tag mask
//!   encrypted in the counter blocks' batch and a constant-time GHASH by 64-bit multiplications
//!   (BearSSL's), faster than `aes-gcm` there for short messages (record fields, key wraps).
//!
//! All run the Wycheproof vectors (`primitives::kat_tests`, and the soft engine's own tests),
//! and differential tests check natively that they agree byte for byte on random keys, nonces,
//! AAD and lengths.
//!
//! Nonces are a parameter here only because this type is crate-private plumbing for protocols
//! that derive their nonces (HPKE, C2SP chunks) or draw them at random (`primitives::aead`).
//! A failed open wipes the buffer, so no unauthenticated plaintext reaches a caller.
//!
//! # Security
//! The raw key bytes stay with the caller, in a zeroizing type. The portable engines wipe their
//! AES round keys and GHASH key when dropped (the `zeroize` features of `aes` and `aes-gcm`);
//! ring does not wipe its expanded key schedule, which lives only as long as the message,
//! record or stream it serves.

use zeroize::Zeroize;

use crate::error::{Error, Result};

#[cfg(all(test, feature = "native-aes", not(target_family = "wasm")))]
mod differential_tests;
#[cfg(all(feature = "native-aes", not(target_family = "wasm")))]
mod ring_engine;
#[cfg(any(test, not(any(feature = "native-aes", target_family = "wasm"))))]
mod rustcrypto_engine;
#[cfg(any(test, target_family = "wasm"))]
mod soft_engine;

#[cfg(all(feature = "native-aes", not(target_family = "wasm")))]
use ring_engine::EngineKey;
#[cfg(not(any(feature = "native-aes", target_family = "wasm")))]
use rustcrypto_engine::EngineKey;
#[cfg(target_family = "wasm")]
use soft_engine::EngineKey;

/// Key length in bytes.
pub const KEY_LEN: usize = 32;
/// Nonce length in bytes.
pub const NONCE_LEN: usize = 12;
/// Tag length in bytes.
pub const TAG_LEN: usize = 16;

/// An expanded AES-256-GCM key. Not `Clone`; `Debug` shows no key material.
pub(crate) struct Aes256GcmKey(EngineKey);

impl core::fmt::Debug for Aes256GcmKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Aes256GcmKey(..)")
    }
}

impl Aes256GcmKey {
    /// Expands `key`. The caller keeps (and zeroizes) its copy.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] if the engine refuses the key (it takes every 32-byte key; defensive).
    pub(crate) fn new(key: &[u8; KEY_LEN]) -> Result<Self> {
        EngineKey::new(key).map(Self)
    }

    /// Encrypts `buf` in place and returns the tag. The caller guarantees that `nonce` is never
    /// used twice with this key.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] beyond GCM's plaintext limit (2^36 - 32 bytes).
    pub(crate) fn seal_in_place(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], buf: &mut [u8]) -> Result<[u8; TAG_LEN]> {
        self.0.seal_in_place(nonce, aad, buf).ok_or(Error::LimitExceeded("AES-GCM plaintext length"))
    }

    /// Decrypts `buf` in place if `tag` verifies; otherwise wipes `buf`.
    ///
    /// # Errors
    /// [`Error::AuthFailed`] when the tag does not verify under this key, nonce and `aad`.
    pub(crate) fn open_in_place(
        &self,
        nonce: &[u8; NONCE_LEN],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8; TAG_LEN],
    ) -> Result<()> {
        if self.0.open_in_place(nonce, aad, buf, tag) {
            Ok(())
        } else {
            buf.zeroize();
            Err(Error::AuthFailed)
        }
    }
}
