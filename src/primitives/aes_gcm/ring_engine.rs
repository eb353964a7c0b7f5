//! The native engine of [`super::Aes256GcmKey`]: ring's `AES_256_GCM` (BoringSSL assembly).

use ring::aead::{Aad, LessSafeKey, Nonce, Tag, UnboundKey, AES_256_GCM};

use super::{KEY_LEN, NONCE_LEN, TAG_LEN};
use crate::error::{Error, Result};

pub(super) struct EngineKey(LessSafeKey);

impl EngineKey {
    pub(super) fn new(key: &[u8; KEY_LEN]) -> Result<Self> {
        let unbound = UnboundKey::new(&AES_256_GCM, key).map_err(|_| Error::InvalidKey("AES-256-GCM key"))?;
        Ok(Self(LessSafeKey::new(unbound)))
    }

    /// `None` when the input is too long for GCM.
    pub(super) fn seal_in_place(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], buf: &mut [u8]) -> Option<[u8; TAG_LEN]> {
        let nonce = Nonce::assume_unique_for_key(*nonce);
        let tag = self.0.seal_in_place_separate_tag(nonce, Aad::from(aad), buf).ok()?;
        tag.as_ref().try_into().ok()
    }

    /// `true` when the tag verified and `buf` now holds the plaintext.
    pub(super) fn open_in_place(
        &self,
        nonce: &[u8; NONCE_LEN],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8; TAG_LEN],
    ) -> bool {
        let nonce = Nonce::assume_unique_for_key(*nonce);
        self.0.open_in_place_separate_tag(nonce, Aad::from(aad), Tag::from(*tag), buf, 0..).is_ok()
    }
}
