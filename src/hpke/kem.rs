//! DHKEM(X25519, HKDF-SHA256), RFC 9180 section 4.1, and the encapsulated key it produces.
//!
//! X25519 public keys that are all-zero or of low order are refused when parsed
//! ([`PublicKey::from_bytes`]) and an all-zero Diffie-Hellman output is refused by
//! [`SecretKey::diffie_hellman`], as section 7.1.4 requires.

use core::fmt;

use crate::error::Result;
use crate::hpke::labeled::{labeled_expand, labeled_extract, KEM_SUITE_ID, N_SECRET};
use crate::keys::{PublicKey, SecretKey, KEY_LEN};
use crate::primitives::secret::SecretBytes;

/// Length in bytes of an encapsulated key (`Nenc` of DHKEM(X25519, HKDF-SHA256), RFC 9180
/// Table 2).
pub const ENC_LEN: usize = 32;

/// The KEM's shared secret (`Nsecret` bytes), zeroized on drop.
pub(crate) type KemSharedSecret = SecretBytes<N_SECRET>;

/// The encapsulated key `enc`: the sender's ephemeral X25519 public key, sent alongside the
/// ciphertext. Always a valid (non-zero, full-order) point.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Encapsulated(PublicKey);

impl Encapsulated {
    /// Parses `enc` as received from a sender.
    ///
    /// # Errors
    /// [`crate::Error::InvalidKey`] when `bytes` is not 32 bytes, is all-zero or is a
    /// low-order point.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(Self(PublicKey::from_bytes(bytes)?))
    }

    /// The 32 bytes to transmit (`SerializePublicKey(pkE)`).
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; ENC_LEN] {
        self.0.as_bytes()
    }

    /// A copy of the 32 bytes to transmit.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; ENC_LEN] {
        self.0.to_bytes()
    }
}

impl fmt::Debug for Encapsulated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Encapsulated({})", crate::primitives::base64::encode(self.as_bytes()))
    }
}

/// ```text
/// def ExtractAndExpand(dh, kem_context):
///   eae_prk = LabeledExtract("", "eae_prk", dh)
///   shared_secret = LabeledExpand(eae_prk, "shared_secret",
///                                 kem_context, Nsecret)
///   return shared_secret
/// ```
fn extract_and_expand(dh: &[&[u8]], kem_context: &[u8]) -> Result<KemSharedSecret> {
    let eae_prk = labeled_extract(&KEM_SUITE_ID, b"", b"eae_prk", dh);
    let mut shared = [0u8; N_SECRET];
    let expanded = labeled_expand(&KEM_SUITE_ID, &eae_prk, b"shared_secret", kem_context, &mut shared);
    let secret = SecretBytes::from_array(&mut shared);
    expanded.map(|()| secret)
}

/// `kem_context = concat(enc, pkRm[, pkSm])`.
fn kem_context(enc: &PublicKey, pk_r: &PublicKey, pk_s: Option<&PublicKey>) -> Vec<u8> {
    let mut context = Vec::with_capacity(3 * KEY_LEN);
    context.extend_from_slice(enc.as_bytes());
    context.extend_from_slice(pk_r.as_bytes());
    if let Some(pk_s) = pk_s {
        context.extend_from_slice(pk_s.as_bytes());
    }
    context
}

/// ```text
/// def Encap(pkR):
///   skE, pkE = GenerateKeyPair()
///   dh = DH(skE, pkR)
///   enc = SerializePublicKey(pkE)
///
///   pkRm = SerializePublicKey(pkR)
///   kem_context = concat(enc, pkRm)
///
///   shared_secret = ExtractAndExpand(dh, kem_context)
///   return shared_secret, enc
/// ```
///
/// The ephemeral key is taken by value and dropped (zeroized) here; callers draw it from
/// [`SecretKey::generate`] except in known-answer tests.
pub(crate) fn encap(pk_r: &PublicKey, sk_e: SecretKey) -> Result<(KemSharedSecret, Encapsulated)> {
    let dh = sk_e.diffie_hellman(pk_r)?;
    let pk_e = sk_e.public_key()?;
    let shared = extract_and_expand(&[dh.expose()], &kem_context(&pk_e, pk_r, None))?;
    Ok((shared, Encapsulated(pk_e)))
}

