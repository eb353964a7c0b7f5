//! Free-text scrubbing and ZIP3 (docs/DEIDENTIFICATION.md). Exposed to JS as `scrubText` and `zip3` by
//! `pkg/src/deid.js`.
//!
//! The core reports spans as UTF-8 byte offsets into the input; JS indexes strings in UTF-16
//! code units, so every offset is converted here (one pass over the text) before it crosses:
//! `text.slice(start, end)` in JS is then exactly the replaced stretch.

use js_sys::{Array, Uint32Array};
use wasm_bindgen::prelude::*;

use crate::error::{invalid_argument, IntoJs, JsResult};
use crate::records_json::{array, object, unicode_text, whole_number};
use phiseal::deid::{self, KnownIdentifiers, OutputMode, PhiKind, Span, TextOptions};

/// Scrubs `text`: `{ text, spans }`, where `spans` is a `Uint32Array` of `(class, start, end)`
/// triples: `class` indexes [`phi_types`], offsets are in UTF-16 code units of the input.
/// (`pkg/src/deid.js` turns them into `{ type, start, end }` objects: building them in JS
/// avoids three calls from WebAssembly into JS per span.) `mode` is `tag`, `surrogate` or
/// `mask`; `reference_year` is a year or `undefined`; `known_types[i]` (a class label such as
/// `NAME`) goes with `known_values[i]`.
#[wasm_bindgen(js_name = deidScrubText)]
pub fn scrub_text(
    text: &JsValue,
    mode: &JsValue,
    keep_year: bool,
    reference_year: &JsValue,
    known_types: &JsValue,
    known_values: &JsValue,
) -> JsResult<JsValue> {
    let text = unicode_text(text, "text")?;
    let options = TextOptions {
        mode: output_mode(mode)?,
        keep_year,
        reference_year: optional_year(reference_year)?,
        known: known_identifiers(known_types, known_values)?,
    };
    let scrubbed = deid::scrub_text(&text, &options).into_js()?;
    let offsets = Utf16Offsets::new(&text, &scrubbed.spans);
    let mut triples = Vec::with_capacity(scrubbed.spans.len() * 3);
    for span in &scrubbed.spans {
        triples.extend([class_index(span.kind), offsets.get(span.start), offsets.get(span.end)]);
    }
    let spans = Uint32Array::from(triples.as_slice());
    Ok(object(&[("text", JsValue::from_str(&scrubbed.text)), ("spans", spans.into())])?.into())
}

/// The class labels (`NAME`, `DATE`, ...) in the order `deidScrubText` numbers them.
#[wasm_bindgen(js_name = deidPhiTypes)]
pub fn phi_types() -> Array {
    PhiKind::ALL.iter().map(|kind| JsValue::from_str(kind.label())).collect()
}

/// Position of `kind` in [`PhiKind::ALL`].
fn class_index(kind: PhiKind) -> u32 {
    PhiKind::ALL.iter().position(|k| *k == kind).and_then(|i| u32::try_from(i).ok()).unwrap_or(u32::MAX)
}

/// The Safe Harbor 3-digit form of a US ZIP code: its first three digits, or `000` for a
/// small, restricted or unknown area and for anything that is not a US ZIP.
#[wasm_bindgen(js_name = deidZip3)]
pub fn zip3(zip: &JsValue) -> JsResult<String> {
    Ok(deid::zip3(&unicode_text(zip, "zip")?))
}

/// `tag`, `surrogate` or `mask`.
pub(crate) fn output_mode(value: &JsValue) -> JsResult<OutputMode> {
    match unicode_text(value, "mode")?.as_str() {
        "tag" => Ok(OutputMode::Tag),
        "surrogate" => Ok(OutputMode::Surrogate),
        "mask" => Ok(OutputMode::Mask),
        _ => Err(invalid_argument("mode", "must be tag, surrogate or mask")),
    }
}

/// A year in 1..=9999, or `undefined`.
pub(crate) fn optional_year(value: &JsValue) -> JsResult<Option<u16>> {
    if value.is_undefined() {
        return Ok(None);
    }
    let year = whole_number(value, 9999, "referenceYear")?;
    u16::try_from(year)
        .ok()
        .filter(|y| *y > 0)
        .map(Some)
        .ok_or_else(|| invalid_argument("referenceYear", "must be a year"))
}

fn known_identifiers(types: &JsValue, values: &JsValue) -> JsResult<KnownIdentifiers> {
    let (types, values) = (array(types, "known")?, array(values, "known")?);
    if types.length() != values.length() {
        return Err(invalid_argument("known", "must map classes to arrays of strings"));
    }
    let mut known = KnownIdentifiers::new();
    for (kind, value) in types.iter().zip(values.iter()) {
        let kind = PhiKind::from_label(&unicode_text(&kind, "known")?)
            .ok_or_else(|| invalid_argument("known", "has an unknown identifier class"))?;
        known.add(kind, &unicode_text(&value, "known")?).into_js()?;
    }
    Ok(known)
}

/// Byte offsets of one text mapped to UTF-16 code-unit offsets.
struct Utf16Offsets {
    /// `(byte offset, UTF-16 offset)` for every offset asked for, sorted by byte offset.
    pairs: Vec<(usize, usize)>,
    /// ASCII text: both offsets are the same, nothing to look up.
    ascii: bool,
}

impl Utf16Offsets {
    fn new(text: &str, spans: &[Span]) -> Self {
        if text.is_ascii() {
            return Self { pairs: Vec::new(), ascii: true };
        }
        let mut wanted: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut pairs = Vec::with_capacity(wanted.len());
        let mut units = 0;
        let mut wanted = wanted.into_iter().peekable();
        for (byte, c) in text.char_indices().chain(core::iter::once((text.len(), '\0'))) {
            while let Some(&offset) = wanted.peek() {
                if offset > byte {
                    break;
                }
                // An offset inside a character (never produced by the core) maps past it.
                pairs.push((offset, units));
                wanted.next();
            }
            units += c.len_utf16();
        }
        Self { pairs, ascii: false }
    }

    /// The UTF-16 offset of a byte offset asked for in [`Utf16Offsets::new`] (texts are at
    /// most 16 MiB, so it fits in 32 bits).
    fn get(&self, byte: usize) -> u32 {
        if self.ascii {
            return u32::try_from(byte).unwrap_or(u32::MAX);
        }
        let units = match self.pairs.binary_search_by_key(&byte, |(b, _)| *b) {
            Ok(i) => self.pairs.get(i).map_or(0, |(_, u)| *u),
            Err(_) => 0,
        };
        u32::try_from(units).unwrap_or(u32::MAX)
    }
}
