//! JS class `IndexKey` (the clinic-wide blind-index root key) and `blindIndex`, the token of one
//! value for building equality queries (docs/RECORDS.md section 7).

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroizing;

use crate::error::{invalid_argument, IntoJs, JsResult};
use crate::records_json::{unicode_text, whole_number};
use phiseal::records::{self, Normalization, MAX_TOKEN_LEN};

/// An opaque handle to the 32-byte blind-index root key, held in WebAssembly memory and
/// zeroized when freed. It must be the same for every writer and query builder of a clinic
/// and must never reach the server.
#[wasm_bindgen]
pub struct IndexKey {
    inner: records::IndexKey,
}

impl IndexKey {
    /// The core key.
    pub(crate) fn core(&self) -> &records::IndexKey {
        &self.inner
    }
}

#[wasm_bindgen]
impl IndexKey {
    /// The key from its 32 bytes (e.g. opened from an envelope sealed to this device).
    /// `INVALID_KEY` for another length.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &JsValue) -> JsResult<IndexKey> {
        let bytes = bytes
            .dyn_ref::<Uint8Array>()
            .map(|array| Zeroizing::new(array.to_vec()))
            .ok_or_else(|| invalid_argument("indexKey", "must be a Uint8Array"))?;
        records::IndexKey::from_bytes(&bytes).map(|inner| Self { inner }).into_js()
    }
}

/// The token (`pht1.…`) of `value` in the index `index_name` after `normalize`
/// (`exact`, `text`, `phone`, `date` or `mrn`), `length` bytes long (8 to 32).
#[wasm_bindgen(js_name = recordBlindIndex)]
pub fn blind_index(
    key: &IndexKey,
    index_name: &JsValue,
    normalize: &JsValue,
    value: &JsValue,
    length: &JsValue,
) -> JsResult<String> {
    let index_name = unicode_text(index_name, "indexName")?;
    let normalize = normalization(&unicode_text(normalize, "normalize")?)?;
    let value = Zeroizing::new(unicode_text(value, "value")?);
    let length = whole_number(length, MAX_TOKEN_LEN as u32 + 1, "length")?;
    records::blind_index(&key.inner, &index_name, normalize, &value, length).into_js()
}

fn normalization(name: &str) -> JsResult<Normalization> {
    Ok(match name {
        "exact" => Normalization::Exact,
        "text" => Normalization::Text,
        "phone" => Normalization::Phone,
        "date" => Normalization::Date,
        "mrn" => Normalization::Mrn,
        _ => return Err(invalid_argument("normalize", "must be exact, text, phone, date or mrn")),
    })
}
