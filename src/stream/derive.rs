//! Per-message key, base nonce and key commitment (c2sp.org/chunked-encryption, "Key
//! derivation"), instantiated as Cobblestone-256:
//!
//! ```text
//! key || base nonce || commitment = HKDF-Expand(prk = input key,
//!     info = "c2sp.org/chunked-encryption@v1+" || "AEAD_AES_256_GCM" || 0x00 || salt || context)
//! ```
//!
//! with HKDF-SHA-512, a 32-byte key, a 12-byte base nonce and a 32-byte commitment.
//!
//! HKDF-Expand is written out over `hmac` because the `hkdf` crate refuses a PRK shorter than
//! the hash output (RFC 5869 asks for at least HashLen bytes), while this spec uses the 32-byte
//! input key directly as the PRK, which HMAC accepts.

use hmac::{Hmac, Mac};
use sha2::Sha512;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use super::chunk::ChunkCipher;
use super::format::{COMMITMENT_LEN, HEADER_LEN, SALT_LEN};
use crate::error::{Error, Result};
use crate::primitives::aead::{KEY_LEN, NONCE_LEN};

/// Fixed prefix of the HKDF info, then the IANA AEAD name and its 0x00 terminator.
const INFO_PREFIX: &[u8] = b"c2sp.org/chunked-encryption@v1+AEAD_AES_256_GCM\x00";
/// Length of `key || base nonce || commitment`.
const OKM_LEN: usize = KEY_LEN + NONCE_LEN + COMMITMENT_LEN;
/// SHA-512 output length: one HKDF-Expand block.
const HASH_LEN: usize = 64;

/// What HKDF-Expand yields for one message. Zeroized on drop.
pub(crate) struct MessageKeys {
    aead_key: Zeroizing<[u8; KEY_LEN]>,
    base_nonce: Zeroizing<[u8; NONCE_LEN]>,
    commitment: [u8; COMMITMENT_LEN],
}

impl MessageKeys {
    /// Derives the message keys from the input key, the salt and the application context.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] if HMAC refuses the key (it accepts every length; defensive).
    pub(crate) fn derive(input_key: &[u8; KEY_LEN], salt: &[u8; SALT_LEN], context: &[u8]) -> Result<Self> {
        let okm = hkdf_expand(input_key, salt, context)?;
        let (key, rest) = okm.split_first_chunk::<KEY_LEN>().ok_or(Error::InvalidKey("HKDF"))?;
        let (nonce, rest) = rest.split_first_chunk::<NONCE_LEN>().ok_or(Error::InvalidKey("HKDF"))?;
        let commitment = rest.first_chunk::<COMMITMENT_LEN>().ok_or(Error::InvalidKey("HKDF"))?;
        Ok(Self { aead_key: Zeroizing::new(*key), base_nonce: Zeroizing::new(*nonce), commitment: *commitment })
    }

    /// The message header: `salt || commitment`, which the ciphertext starts with.
    pub(crate) fn header(&self, salt: &[u8; SALT_LEN]) -> [u8; HEADER_LEN] {
        let mut header = [0u8; HEADER_LEN];
        let (salt_out, commitment_out) = header.split_at_mut(SALT_LEN);
        salt_out.copy_from_slice(salt);
        commitment_out.copy_from_slice(&self.commitment);
        header
    }

    /// Checks a header's commitment in constant time. The spec requires this before any chunk
    /// is decrypted.
    ///
    /// # Errors
    /// [`Error::AuthFailed`] for a wrong key, a wrong context, or a modified salt or commitment.
    pub(crate) fn check_commitment(&self, commitment: &[u8; COMMITMENT_LEN]) -> Result<()> {
        if bool::from(self.commitment.ct_eq(commitment)) {
            Ok(())
        } else {
            Err(Error::AuthFailed)
        }
    }

    /// The per-chunk cipher keyed with the derived AEAD key and base nonce.
    ///
    /// # Errors
    /// As [`ChunkCipher::new`].
    pub(crate) fn chunk_cipher(&self) -> Result<ChunkCipher> {
        ChunkCipher::new(&self.aead_key, &self.base_nonce)
    }

    /// The derived AEAD key and base nonce, for the raw-mode known-answer tests and for
    /// `ChunkKey` (`incremental.rs`), which hands them to WebCrypto.
    pub(crate) fn aead_key_and_base_nonce(&self) -> (&[u8; KEY_LEN], &[u8; NONCE_LEN]) {
        (&self.aead_key, &self.base_nonce)
    }
}

