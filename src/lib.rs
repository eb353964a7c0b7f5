//! # phiseal
//!
//! Seal patient health information on the device before anything is uploaded.
//!
//! - [`keys`]: X25519 recipient keys, key ids, JWK, password-protected backups.
//! - [`hpke`]: RFC 9180 HPKE, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM.
//! - [`envelope`]: multi-recipient, key-committing envelopes (see `docs/FORMAT.md`).
//!
//! No API in this crate logs, and no error, `Debug` output or panic message contains
//! plaintext, key material or record values.

#![forbid(unsafe_code)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

pub mod deid;
pub mod envelope;
pub mod error;
pub mod hpke;
pub mod keys;
mod primitives;
pub mod records;
pub mod stream;

pub use error::{Error, Result};
