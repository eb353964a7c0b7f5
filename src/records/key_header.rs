//! The per-role key header of a sealed record: a fresh data key wrapped to the role's
//! recipients and bound to a context.
//!
//! TEMPORARY: this stands in for `crate::envelope::{seal,open,rewrap}_key_header` until the
//! envelope module lands; every caller in `records` goes through these three functions, so
//! the switch changes this file only. The stand-in wraps the data key per recipient with an
//! ephemeral X25519 agreement, HKDF-SHA256 and AES-256-GCM with the context as associated data.

use hkdf::Hkdf;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::keys::{KeyId, KeyPair, PublicKey, SecretKey, KEY_LEN};
use crate::primitives::aead;
use crate::primitives::secret::SecretBytes;

/// The 32-byte data key of one role of one record.
pub(crate) type DataKey = SecretBytes<32>;

const SLOT_LEN: usize = KEY_LEN + KEY_LEN + 32 + aead::TAG_LEN;
const MAX_SLOTS: usize = 255;

/// Creates a fresh data key and a header wrapping it to `recipients`, bound to `context`.
pub(crate) fn seal_header(
    recipients: &[PublicKey],
    _sender: Option<&KeyPair>,
    context: &[u8],
) -> Result<(DataKey, Vec<u8>)> {
    let data_key = DataKey::random()?;
    let header = wrap_all(&data_key, recipients, context)?;
    Ok((data_key, header))
}

/// Recovers the data key when `identity` is one of the header's recipients.
pub(crate) fn open_header(header: &[u8], identity: &KeyPair, context: &[u8]) -> Result<DataKey> {
    let mine = identity.public_key().as_bytes();
    let slot = slots(header)?
        .into_iter()
        .find(|slot| slot.get(..KEY_LEN) == Some(mine.as_slice()))
        .ok_or(Error::NoMatchingRecipient)?;
    let (_, rest) = slot
        .split_at_checked(KEY_LEN)
        .ok_or(Error::Malformed("key header"))?;
    let (ephemeral, wrapped) = rest
        .split_at_checked(KEY_LEN)
        .ok_or(Error::Malformed("key header"))?;
    let ephemeral = PublicKey::from_bytes(ephemeral)?;
    let shared = identity.secret_key().diffie_hellman(&ephemeral)?;
    let key = wrap_key(shared.expose(), &ephemeral, identity.public_key(), context)?;
    let opened = aead::open_with_nonce(key.expose(), &[0; aead::NONCE_LEN], context, wrapped)?;
    DataKey::from_slice(&opened)
}

/// Rewraps the header's data key to its recipients plus `add`, minus `remove`.
pub(crate) fn rewrap_header(
    header: &[u8],
    identity: &KeyPair,
    context: &[u8],
    add: &[PublicKey],
    remove: &[KeyId],
) -> Result<Vec<u8>> {
    let data_key = open_header(header, identity, context)?;
    let mut recipients = Vec::new();
    for slot in slots(header)? {
        recipients.push(PublicKey::from_bytes(
            slot.get(..KEY_LEN).ok_or(Error::Malformed("key header"))?,
        )?);
    }
    for new in add {
        if !recipients.contains(new) {
            recipients.push(*new);
        }
    }
    recipients.retain(|key| !remove.contains(&key.key_id()));
    wrap_all(&data_key, &recipients, context)
}

fn wrap_all(data_key: &DataKey, recipients: &[PublicKey], context: &[u8]) -> Result<Vec<u8>> {
    if recipients.is_empty() {
        return Err(Error::InvalidArgument("no recipients"));
    }
    let count = u8::try_from(recipients.len()).map_err(|_| Error::LimitExceeded("recipients"))?;
    let mut out = vec![count];
    for recipient in recipients {
        let ephemeral = SecretKey::generate()?;
        let ephemeral_public = ephemeral.public_key()?;
        let shared = ephemeral.diffie_hellman(recipient)?;
        let key = wrap_key(shared.expose(), &ephemeral_public, recipient, context)?;
        out.extend_from_slice(recipient.as_bytes());
        out.extend_from_slice(ephemeral_public.as_bytes());
        let nonce = [0; aead::NONCE_LEN]; // single use: the key is fresh per slot
        out.extend_from_slice(&aead::seal_with_nonce(
            key.expose(),
            &nonce,
            context,
            data_key.expose(),
        )?);
    }
    Ok(out)
}

fn slots(header: &[u8]) -> Result<Vec<&[u8]>> {
    let (&count, body) = header.split_first().ok_or(Error::Malformed("key header"))?;
    let count = usize::from(count);
    if count == 0 || count > MAX_SLOTS || body.len() != count * SLOT_LEN {
        return Err(Error::Malformed("key header"));
    }
    Ok(body.chunks_exact(SLOT_LEN).collect())
}

fn wrap_key(
    shared: &[u8; 32],
    ephemeral: &PublicKey,
    recipient: &PublicKey,
    context: &[u8],
) -> Result<SecretBytes<32>> {
    let mut info = b"phiseal/records/interim-slot".to_vec();
    info.extend_from_slice(ephemeral.as_bytes());
    info.extend_from_slice(recipient.as_bytes());
    info.extend_from_slice(&Sha256::digest(context));
    let mut okm = [0u8; 32];
    Hkdf::<Sha256>::new(None, shared)
        .expand(&info, &mut okm)
        .map_err(|_| Error::InvalidArgument("key derivation"))?;
    Ok(SecretBytes::from_array(&mut okm))
}
