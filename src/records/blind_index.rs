//! Blind indexes: deterministic keyed tokens for equality search over sealed fields
//! (docs/RECORDS.md, "Blind indexes"; the truncated-HMAC "beacons" of the AWS Database
//! Encryption SDK).
//!
//! ```text
//! field key = HKDF-SHA256(salt = none, ikm = index root key,
//!                         info = "phiseal/records/v1/blind-index" || 0x00 || index name)
//! token     = "pht1." || base64url(HMAC-SHA256(field key, normalized value)[..length])
//! ```
//!
//! # Security
//! A token is deterministic by design: whoever sees tokens learns which records share a value
//! of the same index (equality) and how often each value occurs (frequency), and anyone holding
//! the index root key can confirm a guessed value. Truncation trades false positives for
//! privacy: with `n` token bytes, two different values collide with probability 2^(-8n), so
//! short tokens make a server's matches ambiguous (a query must then open and compare the
//! candidates) while long tokens make every match exact. The default, 16 bytes, makes
//! collisions negligible. The index root key is shared by every writer of a clinic (through
//! `SealOptions::index_key`) and must never reach the server.

use core::fmt;
use std::sync::Mutex;

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::error::{Error, Result};
use crate::primitives::base64;
use crate::primitives::secret::SecretBytes;
use crate::records::normalize::Normalization;

/// Shortest token, in bytes.
pub const MIN_TOKEN_LEN: usize = 8;
/// Longest token, in bytes (the whole HMAC-SHA256 output).
pub const MAX_TOKEN_LEN: usize = 32;
/// Token length used when a rule does not say.
pub const DEFAULT_TOKEN_LEN: usize = 16;
/// Text that starts every token.
pub const TOKEN_PREFIX: &str = "pht1.";

const FIELD_KEY_LABEL: &[u8] = b"phiseal/records/v1/blind-index";

/// The clinic-wide 32-byte root key of all blind indexes.
///
/// It keeps the field keys it derived (one per index name, at most [`FIELD_KEY_CACHE`]), so a
/// portal sealing many records under one policy derives each index's key once.
pub struct IndexKey {
    root: SecretBytes<32>,
    /// Field keys by index name (zeroized on drop like the root key).
    field_keys: Mutex<Vec<(String, SecretBytes<32>)>>,
}

/// Most field keys an [`IndexKey`] keeps; beyond it the cache starts again empty.
const FIELD_KEY_CACHE: usize = 64;

impl Clone for IndexKey {
    fn clone(&self) -> Self {
        Self::new(self.root.clone())
    }
}

impl PartialEq for IndexKey {
    fn eq(&self, other: &Self) -> bool {
        self.root == other.root
    }
}

impl Eq for IndexKey {}

impl IndexKey {
    /// A fresh random key.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the random source fails.
    pub fn generate() -> Result<Self> {
        SecretBytes::random().map(Self::new)
    }

    /// A key from its 32 bytes.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when the length is not 32.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        SecretBytes::from_slice(bytes).map(Self::new)
    }

    fn new(root: SecretBytes<32>) -> Self {
        IndexKey { root, field_keys: Mutex::new(Vec::new()) }
    }

    /// The field key of `index_name`, derived once and then taken from the cache.
    fn field_key(&self, index_name: &str) -> Result<SecretBytes<32>> {
        // A poisoned lock (a panic elsewhere while it was held) only costs the cache.
        if let Ok(cache) = self.field_keys.lock() {
            if let Some((_, key)) = cache.iter().find(|(name, _)| name == index_name) {
                return Ok(key.clone());
            }
        }
        let key = self.derive_field_key(index_name)?;
        if let Ok(mut cache) = self.field_keys.lock() {
            if cache.len() >= FIELD_KEY_CACHE {
                cache.clear();
            }
            cache.push((index_name.to_owned(), key.clone()));
        }
        Ok(key)
    }

    fn derive_field_key(&self, index_name: &str) -> Result<SecretBytes<32>> {
        let mut okm = [0u8; 32];
        Hkdf::<Sha256>::new(None, self.root.expose())
            .expand_multi_info(&[FIELD_KEY_LABEL, &[0], index_name.as_bytes()], &mut okm)
            .map_err(|_| Error::InvalidArgument("blind index key derivation"))?;
        Ok(SecretBytes::from_array(&mut okm))
    }
}

