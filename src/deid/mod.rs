//! De-identification under HIPAA Safe Harbor, 45 CFR 164.514(b)(2) (rules in `docs/DEIDENTIFICATION.md`).
//!
//! - [`scrub_text`]: free-text notes; identifiers replaced by tags, surrogates or masks, with
//!   the list of spans found (class and offsets, never a value).
//! - [`safe_harbor`]: FHIR R4 resources and Bundles under a default-deny Safe Harbor profile,
//!   with a report of what changed; options outside Safe Harbor are labelled as such.
//! - [`deidentify_json`]: any JSON record under a [`JsonPolicy`] of path rules (default deny).
//! - [`zip3()`]: ZIP codes to their first three digits, or `000` for small or unknown areas,
//!   from the embedded 2010 Census table.

mod fhir;
mod json;
mod text;
mod zip3;

pub use fhir::{
    safe_harbor, DateShiftNotSafeHarbor, DeidKey, DeidOptions, Deidentified, Profile, Report, ReportEntry,
    AGE_GROUP_EXTENSION_URL, MAX_DEPTH, MAX_NODES,
};

pub use json::{deidentify_json, JsonAction, JsonPolicy, MAX_PATTERN_BYTES, MAX_POLICY_RULES};
pub use text::{
    scrub_text, KnownIdentifiers, OutputMode, PhiKind, ScrubbedText, Span, TextOptions, AGE_GROUP, MAX_KNOWN_BYTES,
    MAX_KNOWN_ITEMS, MAX_TEXT_BYTES,
};
pub use zip3::{
    zip3, zip3_is_allowed, zip3_population, zip3_table_len, HHS_RESTRICTED_ZIP3, ZIP3_CENSUS_YEAR, ZIP3_DENIED,
    ZIP3_MIN_POPULATION_EXCLUSIVE,
};
