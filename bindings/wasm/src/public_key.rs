//! JS class `PublicKey`: a recipient's X25519 public key (RFC 7748).

use wasm_bindgen::prelude::*;

use crate::error::{IntoJs, JsResult};

/// A recipient's X25519 public key. Safe to share; validated on construction (no all-zero
/// or low-order points).
#[wasm_bindgen]
pub struct PublicKey {
    inner: phiseal::keys::PublicKey,
}

impl PublicKey {
    /// Wraps a core key.
    pub(crate) fn from_core(inner: phiseal::keys::PublicKey) -> Self {
        Self { inner }
    }
}

#[wasm_bindgen]
impl PublicKey {
    /// Parses 32 raw bytes. Throws `INVALID_KEY` for a wrong length, all-zero or low-order key.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> JsResult<PublicKey> {
        phiseal::keys::PublicKey::from_bytes(bytes).map(Self::from_core).into_js()
    }

    /// The raw 32 bytes.
    #[wasm_bindgen(getter)]
    pub fn bytes(&self) -> Vec<u8> {
        self.inner.to_bytes().to_vec()
    }

    /// The RFC 7638 thumbprint, base64url.
    #[wasm_bindgen(getter, js_name = keyId)]
    pub fn key_id(&self) -> String {
        self.inner.key_id().to_text()
    }

    /// True when both keys are the same.
    pub fn equals(&self, other: &PublicKey) -> bool {
        self.inner == other.inner
    }
}
