//! One-shot envelopes: `seal` and `open` of a whole plaintext in memory.
//!
//! Payload: AES-256-GCM under the derived payload key with the all-zero nonce and
//! `aad = "phiseal/v1 payload"`. The payload key is unique to this envelope (fresh random
//! data key and salt), so a fixed nonce is never reused with a key; nonces are never a
//! parameter. The header carries SHA-256 of the payload bytes, bound by the header MAC and
//! by every slot, so in auth mode no co-recipient can swap in another payload.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::primitives::{aead, random};

use super::data_key::DataKey;
use super::header::{self, check_context, check_recipients};
use super::limits::MAX_ONE_SHOT_PAYLOAD;
use super::wire::{Header, Kind, Preamble};

const PAYLOAD_AAD: &[u8] = b"phiseal/v1 payload";
const PAYLOAD_NONCE: [u8; aead::NONCE_LEN] = [0; aead::NONCE_LEN];

/// Options for [`seal_with`].
#[derive(Clone, Copy, Debug, Default)]
pub struct SealOptions<'a> {
    /// Authenticate the sender (HPKE auth mode): recipients learn, and can require, that the
    /// holder of this key pair sealed the envelope.
    pub sender: Option<&'a KeyPair>,
}

/// Seals `plaintext` to every recipient, binding `context` (which is not stored).
///
/// # Errors
/// [`Error::InvalidArgument`] for no or duplicate recipients, [`Error::LimitExceeded`] for
/// too many recipients, a too-large payload or context, [`Error::RandomUnavailable`].
pub fn seal(plaintext: &[u8], recipients: &[PublicKey], context: &[u8]) -> Result<Vec<u8>> {
    seal_with(plaintext, recipients, context, &SealOptions::default())
}

/// [`seal`] with options (sender authentication).
///
/// # Errors
/// As [`seal`].
pub fn seal_with(
    plaintext: &[u8],
    recipients: &[PublicKey],
    context: &[u8],
    options: &SealOptions<'_>,
) -> Result<Vec<u8>> {
    let recipients = check_recipients(recipients)?;
    check_context(context)?;
    if plaintext.len() > MAX_ONE_SHOT_PAYLOAD {
        return Err(Error::LimitExceeded("one-shot payload size"));
    }
    let data_key = DataKey::generate()?;
    let salt = random::array()?;
    let keys = super::data_key::HeaderKeys::derive(&data_key, &salt, Kind::Sealed as u8, context)?;
    let payload = aead::seal_with_nonce(keys.payload_key.expose(), &PAYLOAD_NONCE, PAYLOAD_AAD, plaintext)?;
    let preamble = Preamble {
        kind: Kind::Sealed,
        salt,
        payload_digest: Some(Sha256::digest(&payload).into()),
        sender: options.sender.map(|pair| *pair.public_key()),
    };
    let header = header::build(preamble, &data_key, context, Vec::new(), &recipients, options.sender)?;
    let mut out = header.to_bytes();
    out.extend_from_slice(&payload);
    Ok(out)
}

/// A successfully opened envelope.
#[derive(Clone)]
pub struct Opened {
    /// The authenticated plaintext.
    pub plaintext: Vec<u8>,
    /// The authenticated sender, when the envelope was sealed in sender-auth mode.
    pub sender: Option<PublicKey>,
}

impl core::fmt::Debug for Opened {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Opened")
            .field("plaintext", &format_args!("[{} bytes redacted]", self.plaintext.len()))
            .field("sender", &self.sender)
            .finish()
    }
}

/// Opens an envelope with the identity's key pair and the context it was sealed with.
///
/// Nothing is returned unless the slot, commitment, header MAC, payload digest and payload tag
/// all verify.
///
/// # Errors
/// [`Error::NoMatchingRecipient`] when no slot is addressed to `identity`;
/// [`Error::AuthFailed`] for a wrong context or any tampering; [`Error::Malformed`],
/// [`Error::UnsupportedVersion`], [`Error::LimitExceeded`] for bad headers.
pub fn open(envelope: &[u8], identity: &KeyPair, context: &[u8]) -> Result<Vec<u8>> {
    open_with_details(envelope, identity, context).map(|opened| opened.plaintext)
}

/// Opens an envelope that must have been sealed by `sender` in sender-auth mode.
///
/// # Errors
/// As [`open`]; [`Error::AuthFailed`] when the envelope is not authenticated by `sender`.
pub fn open_from(envelope: &[u8], identity: &KeyPair, context: &[u8], sender: &PublicKey) -> Result<Vec<u8>> {
    let opened = open_with_details(envelope, identity, context)?;
    match opened.sender {
        Some(actual) if bool::from(actual.as_bytes().ct_eq(sender.as_bytes())) => Ok(opened.plaintext),
        _ => Err(Error::AuthFailed),
    }
}

/// Opens an envelope and also reports the authenticated sender, if any.
///
/// # Errors
/// As [`open`].
pub fn open_with_details(envelope: &[u8], identity: &KeyPair, context: &[u8]) -> Result<Opened> {
    let (header, payload) = parse_sealed(envelope)?;
    let (_, keys) = header::unlock(&header, identity, context)?;
    let digest: [u8; 32] = Sha256::digest(payload).into();
    let expected = header.preamble.payload_digest.ok_or(Error::Malformed("wrong envelope kind"))?;
    if !bool::from(digest.ct_eq(&expected)) {
        return Err(Error::AuthFailed);
    }
    let plaintext = aead::open_with_nonce(keys.payload_key.expose(), &PAYLOAD_NONCE, PAYLOAD_AAD, payload)?;
    Ok(Opened { plaintext, sender: header.preamble.sender })
}

pub(crate) fn parse_sealed(envelope: &[u8]) -> Result<(Header, &[u8])> {
    let (header, payload) = Header::parse(envelope, Some(Kind::Sealed))?;
    if header.preamble.kind != Kind::Sealed {
        return Err(Error::Malformed("wrong envelope kind"));
    }
    if payload.len() < aead::TAG_LEN {
        return Err(Error::Malformed("truncated payload"));
    }
    if payload.len() > MAX_ONE_SHOT_PAYLOAD + aead::TAG_LEN {
        return Err(Error::LimitExceeded("one-shot payload size"));
    }
    Ok((header, payload))
}
