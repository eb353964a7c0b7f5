//! HKDF-SHA256 (RFC 5869), the key derivation function of the HPKE suite (RFC 9180 section 7.2,
//! `kdf_id` 0x0001) and of other derived subkeys.
//!
//! Inputs and info strings are taken as lists of parts that HMAC absorbs one after another, so
//! a labelled derivation (`"HPKE-v1" || suite_id || label || ikm`) never copies secret input
//! key material into a temporary buffer. Pseudorandom keys live in a zeroizing [`Prk`].

use core::fmt;

use hkdf::{Hkdf, HkdfExtract};
use sha2::Sha256;

use crate::error::{Error, Result};
use crate::primitives::secret::SecretBytes;

/// Output length of SHA-256 in bytes (`Nh` in RFC 9180 Table 3).
pub const HASH_LEN: usize = 32;

/// Longest HKDF-Expand output: 255 blocks of `HashLen` (RFC 5869 section 2.3).
pub const MAX_OUTPUT_LEN: usize = 255 * HASH_LEN;

/// A pseudorandom key: the output of HKDF-Extract, input of HKDF-Expand. Zeroized on drop.
pub struct Prk(SecretBytes<HASH_LEN>);

impl Prk {
    /// Wraps a key that is already uniformly random (RFC 5869 section 3.3), such as an HPKE
    /// `exporter_secret`.
    pub fn from_secret(secret: SecretBytes<HASH_LEN>) -> Self {
        Self(secret)
    }

    /// The key bytes.
    pub fn expose(&self) -> &[u8; HASH_LEN] {
        self.0.expose()
    }

    /// HKDF-Expand(PRK, info, L) with `info` the concatenation of `info_parts` and `L` the
    /// length of `okm`.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] when `okm` is longer than [`MAX_OUTPUT_LEN`]; `okm` is then
    /// left untouched.
    pub fn expand(&self, info_parts: &[&[u8]], okm: &mut [u8]) -> Result<()> {
        let hkdf =
            Hkdf::<Sha256>::from_prk(self.0.expose()).map_err(|_| Error::InvalidKey("HKDF pseudorandom key length"))?;
        hkdf.expand_multi_info(info_parts, okm).map_err(|_| Error::LimitExceeded("HKDF output length"))
    }
}

impl fmt::Debug for Prk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Prk([redacted])")
    }
}

/// HKDF-Extract(salt, IKM) with `IKM` the concatenation of `ikm_parts`. An empty salt is the
/// same as `HashLen` zero bytes (RFC 5869 section 2.2), as HMAC pads short keys with zeros.
pub fn extract(salt: &[u8], ikm_parts: &[&[u8]]) -> Prk {
    let mut ctx = HkdfExtract::<Sha256>::new(Some(salt));
    for part in ikm_parts {
        ctx.input_ikm(part);
    }
    let (mut output, _) = ctx.finalize();
    let mut prk = [0u8; HASH_LEN];
    prk.copy_from_slice(&output);
    zeroize::Zeroize::zeroize(output.as_mut_slice());
    Prk(SecretBytes::from_array(&mut prk))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_concatenated() {
        let whole = extract(b"salt", &[b"hello world"]);
        let split = extract(b"salt", &[b"hello", b" ", b"world"]);
        assert_eq!(whole.expose(), split.expose());
        let (mut a, mut b) = ([0u8; 40], [0u8; 40]);
        whole.expand(&[b"abcdef"], &mut a).unwrap();
        whole.expand(&[b"ab", b"", b"cdef"], &mut b).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn output_limit_is_an_error_and_leaves_buffer() {
        let prk = extract(b"", &[b"ikm"]);
        let mut ok = vec![0u8; MAX_OUTPUT_LEN];
        prk.expand(&[], &mut ok).unwrap();
        let mut too_long = vec![7u8; MAX_OUTPUT_LEN + 1];
        assert_eq!(prk.expand(&[], &mut too_long), Err(Error::LimitExceeded("HKDF output length")));
        assert!(too_long.iter().all(|&b| b == 7));
    }

    #[test]
    fn debug_is_redacted() {
        assert_eq!(format!("{:?}", extract(b"", &[b"x"])), "Prk([redacted])");
    }
}
