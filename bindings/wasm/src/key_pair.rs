//! JS class `KeyPair`: an X25519 identity whose secret half never leaves WebAssembly except
//! through functions named `dangerous*` (raw bytes, private JWK).

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use crate::convert;
use crate::error::{IntoJs, JsResult};
use crate::jwk;
use crate::key_backup;
use crate::public_key::PublicKey;

/// An opaque handle to a key pair held in WebAssembly memory. Call `free()` when done: the
/// secret is zeroized when the handle is freed (or garbage-collected).
#[wasm_bindgen]
pub struct KeyPair {
    inner: phiseal::keys::KeyPair,
}

impl KeyPair {
    /// Wraps a core key pair.
    pub(crate) fn from_core(inner: phiseal::keys::KeyPair) -> Self {
        Self { inner }
    }

    /// The core key pair.
    pub(crate) fn core(&self) -> &phiseal::keys::KeyPair {
        &self.inner
    }
}

#[wasm_bindgen]
impl KeyPair {
    /// Generates a fresh key pair from `crypto.getRandomValues`.
    pub fn generate() -> JsResult<KeyPair> {
        phiseal::keys::KeyPair::generate().map(Self::from_core).into_js()
    }

    /// Rebuilds a key pair from a raw 32-byte X25519 secret key.
    #[wasm_bindgen(js_name = fromRaw)]
    pub fn from_raw(secret: &JsValue) -> JsResult<KeyPair> {
        let secret = zeroize::Zeroizing::new(convert::bytes(secret, "secret key")?);
        let secret = phiseal::keys::SecretKey::from_bytes(&secret).into_js()?;
        phiseal::keys::KeyPair::from_secret(secret).map(Self::from_core).into_js()
    }

    /// Imports a private JWK (RFC 8037), given as JSON text or as an object.
    #[wasm_bindgen(js_name = fromPrivateJwk)]
    pub fn from_private_jwk(jwk: &JsValue) -> JsResult<KeyPair> {
        let text = zeroize::Zeroizing::new(jwk::text_of(jwk)?);
        phiseal::keys::KeyPair::from_private_jwk(&text).map(Self::from_core).into_js()
    }

    /// Unlocks a password-protected backup (`phiseal-key1.` text).
    #[wasm_bindgen(js_name = importWithPassword)]
    pub fn import_with_password(backup: &JsValue, password: &JsValue) -> JsResult<KeyPair> {
        key_backup::import(backup, password).map(Self::from_core)
    }

    /// Wraps this key pair under a password with Argon2id (default parameters: interactive).
    #[wasm_bindgen(js_name = exportWithPassword)]
    pub fn export_with_password(&self, password: &JsValue, params: &JsValue) -> JsResult<String> {
        key_backup::export(&self.inner, password, params)
    }

    /// The raw 32-byte secret key. Dangerous: the bytes are now in JS memory, which cannot be
    /// zeroized reliably.
    #[wasm_bindgen(js_name = dangerousExportRaw)]
    pub fn dangerous_export_raw(&self) -> Uint8Array {
        // Copied straight from the zeroizing buffer into a JS array: no unzeroized copy is
        // left behind in WebAssembly memory.
        Uint8Array::from(self.inner.secret_key().dangerous_export_bytes().expose().as_slice())
    }

    /// This key pair as a private JWK object (with `d`). Dangerous, as `dangerousExportRaw`.
    #[wasm_bindgen(js_name = dangerousExportPrivateJwk)]
    pub fn dangerous_export_private_jwk(&self) -> JsResult<JsValue> {
        jwk::object_of(&self.inner.dangerous_export_private_jwk())
    }

    /// The public half as a public JWK object.
    #[wasm_bindgen(js_name = toPublicJwk)]
    pub fn to_public_jwk(&self) -> JsResult<JsValue> {
        jwk::object_of(&self.inner.public_key().to_jwk())
    }

    /// The public half as 32 raw bytes.
    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> Vec<u8> {
        self.inner.public_key().to_bytes().to_vec()
    }

    /// The public half as a `PublicKey` handle.
    #[wasm_bindgen(js_name = toPublicKey)]
    pub fn to_public_key(&self) -> PublicKey {
        PublicKey::from_core(*self.inner.public_key())
    }

    /// The RFC 7638 thumbprint of the public key, base64url.
    #[wasm_bindgen(getter, js_name = keyId)]
    pub fn key_id(&self) -> String {
        self.inner.public_key().key_id().to_text()
    }

    /// The public key's fingerprint: eight groups of five digits, for comparing out of band.
    #[wasm_bindgen(getter)]
    pub fn fingerprint(&self) -> String {
        self.inner.public_key().fingerprint().to_string()
    }
}
