//! Building a committed, MAC'd header and unlocking one with a recipient's key.

use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};

use super::data_key::{DataKey, HeaderKeys};
use super::limits::{MAX_CONTEXT, MAX_RECIPIENTS};
use super::slot;
use super::wire::{Header, Preamble, Slot};

/// Checks a recipient list before any work: non-empty, within limits, no duplicates.
pub(crate) fn check_recipients(recipients: &[PublicKey]) -> Result<()> {
    if recipients.is_empty() {
        return Err(Error::InvalidArgument("at least one recipient is required"));
    }
    if recipients.len() > MAX_RECIPIENTS {
        return Err(Error::LimitExceeded("recipient count"));
    }
    let mut ids: Vec<_> = recipients.iter().map(PublicKey::key_id).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != recipients.len() {
        return Err(Error::InvalidArgument("duplicate recipient"));
    }
    Ok(())
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
    recipients: &[PublicKey],
    sender: Option<&KeyPair>,
) -> Result<Header> {
    for recipient in recipients {
        slots.push(slot::wrap(&preamble, data_key, recipient, sender)?);
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
