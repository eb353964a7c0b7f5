//! Compact strings of encrypted fields (docs/RECORDS.md, "Encrypted values"). Format version 2
//! (what sealing writes): `"phs2." segment ("." segment)*`, one segment per plaintext group of
//! the field's legend entry (see `role_sets`), under that group's role-set key. Version 1 (still
//! opened): `"phs1." segment ("." segment)*`, one segment per role, in legend order.
//!
//! ```text
//! segment   = base64url(nonce[12] || AES-256-GCM(key, nonce, field AAD, padded))
//! padded    = JSON text of the value || U+0020 spaces up to a multiple of 16 bytes
//! ```
//! Nonces are random (drawn from the OS CSPRNG, 64 at a time, see [`crate::records::field_aead`]),
//! so equal plaintexts give unequal ciphertexts. Padding hides the exact length of short values
//! (names, dates) up to 16 bytes; JSON allows trailing white space, so the padded text parses as
//! the value itself.

use serde_json::Value;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::primitives::aead::{NONCE_LEN, TAG_LEN};
use crate::primitives::base64;
use crate::records::field_aead::{FieldKey, RandomPool};
#[cfg(test)]
use crate::records::field_keys::FieldAad;
use crate::records::field_keys::{field_aad, RoleKeys};
use crate::records::json;
use crate::records::set_keys;

/// Text that starts every encrypted value of format version 2 (what sealing writes).
pub const SEALED_PREFIX: &str = "phs2.";
/// Text that starts every encrypted value of format version 1.
pub const SEALED_PREFIX_V1: &str = "phs1.";
/// Plaintexts are padded to a multiple of this many bytes.
pub const PAD_BLOCK: usize = 16;

/// Where a field lives, for its associated data.
pub(crate) struct FieldPlace<'a> {
    pub record_id: &'a str,
    pub path: &'a str,
}

/// The JSON text of a value, padded, in a zeroizing buffer.
pub(crate) fn padded_plaintext(value: &Value) -> Result<Zeroizing<Vec<u8>>> {
    let mut text = Zeroizing::new(serde_json::to_vec(value).map_err(|_| Error::Malformed("value"))?);
    let padded_len = (text.len() / PAD_BLOCK + 1) * PAD_BLOCK;
    text.resize(padded_len, b' ');
    Ok(text)
}

/// Encrypts one value once per plaintext group (format version 2) and returns the compact
/// string. `segments` gives each group's role-set key and padded plaintext.
pub(crate) fn seal_field(
    pool: &mut RandomPool,
    place: &FieldPlace<'_>,
    segments: &[(&FieldKey, &[u8])],
) -> Result<String> {
    let text_len: usize =
        segments.iter().map(|(_, padded)| ((NONCE_LEN + padded.len() + TAG_LEN) * 4).div_ceil(3) + 1).sum();
    let mut out = String::with_capacity(SEALED_PREFIX.len() + text_len);
    out.push_str(SEALED_PREFIX);
    let mut sealed = Vec::new();
    for (index, (key, padded)) in segments.iter().enumerate() {
        if index > 0 {
            out.push('.');
        }
        key.seal_into(pool, set_keys::field_aad(place.path), padded, &mut sealed)?;
        base64::encode_public_into(&sealed, &mut out);
    }
    Ok(out)
}

/// Format version 1: encrypts one value for each of its roles, in legend order, and returns the
/// compact string. `segments` gives each role's keys, name and padded plaintext. (Sealing
/// writes version 2; this stays for the tests of the version 1 opener.)
#[cfg(test)]
pub(crate) fn seal_field_v1(
    nonces: &mut RandomPool,
    place: &FieldPlace<'_>,
    segments: &[(&RoleKeys, &str, &[u8])],
) -> Result<String> {
    let sealed_len = |padded: &[u8]| NONCE_LEN + padded.len() + TAG_LEN;
    let text_len: usize = segments.iter().map(|(_, _, padded)| (sealed_len(padded) * 4).div_ceil(3) + 1).sum();
    let mut out = String::with_capacity(SEALED_PREFIX_V1.len() + text_len);
    out.push_str(SEALED_PREFIX_V1);
    let mut aad = FieldAad::new(place.record_id, place.path);
    let mut sealed = Vec::new();
    for (index, (keys, role, padded)) in segments.iter().enumerate() {
        if index > 0 {
            out.push('.');
        }
        keys.field.seal_into(nonces, aad.for_role(role), padded, &mut sealed)?;
        base64::encode_public_into(&sealed, &mut out);
    }
    Ok(out)
}

/// Splits a compact string that starts with `prefix` into exactly `count` segments.
///
/// # Errors
/// [`Error::Malformed`] when the prefix or the number of segments is wrong.
pub(crate) fn segments<'t>(text: &'t str, prefix: &str, count: usize) -> Result<Vec<&'t str>> {
    let body = text.strip_prefix(prefix).ok_or(Error::Malformed("encrypted value"))?;
    let parts: Vec<&str> = body.split('.').collect();
    if parts.len() != count {
        return Err(Error::Malformed("encrypted value has the wrong number of segments"));
    }
    Ok(parts)
}

