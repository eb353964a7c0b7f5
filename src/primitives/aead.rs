//! AES-256-GCM (NIST SP 800-38D) with 96-bit nonces and 128-bit tags.
//!
//! Two tiers: [`seal`] draws its nonce from the CSPRNG and prepends it (nonces are never a
//! parameter of a public API), while [`seal_with_nonce`] / [`open_with_nonce`] exist for
//! protocols that derive nonces themselves (HPKE, C2SP chunks) and are crate-private.
//!
//! Decryption is done in a private buffer that is zeroized when the tag fails, so no
//! unauthenticated plaintext ever reaches the caller (RUSTSEC-2023-0096 class). The cipher
//! itself is [`Aes256GcmKey`] (ring's assembly natively, RustCrypto on WebAssembly).

use crate::error::{Error, Result};
use crate::primitives::aes_gcm::Aes256GcmKey;
pub use crate::primitives::aes_gcm::{KEY_LEN, NONCE_LEN, TAG_LEN};
use crate::primitives::random;

/// Encrypts under an explicit nonce. The caller guarantees the nonce is never reused
/// with this key.
///
/// # Errors
/// [`Error::LimitExceeded`] when the plaintext exceeds the GCM limit.
pub fn seal_with_nonce(key: &[u8; KEY_LEN], nonce: &[u8; NONCE_LEN], aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(plaintext.len() + TAG_LEN);
    buf.extend_from_slice(plaintext);
    let tag = Aes256GcmKey::new(key)?.seal_in_place(nonce, aad, &mut buf)?;
    buf.extend_from_slice(&tag);
    Ok(buf)
}

/// Decrypts `ciphertext || tag` under an explicit nonce.
///
/// # Errors
/// [`Error::AuthFailed`] when the tag does not verify; nothing is returned in that case.
pub fn open_with_nonce(key: &[u8; KEY_LEN], nonce: &[u8; NONCE_LEN], aad: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>> {
    let body_len = ciphertext.len().checked_sub(TAG_LEN).ok_or(Error::AuthFailed)?;
    let (body, tag) = ciphertext.split_at(body_len);
    let tag: &[u8; TAG_LEN] = tag.try_into().map_err(|_| Error::AuthFailed)?;
    let mut buf = body.to_vec();
    Aes256GcmKey::new(key)?.open_in_place(nonce, aad, &mut buf, tag)?;
    Ok(buf)
}

/// Encrypts with a fresh random nonce; output is `nonce || ciphertext || tag`.
#[allow(dead_code)] // kept for field-level sealing; exercised by the KAT tests
///
/// # Errors
/// [`Error::RandomUnavailable`] or [`Error::LimitExceeded`].
pub fn seal(key: &[u8; KEY_LEN], aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
    let nonce: [u8; NONCE_LEN] = random::array()?;
    let sealed = seal_with_nonce(key, &nonce, aad, plaintext)?;
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens the output of [`seal`].
#[allow(dead_code)]
///
/// # Errors
/// [`Error::AuthFailed`] on any tampering or a wrong key or `aad`.
pub fn open(key: &[u8; KEY_LEN], aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>> {
    let (nonce, rest) = sealed.split_at_checked(NONCE_LEN).ok_or(Error::AuthFailed)?;
    let nonce: &[u8; NONCE_LEN] = nonce.try_into().map_err(|_| Error::AuthFailed)?;
    open_with_nonce(key, nonce, aad, rest)
}
