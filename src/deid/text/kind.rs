//! The identifier classes the free-text scrubber detects, mapped to 45 CFR 164.514(b)(2)(i).

use serde::Serialize;

/// One class of identifier found in text. The letter in each doc comment is the item of
/// 45 CFR 164.514(b)(2)(i) it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum PhiKind {
    /// (A) Names of the patient, relatives, household members, clinicians.
    Name,
    /// (B) Street address, city, county, PO box: geography smaller than a state.
    Address,
    /// (B) A 5- or 9-digit ZIP code.
    Zip,
    /// (C) Any date element other than a year that is kept.
    Date,
    /// (C) An age over 89; replaced by the single group `90+`.
    Age,
    /// (D, E) Telephone and fax numbers.
    Phone,
    /// (F) Email addresses.
    Email,
    /// (G) Social Security numbers.
    Ssn,
    /// (H) Medical record numbers.
    Mrn,
    /// (I) Health plan beneficiary, member and policy numbers.
    HealthPlan,
    /// (J) Account numbers.
    Account,
    /// (K) Certificate and license numbers.
    License,
    /// (L) Vehicle identifiers, serial numbers and licence plates.
    Vehicle,
    /// (M) Device identifiers and serial numbers.
    Device,
    /// (N) Web URLs.
    Url,
    /// (O) IP addresses (v4 and v6).
    Ip,
    /// (R) Any other unique identifying number or code found by a context word.
    Id,
}

impl PhiKind {
    /// Every class, in report order.
    pub const ALL: [PhiKind; 17] = [
        PhiKind::Name,
        PhiKind::Address,
        PhiKind::Zip,
        PhiKind::Date,
        PhiKind::Age,
        PhiKind::Phone,
        PhiKind::Email,
        PhiKind::Ssn,
        PhiKind::Mrn,
        PhiKind::HealthPlan,
        PhiKind::Account,
        PhiKind::License,
        PhiKind::Vehicle,
        PhiKind::Device,
        PhiKind::Url,
        PhiKind::Ip,
        PhiKind::Id,
    ];

    /// Upper-case label used in tags (`[NAME]`) and surrogates (`[NAME-1]`).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            PhiKind::Name => "NAME",
            PhiKind::Address => "ADDRESS",
            PhiKind::Zip => "ZIP",
            PhiKind::Date => "DATE",
            PhiKind::Age => "AGE",
            PhiKind::Phone => "PHONE",
            PhiKind::Email => "EMAIL",
            PhiKind::Ssn => "SSN",
            PhiKind::Mrn => "MRN",
            PhiKind::HealthPlan => "HEALTH_PLAN_ID",
            PhiKind::Account => "ACCOUNT",
            PhiKind::License => "LICENSE",
            PhiKind::Vehicle => "VEHICLE_ID",
            PhiKind::Device => "DEVICE_ID",
            PhiKind::Url => "URL",
            PhiKind::Ip => "IP",
            PhiKind::Id => "ID",
        }
    }

    /// Parses a label produced by [`PhiKind::label`].
    #[must_use]
    pub fn from_label(label: &str) -> Option<PhiKind> {
        // A match compiles to a length switch and one comparison (this runs for every
        // placeholder of every detection pass); the test below keeps it in step with `label`.
        Some(match label {
            "NAME" => PhiKind::Name,
            "ADDRESS" => PhiKind::Address,
            "ZIP" => PhiKind::Zip,
            "DATE" => PhiKind::Date,
            "AGE" => PhiKind::Age,
            "PHONE" => PhiKind::Phone,
            "EMAIL" => PhiKind::Email,
            "SSN" => PhiKind::Ssn,
            "MRN" => PhiKind::Mrn,
            "HEALTH_PLAN_ID" => PhiKind::HealthPlan,
            "ACCOUNT" => PhiKind::Account,
            "LICENSE" => PhiKind::License,
            "VEHICLE_ID" => PhiKind::Vehicle,
            "DEVICE_ID" => PhiKind::Device,
            "URL" => PhiKind::Url,
            "IP" => PhiKind::Ip,
            "ID" => PhiKind::Id,
            _ => return None,
        })
    }

    /// Whether the class is found by patterns with validation (recall goal 0.99) rather than
    /// by dictionaries and context (names and addresses, goal 0.95).
    #[must_use]
    pub fn is_pattern_class(self) -> bool {
        !matches!(self, PhiKind::Name | PhiKind::Address)
    }
}

#[cfg(test)]
mod tests {
    use super::PhiKind;

    #[test]
    fn every_label_parses_back() {
        for kind in PhiKind::ALL {
            assert_eq!(PhiKind::from_label(kind.label()), Some(kind));
        }
        assert_eq!(PhiKind::from_label("name"), None);
        assert_eq!(PhiKind::from_label(""), None);
    }
}
