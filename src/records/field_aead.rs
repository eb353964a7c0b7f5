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
//! [`RandomPool`], which only the operating system's CSPRNG fills, a kilobyte a draw instead
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
    pub(crate) fn seal(&self, nonces: &mut RandomPool, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.seal_into(nonces, aad, plaintext, &mut out)?;
        Ok(out)
    }

    /// [`FieldKey::seal`] into `out`, which is cleared first (one buffer serves every segment).
    ///
    /// # Errors
    /// As [`FieldKey::seal`].
    pub(crate) fn seal_into(
        &self,
        nonces: &mut RandomPool,
        aad: &[u8],
        plaintext: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let nonce = nonces.nonce()?;
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

/// How many random bytes are drawn from the CSPRNG at a time: the data keys, role-set keys and
/// nonces of a typical record (up to about 70 encrypted fields) cost one draw.
const POOL_BYTES: usize = 1024;

/// Random bytes from the operating system's CSPRNG, drawn [`POOL_BYTES`] at a time, each byte
/// handed out once (as a nonce, or as a secret key whose bytes are wiped from the pool). The
/// pool zeroizes itself on drop.
pub(crate) struct RandomPool {
    bytes: Zeroizing<[u8; POOL_BYTES]>,
    used: usize,
}

impl RandomPool {
    /// An empty pool; the first request draws a batch.
    pub(crate) fn new() -> Self {
        RandomPool { bytes: Zeroizing::new([0; POOL_BYTES]), used: POOL_BYTES }
    }

    /// The next unused nonce.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the random source fails.
    pub(crate) fn nonce(&mut self) -> Result<[u8; NONCE_LEN]> {
        let mut nonce = [0u8; NONCE_LEN];
        self.take(&mut nonce)?;
        Ok(nonce)
    }

    /// A fresh 32-byte salt (a key header's).
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the random source fails.
    pub(crate) fn salt(&mut self) -> Result<[u8; 32]> {
        let mut salt = [0u8; 32];
        self.take(&mut salt)?;
        Ok(salt)
    }

    /// A fresh 32-byte secret key.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the random source fails.
    pub(crate) fn secret_key(&mut self) -> Result<SecretBytes<32>> {
        let mut key = [0u8; 32];
        self.take(&mut key)?;
        Ok(SecretBytes::from_array(&mut key))
    }

    fn take(&mut self, out: &mut [u8]) -> Result<()> {
        if self.used + out.len() > POOL_BYTES {
            random::fill(&mut self.bytes[..])?;
            self.used = 0;
        }
        let end = self.used + out.len();
        let taken = self.bytes.get_mut(self.used..end).ok_or(Error::RandomUnavailable)?;
        out.copy_from_slice(taken);
        taken.fill(0);
        self.used = end;
        Ok(())
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
        let mut nonces = RandomPool::new();
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
        let mut pool = RandomPool::new();
        let drawn: Vec<[u8; NONCE_LEN]> = (0..3 * POOL_BYTES / NONCE_LEN + 1).map(|_| pool.nonce().unwrap()).collect();
        let distinct: std::collections::BTreeSet<_> = drawn.iter().collect();
        assert_eq!(distinct.len(), drawn.len());
        let keys: Vec<[u8; 32]> = (0..3 * POOL_BYTES / 32 + 1).map(|_| *pool.secret_key().unwrap().expose()).collect();
        assert_eq!(keys.iter().collect::<std::collections::BTreeSet<_>>().len(), keys.len());
        assert!(pool.bytes[..pool.used].iter().all(|&b| b == 0), "handed-out bytes are wiped");
    }
}
