//! The `generalize` action: coarser values that can stay in the clear or be given to a role
//! that must not see the exact value (docs/RECORDS.md, "Generalization").
//!
//! - `year`: a FHIR `date`/`dateTime`/`instant` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `...Thh:mm...`)
//!   becomes `"YYYY"`;
//! - `yearMonth`: becomes `"YYYY-MM"` (or `"YYYY"` when the input has only a year);
//! - `zip3`: a US ZIP code becomes its Safe Harbor 3-digit form through
//!   [`crate::deid::zip3`] (`"000"` for areas of 20,000 people or fewer, or unknown input);
//! - `{"bucket": n}`: a number `v` becomes the string `"[lo,hi)"` with `lo = floor(v / n) * n`
//!   and `hi = lo + n` (`37` with `n = 10` gives `"[30,40)"`).
//!
//! A value of the wrong type or form is an error (the policy does not fit the record), never
//! passed through.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};

/// Largest bucket width.
pub const MAX_BUCKET: u64 = 1_000_000_000;

/// How a value is generalized.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Generalization {
    /// `"year"`, `"yearMonth"` or `"zip3"`.
    Named(NamedGeneralization),
    /// `{"bucket": n}`: numeric range of width `n` (1..=1e9).
    Bucket {
        /// The width of each range.
        bucket: u64,
    },
}

/// The generalizations that have a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NamedGeneralization {
    /// Date to `YYYY`.
    Year,
    /// Date to `YYYY-MM`.
    YearMonth,
    /// US ZIP code to its Safe Harbor 3-digit form.
    Zip3,
}

impl Generalization {
    /// Checks parameters when a policy is loaded.
    pub(crate) fn validate(&self) -> Result<(), &'static str> {
        match self {
            Generalization::Bucket { bucket } if *bucket == 0 || *bucket > MAX_BUCKET => {
                Err("bucket width out of range 1..=1000000000")
            }
            _ => Ok(()),
        }
    }

    /// Generalizes one value.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the value has the wrong type or form.
    pub fn apply(&self, value: &Value) -> Result<Value> {
        match self {
            Generalization::Named(NamedGeneralization::Year) => date_prefix(value, false),
            Generalization::Named(NamedGeneralization::YearMonth) => date_prefix(value, true),
            Generalization::Named(NamedGeneralization::Zip3) => {
                let zip = value.as_str().ok_or(Error::InvalidArgument("zip3 needs a string"))?;
                Ok(Value::String(crate::deid::zip3(zip)))
            }
            Generalization::Bucket { bucket } => bucket_of(value, *bucket),
        }
    }
}

fn date_prefix(value: &Value, keep_month: bool) -> Result<Value> {
    const NOT_A_DATE: Error = Error::InvalidArgument("value is not a date that can be generalized");
    let text = value.as_str().ok_or(NOT_A_DATE)?;
    let bytes = text.as_bytes();
    let digits = |range: core::ops::Range<usize>| bytes.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !digits(0..4) || !matches!(bytes.get(4), None | Some(b'-')) {
        return Err(NOT_A_DATE);
    }
    let has_month = bytes.get(4) == Some(&b'-');
    if !has_month {
        return Ok(Value::String(text.to_owned()));
    }
    let month_ok = digits(5..7) && matches!(text.get(5..7), Some(m) if ("01"..="12").contains(&m));
    if !month_ok || !matches!(bytes.get(7), None | Some(b'-')) {
        return Err(NOT_A_DATE);
    }
    let end = if keep_month { 7 } else { 4 };
    Ok(Value::String(text.get(..end).ok_or(NOT_A_DATE)?.to_owned()))
}

fn bucket_of(value: &Value, width: u64) -> Result<Value> {
    const NOT_A_NUMBER: Error = Error::InvalidArgument("value is not a number that can be bucketed");
    let number = value.as_number().ok_or(NOT_A_NUMBER)?;
    let lower = if let Some(int) = number.as_i64() {
        let width = i64::try_from(width).map_err(|_| NOT_A_NUMBER)?;
        int.div_euclid(width) * width
    } else {
        let float = number.as_f64().filter(|f| f.is_finite() && f.abs() < 1e15).ok_or(NOT_A_NUMBER)?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
        let lower = ((float / width as f64).floor() * width as f64) as i64;
        lower
    };
    let upper = lower.checked_add_unsigned(width).ok_or(NOT_A_NUMBER)?;
    Ok(Value::String(format!("[{lower},{upper})")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn named(g: NamedGeneralization) -> Generalization {
        Generalization::Named(g)
    }

    #[test]
    fn dates() {
        let year = named(NamedGeneralization::Year);
        let month = named(NamedGeneralization::YearMonth);
        assert_eq!(year.apply(&json!("1984-07-21")).unwrap(), json!("1984"));
        assert_eq!(year.apply(&json!("2023-02-03T10:11:12Z")).unwrap(), json!("2023"));
        assert_eq!(month.apply(&json!("1984-07-21")).unwrap(), json!("1984-07"));
        assert_eq!(month.apply(&json!("1984")).unwrap(), json!("1984"));
        for bad in [json!("84-07-21"), json!("1984-13-01"), json!("1984/07/21"), json!(1984), json!("July")] {
            assert_eq!(year.apply(&bad).unwrap_err().code(), "INVALID_ARGUMENT", "{bad}");
        }
    }

    #[test]
    fn zip_codes() {
        let zip3 = named(NamedGeneralization::Zip3);
        assert_eq!(zip3.apply(&json!("02139")).unwrap(), json!("021"));
        assert_eq!(zip3.apply(&json!("03601")).unwrap(), json!("000"), "restricted area");
        assert!(zip3.apply(&json!(2139)).is_err());
    }

    #[test]
    fn buckets() {
        let ten = Generalization::Bucket { bucket: 10 };
        assert_eq!(ten.apply(&json!(37)).unwrap(), json!("[30,40)"));
        assert_eq!(ten.apply(&json!(-1)).unwrap(), json!("[-10,0)"));
        assert_eq!(ten.apply(&json!(39.9)).unwrap(), json!("[30,40)"));
        assert!(ten.apply(&json!("37")).is_err());
        assert!(ten.apply(&serde_json::from_str::<Value>("1e400").unwrap()).is_err());
        assert!(Generalization::Bucket { bucket: 0 }.validate().is_err());
    }

    #[test]
    fn policy_spelling() {
        let g: Generalization = serde_json::from_value(json!("yearMonth")).unwrap();
        assert_eq!(g, named(NamedGeneralization::YearMonth));
        let g: Generalization = serde_json::from_value(json!({"bucket": 5})).unwrap();
        assert_eq!(g, Generalization::Bucket { bucket: 5 });
        assert!(serde_json::from_value::<Generalization>(json!("decade")).is_err());
    }
}
