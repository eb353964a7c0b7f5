//! The per-envelope data key and everything derived from it.
//!
//! Derivation (HKDF-SHA256, RFC 5869), with `ctx = SHA-256(context)`:
//! ```text
//! prk          = HKDF-Extract(salt = header salt, ikm = data key)
//! commitment   = HKDF-Expand(prk, "phiseal/v1 commitment" || kind || ctx, 32)
//! header MAC k = HKDF-Expand(prk, "phiseal/v1 header-mac" || kind || ctx, 32)
//! payload key  = HKDF-Expand(prk, "phiseal/v1 payload"    || kind || ctx, 32)
//! ```
//! The commitment is stored in the header and compared in constant time: HKDF-SHA256 is
//! collision resistant, so one header commits to one data key, salt and context, and a
//! sender cannot give recipients different keys (key commitment; "invisible salamanders").

use core::fmt;

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{Error, Result};
use crate::primitives::secret::SecretBytes;

/// Length of the data key and every derived key.
pub const DATA_KEY_LEN: usize = 32;

const LABEL_COMMITMENT: &[u8] = b"phiseal/v1 commitment";
const LABEL_HEADER_MAC: &[u8] = b"phiseal/v1 header-mac";
const LABEL_PAYLOAD: &[u8] = b"phiseal/v1 payload";

/// A fresh 256-bit key that protects one envelope (or one record role, or one stream).
#[derive(Clone, PartialEq, Eq)]
pub struct DataKey(SecretBytes<DATA_KEY_LEN>);

impl DataKey {
    /// A new random data key.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the random source fails.
    pub fn generate() -> Result<Self> {
        SecretBytes::random().map(Self)
    }

    pub(crate) fn from_slice(bytes: &[u8]) -> Result<Self> {
        SecretBytes::from_slice(bytes).map(Self)
    }

    /// The key bytes, for deriving subkeys (records, streams).
    #[must_use]
    pub fn expose(&self) -> &[u8; DATA_KEY_LEN] {
        self.0.expose()
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey([redacted])")
    }
}

/// Keys derived from a data key for one header.
pub(crate) struct HeaderKeys {
    pub commitment: [u8; 32],
    mac_key: SecretBytes<32>,
    pub payload_key: SecretBytes<32>,
}

impl HeaderKeys {
    pub(crate) fn derive(data_key: &DataKey, salt: &[u8; 32], kind: u8, context: &[u8]) -> Result<Self> {
        let context_hash = Sha256::digest(context);
        let hkdf = Hkdf::<Sha256>::new(Some(salt), data_key.expose());
        let expand = |label: &[u8]| -> Result<SecretBytes<32>> {
            let mut out = [0u8; 32];
            hkdf.expand_multi_info(&[label, &[kind], &context_hash], &mut out)
                .map_err(|_| Error::InvalidArgument("hkdf output length"))?;
            Ok(SecretBytes::from_array(&mut out))
        };
        Ok(Self {
            commitment: *expand(LABEL_COMMITMENT)?.expose(),
            mac_key: expand(LABEL_HEADER_MAC)?,
            payload_key: expand(LABEL_PAYLOAD)?,
        })
    }

    /// Constant-time check of a stored commitment.
    pub(crate) fn commitment_matches(&self, stored: &[u8; 32]) -> bool {
        self.commitment.ct_eq(stored).into()
    }

    pub(crate) fn header_mac(&self, header: &[u8]) -> Result<[u8; 32]> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(self.mac_key.expose()).map_err(|_| Error::InvalidKey("mac key"))?;
        mac.update(header);
        Ok(mac.finalize().into_bytes().into())
    }

    /// Constant-time verification of a header MAC.
    pub(crate) fn verify_header_mac(&self, header: &[u8], tag: &[u8; 32]) -> Result<()> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(self.mac_key.expose()).map_err(|_| Error::InvalidKey("mac key"))?;
        mac.update(header);
        mac.verify_slice(tag).map_err(|_| Error::AuthFailed)
    }
}
