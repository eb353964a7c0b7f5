//! Maps [`phiseal::Error`] onto the JS class `PhisealError` (defined in `pkg/src/errors.js`).
//!
//! The JS error carries `name = "PhisealError"`, `code` = [`phiseal::Error::code`] and the
//! core's `Display` text as its message. Those texts are fixed strings written by the core,
//! so they never contain plaintext, key bytes or record values.

use wasm_bindgen::prelude::*;

// `raw_module` keeps the import specifier verbatim: the generated glue lives in `pkg/dist/`,
// and importing the package's own `pkg/src/errors.js` gives JS one single `PhisealError`
// class, so `instanceof` works on errors thrown from WebAssembly.
#[wasm_bindgen(raw_module = "../src/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = PhisealError)]
    type JsPhisealError;

    #[wasm_bindgen(constructor, js_class = "PhisealError")]
    fn new(code: &str, message: &str) -> JsPhisealError;
}

/// Result type of every fallible binding.
pub(crate) type JsResult<T> = Result<T, JsValue>;

/// Converts a core error into a thrown `PhisealError`.
pub(crate) fn to_js(error: phiseal::Error) -> JsValue {
    JsPhisealError::new(error.code(), &error.to_string()).into()
}

/// An `INVALID_ARGUMENT` error about a JS argument, e.g. "plaintext must be a Uint8Array".
/// Only the argument's name and the rule appear: never its value.
pub(crate) fn invalid_argument(what: &'static str, rule: &'static str) -> JsValue {
    JsPhisealError::new("INVALID_ARGUMENT", &format!("invalid argument: {what} {rule}")).into()
}

/// Shorthand for `result.map_err(to_js)`.
pub(crate) trait IntoJs<T> {
    /// Maps the error side onto a `PhisealError`.
    fn into_js(self) -> JsResult<T>;
}

impl<T> IntoJs<T> for phiseal::Result<T> {
    fn into_js(self) -> JsResult<T> {
        self.map_err(to_js)
    }
}
