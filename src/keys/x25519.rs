//! X25519 key types (RFC 7748) with the checks RFC 9180 section 7.1.4 asks of DHKEM:
//! public keys that are all-zero or of low order are refused on construction, and a
//! Diffie-Hellman result of all zeros is refused with a constant-time comparison right
//! beside the scalar multiplication.

use core::fmt;

use subtle::ConstantTimeEq;
use x25519_dalek::{PublicKey as DalekPublic, StaticSecret};
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::primitives::secret::SecretBytes;

/// Length in bytes of X25519 public keys, secret keys and shared secrets.
pub const KEY_LEN: usize = 32;

/// The u-coordinates of the points of order 1, 2, 4 and 8 on Curve25519, and their
/// non-canonical encodings below 2^255 (the list libsodium's `has_small_order` uses). X25519
/// ignores bit 255, so it is masked before comparing. Every public key whose X25519 product
/// with any scalar can be all zeros is on this list (RFC 7748 section 6.1; the 31
/// ZeroSharedSecret cases of Wycheproof's x25519_test.json are checked in tests).
const LOW_ORDER_POINTS: [[u8; KEY_LEN]; 7] = [
    [0; KEY_LEN],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [
        0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a, 0xda, 0x09,
        0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00,
    ],
    [
        0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef, 0x5b, 0x04, 0x44,
        0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f, 0x11, 0x57,
    ],
    prime_plus(-1),
    prime_plus(0),
    prime_plus(1),
];

/// The little-endian encoding of p + delta, p = 2^255 - 19.
const fn prime_plus(delta: i8) -> [u8; KEY_LEN] {
    let mut out = [0xff; KEY_LEN];
    out[0] = (0xed_i16 + delta as i16) as u8;
    out[KEY_LEN - 1] = 0x7f;
    out
}

/// Constant-time membership test in [`LOW_ORDER_POINTS`].
fn is_low_order(u: &[u8; KEY_LEN]) -> bool {
    let mut masked = *u;
    if let Some(last) = masked.last_mut() {
        *last &= 0x7f;
    }
    let mut found = subtle::Choice::from(0);
    for point in &LOW_ORDER_POINTS {
        found |= masked.ct_eq(point);
    }
    found.into()
}

/// A recipient's X25519 public key. Always of full order.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey([u8; KEY_LEN]);

impl PublicKey {
    /// Parses a raw 32-byte public key (RFC 7748 u-coordinate, little-endian).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] for a wrong length, an all-zero or a low-order point.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let raw: [u8; KEY_LEN] = bytes.try_into().map_err(|_| Error::InvalidKey("wrong length"))?;
        if is_low_order(&raw) {
            return Err(Error::InvalidKey("low-order public key"));
        }
        Ok(Self(raw))
    }

    /// The raw 32 bytes.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; KEY_LEN] {
        self.0
    }

    /// Borrow the raw 32 bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", crate::primitives::base64::encode(&self.0))
    }
}

/// An X25519 secret key. Zeroized on drop, never printed.
#[derive(Clone)]
pub struct SecretKey(StaticSecret);

impl SecretKey {
    /// A fresh random secret key.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the random source fails.
    pub fn generate() -> Result<Self> {
        let bytes = SecretBytes::<KEY_LEN>::random()?;
        Ok(Self(StaticSecret::from(*bytes.expose())))
    }

