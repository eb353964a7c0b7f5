//! Building a committed, MAC'd header and unlocking one with a recipient's key.

use crate::error::{Error, Result};
use crate::keys::{KeyId, KeyPair, PublicKey};

use super::data_key::{DataKey, HeaderKeys};
use super::limits::{MAX_CONTEXT, MAX_RECIPIENTS};
use super::slot;
use super::wire::{Header, Preamble, Slot};

/// A recipient list that passed [`check_recipients`], with each key's id (its RFC 7638
/// thumbprint, a SHA-256) computed once for the duplicate check and the slots.
pub(crate) struct CheckedRecipients<'a> {
    keys: &'a [PublicKey],
    ids: Vec<KeyId>,
}

impl CheckedRecipients<'_> {
    /// No recipients to add (a rewrap that only removes).
    pub(crate) fn none() -> Self {
        CheckedRecipients { keys: &[], ids: Vec::new() }
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }
}

/// Checks a recipient list before any work: non-empty, within limits, no duplicates.
pub(crate) fn check_recipients(recipients: &[PublicKey]) -> Result<CheckedRecipients<'_>> {
    if recipients.is_empty() {
        return Err(Error::InvalidArgument("at least one recipient is required"));
    }
    if recipients.len() > MAX_RECIPIENTS {
        return Err(Error::LimitExceeded("recipient count"));
    }
    let ids: Vec<_> = recipients.iter().map(PublicKey::key_id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != recipients.len() {
        return Err(Error::InvalidArgument("duplicate recipient"));
    }
    Ok(CheckedRecipients { keys: recipients, ids })
}

pub(crate) fn check_context(context: &[u8]) -> Result<()> {
    if context.len() > MAX_CONTEXT {
        return Err(Error::LimitExceeded("context length"));
    }
    Ok(())
}

/// Wraps `data_key` to every recipient and seals the header with commitment and MAC.
pub(crate) fn build(
    preamble: Preamble,
    data_key: &DataKey,
    context: &[u8],
    mut slots: Vec<Slot>,
    recipients: &CheckedRecipients<'_>,
    sender: Option<&KeyPair>,
) -> Result<Header> {
    for (recipient, key_id) in recipients.keys.iter().zip(&recipients.ids) {
        slots.push(slot::wrap(&preamble, data_key, recipient, *key_id, sender)?);
    }
    finish(preamble, data_key, context, slots)
}

fn finish(preamble: Preamble, data_key: &DataKey, context: &[u8], slots: Vec<Slot>) -> Result<Header> {
    let keys = HeaderKeys::derive(data_key, &preamble.salt, preamble.kind as u8, context)?;
    let mut header = Header { preamble, slots, commitment: keys.commitment, mac: [0; 32] };
    header.mac = keys.header_mac(&header.mac_input())?;
    Ok(header)
}

/// Opens the identity's slot and verifies commitment and header MAC.
///
/// Exactly one key agreement is performed, and only after the header parsed within limits.
pub(crate) fn unlock(header: &Header, identity: &KeyPair, context: &[u8]) -> Result<(DataKey, HeaderKeys)> {
    check_context(context)?;
    let key_id = identity.public_key().key_id();
    let slot = header.slot_for(&key_id).ok_or(Error::NoMatchingRecipient)?;
    let data_key = slot::unwrap(&header.preamble, slot, identity)?;
    let keys = HeaderKeys::derive(&data_key, &header.preamble.salt, header.preamble.kind as u8, context)?;
    if !keys.commitment_matches(&header.commitment) {
        return Err(Error::AuthFailed);
    }
    keys.verify_header_mac(&header.mac_input(), &header.mac)?;
    Ok((data_key, keys))
}
