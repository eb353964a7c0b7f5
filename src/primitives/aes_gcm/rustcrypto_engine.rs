//! The portable engine of [`super::Aes256GcmKey`]: RustCrypto `aes-gcm` (AES-NI and CLMUL when
//! detected at run time, constant-time bitsliced AES and GHASH otherwise, as on WebAssembly).

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce, Tag};

use super::{KEY_LEN, NONCE_LEN, TAG_LEN};
use crate::error::Result;

pub(super) struct EngineKey(Aes256Gcm);

impl EngineKey {
    #[allow(clippy::unnecessary_wraps)] // the same signature as the ring engine's
    pub(super) fn new(key: &[u8; KEY_LEN]) -> Result<Self> {
        Ok(Self(Aes256Gcm::new(key.into())))
    }

    /// `None` when the input is too long for GCM.
    pub(super) fn seal_in_place(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], buf: &mut [u8]) -> Option<[u8; TAG_LEN]> {
        let tag = self.0.encrypt_in_place_detached(Nonce::from_slice(nonce), aad, buf).ok()?;
        Some(tag.into())
    }

    /// `true` when the tag verified and `buf` now holds the plaintext.
    pub(super) fn open_in_place(
        &self,
        nonce: &[u8; NONCE_LEN],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8; TAG_LEN],
    ) -> bool {
        self.0.decrypt_in_place_detached(Nonce::from_slice(nonce), aad, buf, Tag::from_slice(tag)).is_ok()
    }
}