    /// Imports raw secret bytes (clamping happens inside X25519 as RFC 7748 specifies).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when the length is not 32 or the key's public half is invalid.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut raw: [u8; KEY_LEN] = bytes.try_into().map_err(|_| Error::InvalidKey("wrong length"))?;
        let key = Self(StaticSecret::from(raw));
        raw.zeroize();
        key.public_key()?;
        Ok(key)
    }

    /// The matching public key.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] if the secret is degenerate (e.g. all zeros).
    pub fn public_key(&self) -> Result<PublicKey> {
        PublicKey::from_bytes(DalekPublic::from(&self.0).as_bytes())
    }

    /// X25519(self, peer), refusing an all-zero result (RFC 9180 section 7.1.4).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when the shared secret is all zeros.
    pub fn diffie_hellman(&self, peer: &PublicKey) -> Result<SharedSecret> {
        let shared = self.0.diffie_hellman(&DalekPublic::from(peer.0));
        if bool::from(shared.as_bytes().ct_eq(&[0u8; KEY_LEN])) {
            return Err(Error::InvalidKey("all-zero shared secret"));
        }
        Ok(SharedSecret(SecretBytes::from_slice(shared.as_bytes())?))
    }

    /// The raw secret bytes, in a zeroizing container. Named so that exporting a secret is
    /// always visible at the call site.
    #[must_use]
    pub fn dangerous_export_bytes(&self) -> SecretBytes<KEY_LEN> {
        let mut raw = self.0.to_bytes();
        SecretBytes::from_array(&mut raw)
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey([redacted])")
    }
}

/// The output of X25519, zeroized on drop.
pub struct SharedSecret(SecretBytes<KEY_LEN>);

impl SharedSecret {
    /// The shared secret bytes.
    #[must_use]
    pub fn expose(&self) -> &[u8; KEY_LEN] {
        self.0.expose()
    }
}

impl fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SharedSecret([redacted])")
    }
}

/// A secret key and its public key.
#[derive(Clone)]
pub struct KeyPair {
    secret: SecretKey,
    public: PublicKey,
}

impl KeyPair {
    /// Generates a fresh key pair.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the random source fails.
    pub fn generate() -> Result<Self> {
        Self::from_secret(SecretKey::generate()?)
    }

    /// Builds the pair from a secret key.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] if the secret is degenerate.
    pub fn from_secret(secret: SecretKey) -> Result<Self> {
        let public = secret.public_key()?;
        Ok(Self { secret, public })
    }

    /// The public half.
    #[must_use]
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The secret half.
    #[must_use]
    pub fn secret_key(&self) -> &SecretKey {
        &self.secret
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair").field("public", &self.public).field("secret", &"[redacted]").finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_zero_and_low_order_points() {
        assert!(PublicKey::from_bytes(&[0u8; 32]).is_err());
        let mut one = [0u8; 32];
        one[0] = 1;
        assert!(PublicKey::from_bytes(&one).is_err());
        assert!(PublicKey::from_bytes(&[9u8; 31]).is_err());
    }

    /// The list must agree with the definition: a point is of low order exactly when X25519
    /// with a clamped scalar (a multiple of the cofactor) gives all zeros.
    #[test]
    fn low_order_list_matches_scalar_multiplication() {
        let probe = StaticSecret::from([0x5a; 32]);
        for point in &LOW_ORDER_POINTS {
            for top in [0u8, 0x80] {
                let mut u = *point;
                u[31] |= top;
                assert!(bool::from(probe.diffie_hellman(&DalekPublic::from(u)).as_bytes().ct_eq(&[0; 32])));
                assert!(PublicKey::from_bytes(&u).is_err());
            }
        }
        for _ in 0..64 {
            let public = KeyPair::generate().unwrap().public_key().to_bytes();
            assert!(!is_low_order(&public));
        }
    }

    #[test]
    fn generated_pairs_agree() {
        let a = KeyPair::generate().unwrap();
        let b = KeyPair::generate().unwrap();
        let ab = a.secret_key().diffie_hellman(b.public_key()).unwrap();
        let ba = b.secret_key().diffie_hellman(a.public_key()).unwrap();
        assert_eq!(ab.expose(), ba.expose());
    }

    #[test]
    fn debug_is_redacted() {
        let pair = KeyPair::generate().unwrap();
        let secret = pair.secret_key().dangerous_export_bytes();
        let hexed: String = secret.expose().iter().map(|b| format!("{b:02x}")).collect();
        let printed = format!("{pair:?} {:?}", pair.secret_key());
        assert!(printed.contains("[redacted]"));
        assert!(!printed.contains(&hexed));
    }
}
