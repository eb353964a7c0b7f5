//! Free-text scrubbing and ZIP3 (docs/DEIDENTIFICATION.md). Exposed to JS as `scrubText` and `zip3` by
//! `pkg/src/deid.js`.
//!
//! The core reports spans as UTF-8 byte offsets into the input; JS indexes strings in UTF-16
//! code units, so every offset is converted here (one pass over the text) before it crosses:
//! `text.slice(start, end)` in JS is then exactly the replaced stretch.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::{invalid_argument, IntoJs, JsResult};
use crate::records_json::{array, object, unicode_text, whole_number};
use phiseal::deid::{self, KnownIdentifiers, OutputMode, PhiKind, Span, TextOptions};

/// Scrubs `text`: `{ text, spans: [{ type, start, end }] }`, offsets in UTF-16 code units of
/// the input. `mode` is `tag`, `surrogate` or `mask`; `reference_year` is a year or
/// `undefined`; `known_types[i]` (a class label such as `NAME`) goes with `known_values[i]`.
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
    let mut names = SpanNames::new();
    let spans = scrubbed.spans.iter().map(|span| names.object(span, &offsets)).collect::<JsResult<Array>>()?;
    Ok(object(&[("text", JsValue::from_str(&scrubbed.text)), ("spans", spans.into())])?.into())
}

/// The JS strings every span object uses (member names, class labels), each made once per call
/// instead of once per span: a note has a span every few dozen bytes.
struct SpanNames {
    members: [JsValue; 3],
    labels: Vec<(PhiKind, JsValue)>,
}

impl SpanNames {
    fn new() -> Self {
        Self { members: ["type", "start", "end"].map(JsValue::from_str), labels: Vec::new() }
    }

    fn label(&mut self, kind: PhiKind) -> JsValue {
        if let Some((_, label)) = self.labels.iter().find(|(k, _)| *k == kind) {
            return label.clone();
        }
        let label = JsValue::from_str(kind.label());
        self.labels.push((kind, label.clone()));
        label
    }

    /// `{ type, start, end }` with UTF-16 offsets.
    fn object(&mut self, span: &Span, offsets: &Utf16Offsets) -> JsResult<JsValue> {
        let out = Object::new();
        let values = [self.label(span.kind), offsets.get(span.start).into(), offsets.get(span.end).into()];
        for (name, value) in self.members.iter().zip(values) {
            Reflect::set(&out, name, &value)?;
        }
        Ok(out.into())
    }
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
}

impl Utf16Offsets {
    fn new(text: &str, spans: &[Span]) -> Self {
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
        Self { pairs }
    }

    fn get(&self, byte: usize) -> f64 {
        let units = match self.pairs.binary_search_by_key(&byte, |(b, _)| *b) {
            Ok(i) => self.pairs.get(i).map_or(0, |(_, u)| *u),
            Err(_) => 0,
        };
        units as f64
    }
}
