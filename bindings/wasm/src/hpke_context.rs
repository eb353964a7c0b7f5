//! Multi-message HPKE contexts (RFC 9180 section 5.2): JS classes `HpkeSender` and
//! `HpkeReceiver`. Messages must be opened in the order they were sealed; the sequence number
//! and nonces stay inside WebAssembly, and reaching the sequence limit is an error.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::convert;
use crate::error::{IntoJs, JsResult};
use crate::hpke::public_key;
use crate::key_pair::KeyPair;
use phiseal::hpke;

/// The sender's side of an HPKE context: seals a sequence of messages to one recipient.
#[wasm_bindgen]
pub struct HpkeSender {
    inner: hpke::SenderContext,
    enc: hpke::Encapsulated,
}

#[wasm_bindgen]
impl HpkeSender {
    /// Sets up a base-mode context to `public_key` (raw bytes).
    pub fn base(public_key: &JsValue, info: &JsValue) -> JsResult<HpkeSender> {
        let pk_r = self::public_key(public_key, "publicKey")?;
        let (enc, inner) = hpke::setup_base_sender(&pk_r, &convert::bytes(info, "info")?).into_js()?;
        Ok(Self { inner, enc })
    }

    /// Sets up an auth-mode context: the recipient can check that `sender` sealed.
    pub fn auth(public_key: &JsValue, sender: &KeyPair, info: &JsValue) -> JsResult<HpkeSender> {
        let pk_r = self::public_key(public_key, "publicKey")?;
        let info = convert::bytes(info, "info")?;
        let (enc, inner) = hpke::setup_auth_sender(&pk_r, sender.core().secret_key(), &info).into_js()?;
        Ok(Self { inner, enc })
    }

    /// The encapsulated key the recipient needs (32 bytes).
    #[wasm_bindgen(getter)]
    pub fn enc(&self) -> Vec<u8> {
        self.enc.to_bytes().to_vec()
    }

    /// Seals the next message.
    pub fn seal(&mut self, plaintext: &JsValue, aad: &JsValue) -> JsResult<Vec<u8>> {
        let plaintext = Zeroizing::new(convert::bytes(plaintext, "plaintext")?);
        self.inner.seal(&convert::bytes(aad, "aad")?, &plaintext).into_js()
    }

    /// Derives `length` bytes from the context's exporter secret.
    pub fn export(&self, exporter_context: &JsValue, length: &JsValue) -> JsResult<Uint8Array> {
        let context = convert::bytes(exporter_context, "exporterContext")?;
        let secret = self.inner.export(&context, convert::length(length)?).into_js()?;
        Ok(Uint8Array::from(secret.as_slice()))
    }
}

/// The recipient's side of an HPKE context: opens the sender's messages in order.
#[wasm_bindgen]
pub struct HpkeReceiver {
    inner: hpke::ReceiverContext,
}

#[wasm_bindgen]
impl HpkeReceiver {
    /// Sets up a base-mode context from the sender's `enc`.
    pub fn base(enc: &JsValue, key_pair: &KeyPair, info: &JsValue) -> JsResult<HpkeReceiver> {
        let (enc, info) = (convert::bytes(enc, "enc")?, convert::bytes(info, "info")?);
        let inner = hpke::setup_base_receiver(&enc, key_pair.core().secret_key(), &info).into_js()?;
        Ok(Self { inner })
    }

    /// Sets up an auth-mode context, requiring that the holder of `sender_public_key` sealed.
    pub fn auth(
        enc: &JsValue,
        key_pair: &KeyPair,
        sender_public_key: &JsValue,
        info: &JsValue,
    ) -> JsResult<HpkeReceiver> {
        let (enc, info) = (convert::bytes(enc, "enc")?, convert::bytes(info, "info")?);
        let pk_s = public_key(sender_public_key, "senderPublicKey")?;
        let inner = hpke::setup_auth_receiver(&enc, key_pair.core().secret_key(), &pk_s, &info).into_js()?;
        Ok(Self { inner })
    }

    /// Opens the next message. `AUTH_FAILED` if it was altered, reordered or not the next one.
    pub fn open(&mut self, ciphertext: &JsValue, aad: &JsValue) -> JsResult<Uint8Array> {
        let (ct, aad) = (convert::bytes(ciphertext, "ciphertext")?, convert::bytes(aad, "aad")?);
        let plaintext = Zeroizing::new(self.inner.open(&aad, &ct).into_js()?);
        Ok(Uint8Array::from(plaintext.as_slice()))
    }

    /// Derives `length` bytes from the context's exporter secret.
    pub fn export(&self, exporter_context: &JsValue, length: &JsValue) -> JsResult<Uint8Array> {
        let context = convert::bytes(exporter_context, "exporterContext")?;
        let secret = self.inner.export(&context, convert::length(length)?).into_js()?;
        Ok(Uint8Array::from(secret.as_slice()))
    }
}