/// ```text
/// def Decap(enc, skR):
///   pkE = DeserializePublicKey(enc)
///   dh = DH(skR, pkE)
///
///   pkRm = SerializePublicKey(pk(skR))
///   kem_context = concat(enc, pkRm)
///
///   shared_secret = ExtractAndExpand(dh, kem_context)
///   return shared_secret
/// ```
pub(crate) fn decap(enc: &Encapsulated, sk_r: &SecretKey) -> Result<KemSharedSecret> {
    let dh = sk_r.diffie_hellman(&enc.0)?;
    let pk_r = sk_r.public_key()?;
    extract_and_expand(&[dh.expose()], &kem_context(&enc.0, &pk_r, None))
}

/// ```text
/// def AuthEncap(pkR, skS):
///   skE, pkE = GenerateKeyPair()
///   dh = concat(DH(skE, pkR), DH(skS, pkR))
///   enc = SerializePublicKey(pkE)
///
///   pkRm = SerializePublicKey(pkR)
///   pkSm = SerializePublicKey(pk(skS))
///   kem_context = concat(enc, pkRm, pkSm)
///
///   shared_secret = ExtractAndExpand(dh, kem_context)
///   return shared_secret, enc
/// ```
pub(crate) fn auth_encap(
    pk_r: &PublicKey,
    sk_s: &SecretKey,
    sk_e: SecretKey,
) -> Result<(KemSharedSecret, Encapsulated)> {
    let dh_e = sk_e.diffie_hellman(pk_r)?;
    let dh_s = sk_s.diffie_hellman(pk_r)?;
    let pk_e = sk_e.public_key()?;
    let pk_s = sk_s.public_key()?;
    let context = kem_context(&pk_e, pk_r, Some(&pk_s));
    let shared = extract_and_expand(&[dh_e.expose(), dh_s.expose()], &context)?;
    Ok((shared, Encapsulated(pk_e)))
}

/// ```text
/// def AuthDecap(enc, skR, pkS):
///   pkE = DeserializePublicKey(enc)
///   dh = concat(DH(skR, pkE), DH(skR, pkS))
///
///   pkRm = SerializePublicKey(pk(skR))
///   pkSm = SerializePublicKey(pkS)
///   kem_context = concat(enc, pkRm, pkSm)
///
///   shared_secret = ExtractAndExpand(dh, kem_context)
///   return shared_secret
/// ```
pub(crate) fn auth_decap(enc: &Encapsulated, sk_r: &SecretKey, pk_s: &PublicKey) -> Result<KemSharedSecret> {
    let dh_e = sk_r.diffie_hellman(&enc.0)?;
    let dh_s = sk_r.diffie_hellman(pk_s)?;
    let pk_r = sk_r.public_key()?;
    let context = kem_context(&enc.0, &pk_r, Some(pk_s));
    extract_and_expand(&[dh_e.expose(), dh_s.expose()], &context)
}

/// ```text
/// def DeriveKeyPair(ikm):
///   dkp_prk = LabeledExtract("", "dkp_prk", ikm)
///   sk = LabeledExpand(dkp_prk, "sk", "", Nsk)
///   return (sk, pk(sk))
/// ```
///
/// Section 7.1.3; only the known-answer tests use it, to check the Appendix A key pairs.
#[cfg(test)]
pub(crate) fn derive_key_pair(ikm: &[u8]) -> Result<SecretKey> {
    let dkp_prk = labeled_extract(&KEM_SUITE_ID, b"", b"dkp_prk", &[ikm]);
    let mut sk = [0u8; KEY_LEN];
    labeled_expand(&KEM_SUITE_ID, &dkp_prk, b"sk", b"", &mut sk)?;
    let key = SecretKey::from_bytes(&sk);
    zeroize::Zeroize::zeroize(&mut sk);
    key
}
