//! Stable key ids: the RFC 7638 JWK thumbprint of an X25519 public key.
//!
//! RFC 7638 section 3.2: the required members of an OKP key (RFC 8037 section 2) are `crv`,
//! `kty` and `x`; they are serialised in lexicographic order with no whitespace and hashed
//! with SHA-256. The id is those 32 bytes; its text form is their unpadded base64url.

use core::fmt;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::primitives::base64;

/// Length in bytes of a key id.
pub const KEY_ID_LEN: usize = 32;

/// How many recently seen public keys keep their id in [`RECENT_IDS`].
const RECENT_IDS_KEPT: usize = 16;

thread_local! {
    /// The ids of the last public keys whose id was computed (oldest first): every key header
    /// needs the id of each recipient, and an app seals many records and envelopes to the same
    /// few recipients. Public keys and their ids are public; a hit only skips a SHA-256.
    static RECENT_IDS: core::cell::RefCell<Vec<([u8; 32], KeyId)>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// The RFC 7638 SHA-256 thumbprint of a recipient's public key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId([u8; KEY_ID_LEN]);

impl KeyId {
    /// The thumbprint of `public`.
    #[must_use]
    pub fn of(public: &PublicKey) -> Self {
        let key = public.as_bytes();
        let known = RECENT_IDS.with_borrow(|recent| recent.iter().find(|(seen, _)| seen == key).map(|(_, id)| *id));
        if let Some(id) = known {
            return id;
        }
        let canonical = format!(r#"{{"crv":"X25519","kty":"OKP","x":"{}"}}"#, base64::encode(key));
        let id = Self(Sha256::digest(canonical.as_bytes()).into());
        RECENT_IDS.with_borrow_mut(|recent| {
            if recent.len() >= RECENT_IDS_KEPT {
                recent.remove(0);
            }
            recent.push((*key, id));
        });
        id
    }

    /// Wraps 32 raw bytes read from a header.
    ///
    /// # Errors
    /// [`Error::Malformed`] when the length is not 32.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        bytes.try_into().map(Self).map_err(|_| Error::Malformed("key id length"))
    }

    /// Parses the base64url text form.
    ///
    /// # Errors
    /// [`Error::Malformed`] unless the text is canonical base64url of 32 bytes.
    pub fn from_text(text: &str) -> Result<Self> {
        Self::from_bytes(&base64::decode(text)?)
    }

    /// The raw 32 bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; KEY_ID_LEN] {
        &self.0
    }

    /// The base64url text form (the `kid` of the JWK).
    #[must_use]
    pub fn to_text(&self) -> String {
        base64::encode(&self.0)
    }
}

impl PublicKey {
    /// This key's RFC 7638 thumbprint.
    #[must_use]
    pub fn key_id(&self) -> KeyId {
        KeyId::of(self)
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({})", self.to_text())
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 8037 appendix A.6 gives Bob's X25519 public key; its thumbprint computed by hand
    /// from the RFC 7638 recipe (sha256 of the canonical JSON) must match.
    #[test]
    fn thumbprint_follows_rfc7638_recipe() {
        let x = "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08";
        let public = PublicKey::from_bytes(&base64::decode(x).unwrap()).unwrap();
        let json = format!(r#"{{"crv":"X25519","kty":"OKP","x":"{x}"}}"#);
        let expected: [u8; 32] = Sha256::digest(json.as_bytes()).into();
        assert_eq!(public.key_id().as_bytes(), &expected);
        assert_eq!(KeyId::from_text(&public.key_id().to_text()).unwrap(), public.key_id());
    }

    /// Ids kept for recently seen keys are the ids: every key still gets its own thumbprint
    /// while more keys than are kept come and go.
    #[test]
    fn remembered_ids_are_the_thumbprints() {
        let keys: Vec<PublicKey> =
            (0..2 * RECENT_IDS_KEPT + 3).map(|_| *crate::keys::KeyPair::generate().unwrap().public_key()).collect();
        let thumbprint = |key: &PublicKey| {
            let json = format!(r#"{{"crv":"X25519","kty":"OKP","x":"{}"}}"#, base64::encode(key.as_bytes()));
            Sha256::digest(json.as_bytes()).to_vec()
        };
        for _ in 0..2 {
            for key in keys.iter().chain(keys.iter().rev()) {
                assert_eq!(key.key_id().as_bytes().to_vec(), thumbprint(key));
            }
        }
        assert!(RECENT_IDS.with_borrow(Vec::len) <= RECENT_IDS_KEPT);
    }
}
