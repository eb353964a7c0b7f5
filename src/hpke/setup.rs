//! Setting up a sender or receiver context (RFC 9180 sections 5.1.1 and 5.1.3).
//!
//! Each public setup draws a fresh ephemeral key from the operating system's CSPRNG. The
//! `*_with_ephemeral` variants that take the ephemeral key from the caller are crate-private
//! and exist for known-answer tests only.

use crate::error::Result;
use crate::hpke::context::{ReceiverContext, SenderContext};
use crate::hpke::kem::{self, Encapsulated};
use crate::hpke::key_schedule::{key_schedule, Mode};
use crate::keys::{PublicKey, SecretKey};

/// Starts a base-mode (unauthenticated sender) context to the holder of `pk_r`.
///
/// ```text
/// def SetupBaseS(pkR, info):
///   shared_secret, enc = Encap(pkR)
///   return enc, KeyScheduleS(mode_base, shared_secret, info,
///                            default_psk, default_psk_id)
/// ```
///
/// `info` binds the context to an application-chosen string (RFC 9180 section 8.1); the
/// receiver must pass the same bytes.
///
/// # Errors
/// [`crate::Error::RandomUnavailable`] when no ephemeral key can be drawn.
pub fn setup_base_sender(pk_r: &PublicKey, info: &[u8]) -> Result<(Encapsulated, SenderContext)> {
    setup_base_sender_with_ephemeral(pk_r, info, SecretKey::generate()?)
}

/// [`setup_base_sender`] with a caller-chosen ephemeral key (tests only).
pub(crate) fn setup_base_sender_with_ephemeral(
    pk_r: &PublicKey,
    info: &[u8],
    sk_e: SecretKey,
) -> Result<(Encapsulated, SenderContext)> {
    let (shared_secret, enc) = kem::encap(pk_r, sk_e)?;
    let secrets = key_schedule(Mode::Base, &shared_secret, info)?;
    Ok((enc, SenderContext::new(secrets)))
}

/// Opens a base-mode context from the sender's encapsulated key `enc`.
///
/// ```text
/// def SetupBaseR(enc, skR, info):
///   shared_secret = Decap(enc, skR)
///   return KeyScheduleR(mode_base, shared_secret, info,
///                       default_psk, default_psk_id)
/// ```
///
/// This cannot tell a wrong `sk_r` or `info` from a right one: that shows as
/// [`crate::Error::AuthFailed`] on the first [`ReceiverContext::open`].
///
/// # Errors
/// [`crate::Error::InvalidKey`] when `enc` is not 32 bytes or is an all-zero or low-order
/// point.
pub fn setup_base_receiver(enc: &[u8], sk_r: &SecretKey, info: &[u8]) -> Result<ReceiverContext> {
    let enc = Encapsulated::from_bytes(enc)?;
    let shared_secret = kem::decap(&enc, sk_r)?;
    let secrets = key_schedule(Mode::Base, &shared_secret, info)?;
    Ok(ReceiverContext::new(secrets))
}

/// Starts an auth-mode context: the receiver learns that the sender held `sk_s`.
///
/// ```text
/// def SetupAuthS(pkR, info, skS):
///   shared_secret, enc = AuthEncap(pkR, skS)
///   return enc, KeyScheduleS(mode_auth, shared_secret, info,
///                            default_psk, default_psk_id)
/// ```
///
/// # Security
/// Auth mode authenticates the sender's key, but is not sender-key-compromise
/// resistant: anyone holding `sk_r` can forge messages "from" any sender (RFC 9180 section 9.1.1).
///
/// # Errors
/// [`crate::Error::RandomUnavailable`] when no ephemeral key can be drawn;
/// [`crate::Error::InvalidKey`] when `sk_s` is degenerate.
pub fn setup_auth_sender(pk_r: &PublicKey, sk_s: &SecretKey, info: &[u8]) -> Result<(Encapsulated, SenderContext)> {
    setup_auth_sender_with_ephemeral(pk_r, sk_s, info, SecretKey::generate()?)
}

/// [`setup_auth_sender`] with a caller-chosen ephemeral key (tests only).
pub(crate) fn setup_auth_sender_with_ephemeral(
    pk_r: &PublicKey,
    sk_s: &SecretKey,
    info: &[u8],
    sk_e: SecretKey,
) -> Result<(Encapsulated, SenderContext)> {
    let (shared_secret, enc) = kem::auth_encap(pk_r, sk_s, sk_e)?;
    let secrets = key_schedule(Mode::Auth, &shared_secret, info)?;
    Ok((enc, SenderContext::new(secrets)))
}

/// Opens an auth-mode context, checking that the sender held the secret key of `pk_s`.
///
/// ```text
/// def SetupAuthR(enc, skR, info, pkS):
///   shared_secret = AuthDecap(enc, skR, pkS)
///   return KeyScheduleR(mode_auth, shared_secret, info,
///                       default_psk, default_psk_id)
/// ```
///
/// A wrong `pk_s` shows as [`crate::Error::AuthFailed`] on the first
/// [`ReceiverContext::open`].
///
/// # Errors
/// [`crate::Error::InvalidKey`] when `enc` is not 32 bytes or is an all-zero or low-order
/// point.
pub fn setup_auth_receiver(enc: &[u8], sk_r: &SecretKey, pk_s: &PublicKey, info: &[u8]) -> Result<ReceiverContext> {
    let enc = Encapsulated::from_bytes(enc)?;
    let shared_secret = kem::auth_decap(&enc, sk_r, pk_s)?;
    let secrets = key_schedule(Mode::Auth, &shared_secret, info)?;
    Ok(ReceiverContext::new(secrets))
}
