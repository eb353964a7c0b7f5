//! Options for structured de-identification. Everything except the default Safe Harbor profile
//! is labelled NOT Safe Harbor in the API and in every report.

use super::keyed::DeidKey;
use crate::deid::text::OutputMode;
use core::fmt;

/// Which rule set applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Profile {
    /// HIPAA Safe Harbor, 45 CFR 164.514(b)(2).
    #[default]
    SafeHarbor,
    /// NOT Safe Harbor: a limited data set (45 CFR 164.514(e)) keeps dates, city, state and
    /// 5-digit ZIP; direct identifiers are still removed. Needs a data use agreement.
    LimitedDataSetNotSafeHarbor,
}

/// NOT Safe Harbor: shift every date of one patient by the same keyed offset instead of
/// keeping the year only.
#[derive(Clone)]
pub struct DateShiftNotSafeHarbor {
    /// Key for HMAC-SHA256; the same key and patient give the same offset.
    pub key: DeidKey,
    /// A stable patient key chosen by the caller (e.g. an internal patient id). PHI: never
    /// printed.
    pub patient: String,
    /// Offsets are in `-max_days..=max_days`, never 0.
    pub max_days: u16,
}

impl fmt::Debug for DateShiftNotSafeHarbor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateShiftNotSafeHarbor {{ key: <redacted>, patient: <redacted>, max_days: {} }}", self.max_days)
    }
}

/// Options for [`super::safe_harbor`].
#[derive(Clone, Debug, Default)]
pub struct DeidOptions {
    /// Rule set; Safe Harbor by default.
    pub profile: Profile,
    /// The year ages are computed against (e.g. the current year). Without it no birth year
    /// can be shown to imply an age under 90, so `birthDate` is removed.
    pub reference_year: Option<u16>,
    /// How free-text spans are written (tags by default).
    pub text_mode: OutputMode,
    /// NOT Safe Harbor: keyed date shifting.
    pub date_shift: Option<DateShiftNotSafeHarbor>,
    /// NOT Safe Harbor: identifiers, ids and references become keyed HMAC-SHA256 pseudonyms
    /// (linkable across calls with the same key) instead of being removed or numbered.
    pub pseudonym_key_not_safe_harbor: Option<DeidKey>,
}

impl DeidOptions {
    /// Labels of the options in use that are outside Safe Harbor.
    pub(crate) fn not_safe_harbor(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.profile == Profile::LimitedDataSetNotSafeHarbor {
            out.push("limited-data-set");
        }
        if self.date_shift.is_some() {
            out.push("keyed-date-shift");
        }
        if self.pseudonym_key_not_safe_harbor.is_some() {
            out.push("keyed-pseudonyms");
        }
        out
    }

    pub(crate) fn limited(&self) -> bool {
        self.profile == Profile::LimitedDataSetNotSafeHarbor
    }
}