impl fmt::Debug for IndexKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IndexKey([redacted])")
    }
}

/// The blind-index token of `value` in the index `index_name`, for sealing or for a query.
///
/// # Errors
/// [`Error::InvalidArgument`] when `length` is outside
/// [`MIN_TOKEN_LEN`]`..=`[`MAX_TOKEN_LEN`] or the value does not normalize.
pub fn blind_index(
    key: &IndexKey,
    index_name: &str,
    normalize: Normalization,
    value: &str,
    length: usize,
) -> Result<String> {
    if !(MIN_TOKEN_LEN..=MAX_TOKEN_LEN).contains(&length) {
        return Err(Error::InvalidArgument("token length out of range 8..=32"));
    }
    let normalized = zeroize::Zeroizing::new(normalize.apply(value)?);
    let field_key = key.field_key(index_name)?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(field_key.expose())
        .map_err(|_| Error::InvalidArgument("blind index key"))?;
    mac.update(normalized.as_bytes());
    let tag = mac.finalize().into_bytes();
    let truncated = tag.get(..length).ok_or(Error::InvalidArgument("token length out of range 8..=32"))?;
    Ok(format!("{TOKEN_PREFIX}{}", base64::encode(truncated)))
}

/// The text a JSON value is indexed as: a string as it is, a number or boolean as its JSON text.
///
/// # Errors
/// [`Error::InvalidArgument`] for null, arrays and objects.
pub(crate) fn token_input(value: &Value) -> Result<String> {
    match value {
        Value::String(text) => Ok(text.clone()),
        Value::Number(number) => Ok(number.to_string()),
        Value::Bool(flag) => Ok(flag.to_string()),
        _ => Err(Error::InvalidArgument("only strings, numbers and booleans can be tokenized")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_per_index_and_normalized() {
        let key = IndexKey::from_bytes(&[7; 32]).unwrap();
        let a = blind_index(&key, "mrn", Normalization::Mrn, "mrn-0012a", 16).unwrap();
        assert_eq!(a, blind_index(&key, "mrn", Normalization::Mrn, "MRN 0012A", 16).unwrap());
        assert_ne!(a, blind_index(&key, "ssn", Normalization::Mrn, "MRN0012A", 16).unwrap());
        let other = IndexKey::from_bytes(&[8; 32]).unwrap();
        assert_ne!(a, blind_index(&other, "mrn", Normalization::Mrn, "MRN0012A", 16).unwrap());
        assert!(a.starts_with(TOKEN_PREFIX));
        assert_eq!(a.len(), TOKEN_PREFIX.len() + 22);
        let short = blind_index(&key, "mrn", Normalization::Mrn, "MRN0012A", 8).unwrap();
        assert!(a.starts_with(&short[..TOKEN_PREFIX.len() + 10]), "truncation of the same tag");
    }

    #[test]
    fn lengths_checked() {
        let key = IndexKey::from_bytes(&[7; 32]).unwrap();
        assert!(blind_index(&key, "x", Normalization::Exact, "v", 7).is_err());
        assert!(blind_index(&key, "x", Normalization::Exact, "v", 33).is_err());
        assert!(blind_index(&key, "x", Normalization::Exact, "v", 32).is_ok());
        assert_eq!(format!("{key:?}"), "IndexKey([redacted])");
    }

    #[test]
    fn cached_field_keys_are_the_derived_ones() {
        let key = IndexKey::from_bytes(&[7; 32]).unwrap();
        let names: Vec<String> = (0..FIELD_KEY_CACHE + 3).map(|i| format!("index-{i}")).collect();
        for round in 0..2 {
            for name in &names {
                let cached = key.field_key(name).unwrap();
                assert_eq!(cached.expose(), key.derive_field_key(name).unwrap().expose(), "{name}, round {round}");
            }
        }
        assert!(key.field_keys.lock().unwrap().len() <= FIELD_KEY_CACHE);
        let fresh = IndexKey::from_bytes(&[7; 32]).unwrap();
        let token = blind_index(&key, "index-1", Normalization::Exact, "v", 16).unwrap();
        assert_eq!(token, blind_index(&fresh, "index-1", Normalization::Exact, "v", 16).unwrap());
        assert_eq!(key, fresh.clone());
        assert_ne!(key, IndexKey::from_bytes(&[8; 32]).unwrap());
    }
}
