//! Keys, associated data and manifest of sealed-record format version 2 (docs/RECORDS.md,
//! "Format version 2").
//!
//! ```text
//! prk            = HKDF-Extract(salt = none, ikm = the role's data key)
//! MAC key        = HKDF-Expand(prk, "phiseal/records/v2/manifest-mac", 32)
//! pad(S)         = HKDF-Expand(prk, "phiseal/records/v2/set-key" || 0x00 || setId(S), 32)
//! wrap(S)        = set key of S XOR pad(S)          -- one per role set S the role is in
//! field AAD      = path (the set key, fresh per record and role set, binds record and set)
//! context        = "phiseal/records/v2/key-header" || 0x00 || lp(record id) || lp(role)
//!                  || SHA-256(canonical legend)
//! manifest hash  = SHA-256("phiseal/records/v2/manifest" || 0x00 || lp(record id)
//!                  || SHA-256(canonical legend) || lp(canonical sets) || canonical values)
//! MAC            = HMAC-SHA256(MAC key, manifest hash)
//! ```
//! The manifest is hashed once per record and each role MACs the 32-byte hash, instead of each
//! role MACing the whole manifest. A pad is used once: the data key is fresh for every record.

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::primitives::secret::SecretBytes;
use crate::records::field_keys;

const MAC_KEY_LABEL: &[u8] = b"phiseal/records/v2/manifest-mac";
const SET_KEY_LABEL: &[u8] = b"phiseal/records/v2/set-key";
const CONTEXT_LABEL: &[u8] = b"phiseal/records/v2/key-header";
const MANIFEST_LABEL: &[u8] = b"phiseal/records/v2/manifest";
/// Length of a role-set key and of its wrap.
pub(crate) const SET_KEY_LEN: usize = 32;

/// The keys one role's data key gives in format version 2.
pub(crate) struct RoleKeysV2 {
    prk: SecretBytes<32>,
    mac: SecretBytes<32>,
}

impl RoleKeysV2 {
    /// Derives the MAC key (and keeps the pseudorandom key for the set pads).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if HKDF refuses (never for these lengths).
    pub(crate) fn derive(data_key: &[u8; 32]) -> Result<Self> {
        let (prk, hkdf) = Hkdf::<Sha256>::extract(None, data_key);
        let mut prk_bytes: [u8; 32] = prk.into();
        let mut mac = [0u8; 32];
        hkdf.expand(MAC_KEY_LABEL, &mut mac).map_err(|_| Error::InvalidArgument("key derivation"))?;
        Ok(RoleKeysV2 { prk: SecretBytes::from_array(&mut prk_bytes), mac: SecretBytes::from_array(&mut mac) })
    }

    /// The set key of the role set `set_id` XOR this role's pad for it: wrapping and unwrapping
    /// are the same operation.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if HKDF refuses (never for these lengths).
    #[cfg(test)]
    pub(crate) fn xor_pad(&self, set_id: &[u8], key: &[u8; SET_KEY_LEN]) -> Result<SecretBytes<32>> {
        self.pads()?.xor(set_id, key)
    }

    /// The role's pads, keyed once for all the sets the role is in.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if HKDF refuses the pseudorandom key (never: it is 32 bytes).
    pub(crate) fn pads(&self) -> Result<Pads> {
        Hkdf::<Sha256>::from_prk(self.prk.expose()).map(Pads).map_err(|_| Error::InvalidArgument("key derivation"))
    }

    /// HMAC-SHA256 of the manifest hash.
    pub(crate) fn manifest_mac(&self, manifest_hash: &[u8; 32]) -> Result<[u8; 32]> {
        Ok(self.mac_state(manifest_hash)?.finalize().into_bytes().into())
    }

    /// Verifies a manifest MAC in constant time.
    pub(crate) fn verify_manifest_mac(&self, manifest_hash: &[u8; 32], tag: &[u8]) -> Result<()> {
        self.mac_state(manifest_hash)?.verify_slice(tag).map_err(|_| Error::AuthFailed)
    }

    fn mac_state(&self, manifest_hash: &[u8; 32]) -> Result<Hmac<Sha256>> {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(self.mac.expose()).map_err(|_| Error::InvalidArgument("MAC key"))?;
        mac.update(manifest_hash);
        Ok(mac)
    }
}

