//! JSON Web Keys for X25519 (RFC 7517, RFC 8037 section 2): `{"kty":"OKP","crv":"X25519",
//! "x":...}` for a public key, plus `"d"` for a private one.
//!
//! Export always writes the same members in the same order and adds `"kid"`, the RFC 7638
//! thumbprint ([`crate::keys::KeyId`]). Import is strict, so that one key has one accepted
//! text and a JWK never means something other than what a reader sees (rules in `docs/KEYS.md`):
//! exact `kty`/`crv`, canonical unpadded base64url, 32-byte values, a canonical and
//! full-order `x`, no repeated member, `use`/`key_ops`/`alg` compatible with key agreement,
//! a `kid` (if any) equal to the thumbprint, and a `d` that matches `x`.

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::jwk_members::{JwkMembers, MemberValue};
use crate::keys::{KeyPair, PublicKey, SecretKey, KEY_LEN};
use crate::primitives::base64;

/// Longest JWK text accepted, in bytes. A real X25519 JWK is under 300 bytes.
pub const MAX_JWK_LEN: usize = 8 * 1024;

/// `key_ops` values (RFC 7517 section 4.3) that fit an X25519 key-agreement key.
const AGREEMENT_KEY_OPS: [&str; 2] = ["deriveKey", "deriveBits"];

/// The prefix of every JOSE / COSE `alg` that uses an X25519 key for key agreement
/// (RFC 7518 section 4.6 `ECDH-ES*`, and the JOSE HPKE drafts `HPKE-*`).
const AGREEMENT_ALG_PREFIXES: [&str; 2] = ["ECDH-ES", "HPKE-"];

impl PublicKey {
    /// This key as a public JWK: `{"kty":"OKP","crv":"X25519","x":"…","kid":"…"}`.
    #[must_use]
    pub fn to_jwk(&self) -> String {
        format!(
            r#"{{"kty":"OKP","crv":"X25519","x":"{}","kid":"{}"}}"#,
            base64::encode(self.as_bytes()),
            self.key_id().to_text()
        )
    }

    /// Imports a public JWK, following the rules in `docs/KEYS.md`.
    ///
    /// # Errors
    /// - [`Error::LimitExceeded`] when the text is longer than [`MAX_JWK_LEN`];
    /// - [`Error::Malformed`] for invalid JSON, a repeated member, a member of the wrong type,
    ///   non-canonical base64url, or a `kid` that is not this key's thumbprint;
    /// - [`Error::InvalidKey`] for another key type or curve, a wrong length, a non-canonical,
    ///   all-zero or low-order `x`, or a `use`/`key_ops`/`alg` not meant for key agreement;
    /// - [`Error::InvalidArgument`] when the JWK carries a private key (`d`): a secret must
    ///   never be handled as if it were shareable.
    pub fn from_jwk(text: &str) -> Result<Self> {
        let members = parse_checked(text)?;
        let public = public_key_of(&members)?;
        if members.get("d").is_some() {
            return Err(Error::InvalidArgument("private JWK where a public key was expected"));
        }
        Ok(public)
    }
}

impl KeyPair {
    /// This key pair as a private JWK: `{"kty":"OKP","crv":"X25519","x":"…","d":"…","kid":"…"}`.
    ///
    /// # Security
    /// The result contains the secret key in clear. It is zeroized when dropped; do not copy
    /// it into ordinary strings, logs or storage. Prefer
    /// [`KeyPair::export_with_password`].
    #[must_use]
    pub fn dangerous_export_private_jwk(&self) -> Zeroizing<String> {
        let public = self.public_key();
        let secret = self.secret_key().dangerous_export_bytes();
        let d = Zeroizing::new(base64::encode(secret.expose()));
        let x = base64::encode(public.as_bytes());
        let kid = public.key_id().to_text();
        let mut out = Zeroizing::new(String::with_capacity(64 + x.len() + d.len() + kid.len()));
        for piece in [r#"{"kty":"OKP","crv":"X25519","x":""#, &x, r#"","d":""#, &d, r#"","kid":""#, &kid, r#""}"#] {
            out.push_str(piece);
        }
        out
    }

    /// Imports a private JWK, following the rules in `docs/KEYS.md`.
    ///
    /// # Errors
    /// Those of [`PublicKey::from_jwk`] (except the one about `d`), plus
    /// [`Error::Malformed`] when `d` is missing and [`Error::InvalidKey`] when `d` is not
    /// 32 bytes or does not belong to `x`.
    pub fn from_private_jwk(text: &str) -> Result<Self> {
        let mut members = parse_checked(text)?;
        let public = public_key_of(&members)?;
        let d = Zeroizing::new(members.take_text("d")?.ok_or(Error::Malformed("JWK lacks d"))?);
        let secret_bytes = Zeroizing::new(base64::decode(&d)?);
        if secret_bytes.len() != KEY_LEN {
            return Err(Error::InvalidKey("wrong length"));
        }
        let pair = KeyPair::from_secret(SecretKey::from_bytes(&secret_bytes)?)?;
        if !bool::from(pair.public_key().as_bytes().ct_eq(public.as_bytes())) {
            return Err(Error::InvalidKey("d does not match x"));
        }
        Ok(pair)
    }
}

