//! Fixed-size secret bytes that zeroize on drop, compare in constant time and never print.

use core::fmt;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::{Error, Result};
use crate::primitives::random;

/// `N` secret bytes. Not `Copy`; `Clone` is explicit so copies are visible in review.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SecretBytes<const N: usize>(Box<[u8; N]>);

impl<const N: usize> SecretBytes<N> {
    /// Fresh bytes from the operating system's CSPRNG.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the random source fails.
    pub fn random() -> Result<Self> {
        let mut bytes = Box::new([0u8; N]);
        random::fill(&mut bytes[..])?;
        Ok(Self(bytes))
    }

    /// Takes ownership of `bytes`; the caller's array is zeroized.
    pub fn from_array(bytes: &mut [u8; N]) -> Self {
        let out = Self(Box::new(*bytes));
        bytes.zeroize();
        out
    }

    /// Copies from a slice that must be exactly `N` bytes long.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when the length differs.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        let array: &[u8; N] = bytes.try_into().map_err(|_| Error::InvalidKey("wrong length"))?;
        Ok(Self(Box::new(*array)))
    }

    /// The secret bytes. Callers must not copy them into non-zeroizing storage.
    #[must_use]
    pub fn expose(&self) -> &[u8; N] {
        &self.0
    }
}

impl<const N: usize> ConstantTimeEq for SecretBytes<N> {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.0[..].ct_eq(&other.0[..])
    }
}

impl<const N: usize> PartialEq for SecretBytes<N> {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}
impl<const N: usize> Eq for SecretBytes<N> {}

impl<const N: usize> fmt::Debug for SecretBytes<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes<{N}>([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_prints_no_secret() {
        let s = SecretBytes::<4>::from_slice(&[0xAB, 0xCD, 0xEF, 0x01]).unwrap();
        assert_eq!(format!("{s:?}"), "SecretBytes<4>([redacted])");
    }

    #[test]
    fn wrong_length_rejected() {
        assert_eq!(SecretBytes::<32>::from_slice(&[0; 31]).unwrap_err().code(), "INVALID_KEY");
    }

    #[test]
    fn equality_is_by_value() {
        let a = SecretBytes::<2>::from_slice(&[1, 2]).unwrap();
        assert_eq!(a, SecretBytes::<2>::from_slice(&[1, 2]).unwrap());
        assert_ne!(a, SecretBytes::<2>::from_slice(&[1, 3]).unwrap());
    }
}
