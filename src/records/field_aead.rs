//! AES-256-GCM under one role's field key, set up once per role per record (docs/RECORDS.md,
//! "Encrypted values" and "Cryptography").
//!
//! A record has one field key per role but many encrypted fields, and each field is one
//! AES-256-GCM operation on a few dozen bytes. Building the cipher (AES key schedule and the
//! GHASH key `H = AES(K, 0^128)`) for every field cost more than encrypting it, above all in
//! WebAssembly where AES is bitsliced software, so [`FieldKey`] builds it once (an
//! [`Aes256GcmKey`]: ring's assembly natively, RustCrypto on WebAssembly).
//!
//! The output is byte for byte that of `primitives::aead::seal` (`nonce[12] || ciphertext ||
//! tag[16]`), and opening refuses short inputs and zeroizes a plaintext whose tag failed, as
//! `primitives::aead::open` does. Nonces are never a parameter: they come from a
//! [`Nonces`] pool, which only the operating system's CSPRNG fills, 64 nonces a draw instead
//! of one system call (or, in WebAssembly, one `crypto.getRandomValues` call) per field.

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::primitives::aes_gcm::{Aes256GcmKey, NONCE_LEN, TAG_LEN};
use crate::primitives::random;
use crate::primitives::secret::SecretBytes;

/// The AES-256-GCM cipher of one role's field key.
pub(crate) struct FieldKey(Aes256GcmKey);

impl FieldKey {
    /// Sets up the cipher for `key`.
    ///
    /// # Errors
    /// As [`Aes256GcmKey::new`].
    pub(crate) fn new(key: &SecretBytes<32>) -> Result<Self> {
        Aes256GcmKey::new(key.expose()).map(FieldKey)
    }

    /// Encrypts `plaintext` under the next nonce of `nonces`: `nonce || ciphertext || tag`.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the pool is used up; [`Error::LimitExceeded`] beyond
    /// the GCM length limit.
    #[cfg(test)]
    pub(crate) fn seal(&self, nonces: &mut Nonces, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.seal_into(nonces, aad, plaintext, &mut out)?;
        Ok(out)
    }

    /// [`FieldKey::seal`] into `out`, which is cleared first (one buffer serves every segment).
    ///
    /// # Errors
    /// As [`FieldKey::seal`].
    pub(crate) fn seal_into(&self, nonces: &mut Nonces, aad: &[u8], plaintext: &[u8], out: &mut Vec<u8>) -> Result<()> {
        let nonce = nonces.next()?;
        out.clear();
        out.reserve(NONCE_LEN + plaintext.len() + TAG_LEN);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(plaintext);
        let body = out.get_mut(NONCE_LEN..).ok_or(Error::LimitExceeded("AES-GCM plaintext length"))?;
        let tag = self.0.seal_in_place(&nonce, aad, body)?;
        out.extend_from_slice(&tag);
        Ok(())
    }

    /// Opens `nonce || ciphertext || tag`.
    ///
    /// # Errors
    /// [`Error::AuthFailed`] on a short input, a wrong key or `aad`, or any tampering; no
    /// plaintext is returned or left behind in that case.
    pub(crate) fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let (nonce, rest) = sealed.split_first_chunk::<NONCE_LEN>().ok_or(Error::AuthFailed)?;
        let (body, tag) = rest.split_last_chunk::<TAG_LEN>().ok_or(Error::AuthFailed)?;
        let mut buf = Zeroizing::new(body.to_vec());
        self.0.open_in_place(nonce, aad, &mut buf, tag)?;
        Ok(buf)
    }
}

/// How many nonces are drawn from the CSPRNG at a time: a record of up to 64 encrypted
/// segments costs one draw.
const NONCE_BATCH: usize = 64;

/// Random 96-bit nonces from the operating system's CSPRNG, drawn [`NONCE_BATCH`] at a time and
/// each handed out once.
pub(crate) struct Nonces {
    bytes: [u8; NONCE_BATCH * NONCE_LEN],
    used: usize,
}

impl Nonces {
    /// An empty pool; the first nonce asked for draws a batch.
    pub(crate) fn new() -> Self {
        Nonces { bytes: [0; NONCE_BATCH * NONCE_LEN], used: NONCE_BATCH * NONCE_LEN }
    }

    /// The next unused nonce, drawing a fresh batch when every nonce was handed out.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the random source fails.
    fn next(&mut self) -> Result<[u8; NONCE_LEN]> {
        if self.used >= self.bytes.len() {
            random::fill(&mut self.bytes)?;
            self.used = 0;
        }
        let end = self.used + NONCE_LEN;
        let nonce = self.bytes.get(self.used..end).ok_or(Error::RandomUnavailable)?;
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| Error::RandomUnavailable)?;
        self.used = end;
        Ok(nonce)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::aead;

    #[test]
    fn same_bytes_as_the_one_shot_aead() {
        let secret = SecretBytes::from_array(&mut [3u8; 32]);
        let key = FieldKey::new(&secret).unwrap();
        let mut nonces = Nonces::new();
        let sealed = key.seal(&mut nonces, b"aad", b"a padded value  ").unwrap();
        assert_eq!(aead::open(secret.expose(), b"aad", &sealed).unwrap(), b"a padded value  ");
        let other = aead::seal(secret.expose(), b"aad", b"from the one-shot").unwrap();
        assert_eq!(&*key.open(b"aad", &other).unwrap(), b"from the one-shot");
        assert_eq!(key.open(b"aad!", &other).unwrap_err().code(), "AUTH_FAILED");
        assert_eq!(key.open(b"aad", &other[..NONCE_LEN + TAG_LEN - 1]).unwrap_err().code(), "AUTH_FAILED");
        let again = key.seal(&mut nonces, b"aad", b"a padded value  ").unwrap();
        assert_ne!(sealed[..NONCE_LEN], again[..NONCE_LEN], "each nonce is used once");
    }

    #[test]
    fn the_pool_refills_and_never_repeats_a_nonce() {
        let mut nonces = Nonces::new();
        let drawn: Vec<[u8; NONCE_LEN]> = (0..3 * NONCE_BATCH + 1).map(|_| nonces.next().unwrap()).collect();
        let distinct: std::collections::BTreeSet<_> = drawn.iter().collect();
        assert_eq!(distinct.len(), drawn.len());
    }
}
