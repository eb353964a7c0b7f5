//! JS class `PublicKey`: a recipient's X25519 public key (RFC 7748).

use wasm_bindgen::prelude::*;

use crate::convert;
use crate::error::{IntoJs, JsResult};
use crate::jwk;

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
    pub fn from_bytes(bytes: &JsValue) -> JsResult<PublicKey> {
        let bytes = convert::bytes(bytes, "public key")?;
        phiseal::keys::PublicKey::from_bytes(&bytes).map(Self::from_core).into_js()
    }

    /// Imports a public JWK (RFC 8037), given as JSON text or as an object. Strict: see
    /// `docs/KEYS.md`. A JWK carrying a private key is refused (`INVALID_ARGUMENT`).
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(jwk: &JsValue) -> JsResult<PublicKey> {
        let text = zeroize::Zeroizing::new(jwk::text_of(jwk)?);
        phiseal::keys::PublicKey::from_jwk(&text).map(Self::from_core).into_js()
    }

    /// This key as a public JWK object `{kty, crv, x, kid}`.
    #[wasm_bindgen(js_name = toJwk)]
    pub fn to_jwk(&self) -> JsResult<JsValue> {
        jwk::object_of(&self.inner.to_jwk())
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

    /// Eight groups of five digits, for comparing a key out of band.
    #[wasm_bindgen(getter)]
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_string()
    }

    /// True when both keys are the same.
    pub fn equals(&self, other: &PublicKey) -> bool {
        self.inner == other.inner
    }
}