/// RFC 5869 HKDF-Expand with SHA-512, PRK = `input_key`, L = [`OKM_LEN`]:
/// `T(i) = HMAC(PRK, T(i-1) || info || i)`, `OKM = T(1) || T(2)`. The info is fed to HMAC
/// in pieces so the context is never copied.
fn hkdf_expand(input_key: &[u8; KEY_LEN], salt: &[u8; SALT_LEN], context: &[u8]) -> Result<Zeroizing<[u8; OKM_LEN]>> {
    let mut okm = Zeroizing::new([0u8; OKM_LEN]);
    let mut previous = Zeroizing::new([0u8; HASH_LEN]);
    for (counter, block) in (1u8..).zip(okm.chunks_mut(HASH_LEN)) {
        let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(input_key).map_err(|_| Error::InvalidKey("HKDF"))?;
        if counter > 1 {
            mac.update(&previous[..]);
        }
        mac.update(INFO_PREFIX);
        mac.update(salt);
        mac.update(context);
        mac.update(&[counter]);
        let mut t = mac.finalize().into_bytes();
        previous.copy_from_slice(&t);
        // The last block keeps only the OKM_LEN bytes that are still needed.
        for (out, byte) in block.iter_mut().zip(t.iter()) {
            *out = *byte;
        }
        t.as_mut_slice().zeroize();
    }
    Ok(okm)
}

/// Builds the header for a new message and the cipher for its chunks.
///
/// # Errors
/// See [`MessageKeys::derive`].
pub(crate) fn seal_header(
    input_key: &[u8; KEY_LEN],
    salt: &[u8; SALT_LEN],
    context: &[u8],
) -> Result<([u8; HEADER_LEN], ChunkCipher)> {
    let keys = MessageKeys::derive(input_key, salt, context)?;
    Ok((keys.header(salt), keys.chunk_cipher()?))
}

/// Checks a header's commitment (in constant time) and returns the cipher for its chunks.
/// The spec requires this check before any chunk is decrypted.
///
/// # Errors
/// [`Error::AuthFailed`] for a wrong key, a wrong context, or a modified salt or commitment.
pub(crate) fn open_header(input_key: &[u8; KEY_LEN], header: &[u8; HEADER_LEN], context: &[u8]) -> Result<ChunkCipher> {
    let (salt, commitment) = header.split_first_chunk::<SALT_LEN>().ok_or(Error::Truncated)?;
    let commitment: &[u8; COMMITMENT_LEN] = commitment.try_into().map_err(|_| Error::Truncated)?;
    let keys = MessageKeys::derive(input_key, salt, context)?;
    keys.check_commitment(commitment)?;
    keys.chunk_cipher()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn commitment_depends_on_key_salt_and_context() {
        let derive = |key, salt, ctx: &[u8]| MessageKeys::derive(key, salt, ctx).unwrap();
        let base = derive(&[1; 32], &[2; 24], b"ctx");
        let other_key = derive(&[9; 32], &[2; 24], b"ctx");
        let other_salt = derive(&[1; 32], &[3; 24], b"ctx");
        let other_ctx = derive(&[1; 32], &[2; 24], b"ctx\0");
        let commitment = |keys: &MessageKeys| keys.header(&[2; 24])[SALT_LEN..].to_vec();
        for other in [other_key, other_salt, other_ctx] {
            assert_ne!(commitment(&base), commitment(&other));
            let theirs: [u8; COMMITMENT_LEN] = commitment(&other).try_into().unwrap();
            assert_eq!(base.check_commitment(&theirs), Err(Error::AuthFailed));
        }
        let ours: [u8; COMMITMENT_LEN] = commitment(&base).try_into().unwrap();
        assert_eq!(base.check_commitment(&ours), Ok(()));
    }

    #[test]
    fn header_round_trips_and_rejects_other_contexts() {
        let (header, _) = seal_header(&[1; 32], &[2; 24], b"envelope header").unwrap();
        assert_eq!(&header[..24], &[2; 24]);
        assert!(open_header(&[1; 32], &header, b"envelope header").is_ok());
        assert!(matches!(open_header(&[1; 32], &header, b"other"), Err(Error::AuthFailed)));
        assert!(matches!(open_header(&[2; 32], &header, b"envelope header"), Err(Error::AuthFailed)));
    }
}