/// HKDF-Expand keyed with one role's pseudorandom key, for the pads of its sets (keying HMAC
/// costs as much as one expansion; a role is in up to every set). Lives for one loop over a
/// role's sets.
pub(crate) struct Pads(Hkdf<Sha256>);

impl Pads {
    /// The set key of the role set `set_id` XOR this role's pad for it.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if HKDF refuses (never for these lengths).
    pub(crate) fn xor(&self, set_id: &[u8], key: &[u8; SET_KEY_LEN]) -> Result<SecretBytes<32>> {
        let mut pad = [0u8; SET_KEY_LEN];
        self.0
            .expand_multi_info(&[SET_KEY_LABEL, &[0], set_id], &mut pad)
            .map_err(|_| Error::InvalidArgument("key derivation"))?;
        for (byte, key_byte) in pad.iter_mut().zip(key) {
            *byte ^= key_byte;
        }
        Ok(SecretBytes::from_array(&mut pad))
    }
}

/// The associated data of a segment: its path. GCM authenticates the length of the associated
/// data, and the record id and role set need no bytes here: a set key is drawn fresh for one
/// role set of one record and reachable only through key headers bound to that record id.
pub(crate) fn field_aad(path: &str) -> &[u8] {
    path.as_bytes()
}

/// The context a role's key header is bound to, given the legend's SHA-256.
pub(crate) fn header_context(record_id: &str, role: &str, legend_digest: &[u8; 32]) -> Vec<u8> {
    field_keys::key_header_context(CONTEXT_LABEL, record_id, role, legend_digest)
}

/// The manifest hash: `sets` is the canonical text of `{role: sets}`, `values` the canonical
/// text of the array of the values at the legend paths.
pub(crate) fn manifest_hash(record_id: &str, legend_digest: &[u8; 32], sets: &str, values: &str) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(MANIFEST_LABEL);
    hash.update([0]);
    hash.update(length_of(record_id.as_bytes()));
    hash.update(record_id.as_bytes());
    hash.update(legend_digest);
    hash.update(length_of(sets.as_bytes()));
    hash.update(sets.as_bytes());
    hash.update(values.as_bytes());
    hash.finalize().into()
}

fn length_of(bytes: &[u8]) -> [u8; 4] {
    // Lengths are bounded far below 4 GiB by the JSON limits.
    u32::try_from(bytes.len()).unwrap_or(u32::MAX).to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_differ_per_set_and_per_data_key_and_unwrap_is_wrap() {
        let keys = RoleKeysV2::derive(&[7; 32]).unwrap();
        let set_key = [0x42; SET_KEY_LEN];
        let wrapped = keys.xor_pad(b"set-a", &set_key).unwrap();
        assert_ne!(wrapped.expose(), &set_key);
        assert_eq!(keys.xor_pad(b"set-a", wrapped.expose()).unwrap().expose(), &set_key);
        assert_ne!(keys.xor_pad(b"set-b", &set_key).unwrap().expose(), wrapped.expose());
        let other = RoleKeysV2::derive(&[8; 32]).unwrap();
        assert_ne!(other.xor_pad(b"set-a", &set_key).unwrap().expose(), wrapped.expose());
    }

    #[test]
    fn the_mac_covers_the_manifest_hash() {
        let keys = RoleKeysV2::derive(&[7; 32]).unwrap();
        let hash = manifest_hash("r1", &[1; 32], "{}", "[]");
        let tag = keys.manifest_mac(&hash).unwrap();
        keys.verify_manifest_mac(&hash, &tag).unwrap();
        for other in [
            manifest_hash("r2", &[1; 32], "{}", "[]"),
            manifest_hash("r1", &[2; 32], "{}", "[]"),
            manifest_hash("r1", &[1; 32], "{\"a\":\"\"}", "[]"),
            manifest_hash("r1", &[1; 32], "{}", "[1]"),
        ] {
            assert_eq!(keys.verify_manifest_mac(&other, &tag).unwrap_err().code(), "AUTH_FAILED");
        }
        let other_keys = RoleKeysV2::derive(&[8; 32]).unwrap();
        assert!(other_keys.verify_manifest_mac(&hash, &tag).is_err());
        assert!(keys.verify_manifest_mac(&hash, &tag[..31]).is_err());
    }
}
