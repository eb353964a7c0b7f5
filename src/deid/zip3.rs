//! ZIP code generalisation for HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i)(B).
//!
//! A ZIP code may keep its first three digits only where the area formed by all ZIP codes with
//! those three digits holds more than 20,000 people according to current publicly available
//! Census data; otherwise the three digits become `000`. The population per prefix comes from
//! `data/zip3-census2010.csv` (2010 Census, derived by `scripts/derive_zip3.py`, see
//! `docs/DEIDENTIFICATION.md`), embedded in the crate so native and npm builds carry the same table.
//!
//! Default deny: a prefix absent from the table, a prefix on the HHS restricted list (published
//! with the 2000 Census) and any input that is not a well-formed US ZIP all give `000`.

use std::sync::OnceLock;

/// The Census year of the embedded population table; stated in every de-identification report.
pub const ZIP3_CENSUS_YEAR: u16 = 2010;

/// Population at or under which a 3-digit area is too small to keep (the rule says "more than").
pub const ZIP3_MIN_POPULATION_EXCLUSIVE: u32 = 20_000;

/// The 3-digit prefixes that HHS guidance lists as 20,000 people or fewer (2000 Census). They
/// stay restricted even where the 2010 table counts more people.
pub const HHS_RESTRICTED_ZIP3: [&str; 17] = [
    "036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890",
    "893",
];

/// The generalised value for a ZIP whose area is too small or unknown.
pub const ZIP3_DENIED: &str = "000";

const TABLE_CSV: &str = include_str!("../../data/zip3-census2010.csv");

/// Population per prefix 000..=999; `None` where the table has no row (default deny).
fn population_table() -> &'static [Option<u32>; 1000] {
    static TABLE: OnceLock<[Option<u32>; 1000]> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(TABLE_CSV))
}

/// Parses `zip3,population` rows; `#` comments and the header are skipped. A malformed row is
/// left out, which makes its prefix map to `000` (the `zip3_table_parses_fully` test checks
/// that no row is malformed).
fn parse_table(csv: &str) -> [Option<u32>; 1000] {
    let mut table = [None; 1000];
    for line in csv.lines() {
        if line.starts_with('#') || line == "zip3,population" {
            continue;
        }
        if let Some((index, population)) = parse_row(line) {
            if let Some(slot) = table.get_mut(index) {
                *slot = Some(population);
            }
        }
    }
    table
}

fn parse_row(line: &str) -> Option<(usize, u32)> {
    let (prefix, population) = line.split_once(',')?;
    let index = prefix_index(prefix)?;
    let population = population.trim().parse::<u32>().ok()?;
    Some((index, population))
}

/// `"021"` → 21; anything that is not exactly three ASCII digits → `None`.
fn prefix_index(prefix: &str) -> Option<usize> {
    if prefix.len() != 3 || !prefix.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    prefix.parse::<usize>().ok()
}

/// Number of prefixes the embedded table lists (used by tests and reports).
#[must_use]
pub fn zip3_table_len() -> usize {
    population_table().iter().filter(|p| p.is_some()).count()
}

/// 2010 Census population of a 3-digit ZIP area, or `None` if the table does not list it.
#[must_use]
pub fn zip3_population(prefix: &str) -> Option<u32> {
    let index = prefix_index(prefix)?;
    population_table().get(index).copied().flatten()
}

/// Whether a 3-digit prefix may be kept under Safe Harbor.
#[must_use]
pub fn zip3_is_allowed(prefix: &str) -> bool {
    if HHS_RESTRICTED_ZIP3.contains(&prefix) {
        return false;
    }
    matches!(zip3_population(prefix), Some(p) if p > ZIP3_MIN_POPULATION_EXCLUSIVE)
}

/// Generalises a US ZIP code to its Safe Harbor form: the first three digits, or `"000"`.
///
/// Accepted inputs are `NNNNN` and `NNNNN-NNNN` (also `NNNNNNNNN`), with surrounding ASCII
/// whitespace. Anything else (too short, letters, a foreign postcode) gives `"000"`: the
/// function never fails and never returns more than the three digits.
#[must_use]
pub fn zip3(zip: &str) -> String {
    let Some(prefix) = us_zip_prefix(zip.trim()) else {
        return ZIP3_DENIED.to_owned();
    };
    if zip3_is_allowed(prefix) {
        prefix.to_owned()
    } else {
        ZIP3_DENIED.to_owned()
    }
}

/// The first three digits of a well-formed US ZIP or ZIP+4.
pub(crate) fn us_zip_prefix(zip: &str) -> Option<&str> {
    let bytes = zip.as_bytes();
    let digits_only = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let well_formed = match bytes.len() {
        5 | 9 => digits_only(bytes),
        10 => {
            let (head, tail) = bytes.split_at_checked(5)?;
            digits_only(head) && tail.first() == Some(&b'-') && digits_only(tail.get(1..)?)
        }
        _ => false,
    };
    if well_formed {
        zip.get(..3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_parse() {
        assert_eq!(parse_row("021,123"), Some((21, 123)));
        assert_eq!(parse_row("21,123"), None);
        assert_eq!(parse_row("0a1,123"), None);
        assert_eq!(parse_row("021,-5"), None);
    }

    #[test]
    fn prefix_extraction() {
        assert_eq!(us_zip_prefix("02139"), Some("021"));
        assert_eq!(us_zip_prefix("02139-4307"), Some("021"));
        assert_eq!(us_zip_prefix("021394307"), Some("021"));
        assert_eq!(us_zip_prefix("2139"), None);
        assert_eq!(us_zip_prefix("02139-43"), None);
        assert_eq!(us_zip_prefix("0213é"), None);
    }
}
