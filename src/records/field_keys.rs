//! Keys, associated data and contexts derived for one role of one sealed record
//! (docs/RECORDS.md, "Cryptography").
//!
//! ```text
//! prk        = HKDF-Extract(salt = none, ikm = the role's data key)
//! field key  = HKDF-Expand(prk, "phiseal/records/v1/field-key", 32)
//! MAC key    = HKDF-Expand(prk, "phiseal/records/v1/manifest-mac", 32)
//! field AAD  = "phiseal/records/v1/field" || 0x00 || lp(record id) || lp(path) || lp(role)
//! context    = "phiseal/records/v1/key-header" || 0x00 || lp(record id) || lp(role)
//!              || SHA-256(canonical legend)
//! lp(x)      = 4-byte big-endian length of x || x
//! ```

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::primitives::secret::SecretBytes;
use crate::records::field_aead::FieldKey;

const FIELD_KEY_LABEL: &[u8] = b"phiseal/records/v1/field-key";
const MAC_KEY_LABEL: &[u8] = b"phiseal/records/v1/manifest-mac";
const FIELD_AAD_LABEL: &[u8] = b"phiseal/records/v1/field";
const CONTEXT_LABEL: &[u8] = b"phiseal/records/v1/key-header";
/// Prefix of the bytes the manifest MAC is computed over.
pub(crate) const MANIFEST_LABEL: &[u8] = b"phiseal/records/v1/manifest";

/// The two keys of one role of one record; the field key is ready to use (its cipher set up).
pub(crate) struct RoleKeys {
    pub field: FieldKey,
    mac: SecretBytes<32>,
}

impl RoleKeys {
    /// Derives the field and MAC keys from a role's data key.
    pub(crate) fn derive(data_key: &[u8; 32]) -> Result<Self> {
        let hkdf = Hkdf::<Sha256>::new(None, data_key);
        let expand = |label: &[u8]| -> Result<SecretBytes<32>> {
            let mut okm = [0u8; 32];
            hkdf.expand(label, &mut okm).map_err(|_| Error::InvalidArgument("key derivation"))?;
            Ok(SecretBytes::from_array(&mut okm))
        };
        Ok(RoleKeys { field: FieldKey::new(&expand(FIELD_KEY_LABEL)?)?, mac: expand(MAC_KEY_LABEL)? })
    }

    /// Verifies a manifest MAC in constant time.
    pub(crate) fn verify_manifest_mac(&self, manifest: &[u8], tag: &[u8]) -> Result<()> {
        self.mac_state(manifest)?.verify_slice(tag).map_err(|_| Error::AuthFailed)
    }

    fn mac_state(&self, manifest: &[u8]) -> Result<Hmac<Sha256>> {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(self.mac.expose()).map_err(|_| Error::InvalidArgument("MAC key"))?;
        mac.update(manifest);
        Ok(mac)
    }
}

/// The associated data of one encrypted field segment.
pub(crate) fn field_aad(record_id: &str, path: &str, role: &str) -> Vec<u8> {
    let mut aad = FieldAad::new(record_id, path);
    aad.for_role(role);
    aad.bytes
}

/// The associated data of the segments of one field: the part before the role is built once.
pub(crate) struct FieldAad {
    bytes: Vec<u8>,
    prefix_len: usize,
}

impl FieldAad {
    pub(crate) fn new(record_id: &str, path: &str) -> Self {
        let mut bytes = Vec::with_capacity(FIELD_AAD_LABEL.len() + 1 + 12 + record_id.len() + path.len() + 64);
        bytes.extend_from_slice(FIELD_AAD_LABEL);
        bytes.push(0);
        push_length_prefixed(&mut bytes, record_id.as_bytes());
        push_length_prefixed(&mut bytes, path.as_bytes());
        let prefix_len = bytes.len();
        FieldAad { bytes, prefix_len }
    }

    /// The associated data of the segment of `role`.
    pub(crate) fn for_role(&mut self, role: &str) -> &[u8] {
        self.bytes.truncate(self.prefix_len);
        push_length_prefixed(&mut self.bytes, role.as_bytes());
        &self.bytes
    }
}

/// SHA-256 of the canonical legend, computed once per record for every role's context.
pub(crate) fn legend_digest(legend_canonical: &str) -> [u8; 32] {
    Sha256::digest(legend_canonical.as_bytes()).into()
}

/// The context a role's key header is bound to, given [`legend_digest`] (format version 1).
pub(crate) fn header_context(record_id: &str, role: &str, legend_digest: &[u8; 32]) -> Vec<u8> {
    key_header_context(CONTEXT_LABEL, record_id, role, legend_digest)
}

/// `label || 0x00 || lp(record id) || lp(role) || legend digest`: a key header's context in
/// every format version, each with its own label.
pub(crate) fn key_header_context(label: &[u8], record_id: &str, role: &str, legend_digest: &[u8; 32]) -> Vec<u8> {
    let mut context = label.to_vec();
    context.push(0);
    push_length_prefixed(&mut context, record_id.as_bytes());
    push_length_prefixed(&mut context, role.as_bytes());
    context.extend_from_slice(legend_digest);
    context
}

fn push_length_prefixed(out: &mut Vec<u8>, bytes: &[u8]) {
    // Lengths are bounded far below 4 GiB by the JSON limits.
    let length = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(bytes);
}
