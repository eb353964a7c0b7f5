//! Single-shot HPKE (RFC 9180): DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM, modes
//! base and auth, and the secret exporter. Exposed to JS as the `hpke` namespace by
//! `pkg/src/hpke.js`, which turns its option objects into these positional calls.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::convert;
use crate::error::{IntoJs, JsResult};
use crate::key_pair::KeyPair;
use phiseal::hpke;
use zeroize::Zeroizing;

/// A recipient public key given as raw bytes.
pub(crate) fn public_key(value: &JsValue, what: &'static str) -> JsResult<phiseal::keys::PublicKey> {
    phiseal::keys::PublicKey::from_bytes(&convert::bytes(value, what)?).into_js()
}

/// `{ enc, <name>: bytes }`.
pub(crate) fn enc_and(enc: &hpke::Encapsulated, name: &str, bytes: &[u8]) -> JsResult<Object> {
    let out = Object::new();
    Reflect::set(&out, &"enc".into(), &Uint8Array::from(enc.as_bytes().as_slice()))?;
    Reflect::set(&out, &name.into(), &Uint8Array::from(bytes))?;
    Ok(out)
}

/// Seals one message to `public_key` in base mode: `{ enc, ciphertext }`.
#[wasm_bindgen(js_name = hpkeSeal)]
pub fn seal(public_key: &JsValue, info: &JsValue, aad: &JsValue, plaintext: &JsValue) -> JsResult<Object> {
    let pk_r = self::public_key(public_key, "publicKey")?;
    let (info, aad) = (convert::bytes(info, "info")?, convert::bytes(aad, "aad")?);
    let plaintext = Zeroizing::new(convert::bytes(plaintext, "plaintext")?);
    let (enc, ct) = hpke::seal_base(&pk_r, &info, &aad, &plaintext).into_js()?;
    enc_and(&enc, "ciphertext", &ct)
}

/// Seals one message in auth mode: the recipient can check that `sender` sealed it.
#[wasm_bindgen(js_name = hpkeSealAuth)]
pub fn seal_auth(
    public_key: &JsValue,
    sender: &KeyPair,
    info: &JsValue,
    aad: &JsValue,
    plaintext: &JsValue,
) -> JsResult<Object> {
    let pk_r = self::public_key(public_key, "publicKey")?;
    let (info, aad) = (convert::bytes(info, "info")?, convert::bytes(aad, "aad")?);
    let plaintext = Zeroizing::new(convert::bytes(plaintext, "plaintext")?);
    let (enc, ct) = hpke::seal_auth(&pk_r, sender.core().secret_key(), &info, &aad, &plaintext).into_js()?;
    enc_and(&enc, "ciphertext", &ct)
}

/// Opens one base-mode message. `AUTH_FAILED` on any mismatch; `INVALID_KEY` for an
/// all-zero or low-order `enc`.
#[wasm_bindgen(js_name = hpkeOpen)]
pub fn open(
    enc: &JsValue,
    key_pair: &KeyPair,
    info: &JsValue,
    aad: &JsValue,
    ciphertext: &JsValue,
) -> JsResult<Uint8Array> {
    let enc = convert::bytes(enc, "enc")?;
    let (info, aad) = (convert::bytes(info, "info")?, convert::bytes(aad, "aad")?);
    let ct = convert::bytes(ciphertext, "ciphertext")?;
    let pt = Zeroizing::new(hpke::open_base(&enc, key_pair.core().secret_key(), &info, &aad, &ct).into_js()?);
    Ok(Uint8Array::from(pt.as_slice()))
}

/// Opens one auth-mode message, requiring that the holder of `sender_public_key` sealed it.
#[wasm_bindgen(js_name = hpkeOpenAuth)]
pub fn open_auth(
    enc: &JsValue,
    key_pair: &KeyPair,
    sender_public_key: &JsValue,
    info: &JsValue,
    aad: &JsValue,
    ciphertext: &JsValue,
) -> JsResult<Uint8Array> {
    let enc = convert::bytes(enc, "enc")?;
    let pk_s = public_key(sender_public_key, "senderPublicKey")?;
    let (info, aad) = (convert::bytes(info, "info")?, convert::bytes(aad, "aad")?);
    let ct = convert::bytes(ciphertext, "ciphertext")?;
    let sk_r = key_pair.core().secret_key();
    let pt = Zeroizing::new(hpke::open_auth(&enc, sk_r, &pk_s, &info, &aad, &ct).into_js()?);
    Ok(Uint8Array::from(pt.as_slice()))
}

/// Sender side of the secret exporter (base mode): `{ enc, secret }`.
#[wasm_bindgen(js_name = hpkeSendExport)]
pub fn send_export(
    public_key: &JsValue,
    info: &JsValue,
    exporter_context: &JsValue,
    length: &JsValue,
) -> JsResult<Object> {
    let pk_r = self::public_key(public_key, "publicKey")?;
    let (info, context) = (convert::bytes(info, "info")?, convert::bytes(exporter_context, "exporterContext")?);
    let (enc, secret) = hpke::send_export_base(&pk_r, &info, &context, convert::length(length)?).into_js()?;
    enc_and(&enc, "secret", &secret)
}

/// Receiver side of the secret exporter (base mode).
#[wasm_bindgen(js_name = hpkeReceiveExport)]
pub fn receive_export(
    enc: &JsValue,
    key_pair: &KeyPair,
    info: &JsValue,
    exporter_context: &JsValue,
    length: &JsValue,
) -> JsResult<Uint8Array> {
    let enc = convert::bytes(enc, "enc")?;
    let (info, context) = (convert::bytes(info, "info")?, convert::bytes(exporter_context, "exporterContext")?);
    let secret =
        hpke::receive_export_base(&enc, key_pair.core().secret_key(), &info, &context, convert::length(length)?)
            .into_js()?;
    Ok(Uint8Array::from(secret.as_slice()))
}
