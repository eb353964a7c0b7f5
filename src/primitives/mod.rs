//! Thin, misuse-resistant wrappers over the primitives phiseal is built from (RustCrypto, and
//! ring's AES-256-GCM natively).
//!
//! Everything here is crate-private plumbing; the public API lives in [`crate::keys`],
//! [`crate::hpke`], [`crate::envelope`] and friends.

pub(crate) mod aead;
pub(crate) mod aes_gcm;
pub(crate) mod base64;
pub(crate) mod hkdf;
#[cfg(test)]
mod kat_tests;
pub(crate) mod random;
pub(crate) mod secret;
