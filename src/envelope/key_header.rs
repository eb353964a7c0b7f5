//! Key-only headers: a fresh data key wrapped to recipients, with nothing after it.
//!
//! Sealed records keep one such header per role and derive field keys from its data key
//! (docs/RECORDS.md). Same wire format as a one-shot header with kind `2` and no digest.

use crate::error::{Error, Result};
use crate::keys::{KeyId, KeyPair, PublicKey};
use crate::primitives::random;

use super::data_key::DataKey;
use super::header::{self, check_context, check_recipients, CheckedRecipients};
use super::rewrap::{rewrap_key_only, RecipientChanges};
use super::wire::{Header, Kind, Preamble};

/// Creates a fresh data key and a header wrapping it to `recipients`, bound to `context`.
///
/// # Errors
/// As [`super::seal`].
pub fn seal_key_header(
    recipients: &[PublicKey],
    sender: Option<&KeyPair>,
    context: &[u8],
) -> Result<(DataKey, Vec<u8>)> {
    let recipients = check_recipients(recipients)?;
    check_context(context)?;
    let data_key = DataKey::generate()?;
    let header = build_key_only(&data_key, &recipients, sender, context, random::array()?)?;
    Ok((data_key, header))
}

/// As [`seal_key_header`], for a data key and header salt already drawn fresh from the CSPRNG
/// (never chosen): sealed records encrypt their fields while walking the record and only then
/// know the legend the header's context binds, and draw every key and salt of a record at once.
///
/// # Errors
/// As [`seal_key_header`].
pub(crate) fn seal_key_header_for(
    data_key: &DataKey,
    recipients: &[PublicKey],
    sender: Option<&KeyPair>,
    context: &[u8],
    salt: [u8; 32],
) -> Result<Vec<u8>> {
    let recipients = check_recipients(recipients)?;
    check_context(context)?;
    build_key_only(data_key, &recipients, sender, context, salt)
}

fn build_key_only(
    data_key: &DataKey,
    recipients: &CheckedRecipients<'_>,
    sender: Option<&KeyPair>,
    context: &[u8],
    salt: [u8; 32],
) -> Result<Vec<u8>> {
    let preamble =
        Preamble { kind: Kind::KeyOnly, salt, payload_digest: None, sender: sender.map(|pair| *pair.public_key()) };
    Ok(header::build(preamble, data_key, context, Vec::new(), recipients, sender)?.to_bytes())
}

/// Recovers the data key of a key-only header.
///
/// # Errors
/// As [`super::open`]; [`Error::Malformed`] for trailing bytes or another kind.
pub fn open_key_header(header: &[u8], identity: &KeyPair, context: &[u8]) -> Result<DataKey> {
    let parsed = parse_key_only(header)?;
    header::unlock(&parsed, identity, context).map(|(data_key, _)| data_key)
}

/// The authenticated sender of a key-only header, after unlocking it.
///
/// # Errors
/// As [`open_key_header`].
pub fn key_header_sender(header: &[u8], identity: &KeyPair, context: &[u8]) -> Result<Option<PublicKey>> {
    let parsed = parse_key_only(header)?;
    header::unlock(&parsed, identity, context)?;
    Ok(parsed.preamble.sender)
}

/// Adds and removes recipients of a key-only header (base-mode headers).
///
/// # Errors
/// As [`super::rewrap`].
pub fn rewrap_key_header(
    header: &[u8],
    identity: &KeyPair,
    context: &[u8],
    add: &[PublicKey],
    remove: &[KeyId],
) -> Result<Vec<u8>> {
    rewrap_key_header_with(header, identity, context, &RecipientChanges { add, remove, sender: None })
}

/// [`rewrap_key_header`] with full options (the sender's key pair for auth-mode headers).
///
/// # Errors
/// As [`super::rewrap`].
pub fn rewrap_key_header_with(
    header: &[u8],
    identity: &KeyPair,
    context: &[u8],
    changes: &RecipientChanges<'_>,
) -> Result<Vec<u8>> {
    rewrap_key_only(header, identity, context, changes)
}

pub(crate) fn parse_key_only(bytes: &[u8]) -> Result<Header> {
    let (header, rest) = Header::parse(bytes, Some(Kind::KeyOnly))?;
    if header.preamble.kind != Kind::KeyOnly {
        return Err(Error::Malformed("wrong envelope kind"));
    }
    if !rest.is_empty() {
        return Err(Error::Malformed("trailing data"));
    }
    Ok(header)
}