/// Parses the text and applies every check that does not depend on `x` or `d`.
fn parse_checked(text: &str) -> Result<JwkMembers> {
    if text.len() > MAX_JWK_LEN {
        return Err(Error::LimitExceeded("JWK text length"));
    }
    let members = JwkMembers::parse(text)?;
    let kty = members.text("kty")?.ok_or(Error::Malformed("JWK lacks kty"))?;
    let crv = members.text("crv")?.ok_or(Error::Malformed("JWK lacks crv"))?;
    if kty != "OKP" || crv != "X25519" {
        return Err(Error::InvalidKey("JWK is not an OKP X25519 key"));
    }
    check_intended_use(&members)?;
    Ok(members)
}

/// RFC 7517 sections 4.2-4.4: the key must be meant for key agreement.
fn check_intended_use(members: &JwkMembers) -> Result<()> {
    if members.text("use")?.is_some_and(|use_| use_ != "enc") {
        return Err(Error::InvalidKey("JWK use is not enc"));
    }
    match members.get("key_ops") {
        None => {}
        Some(MemberValue::TextList(ops)) => check_key_ops(ops)?,
        Some(_) => return Err(Error::Malformed("JWK member has the wrong type")),
    }
    let alg = members.text("alg")?;
    if alg.is_some_and(|alg| !AGREEMENT_ALG_PREFIXES.iter().any(|prefix| alg.starts_with(prefix))) {
        return Err(Error::InvalidKey("JWK alg is not a key-agreement algorithm"));
    }
    Ok(())
}

/// Every operation must be a key-agreement one, listed once. An empty list is accepted:
/// WebCrypto exports X25519 public keys with `"key_ops":[]`.
fn check_key_ops(ops: &[String]) -> Result<()> {
    if ops.iter().any(|op| !AGREEMENT_KEY_OPS.contains(&op.as_str())) {
        return Err(Error::InvalidKey("JWK key_ops are not for key agreement"));
    }
    let repeated = ops.iter().enumerate().any(|(i, op)| ops.iter().skip(i + 1).any(|later| later == op));
    if repeated {
        return Err(Error::Malformed("duplicate key_ops value"));
    }
    Ok(())
}

/// Decodes and validates `x`, then checks `kid` against its thumbprint.
fn public_key_of(members: &JwkMembers) -> Result<PublicKey> {
    let x = members.text("x")?.ok_or(Error::Malformed("JWK lacks x"))?;
    let raw = base64::decode(x)?;
    let raw: [u8; KEY_LEN] = raw.as_slice().try_into().map_err(|_| Error::InvalidKey("wrong length"))?;
    if !is_canonical_u(&raw) {
        return Err(Error::InvalidKey("x is not a canonical u-coordinate"));
    }
    let public = PublicKey::from_bytes(&raw)?;
    if members.text("kid")?.is_some_and(|kid| kid != public.key_id().to_text()) {
        return Err(Error::Malformed("kid does not match key"));
    }
    Ok(public)
}

/// RFC 7748 section 5: a u-coordinate is canonical when it is below p = 2^255 - 19, which
/// also means its top bit is clear. Non-canonical encodings name the same point as a
/// canonical one, so accepting them would give one key two thumbprints.
fn is_canonical_u(u: &[u8; KEY_LEN]) -> bool {
    let [low, middle @ .., high] = u;
    match *high {
        0x80..=0xff => false,
        0x7f => !(middle.iter().all(|&b| b == 0xff) && *low >= 0xed),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_u_boundary() {
        let mut p_minus_1 = [0xff; KEY_LEN];
        p_minus_1[0] = 0xec;
        p_minus_1[31] = 0x7f;
        assert!(is_canonical_u(&p_minus_1));
        let mut p = p_minus_1;
        p[0] = 0xed;
        assert!(!is_canonical_u(&p));
        let mut high_bit = [0u8; KEY_LEN];
        high_bit[31] = 0x80;
        assert!(!is_canonical_u(&high_bit));
        let mut below = p;
        below[5] = 0xfe;
        assert!(is_canonical_u(&below));
    }

    #[test]
    fn key_ops_rules() {
        let ops = |list: &[&str]| list.iter().map(|op| (*op).to_owned()).collect::<Vec<_>>();
        assert!(check_key_ops(&ops(&[])).is_ok());
        assert!(check_key_ops(&ops(&["deriveBits", "deriveKey"])).is_ok());
        assert_eq!(check_key_ops(&ops(&["sign"])).unwrap_err().code(), "INVALID_KEY");
        assert_eq!(check_key_ops(&ops(&["deriveKey", "deriveKey"])).unwrap_err().code(), "MALFORMED");
    }
}
