//! JS class `KeyPair`: an X25519 identity whose secret half never leaves WebAssembly except
//! through functions named `dangerous*`.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use crate::error::{IntoJs, JsResult};
use crate::public_key::PublicKey;

/// An opaque handle to a key pair held in WebAssembly memory. Call `free()` when done: the
/// secret is zeroized when the handle is freed (or garbage-collected).
#[wasm_bindgen]
pub struct KeyPair {
    inner: phiseal::keys::KeyPair,
}

#[wasm_bindgen]
impl KeyPair {
    /// Generates a fresh key pair from `crypto.getRandomValues`.
    pub fn generate() -> JsResult<KeyPair> {
        phiseal::keys::KeyPair::generate().map(|inner| Self { inner }).into_js()
    }

    /// Rebuilds a key pair from a raw 32-byte X25519 secret key.
    #[wasm_bindgen(js_name = fromRaw)]
    pub fn from_raw(secret: &[u8]) -> JsResult<KeyPair> {
        let secret = phiseal::keys::SecretKey::from_bytes(secret).into_js()?;
        phiseal::keys::KeyPair::from_secret(secret).map(|inner| Self { inner }).into_js()
    }

    /// The raw 32-byte secret key. Dangerous: the bytes are now in JS memory, which cannot be
    /// zeroized reliably.
    #[wasm_bindgen(js_name = dangerousExportRaw)]
    pub fn dangerous_export_raw(&self) -> Uint8Array {
        // Copied straight from the zeroizing buffer into a JS array: no unzeroized copy is
        // left behind in WebAssembly memory.
        Uint8Array::from(self.inner.secret_key().dangerous_export_bytes().expose().as_slice())
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
}
