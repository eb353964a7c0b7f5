//! Multi-recipient envelopes, format v1 (`docs/FORMAT.md`).
//!
//! A fresh 256-bit data key per envelope encrypts the payload with AES-256-GCM and is wrapped
//! to each recipient with HPKE (RFC 9180, base or auth mode). The header carries a key
//! commitment and an HMAC-SHA256 over every header byte, so slots cannot be reordered,
//! removed, duplicated or copied from another envelope, and a sender cannot make recipients
//! see different plaintexts. The caller's context (e.g. record id and purpose) is bound into
//! every derived key and never stored.
//!
//! ```
//! use phiseal::{envelope, keys::KeyPair};
//! let clinic = KeyPair::generate()?;
//! let billing = KeyPair::generate()?;
//! let recipients = [*clinic.public_key(), *billing.public_key()];
//! let sealed = envelope::seal(b"lab result", &recipients, b"record:42")?;
//! assert_eq!(envelope::open(&sealed, &billing, b"record:42")?, b"lab result");
//! # Ok::<(), phiseal::Error>(())
//! ```

mod data_key;
mod header;
mod inspect;
mod key_header;
pub mod limits;
mod rewrap;
mod sealed;
mod slot;
mod stream_parts;
mod streaming;
mod text;
mod wire;

pub use data_key::{DataKey, DATA_KEY_LEN};
pub use inspect::{inspect, EnvelopeInfo};
pub(crate) use key_header::seal_key_header_for;
pub use key_header::{key_header_sender, open_key_header, rewrap_key_header, rewrap_key_header_with, seal_key_header};
pub use rewrap::{rewrap, RecipientChanges};
pub use sealed::{open, open_from, open_with_details, seal, seal_with, Opened, SealOptions};
pub use stream_parts::{begin_stream, stream_header_len, unlock_stream_header, StreamHeader, UnlockedStream};
pub use streaming::{open_stream, rewrap_stream, seal_stream, AfterHeader};
pub use text::{from_text, to_text, TEXT_PREFIX};
pub use wire::Kind;

#[cfg(test)]
mod attack_tests;
