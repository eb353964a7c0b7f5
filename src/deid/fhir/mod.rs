//! Safe Harbor de-identification of FHIR R4 resources held as `serde_json::Value`
//! (45 CFR 164.514(b)(2); profile in [`profile`], rules in `docs/DEIDENTIFICATION.md`).
//!
//! Default deny: only the elements the profile names reach the output. Free text goes through
//! [`crate::deid::scrub_text`] with the identifiers found in the Patient and RelatedPerson
//! resources of the input, so a note that mentions the patient's street or daughter's name is
//! cleaned too. The [`Report`] lists paths and actions, never values.

mod keyed;
mod known;
mod options;
mod profile;
mod report;
pub(crate) mod values;
pub(crate) mod walker;

pub use keyed::DeidKey;
pub use options::{DateShiftNotSafeHarbor, DeidOptions, Profile};
pub use report::{Report, ReportEntry};
pub use values::AGE_GROUP_EXTENSION_URL;
pub use walker::MAX_DEPTH;

use crate::deid::text::TextOptions;
use crate::{Error, Result};
use serde_json::Value;

/// Most JSON values (objects, arrays, scalars) accepted in one input.
pub const MAX_NODES: usize = 1_000_000;

/// A de-identified copy and the report of what changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Deidentified {
    /// The de-identified resource.
    pub value: Value,
    /// What was changed, with no identifier value.
    pub report: Report,
}

/// Checks depth and size without recursion (so a deep input cannot overflow the stack).
pub(crate) fn check_limits(v: &Value) -> Result<()> {
    let mut stack = vec![(v, 1usize)];
    let mut nodes = 0usize;
    while let Some((v, depth)) = stack.pop() {
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(Error::LimitExceeded("more than MAX_NODES JSON values"));
        }
        if depth > MAX_DEPTH {
            return Err(Error::LimitExceeded("JSON nested deeper than MAX_DEPTH"));
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().map(|c| (c, depth + 1))),
            Value::Object(m) => stack.extend(m.values().map(|c| (c, depth + 1))),
            Value::String(s) if s.len() > crate::deid::MAX_TEXT_BYTES => {
                return Err(Error::LimitExceeded("string longer than MAX_TEXT_BYTES"));
            }
            _ => {}
        }
    }
    Ok(())
}

/// De-identifies a FHIR R4 resource (or Bundle) under the Safe Harbor profile, or under the
/// options outside Safe Harbor that `opts` turns on (the report then says
/// `safe_harbor: false` and lists them).
///
/// The input is not modified. Resource types outside the profile are removed (in a Bundle,
/// their entry keeps only what the entry rules allow).
///
/// # Errors
/// - [`Error::InvalidArgument`] if the input is not an object with a `resourceType` the
///   profile names.
/// - [`Error::LimitExceeded`] if it is nested deeper than [`MAX_DEPTH`], holds more than
///   [`MAX_NODES`] values, a string longer than [`crate::deid::MAX_TEXT_BYTES`], or more known
///   identifiers than [`crate::deid::MAX_KNOWN_ITEMS`].
pub fn safe_harbor(resource: &Value, opts: &DeidOptions) -> Result<Deidentified> {
    check_limits(resource)?;
    let rtype = resource.get("resourceType").and_then(Value::as_str).unwrap_or("");
    if profile::rules_for(rtype).is_none() {
        return Err(Error::InvalidArgument("resourceType missing or not in the de-identification profile"));
    }
    let text = TextOptions {
        mode: opts.text_mode,
        keep_year: !opts.limited(),
        reference_year: opts.reference_year,
        known: known::collect(resource)?,
    };
    let mut walker = walker::Walker::new(opts, text);
    let value = walker.resource(resource, "", 0)?.unwrap_or(Value::Null);
    let report =
        walker.report.finish(if opts.limited() { "limited-data-set" } else { "safe-harbor" }, opts.not_safe_harbor());
    Ok(Deidentified { value, report })
}
