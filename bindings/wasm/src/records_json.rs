//! JSON and argument conversions shared by the record and de-identification bindings.
//!
//! JSON crosses the boundary as text in both directions: `pkg/src/records.js` turns a JS
//! object into text with `JSON.stringify` (or passes the caller's own text through), the core
//! parses it with its strict parser (`phiseal::records::json`: duplicate keys, lone surrogate
//! escapes and limits are errors; numbers kept exactly as written), and results come back as
//! compact JSON text. wasm-bindgen's own `&str` conversion would silently turn a lone UTF-16
//! surrogate into U+FFFD, so text arrives as a `JsValue` and is checked here first
//! (docs/RECORDS.md section 1; SECURITY-CHECKLIST "Records"). That check is done on the
//! converted text first: the conversion turns a lone surrogate into U+FFFD, so text without
//! U+FFFD was well formed, and only text holding U+FFFD is scanned code unit by code unit.
//!
//! A portal seals many records under one policy, so the last policy compiled is kept with its
//! exact text and reused when the same text comes again (compared in full: any change to the
//! policy compiles it anew). A policy is not secret.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{invalid_argument, to_js, JsResult};
use phiseal::records::{json, Policy};

/// Longest JSON text accepted, in UTF-16 code units: the core's 16 MiB document limit, so an
/// oversized text is refused before it is copied into WebAssembly memory.
const MAX_TEXT_UNITS: u32 = json::MAX_DOCUMENT_BYTES as u32;

/// A well-formed JS string: `MALFORMED` for a lone surrogate (it is not Unicode text and would
/// otherwise be replaced silently), `LIMIT_EXCEEDED` beyond the document limit.
pub(crate) fn unicode_text(value: &JsValue, what: &'static str) -> JsResult<String> {
    let string = value.dyn_ref::<JsString>().ok_or_else(|| invalid_argument(what, "must be a string"))?;
    if string.length() > MAX_TEXT_UNITS {
        return Err(to_js(phiseal::Error::LimitExceeded("JSON document size")));
    }
    let text = string.as_string().ok_or_else(|| invalid_argument(what, "must be a string"))?;
    // The conversion writes a lone surrogate as U+FFFD, so only text holding U+FFFD needs the
    // check code unit by code unit (one call into JS per unit).
    if text.contains(char::REPLACEMENT_CHARACTER) && !string.is_valid_utf16() {
        return Err(to_js(phiseal::Error::Malformed("text is not well-formed Unicode (lone surrogate)")));
    }
    Ok(text)
}

/// A JSON document given as text, parsed strictly.
pub(crate) fn document(value: &JsValue, what: &'static str) -> JsResult<serde_json::Value> {
    json::parse(&unicode_text(value, what)?).map_err(to_js)
}

thread_local! {
    /// The last policy compiled, with its JSON text.
    static LAST_POLICY: RefCell<Option<(String, Rc<Policy>)>> = const { RefCell::new(None) };
}

/// A policy given as JSON text (the last one compiled when the text is the same).
pub(crate) fn policy(value: &JsValue) -> JsResult<Rc<Policy>> {
    let text = unicode_text(value, "policy")?;
    let cached = LAST_POLICY.with_borrow(|last| match last {
        Some((last_text, policy)) if *last_text == text => Some(Rc::clone(policy)),
        _ => None,
    });
    if let Some(policy) = cached {
        return Ok(policy);
    }
    let policy = Rc::new(Policy::from_json(&text).map_err(to_js)?);
    LAST_POLICY.set(Some((text, Rc::clone(&policy))));
    Ok(policy)
}

thread_local! {
    /// The policy of the last `recordSeal*` call that was given one.
    static SEAL_POLICY: RefCell<Option<Rc<Policy>>> = const { RefCell::new(None) };
}

/// The policy of a seal: JSON text (compiled, and kept for the next seal), or `undefined` for
/// the policy of the previous seal, which `pkg/src/records.js` passes only when the policy's
/// text equals the one its last successful seal passed (so the text is not copied into
/// WebAssembly and compared again on every record).
pub(crate) fn seal_policy(value: &JsValue) -> JsResult<Rc<Policy>> {
    if value.is_undefined() {
        return SEAL_POLICY
            .with_borrow(|last| last.as_ref().map(Rc::clone))
            .ok_or_else(|| invalid_argument("policy", "must be given"));
    }
    SEAL_POLICY.set(None);
    let policy = self::policy(value)?;
    SEAL_POLICY.set(Some(Rc::clone(&policy)));
    Ok(policy)
}

/// Recipients by role, given as two parallel arrays: role names, and for each role an array of
/// raw 32-byte public keys.
pub(crate) fn recipients_by_role(
    roles: &JsValue,
    keys: &JsValue,
) -> JsResult<BTreeMap<String, Vec<phiseal::keys::PublicKey>>> {
    let roles = array(roles, "recipientsByRole")?;
    let keys = array(keys, "recipientsByRole")?;
    if roles.length() != keys.length() {
        return Err(invalid_argument("recipientsByRole", "must map roles to arrays of keys"));
    }
    let mut out = BTreeMap::new();
    for (role, list) in roles.iter().zip(keys.iter()) {
        let role = unicode_text(&role, "role")?;
        out.insert(role, public_keys(&list)?);
    }
    Ok(out)
}

/// An array of raw public keys.
pub(crate) fn public_keys(value: &JsValue) -> JsResult<Vec<phiseal::keys::PublicKey>> {
    array(value, "recipients")?.iter().map(|key| public_key(&key)).collect()
}

/// One raw public key.
pub(crate) fn public_key(value: &JsValue) -> JsResult<phiseal::keys::PublicKey> {
    let bytes = value
        .dyn_ref::<js_sys::Uint8Array>()
        .ok_or_else(|| invalid_argument("recipient", "must be a PublicKey or a Uint8Array"))?;
    phiseal::keys::PublicKey::from_bytes(&bytes.to_vec()).map_err(to_js)
}

/// An array argument.
pub(crate) fn array(value: &JsValue, what: &'static str) -> JsResult<Array> {
    value.dyn_ref::<Array>().cloned().ok_or_else(|| invalid_argument(what, "must be an array"))
}

/// An array of strings.
pub(crate) fn strings(items: &[String]) -> Array {
    items.iter().map(|item| JsValue::from_str(item)).collect()
}

/// A whole number in `0..=max` (wasm-bindgen's `usize` conversion would wrap or truncate).
pub(crate) fn whole_number(value: &JsValue, max: u32, what: &'static str) -> JsResult<usize> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(max)).contains(&n) => Ok(n as usize),
        _ => Err(invalid_argument(what, "must be a whole number in range")),
    }
}

/// Builds `{ name: value, ... }`.
pub(crate) fn object(members: &[(&str, JsValue)]) -> JsResult<Object> {
    let out = Object::new();
    for (name, value) in members {
        Reflect::set(&out, &JsValue::from_str(name), value)?;
    }
    Ok(out)
}

/// The compact JSON text of a result: the text `Value`'s `Display` writes, without its `fmt`
/// adapter (which checks and copies every piece of output a second time).
pub(crate) fn json_text(value: &serde_json::Value) -> JsResult<String> {
    serde_json::to_string(value).map_err(|_| to_js(phiseal::Error::Malformed("JSON output")))
}
