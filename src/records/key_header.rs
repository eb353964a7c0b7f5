//! The per-role key header of a sealed record: the envelope's key-only header
//! ([`crate::envelope::seal_key_header`], `docs/FORMAT.md`), a fresh data key wrapped with HPKE
//! to each recipient of the role, key-committing and MAC'd, bound to a context that is not
//! stored. Records derive their field and MAC keys from that data key.

use crate::envelope::{self, DataKey, RecipientChanges};
use crate::error::Result;
use crate::keys::{KeyPair, PublicKey};

const FLAGS_OFFSET: usize = 8;
const FLAG_SENDER_AUTH: u8 = 0x01;

/// A header wrapping `data_key` to `recipients`, bound to `context`; `data_key` and `salt` are
/// fresh CSPRNG output (the record's random pool).
pub(crate) fn seal_header(
    data_key: &DataKey,
    recipients: &[PublicKey],
    sender: Option<&KeyPair>,
    context: &[u8],
    salt: [u8; 32],
) -> Result<Vec<u8>> {
    envelope::seal_key_header_for(data_key, recipients, sender, context, salt)
}

/// Recovers the data key when `identity` is one of the header's recipients, with the
/// authenticated sender when the header was sealed in auth mode.
pub(crate) fn open_header(header: &[u8], identity: &KeyPair, context: &[u8]) -> Result<(DataKey, Option<PublicKey>)> {
    let data_key = envelope::open_key_header(header, identity, context)?;
    // The flags byte (offset 8, docs/FORMAT.md) is authenticated by the header MAC that
    // open_key_header just verified; only auth-mode headers need the second unlock.
    let sender = match header.get(FLAGS_OFFSET) {
        Some(flags) if flags & FLAG_SENDER_AUTH != 0 => envelope::key_header_sender(header, identity, context)?,
        _ => None,
    };
    Ok((data_key, sender))
}

/// Rewraps the header's data key to its recipients plus `add`, minus `remove`.
pub(crate) fn rewrap_header(
    header: &[u8],
    identity: &KeyPair,
    context: &[u8],
    changes: &RecipientChanges<'_>,
) -> Result<Vec<u8>> {
    envelope::rewrap_key_header_with(header, identity, context, changes)
}
