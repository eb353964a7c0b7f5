//! Multi-recipient envelopes, format v1 (`docs/FORMAT.md`). Exposed to JS as `seal`, `open`,
//! `rewrap`, `inspect`, `toText` and `fromText` by `pkg/src/envelope.js`, which turns option
//! objects into these positional calls. Functions taking a sender come in a separate `...From`
//! / `...AsSender` variant because wasm-bindgen cannot borrow an optional handle.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::convert;
use crate::error::{IntoJs, JsResult};
use crate::key_pair::KeyPair;
use phiseal::envelope::{self, Kind, RecipientChanges, SealOptions};
use phiseal::keys::KeyId;

/// Seals `plaintext` to `recipients` (an array of raw public keys), binding `context`.
#[wasm_bindgen(js_name = envelopeSeal)]
pub fn seal(plaintext: &JsValue, recipients: &JsValue, context: &JsValue) -> JsResult<Vec<u8>> {
    seal_with(plaintext, recipients, context, None)
}

/// As `envelopeSeal`, authenticating `sender` (HPKE auth mode) so recipients can require it.
#[wasm_bindgen(js_name = envelopeSealFrom)]
pub fn seal_from(plaintext: &JsValue, recipients: &JsValue, context: &JsValue, sender: &KeyPair) -> JsResult<Vec<u8>> {
    seal_with(plaintext, recipients, context, Some(sender))
}

fn seal_with(
    plaintext: &JsValue,
    recipients: &JsValue,
    context: &JsValue,
    sender: Option<&KeyPair>,
) -> JsResult<Vec<u8>> {
    let plaintext = Zeroizing::new(convert::bytes(plaintext, "plaintext")?);
    let recipients = convert::public_keys(recipients, "recipients")?;
    let context = convert::bytes_or_text(context, "context")?;
    let options = SealOptions { sender: sender.map(KeyPair::core) };
    envelope::seal_with(&plaintext, &recipients, &context, &options).into_js()
}

/// Opens an envelope addressed to `identity`. `NO_MATCHING_RECIPIENT` when no slot is for
/// this key; `AUTH_FAILED` for a wrong context or any tampering; nothing is released then.
#[wasm_bindgen(js_name = envelopeOpen)]
pub fn open(sealed: &JsValue, identity: &KeyPair, context: &JsValue) -> JsResult<Uint8Array> {
    let (sealed, context) = (convert::bytes(sealed, "envelope")?, convert::bytes_or_text(context, "context")?);
    let plaintext = Zeroizing::new(envelope::open(&sealed, identity.core(), &context).into_js()?);
    Ok(Uint8Array::from(plaintext.as_slice()))
}

/// As `envelopeOpen`, also requiring that the envelope was sealed by `expected_sender` (raw
/// public key); an anonymous envelope or another sender is `AUTH_FAILED`.
#[wasm_bindgen(js_name = envelopeOpenFrom)]
pub fn open_from(
    sealed: &JsValue,
    identity: &KeyPair,
    context: &JsValue,
    expected_sender: &JsValue,
) -> JsResult<Uint8Array> {
    let (sealed, context) = (convert::bytes(sealed, "envelope")?, convert::bytes_or_text(context, "context")?);
    let sender = crate::hpke::public_key(expected_sender, "expectedSender")?;
    let plaintext = Zeroizing::new(envelope::open_from(&sealed, identity.core(), &context, &sender).into_js()?);
    Ok(Uint8Array::from(plaintext.as_slice()))
}

/// Adds and removes recipients by rewriting the header (`add`: raw public keys, `remove`: key
/// id strings). The payload bytes are unchanged.
#[wasm_bindgen(js_name = envelopeRewrap)]
pub fn rewrap(
    sealed: &JsValue,
    identity: &KeyPair,
    context: &JsValue,
    add: &JsValue,
    remove: &JsValue,
) -> JsResult<Vec<u8>> {
    rewrap_with(sealed, identity, context, add, remove, None)
}

/// As `envelopeRewrap` for a sender-authenticated envelope that gains recipients: `sender` is
/// the original sender's key pair.
#[wasm_bindgen(js_name = envelopeRewrapAsSender)]
pub fn rewrap_as_sender(
    sealed: &JsValue,
    identity: &KeyPair,
    context: &JsValue,
    add: &JsValue,
    remove: &JsValue,
    sender: &KeyPair,
) -> JsResult<Vec<u8>> {
    rewrap_with(sealed, identity, context, add, remove, Some(sender))
}

fn rewrap_with(
    sealed: &JsValue,
    identity: &KeyPair,
    context: &JsValue,
    add: &JsValue,
    remove: &JsValue,
    sender: Option<&KeyPair>,
) -> JsResult<Vec<u8>> {
    let (sealed, context) = (convert::bytes(sealed, "envelope")?, convert::bytes_or_text(context, "context")?);
    let add = convert::public_keys(add, "add")?;
    let remove = key_ids(remove)?;
    let changes = RecipientChanges { add: &add, remove: &remove, sender: sender.map(KeyPair::core) };
    envelope::rewrap(&sealed, identity.core(), &context, &changes).into_js()
}

fn key_ids(value: &JsValue) -> JsResult<Vec<KeyId>> {
    convert::text_list(value, "remove")?.iter().map(|id| KeyId::from_text(id).into_js()).collect()
}

/// The compact text form `phsl1.<base64url>`.
#[wasm_bindgen(js_name = envelopeToText)]
pub fn to_text(sealed: &JsValue) -> JsResult<String> {
    Ok(envelope::to_text(&convert::bytes(sealed, "envelope")?))
}

/// Parses the compact text form. `UNSUPPORTED_VERSION` for another version's prefix.
#[wasm_bindgen(js_name = envelopeFromText)]
pub fn from_text(text: &JsValue) -> JsResult<Vec<u8>> {
    envelope::from_text(&convert::text(text, "text")?).into_js()
}

/// Unauthenticated facts about a header, for routing only: `{ kind, recipients, sender,
/// payloadLength }`.
#[wasm_bindgen(js_name = envelopeInspect)]
pub fn inspect(sealed: &JsValue) -> JsResult<Object> {
    let info = envelope::inspect(&convert::bytes(sealed, "envelope")?).into_js()?;
    let recipients: js_sys::Array = info.recipients.iter().map(|id| JsValue::from(id.to_text())).collect();
    let sender = info.sender.map_or(JsValue::NULL, |key| Uint8Array::from(key.as_bytes().as_slice()).into());
    let out = Object::new();
    Reflect::set(&out, &"kind".into(), &kind_name(info.kind).into())?;
    Reflect::set(&out, &"recipients".into(), &recipients)?;
    Reflect::set(&out, &"sender".into(), &sender)?;
    Reflect::set(&out, &"payloadLength".into(), &(info.payload_len as f64).into())?;
    Ok(out)
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Sealed => "sealed",
        Kind::KeyOnly => "keyOnly",
        Kind::Stream => "stream",
    }
}