/// Decrypts a format version 2 segment under its role-set key and parses it strictly.
///
/// # Errors
/// [`Error::AuthFailed`] when the segment was not sealed at this path under this key (of this
/// role set of this record); [`Error::Malformed`] for bad encodings.
pub(crate) fn open_set_segment(key: &FieldKey, path: &str, segment: &str) -> Result<Value> {
    let sealed = base64::decode(segment)?;
    json::parse_bytes(&key.open(set_keys::field_aad(path), &sealed)?)
}

/// Decrypts the format version 1 segment of `role` and parses it strictly.
///
/// # Errors
/// [`Error::AuthFailed`] when the segment was not sealed at this place for this role;
/// [`Error::Malformed`] for bad encodings.
pub(crate) fn open_segment(keys: &RoleKeys, place: &FieldPlace<'_>, role: &str, segment: &str) -> Result<Value> {
    let sealed = base64::decode(segment)?;
    let aad = field_aad(place.record_id, place.path, role);
    json::parse_bytes(&keys.field.open(&aad, &sealed)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::secret::SecretBytes;
    use serde_json::json;

    #[test]
    fn segments_are_bound_to_record_path_and_role() {
        let keys = RoleKeys::derive(&[9; 32]).unwrap();
        let here = FieldPlace { record_id: "r1", path: "/name/0/given" };
        let padded = padded_plaintext(&json!(["Ada"])).unwrap();
        assert_eq!(padded.len() % PAD_BLOCK, 0);
        let mut nonces = RandomPool::new();
        let seal = |nonces: &mut RandomPool| {
            let sealed = seal_field_v1(nonces, &here, &[(&keys, "clinician", padded.as_slice())]).unwrap();
            sealed.strip_prefix(SEALED_PREFIX_V1).unwrap().to_owned()
        };
        let segment = seal(&mut nonces);
        assert_eq!(open_segment(&keys, &here, "clinician", &segment).unwrap(), json!(["Ada"]));
        let elsewhere = [
            (FieldPlace { record_id: "r2", path: "/name/0/given" }, "clinician"),
            (FieldPlace { record_id: "r1", path: "/name/1/given" }, "clinician"),
            (FieldPlace { record_id: "r1", path: "/name/0/given" }, "billing"),
        ];
        for (place, role) in elsewhere {
            assert_eq!(open_segment(&keys, &place, role, &segment).unwrap_err().code(), "AUTH_FAILED");
        }
        let other_keys = RoleKeys::derive(&[8; 32]).unwrap();
        assert_eq!(open_segment(&other_keys, &here, "clinician", &segment).unwrap_err().code(), "AUTH_FAILED");
        assert_ne!(segment, seal(&mut nonces), "random nonces");
        let two = [(&keys, "clinician", padded.as_slice()), (&other_keys, "billing", padded.as_slice())];
        let sealed = seal_field_v1(&mut nonces, &here, &two).unwrap();
        let parts = segments(&sealed, SEALED_PREFIX_V1, 2).unwrap();
        assert_eq!(open_segment(&keys, &here, "clinician", parts[0]).unwrap(), json!(["Ada"]));
        assert_eq!(open_segment(&other_keys, &here, "billing", parts[1]).unwrap(), json!(["Ada"]));
        assert!(open_segment(&keys, &here, "billing", parts[0]).is_err(), "each segment bound to its role");
    }

    #[test]
    fn compact_form_is_checked() {
        assert_eq!(segments("phs1.a.b", SEALED_PREFIX_V1, 2).unwrap(), ["a", "b"]);
        assert!(segments("phs1.a.b", SEALED_PREFIX_V1, 1).is_err());
        assert!(segments("phs2.a", SEALED_PREFIX_V1, 1).is_err());
        assert!(segments("phs1.a", SEALED_PREFIX, 1).is_err());
        assert_eq!(segments("phs2.a", SEALED_PREFIX, 1).unwrap(), ["a"]);
    }

    #[test]
    fn set_segments_are_bound_to_path_and_key() {
        let key = FieldKey::new(&SecretBytes::from_array(&mut [5; 32])).unwrap();
        let other_key = FieldKey::new(&SecretBytes::from_array(&mut [6; 32])).unwrap();
        let here = FieldPlace { record_id: "r1", path: "/name/0/given" };
        let padded = padded_plaintext(&json!(["Ada"])).unwrap();
        let mut pool = RandomPool::new();
        let sealed = seal_field(&mut pool, &here, &[(&key, &padded)]).unwrap();
        let segment = segments(&sealed, SEALED_PREFIX, 1).unwrap()[0];
        assert_eq!(open_set_segment(&key, "/name/0/given", segment).unwrap(), json!(["Ada"]));
        assert_eq!(open_set_segment(&key, "/name/1/given", segment).unwrap_err().code(), "AUTH_FAILED");
        assert_eq!(open_set_segment(&other_key, "/name/0/given", segment).unwrap_err().code(), "AUTH_FAILED");
        let again = seal_field(&mut pool, &here, &[(&key, &padded)]).unwrap();
        assert_ne!(sealed, again, "equal plaintexts give unequal ciphertexts");
    }
}
