#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! ZIP3 generalisation: 45 CFR 164.514(b)(2)(i)(B) against the embedded 2010 Census table.

use phiseal::deid::{zip3, zip3_is_allowed, zip3_population, zip3_table_len, HHS_RESTRICTED_ZIP3, ZIP3_CENSUS_YEAR};

const TABLE: &str = include_str!("../data/zip3-census2010.csv");

#[test]
fn table_states_census_year_and_parses_fully() {
    assert_eq!(ZIP3_CENSUS_YEAR, 2010);
    assert!(TABLE.contains("census_year=2010"));
    let rows = TABLE.lines().filter(|l| !l.starts_with('#') && *l != "zip3,population").count();
    assert_eq!(zip3_table_len(), rows, "every data row must parse");
    assert_eq!(rows, 891);
}

#[test]
fn table_sums_to_2010_census_total() {
    let total: u64 = (0..1000).filter_map(|i| zip3_population(&format!("{i:03}"))).map(u64::from).sum();
    assert_eq!(total, 308_739_931);
}

#[test]
fn populous_prefixes_are_kept() {
    assert_eq!(zip3("02139"), "021");
    assert_eq!(zip3("10001-1234"), "100");
    assert_eq!(zip3(" 94110 "), "941");
    assert_eq!(zip3("606011234"), "606");
    // A leading-zero prefix from the source file (which drops leading zeros).
    assert_eq!(zip3("01001"), "010");
}

#[test]
fn prefixes_at_or_under_20000_map_to_000() {
    // Derived from the 2010 data: these hold 20,000 people or fewer.
    for p in [
        "036", "059", "102", "202", "203", "204", "205", "369", "556", "692", "753", "772", "821", "823", "878", "879",
        "884", "893",
    ] {
        assert!(zip3_population(p).unwrap() <= 20_000, "{p}");
        assert!(!zip3_is_allowed(p), "{p}");
        assert_eq!(zip3(&format!("{p}01")), "000", "{p}");
    }
}

#[test]
fn hhs_restricted_list_maps_to_000_even_when_2010_is_larger() {
    assert_eq!(HHS_RESTRICTED_ZIP3.len(), 17);
    for p in HHS_RESTRICTED_ZIP3 {
        assert_eq!(zip3(&format!("{p}99")), "000", "{p}");
        assert_eq!(zip3(&format!("{p}99-0001")), "000", "{p}");
    }
    // 063, 790, 830, 831, 890 exceed 20,000 in 2010 but stay restricted.
    for p in ["063", "790", "830", "831", "890"] {
        assert!(zip3_population(p).unwrap() > 20_000, "{p}");
        assert!(!zip3_is_allowed(p), "{p}");
    }
}

#[test]
fn absent_prefixes_map_to_000() {
    for p in [
        "000", "001", "002", "003", "004", "099", "213", "269", "343", "345", "348", "353", "419", "428", "429", "517",
        "518", "519", "529", "533", "536", "552", "568", "578", "579", "589", "621", "632", "642", "643", "659", "663",
        "682", "694", "695", "696", "697", "698", "699", "702", "709", "715", "732", "742", "771", "817", "818", "819",
        "839", "848", "849", "854", "858", "861", "862", "866", "867", "868", "869", "876", "886", "887", "888", "892",
        "896", "897", "899", "909", "929", "987", "999",
    ] {
        if zip3_population(p).is_none() {
            assert_eq!(zip3(&format!("{p}00")), "000", "{p}");
        }
    }
    let absent = (0..1000).map(|i| format!("{i:03}")).filter(|p| zip3_population(p).is_none()).count();
    assert_eq!(absent, 1000 - 891);
    assert_eq!(zip3("00000"), "000");
}

#[test]
fn malformed_input_maps_to_000() {
    for bad in ["", "021", "2139", "021399", "02139-", "02139-12", "0213A", "SW1A 1AA", "02139-12345", "٠٢١٣٩"] {
        assert_eq!(zip3(bad), "000", "{bad:?}");
    }
}

#[test]
fn never_returns_more_than_three_digits() {
    for i in (0..100_000).step_by(97) {
        let out = zip3(&format!("{i:05}"));
        assert_eq!(out.len(), 3);
        assert!(out.bytes().all(|b| b.is_ascii_digit()));
    }
}
