//! Safe Harbor de-identification of FHIR R4 resources and Bundles (docs/DEIDENTIFICATION.md). Exposed to
//! JS as `safeHarbor` by `pkg/src/deid.js`, which builds a `DeidOptions` handle from its option
//! object (a handle because the options can hold keys, and wasm-bindgen cannot borrow an
//! optional handle), calls `deidSafeHarbor` and frees the options.
//!
//! Options outside Safe Harbor keep the core's `...NotSafeHarbor` names, and the report says
//! `safeHarbor: false` and lists them.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::deid_text::{optional_year, output_mode};
use crate::error::{invalid_argument, IntoJs, JsResult};
use crate::records_json::{self, object, unicode_text, whole_number};
use phiseal::deid::{self, DateShiftNotSafeHarbor, DeidKey as CoreDeidKey, Profile, Report};

/// An opaque handle to a 32-byte key for the keyed options outside Safe Harbor (pseudonyms,
/// date shifting); zeroized when freed. Protect it like PHI: it links records.
#[wasm_bindgen]
pub struct DeidKey {
    inner: CoreDeidKey,
}

#[wasm_bindgen]
impl DeidKey {
    /// The key from its 32 bytes. `INVALID_KEY` for another length.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &JsValue) -> JsResult<DeidKey> {
        let array =
            bytes.dyn_ref::<js_sys::Uint8Array>().ok_or_else(|| invalid_argument("deidKey", "must be a Uint8Array"))?;
        if array.length() != 32 {
            return Err(crate::error::to_js(phiseal::Error::InvalidKey("a de-identification key is 32 bytes")));
        }
        let mut raw = [0u8; 32];
        array.copy_to(&mut raw);
        // `from_bytes` zeroizes `raw`.
        Ok(Self { inner: CoreDeidKey::from_bytes(&mut raw) })
    }
}

/// The options of one `safeHarbor` call, built by `pkg/src/deid.js`.
#[wasm_bindgen]
pub struct DeidOptions {
    inner: deid::DeidOptions,
}

#[wasm_bindgen]
impl DeidOptions {
    /// Safe Harbor, tags for free text, no reference year.
    #[wasm_bindgen(constructor)]
    pub fn new() -> DeidOptions {
        Self { inner: deid::DeidOptions::default() }
    }

    /// `safeHarbor` or `limitedDataSetNotSafeHarbor`.
    #[wasm_bindgen(js_name = setProfile)]
    pub fn set_profile(&mut self, profile: &JsValue) -> JsResult<()> {
        self.inner.profile = match unicode_text(profile, "profile")?.as_str() {
            "safeHarbor" => Profile::SafeHarbor,
            "limitedDataSetNotSafeHarbor" => Profile::LimitedDataSetNotSafeHarbor,
            _ => return Err(invalid_argument("profile", "must be safeHarbor or limitedDataSetNotSafeHarbor")),
        };
        Ok(())
    }

    /// The year ages are computed against (without it birth dates are removed).
    #[wasm_bindgen(js_name = setReferenceYear)]
    pub fn set_reference_year(&mut self, year: &JsValue) -> JsResult<()> {
        self.inner.reference_year = optional_year(year)?;
        Ok(())
    }

    /// `tag`, `surrogate` or `mask` for spans in free text.
    #[wasm_bindgen(js_name = setTextMode)]
    pub fn set_text_mode(&mut self, mode: &JsValue) -> JsResult<()> {
        self.inner.text_mode = output_mode(mode)?;
        Ok(())
    }

    /// NOT Safe Harbor: shift every date of `patient` by one keyed offset in
    /// `±1..=max_days` days.
    #[wasm_bindgen(js_name = setDateShiftNotSafeHarbor)]
    pub fn set_date_shift(&mut self, key: &DeidKey, patient: &JsValue, max_days: &JsValue) -> JsResult<()> {
        let patient = unicode_text(patient, "patient")?;
        let max_days = whole_number(max_days, u32::from(u16::MAX), "maxDays")?;
        let max_days = u16::try_from(max_days)
            .ok()
            .filter(|d| *d > 0)
            .ok_or_else(|| invalid_argument("maxDays", "must be 1 to 65535"))?;
        self.inner.date_shift = Some(DateShiftNotSafeHarbor { key: key.inner.clone(), patient, max_days });
        Ok(())
    }

    /// NOT Safe Harbor: identifiers, ids and references become keyed pseudonyms.
    #[wasm_bindgen(js_name = setPseudonymKeyNotSafeHarbor)]
    pub fn set_pseudonym_key(&mut self, key: &DeidKey) {
        self.inner.pseudonym_key_not_safe_harbor = Some(key.inner.clone());
    }
}

impl Default for DeidOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// De-identifies a FHIR resource or Bundle (JSON text): `{ value: text, report }`.
#[wasm_bindgen(js_name = deidSafeHarbor)]
pub fn safe_harbor(resource: &JsValue, options: &DeidOptions) -> JsResult<JsValue> {
    let resource = records_json::document(resource, "resource")?;
    let result = deid::safe_harbor(&resource, &options.inner).into_js()?;
    let report = report_object(&result.report)?;
    Ok(object(&[("value", JsValue::from_str(&result.value.to_string())), ("report", report)])?.into())
}

/// The report with camelCase member names. It holds element paths, action names and counts,
/// never a value.
fn report_object(report: &Report) -> JsResult<JsValue> {
    let changes = report
        .changes
        .iter()
        .map(|change| {
            let count = JsValue::from_f64(change.count as f64);
            object(&[("path", change.path.as_str().into()), ("action", change.action.into()), ("count", count)])
                .map(JsValue::from)
        })
        .collect::<JsResult<Array>>()?;
    let spans = js_sys::Object::new();
    for (label, count) in &report.text_spans {
        js_sys::Reflect::set(&spans, &(*label).into(), &JsValue::from_f64(*count as f64))?;
    }
    let not_safe_harbor: Array = report.not_safe_harbor.iter().map(|label| JsValue::from_str(label)).collect();
    Ok(object(&[
        ("profile", report.profile.into()),
        ("safeHarbor", report.safe_harbor.into()),
        ("notSafeHarbor", not_safe_harbor.into()),
        ("censusYear", JsValue::from_f64(f64::from(report.census_year))),
        ("changes", changes.into()),
        ("textSpans", spans.into()),
    ])?
    .into())
}
