//! Granting and revoking a role's access to an existing sealed record by rewriting that role's
//! key header only (docs/RECORDS.md, "Grant and revoke").
//!
//! # Security
//! Revocation only affects later reads of the rewritten record: anyone who downloaded the record
//! (or its data key) before keeps being able to open that copy. True revocation means sealing
//! the record again, which draws new data keys, and deleting the old copies.

use serde_json::Value;

use crate::envelope::RecipientChanges;
use crate::error::{Error, Result};
use crate::keys::{KeyId, KeyPair, PublicKey};
use crate::primitives::base64;
use crate::records::field_keys::{header_context, legend_digest};
use crate::records::key_header;
use crate::records::legend::{FORMAT_V1, RESERVED_MEMBER};
use crate::records::open::unlock;
use crate::records::set_keys;

/// Adds `new_recipient` to `role` of a sealed record. `identity` must already be in that role.
///
/// The record is verified first (as by [`crate::records::open_record`]), so a tampered record is
/// never re-issued.
///
/// # Errors
/// [`Error::NoMatchingRecipient`] when `identity` is not in `role` (or the record has no such
/// role); the errors of [`crate::records::open_record`].
pub fn grant_record_access(sealed: &Value, identity: &KeyPair, role: &str, new_recipient: &PublicKey) -> Result<Value> {
    let add = [*new_recipient];
    let changes = RecipientChanges { add: &add, remove: &[], sender: None };
    change_record_access(sealed, identity, role, &changes)
}

/// Removes the recipient `recipient` from `role` of a sealed record. `identity` must be in that
/// role. Copies of the record read before stay readable to the removed recipient.
///
/// # Errors
/// As [`grant_record_access`]; an error when no recipient would be left.
pub fn revoke_record_access(sealed: &Value, identity: &KeyPair, role: &str, recipient: &KeyId) -> Result<Value> {
    let remove = [*recipient];
    let changes = RecipientChanges { add: &[], remove: &remove, sender: None };
    change_record_access(sealed, identity, role, &changes)
}

/// Adds and removes several recipients of `role` at once. For a record sealed with a sender
/// (HPKE auth mode), adding recipients needs the sender's key pair in `changes.sender`.
///
/// # Errors
/// As [`grant_record_access`]; [`Error::InvalidArgument`] when an added key already is a
/// recipient, a removed one is not, or no recipient would remain.
pub fn change_record_access(
    sealed: &Value,
    identity: &KeyPair,
    role: &str,
    changes: &RecipientChanges<'_>,
) -> Result<Value> {
    let unlocked = unlock(sealed, identity)?;
    if !unlocked.roles.iter().any(|held| held == role) {
        return Err(Error::NoMatchingRecipient);
    }
    let header = &unlocked.header;
    let role_header = header.roles.get(role).ok_or(Error::NoMatchingRecipient)?;
    let digest = legend_digest(&header.legend_canonical);
    let context = match header.version {
        FORMAT_V1 => header_context(&header.record_id, role, &digest),
        _ => set_keys::header_context(&header.record_id, role, &digest),
    };
    let rewrapped = key_header::rewrap_header(&base64::decode(&role_header.keys)?, identity, &context, changes)?;
    let mut out = sealed.clone();
    let slot = out
        .get_mut(RESERVED_MEMBER)
        .and_then(|member| member.get_mut("roles"))
        .and_then(|roles| roles.get_mut(role))
        .and_then(|entry| entry.get_mut("keys"))
        .ok_or(Error::Malformed("sealed record header"))?;
    *slot = Value::String(base64::encode(&rewrapped));
    Ok(out)
}
