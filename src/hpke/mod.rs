//! HPKE, Hybrid Public Key Encryption (RFC 9180), with the single suite
//! DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM
//! (`kem_id` 0x0020, `kdf_id` 0x0001, `aead_id` 0x0002) in modes `mode_base` and `mode_auth`.
//!
//! - Single-shot: [`seal_base`] / [`open_base`], [`seal_auth`] / [`open_auth`], and the
//!   secret export pair [`send_export_base`] / [`receive_export_base`] (section 6).
//! - Multi-message: `setup_*_sender` gives an [`Encapsulated`] key and a [`SenderContext`];
//!   the recipient passes the encapsulated key to `setup_*_receiver` for a [`ReceiverContext`].
//!   Messages must be opened in the order they were sealed (section 5.2).
//!
//! Encapsulated keys and recipient keys that are all-zero or of low order are rejected
//! ([`crate::Error::InvalidKey`]), as is an all-zero Diffie-Hellman result (section 7.1.4).
//! Every failure to open is the opaque [`crate::Error::AuthFailed`]. The PSK modes are not
//! offered. Ephemeral keys always come from the operating system's CSPRNG.
//!
//! ```
//! use phiseal::hpke;
//! use phiseal::keys::KeyPair;
//!
//! let recipient = KeyPair::generate()?;
//! let (enc, ct) = hpke::seal_base(recipient.public_key(), b"app v1", b"header", b"hello")?;
//! let pt = hpke::open_base(enc.as_bytes(), recipient.secret_key(), b"app v1", b"header", &ct)?;
//! assert_eq!(pt, b"hello");
//! # Ok::<(), phiseal::Error>(())
//! ```

mod context;
mod kem;
mod key_schedule;
mod labeled;
mod setup;
mod single_shot;

#[cfg(test)]
mod kat_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) mod vector_file;

pub use context::{ReceiverContext, SenderContext, MAX_EXPORT_LEN};
pub use kem::{Encapsulated, ENC_LEN};
pub use setup::{setup_auth_receiver, setup_auth_sender, setup_base_receiver, setup_base_sender};
pub use single_shot::{open_auth, open_base, receive_export_base, seal_auth, seal_base, send_export_base};
