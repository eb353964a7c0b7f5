//! Wrapping the data key to one recipient with HPKE (RFC 9180 single-shot API, section 6.1).
//!
//! `info = "phiseal/v1 slot"`, `aad = SHA-256(preamble) || key id`, plaintext = data key.
//! The preamble digest binds the slot to this envelope's salt, kind, digest and sender, so a
//! slot copied from another envelope fails to open.

use crate::error::{Error, Result};
use crate::hpke;
use crate::keys::{KeyId, KeyPair, PublicKey};

use super::data_key::DataKey;
use super::wire::{Preamble, Slot, WRAPPED_LEN};

const SLOT_INFO: &[u8] = b"phiseal/v1 slot";

fn slot_aad(preamble: &Preamble, key_id: &[u8; 32]) -> Vec<u8> {
    let mut aad = preamble.slot_binding().to_vec();
    aad.extend_from_slice(key_id);
    aad
}

/// Wraps `data_key` to `recipient` (whose id is `key_id`), in auth mode when the preamble names
/// a sender.
pub(crate) fn wrap(
    preamble: &Preamble,
    data_key: &DataKey,
    recipient: &PublicKey,
    key_id: KeyId,
    sender: Option<&KeyPair>,
) -> Result<Slot> {
    let aad = slot_aad(preamble, key_id.as_bytes());
    let (enc, wrapped) = match (preamble.sender.as_ref(), sender) {
        (None, _) => hpke::seal_base(recipient, SLOT_INFO, &aad, data_key.expose())?,
        (Some(named), Some(pair)) if named == pair.public_key() => {
            hpke::seal_auth(recipient, pair.secret_key(), SLOT_INFO, &aad, data_key.expose())?
        }
        (Some(_), _) => return Err(Error::InvalidArgument("sender key does not match the header")),
    };
    let wrapped: [u8; WRAPPED_LEN] =
        wrapped.as_slice().try_into().map_err(|_| Error::Malformed("wrapped key length"))?;
    Ok(Slot { key_id, enc: *enc.as_bytes(), wrapped })
}

/// Unwraps the data key from `slot` with the identity's secret key.
pub(crate) fn unwrap(preamble: &Preamble, slot: &Slot, identity: &KeyPair) -> Result<DataKey> {
    let aad = slot_aad(preamble, slot.key_id.as_bytes());
    let secret = identity.secret_key();
    let key = zeroize::Zeroizing::new(match &preamble.sender {
        None => hpke::open_base(&slot.enc, secret, SLOT_INFO, &aad, &slot.wrapped)?,
        Some(sender) => hpke::open_auth(&slot.enc, secret, sender, SLOT_INFO, &aad, &slot.wrapped)?,
    });
    DataKey::from_slice(&key)
}
