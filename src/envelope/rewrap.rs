//! Adding and removing recipients by rewriting the header only.
//!
//! A holder of a recipient key unlocks the data key, keeps the salt, payload digest and
//! commitment, drops the removed slots, wraps the data key to the added recipients and
//! recomputes the header MAC. Payload bytes are copied unchanged.
//!
//! # Security
//! Removing a recipient only affects copies of the envelope made after the rewrap: anyone who
//! kept the old bytes (or the data key) can still open them. True revocation means sealing
//! again under a new data key.

use crate::error::{Error, Result};
use crate::keys::{KeyId, KeyPair, PublicKey};

use super::header::{self, check_context};
use super::limits::MAX_RECIPIENTS;
use super::sealed::parse_sealed;
use super::wire::{Header, Kind};

/// Which recipients to add and remove.
#[derive(Clone, Copy, Debug, Default)]
pub struct RecipientChanges<'a> {
    /// Public keys to add (must not already be recipients).
    pub add: &'a [PublicKey],
    /// Key ids to remove (must be recipients).
    pub remove: &'a [KeyId],
    /// For a sender-authenticated envelope, the original sender's key pair, needed to wrap
    /// to new recipients in auth mode.
    pub sender: Option<&'a KeyPair>,
}

/// Rewraps a one-shot envelope; the payload bytes are not touched.
///
/// # Errors
/// As [`super::open`] for unlocking; [`Error::InvalidArgument`] when a removed key is not a
/// recipient, an added key already is, no recipient would remain, or new recipients of an
/// authenticated envelope are added without the sender's key pair.
pub fn rewrap(envelope: &[u8], identity: &KeyPair, context: &[u8], changes: &RecipientChanges<'_>) -> Result<Vec<u8>> {
    let (header, payload) = parse_sealed(envelope)?;
    let mut out = rewrap_header(&header, identity, context, changes)?.to_bytes();
    out.extend_from_slice(payload);
    Ok(out)
}

pub(crate) fn rewrap_header(
    header: &Header,
    identity: &KeyPair,
    context: &[u8],
    changes: &RecipientChanges<'_>,
) -> Result<Header> {
    check_context(context)?;
    let (data_key, _) = header::unlock(header, identity, context)?;
    let kept = remaining_slots(header, changes)?;
    for added in changes.add {
        if header.slot_for(&added.key_id()).is_some() {
            return Err(Error::InvalidArgument("added key is already a recipient"));
        }
    }
    let added = match changes.add.is_empty() {
        true => header::CheckedRecipients::none(),
        false => header::check_recipients(changes.add)?,
    };
    if kept.len() + added.len() > MAX_RECIPIENTS {
        return Err(Error::LimitExceeded("recipient count"));
    }
    if kept.is_empty() && changes.add.is_empty() {
        return Err(Error::InvalidArgument("at least one recipient must remain"));
    }
    header::build(header.preamble.clone(), &data_key, context, kept, &added, changes.sender)
}

fn remaining_slots(header: &Header, changes: &RecipientChanges<'_>) -> Result<Vec<super::wire::Slot>> {
    for removed in changes.remove {
        if header.slot_for(removed).is_none() {
            return Err(Error::InvalidArgument("removed key is not a recipient"));
        }
    }
    Ok(header.slots.iter().filter(|slot| !changes.remove.contains(&slot.key_id)).cloned().collect())
}

/// Convenience for key-only headers (sealed records).
pub(crate) fn rewrap_key_only(
    header_bytes: &[u8],
    identity: &KeyPair,
    context: &[u8],
    changes: &RecipientChanges<'_>,
) -> Result<Vec<u8>> {
    let header = super::key_header::parse_key_only(header_bytes)?;
    debug_assert_eq!(header.preamble.kind, Kind::KeyOnly);
    Ok(rewrap_header(&header, identity, context, changes)?.to_bytes())
}
