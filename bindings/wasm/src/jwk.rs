//! JWK text <-> JS object conversions for `PublicKey.fromJwk`, `KeyPair.fromPrivateJwk` and
//! the exports. The strict parsing itself (RFC 8037 rules in `docs/KEYS.md`) is the core's.

use wasm_bindgen::JsValue;

use crate::convert;
use crate::error::{invalid_argument, JsResult};

/// The JWK as JSON text: a string is taken as is (so the core sees repeated members and
/// non-canonical text exactly as given); an object is serialised with `JSON.stringify`.
pub(crate) fn text_of(jwk: &JsValue) -> JsResult<String> {
    if jwk.is_string() {
        return convert::text(jwk, "jwk");
    }
    if !jwk.is_object() {
        return Err(invalid_argument("jwk", "must be JSON text or an object"));
    }
    let text = js_sys::JSON::stringify(jwk).map_err(|_| invalid_argument("jwk", "cannot be serialised"))?;
    convert::text(&text.into(), "jwk")
}

/// Parses JWK text written by the core into a plain JS object.
pub(crate) fn object_of(text: &str) -> JsResult<JsValue> {
    js_sys::JSON::parse(text)
}
