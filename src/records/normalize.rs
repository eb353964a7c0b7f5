//! Normalization of values before blind indexing (docs/RECORDS.md, "Blind indexes").
//!
//! A blind index only finds equal inputs, so values are first put in one written form; the same
//! function runs when sealing and when a query is built. The forms:
//!
//! | name    | form |
//! |---------|------|
//! | `exact` | unchanged |
//! | `text`  | trimmed, every run of Unicode white space replaced by one U+0020, lower-cased with Unicode's default lower-case mapping (`char::to_lowercase`; no NFC/NFKC step) |
//! | `phone` | ASCII digits only; with a leading `+`: `+` and the digits; 10 digits: `+1` and the digits (NANP); 11 digits starting with `1`: `+` and the digits; otherwise the digits alone |
//! | `date`  | `YYYY-MM-DD` from `YYYY-MM-DD`, `YYYY-MM-DDThh:mm...`, `YYYYMMDD` or US `M/D/YYYY` (month 1-12, day 1-31) |
//! | `mrn`   | ASCII letters and digits only, upper-cased (`mrn-00 12a` becomes `MRN0012A`) |
//!
//! A value that normalizes to nothing (or a malformed date) is an error.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A normal form for blind-index input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Normalization {
    /// The value as it is.
    #[default]
    Exact,
    /// Trimmed, white space collapsed, lower-cased.
    Text,
    /// A telephone number, E.164-like for US numbers.
    Phone,
    /// A calendar date as `YYYY-MM-DD`.
    Date,
    /// A medical record number: upper-case ASCII letters and digits.
    Mrn,
}

const EMPTY: Error = Error::InvalidArgument("value is empty after normalization");
const NOT_A_DATE: Error = Error::InvalidArgument("value is not a date in a known form");

impl Normalization {
    /// Puts `value` in this normal form.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when nothing is left, or a date is not in a known form.
    pub fn apply(self, value: &str) -> Result<String> {
        let out = match self {
            Normalization::Exact => value.to_owned(),
            Normalization::Text => text(value),
            Normalization::Phone => phone(value),
            Normalization::Date => date(value.trim())?,
            Normalization::Mrn => {
                value.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
            }
        };
        if out.is_empty() {
            return Err(EMPTY);
        }
        Ok(out)
    }
}

fn text(value: &str) -> String {
    let words: Vec<&str> = value.split_whitespace().collect();
    words.join(" ").chars().flat_map(char::to_lowercase).collect()
}

fn phone(value: &str) -> String {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return digits;
    }
    if value.trim_start().starts_with('+') {
        return format!("+{digits}");
    }
    match digits.len() {
        10 => format!("+1{digits}"),
        11 if digits.starts_with('1') => format!("+{digits}"),
        _ => digits,
    }
}

fn date(value: &str) -> Result<String> {
    let (year, month, day) = if let Some((m, rest)) = value.split_once('/') {
        let (d, y) = rest.split_once('/').ok_or(NOT_A_DATE)?;
        (y, m, d)
    } else if value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()) {
        (value.get(0..4).ok_or(NOT_A_DATE)?, value.get(4..6).ok_or(NOT_A_DATE)?, value.get(6..8).ok_or(NOT_A_DATE)?)
    } else {
        let ymd = value.get(..10).ok_or(NOT_A_DATE)?;
        let tail_ok = value.len() == 10 || value.as_bytes().get(10) == Some(&b'T');
        let mut parts = ymd.split('-');
        match (parts.next(), parts.next(), parts.next(), tail_ok) {
            (Some(y), Some(m), Some(d), true) if m.len() == 2 && d.len() == 2 => (y, m, d),
            _ => return Err(NOT_A_DATE),
        }
    };
    let number = |part: &str, max_len: usize| -> Result<u32> {
        if part.is_empty() || part.len() > max_len || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NOT_A_DATE);
        }
        part.parse().map_err(|_| NOT_A_DATE)
    };
    let (y, m, d) = (number(year, 4)?, number(month, 2)?, number(day, 2)?);
    if year.len() != 4 || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(NOT_A_DATE);
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(Normalization::Text.apply("  Smith\t JONES \n").unwrap(), "smith jones");
        assert_eq!(Normalization::Text.apply("ÉLODIE").unwrap(), "élodie");
        assert_eq!(Normalization::Phone.apply("(617) 555-0142").unwrap(), "+16175550142");
        assert_eq!(Normalization::Phone.apply("1-617-555-0142").unwrap(), "+16175550142");
        assert_eq!(Normalization::Phone.apply("+44 20 7946 0958").unwrap(), "+442079460958");
        assert_eq!(Normalization::Phone.apply("555-0142").unwrap(), "5550142");
        assert_eq!(Normalization::Date.apply("1984-07-21").unwrap(), "1984-07-21");
        assert_eq!(Normalization::Date.apply("1984-07-21T08:30:00Z").unwrap(), "1984-07-21");
        assert_eq!(Normalization::Date.apply("7/21/1984").unwrap(), "1984-07-21");
        assert_eq!(Normalization::Date.apply("19840721").unwrap(), "1984-07-21");
        assert_eq!(Normalization::Mrn.apply("mrn-00 12a").unwrap(), "MRN0012A");
        assert_eq!(Normalization::Exact.apply(" A ").unwrap(), " A ");
    }

    #[test]
    fn failures() {
        for bad in ["1984-13-01", "1984-7-21", "21/1984", "84-07-21", "1984-07-21x", "July 4"] {
            assert_eq!(Normalization::Date.apply(bad).unwrap_err().code(), "INVALID_ARGUMENT", "{bad}");
        }
        assert!(Normalization::Mrn.apply("--").is_err());
        assert!(Normalization::Text.apply("   ").is_err());
        assert!(Normalization::Phone.apply("n/a").is_err());
    }
}
