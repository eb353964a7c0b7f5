//! The de-identification report: which element paths were changed and how, with counts, the
//! census year of the ZIP3 table, and whether the output is Safe Harbor. Paths are built only
//! from element names in the profile tables (an unlisted input key is written `<unlisted>`),
//! so no value from the input can appear in a report.

use serde::Serialize;
use std::collections::BTreeMap;

/// What was done to the elements at one path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportEntry {
    /// Dotted element path, e.g. `Patient.address.postalCode` (array indices omitted).
    pub path: String,
    /// Action name, e.g. `removed`, `year-only`, `zip3`, `text-scrubbed`.
    pub action: &'static str,
    /// How many values at this path got this action.
    pub count: usize,
}

/// Summary of one de-identification call. Contains no identifier value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// `safe-harbor` or `limited-data-set`.
    pub profile: &'static str,
    /// True only when the output follows 45 CFR 164.514(b)(2) with no option outside it.
    pub safe_harbor: bool,
    /// Options used that are NOT Safe Harbor (date shifting, keyed pseudonyms, limited data set).
    pub not_safe_harbor: Vec<&'static str>,
    /// Census year of the population table behind the ZIP3 rule.
    pub census_year: u16,
    /// Changes by path and action.
    pub changes: Vec<ReportEntry>,
    /// Identifier spans replaced in free text, by class label.
    pub text_spans: BTreeMap<&'static str, usize>,
}

/// Accumulates counts while walking a resource.
#[derive(Default)]
pub(crate) struct ReportBuilder {
    counts: BTreeMap<(String, &'static str), usize>,
    pub(crate) text_spans: BTreeMap<&'static str, usize>,
}

impl ReportBuilder {
    pub(crate) fn note(&mut self, path: &str, action: &'static str) {
        *self.counts.entry((path.to_owned(), action)).or_insert(0) += 1;
    }

    pub(crate) fn finish(self, profile: &'static str, not_safe_harbor: Vec<&'static str>) -> Report {
        let changes =
            self.counts.into_iter().map(|((path, action), count)| ReportEntry { path, action, count }).collect();
        Report {
            profile,
            safe_harbor: not_safe_harbor.is_empty(),
            not_safe_harbor,
            census_year: crate::deid::ZIP3_CENSUS_YEAR,
            changes,
            text_spans: self.text_spans,
        }
    }
}
