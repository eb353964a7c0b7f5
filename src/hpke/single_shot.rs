//! Single-shot APIs (RFC 9180 section 6): one message, or one exported secret, per
//! encapsulated key.

use zeroize::Zeroizing;

use crate::error::Result;
use crate::hpke::kem::Encapsulated;
use crate::hpke::setup::{setup_auth_receiver, setup_auth_sender, setup_base_receiver, setup_base_sender};
use crate::keys::{PublicKey, SecretKey};

/// Encrypts one message to `pk_r` in base mode.
///
/// ```text
/// def Seal<MODE>(pkR, info, aad, pt, ...):
///   enc, ctx = Setup<MODE>S(pkR, info, ...)
///   ct = ctx.Seal(aad, pt)
///   return enc, ct
/// ```
///
/// # Errors
/// [`crate::Error::RandomUnavailable`]; [`crate::Error::LimitExceeded`] for a plaintext longer
/// than AES-GCM allows.
pub fn seal_base(pk_r: &PublicKey, info: &[u8], aad: &[u8], pt: &[u8]) -> Result<(Encapsulated, Vec<u8>)> {
    let (enc, mut ctx) = setup_base_sender(pk_r, info)?;
    Ok((enc, ctx.seal(aad, pt)?))
}

/// Decrypts the output of [`seal_base`].
///
/// ```text
/// def Open<MODE>(enc, skR, info, aad, ct, ...):
///   ctx = Setup<MODE>R(enc, skR, info, ...)
///   return ctx.Open(aad, ct)
/// ```
///
/// # Errors
/// [`crate::Error::InvalidKey`] for a malformed, all-zero or low-order `enc`;
/// [`crate::Error::AuthFailed`] for a wrong key, `info` or `aad`, or any tampering.
pub fn open_base(enc: &[u8], sk_r: &SecretKey, info: &[u8], aad: &[u8], ct: &[u8]) -> Result<Vec<u8>> {
    setup_base_receiver(enc, sk_r, info)?.open(aad, ct)
}

/// Encrypts one message to `pk_r` in auth mode, authenticated as coming from `sk_s`.
///
/// # Errors
/// As [`seal_base`], plus [`crate::Error::InvalidKey`] when `sk_s` is degenerate.
pub fn seal_auth(
    pk_r: &PublicKey,
    sk_s: &SecretKey,
    info: &[u8],
    aad: &[u8],
    pt: &[u8],
) -> Result<(Encapsulated, Vec<u8>)> {
    let (enc, mut ctx) = setup_auth_sender(pk_r, sk_s, info)?;
    Ok((enc, ctx.seal(aad, pt)?))
}

/// Decrypts the output of [`seal_auth`], checking that it came from the holder of `pk_s`.
///
/// # Errors
/// As [`open_base`]; a wrong `pk_s` is [`crate::Error::AuthFailed`].
pub fn open_auth(
    enc: &[u8],
    sk_r: &SecretKey,
    pk_s: &PublicKey,
    info: &[u8],
    aad: &[u8],
    ct: &[u8],
) -> Result<Vec<u8>> {
    setup_auth_receiver(enc, sk_r, pk_s, info)?.open(aad, ct)
}

/// Derives a secret shared with the holder of `pk_r`, in base mode (section 6.2).
///
/// ```text
/// def SendExport<MODE>(pkR, info, exporter_context, L, ...):
///   enc, ctx = Setup<MODE>S(pkR, info, ...)
///   exported = ctx.Export(exporter_context, L)
///   return enc, exported
/// ```
///
/// # Errors
/// [`crate::Error::RandomUnavailable`]; [`crate::Error::LimitExceeded`] when `len` exceeds
/// [`crate::hpke::MAX_EXPORT_LEN`].
pub fn send_export_base(
    pk_r: &PublicKey,
    info: &[u8],
    exporter_context: &[u8],
    len: usize,
) -> Result<(Encapsulated, Zeroizing<Vec<u8>>)> {
    let (enc, ctx) = setup_base_sender(pk_r, info)?;
    Ok((enc, ctx.export(exporter_context, len)?))
}

/// The receiving side of [`send_export_base`].
///
/// ```text
/// def ReceiveExport<MODE>(enc, skR, info, exporter_context, L, ...):
///   ctx = Setup<MODE>R(enc, skR, info, ...)
///   return ctx.Export(exporter_context, L)
/// ```
///
/// A wrong key or `info` gives a different secret, not an error: the caller must confirm the
/// secret (for instance by opening a message sealed with it) before trusting it.
///
/// # Errors
/// [`crate::Error::InvalidKey`] for a bad `enc`; [`crate::Error::LimitExceeded`] when `len`
/// exceeds [`crate::hpke::MAX_EXPORT_LEN`].
pub fn receive_export_base(
    enc: &[u8],
    sk_r: &SecretKey,
    info: &[u8],
    exporter_context: &[u8],
    len: usize,
) -> Result<Zeroizing<Vec<u8>>> {
    setup_base_receiver(enc, sk_r, info)?.export(exporter_context, len)
}
