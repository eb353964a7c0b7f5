//! Checked conversions of JS arguments, done before anything reaches the core.
//!
//! wasm-bindgen's own `&[u8]` parameters accept any array-like value (a string would silently
//! become bytes of zeros), and its `&str` parameters silently replace lone surrogates with
//! U+FFFD. Bytes and text from JS therefore arrive as `JsValue` and are checked here: a wrong
//! type, or a string that is not well-formed UTF-16, is an `INVALID_ARGUMENT` error.

use js_sys::{Array, JsString, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroizing;

use crate::error::{invalid_argument, JsResult};

/// A `Uint8Array` argument, copied out of JS memory.
pub(crate) fn bytes(value: &JsValue, what: &'static str) -> JsResult<Vec<u8>> {
    value.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec).ok_or_else(|| invalid_argument(what, "must be a Uint8Array"))
}

/// A well-formed string argument.
pub(crate) fn text(value: &JsValue, what: &'static str) -> JsResult<String> {
    let string = value.dyn_ref::<JsString>().ok_or_else(|| invalid_argument(what, "must be a string"))?;
    well_formed(string, what)
}

/// Bytes given either as a `Uint8Array` or as a string (encoded as UTF-8).
pub(crate) fn bytes_or_text(value: &JsValue, what: &'static str) -> JsResult<Vec<u8>> {
    match value.dyn_ref::<JsString>() {
        Some(string) => Ok(well_formed(string, what)?.into_bytes()),
        None => bytes(value, what),
    }
}

/// A password: a string is normalised to Unicode NFC first (so the same typed password gives
/// the same bytes on every platform), then encoded as UTF-8; a `Uint8Array` is used as is.
pub(crate) fn password(value: &JsValue) -> JsResult<Zeroizing<Vec<u8>>> {
    match value.dyn_ref::<JsString>() {
        Some(string) => Ok(Zeroizing::new(well_formed(&string.normalize("NFC"), "password")?.into_bytes())),
        None => bytes(value, "password").map(Zeroizing::new),
    }
}

/// An array of `Uint8Array`s (recipient public keys, key ids...).
pub(crate) fn byte_list(value: &JsValue, what: &'static str) -> JsResult<Vec<Vec<u8>>> {
    let array = value.dyn_ref::<Array>().ok_or_else(|| invalid_argument(what, "must be an array"))?;
    array.iter().map(|item| bytes(&item, what)).collect()
}

/// An array of well-formed strings.
pub(crate) fn text_list(value: &JsValue, what: &'static str) -> JsResult<Vec<String>> {
    let array = value.dyn_ref::<Array>().ok_or_else(|| invalid_argument(what, "must be an array"))?;
    array.iter().map(|item| text(&item, what)).collect()
}

/// A list of recipient public keys given as raw bytes.
pub(crate) fn public_keys(value: &JsValue, what: &'static str) -> JsResult<Vec<phiseal::keys::PublicKey>> {
    byte_list(value, what)?
        .iter()
        .map(|raw| phiseal::keys::PublicKey::from_bytes(raw).map_err(crate::error::to_js))
        .collect()
}

/// A length in bytes: a whole, non-negative number (wasm-bindgen's own `usize` conversion
/// would silently wrap -1 or truncate 1.5).
pub(crate) fn length(value: &JsValue) -> JsResult<usize> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => Ok(n as usize),
        _ => Err(invalid_argument("length", "must be a whole number of bytes")),
    }
}

#[wasm_bindgen]
extern "C" {
    /// `String.prototype.isWellFormed` (ES2024): one native scan instead of one call per
    /// UTF-16 unit. Throws (caught) where the engine predates it.
    #[wasm_bindgen(catch, js_namespace = ["String", "prototype", "isWellFormed"], js_name = call)]
    fn string_is_well_formed(string: &JsString) -> Result<bool, JsValue>;
}

fn has_no_lone_surrogate(string: &JsString) -> bool {
    string_is_well_formed(string).unwrap_or_else(|_| string.is_valid_utf16())
}

fn well_formed(string: &JsString, what: &'static str) -> JsResult<String> {
    if !has_no_lone_surrogate(string) {
        return Err(invalid_argument(what, "is not well-formed Unicode (lone surrogate)"));
    }
    string.as_string().ok_or_else(|| invalid_argument(what, "must be a string"))
}
