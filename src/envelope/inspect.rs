//! Reading the public facts of an envelope without any key: who it is addressed to.
//!
//! Nothing here is authenticated until the envelope is opened; use it for routing only.

use crate::error::Result;
use crate::keys::{KeyId, PublicKey};

use super::wire::{Header, Kind};

/// Unauthenticated, non-secret facts about an envelope header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvelopeInfo {
    /// What follows the header.
    pub kind: Kind,
    /// Key ids of the recipients, in slot order.
    pub recipients: Vec<KeyId>,
    /// The claimed sender in sender-auth mode (verified only by opening).
    pub sender: Option<PublicKey>,
    /// Bytes after the header.
    pub payload_len: usize,
}

/// Parses the header and lists its recipients.
///
/// # Errors
/// As header parsing in [`super::open`].
pub fn inspect(envelope: &[u8]) -> Result<EnvelopeInfo> {
    let (header, rest) = Header::parse(envelope, None)?;
    Ok(EnvelopeInfo {
        kind: header.preamble.kind,
        recipients: header.slots.iter().map(|slot| slot.key_id).collect(),
        sender: header.preamble.sender,
        payload_len: rest.len(),
    })
}
