//! Geography smaller than a state (45 CFR 164.514(b)(2)(i)(B)): street addresses with unit,
//! PO boxes, the city in `City, ST`, and ZIP codes in an address context (after a state or a
//! ZIP word). States themselves may stay.

use super::lexicon::bit;
use super::scan::marked;
use super::token::{TokKind, Token, Tokens};
use super::{Candidate, PhiKind};

pub(crate) const SUFFIXES: &[&str] = &[
    "st",
    "street",
    "ave",
    "av",
    "avenue",
    "rd",
    "road",
    "blvd",
    "boulevard",
    "dr",
    "drive",
    "ln",
    "lane",
    "way",
    "ct",
    "court",
    "pl",
    "place",
    "ter",
    "terrace",
    "cir",
    "circle",
    "pkwy",
    "parkway",
    "hwy",
    "highway",
    "sq",
    "square",
    "trl",
    "trail",
    "loop",
    "pike",
    "row",
    "alley",
    "plaza",
    "path",
    "run",
    "crossing",
    "xing",
    "ctr",
    "cres",
    "crescent",
    "expy",
    "freeway",
];
pub(crate) const UNITS: &[&str] = &[
    "apt",
    "apartment",
    "unit",
    "suite",
    "ste",
    "room",
    "rm",
    "fl",
    "floor",
    "bldg",
    "building",
    "#",
    "no",
    "lot",
    "box",
];
pub(crate) const DIRECTIONS: &[&str] = &["n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"];
/// USPS state and territory codes.
pub(crate) const STATE_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
    "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
];
pub(crate) const STATE_NAMES: &[&str] = &[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "wisconsin",
    "wyoming",
];
pub(crate) const ZIP_CONTEXT: &[&str] = &["zip", "zipcode", "postal", "postcode"];

fn is_state_code(t: &Tokens<'_>, i: usize) -> bool {
    t.has(i, bit::STATE_CODE) && t.all_caps(i)
}

fn is_state(t: &Tokens<'_>, i: usize) -> Option<usize> {
    if is_state_code(t, i) {
        return Some(i + 1);
    }
    let two = ["new", "north", "south", "west", "rhode"];
    if t.is_any(i, &two) && t.capitalized(i + 1) {
        return Some(i + 2);
    }
    t.has(i, bit::STATE_NAME).then_some(i + 1)
}

fn street_word(t: &Tokens<'_>, i: usize, upper_doc: bool) -> bool {
    match t.kind(i) {
        Some(TokKind::Alpha) => t.capitalized(i) || upper_doc,
        // 5th, 42nd
        Some(TokKind::Digit) => t.joined(i + 1) && t.is_any(i + 1, &["st", "nd", "rd", "th"]),
        _ => false,
    }
}

/// `123 Main St`, `4 N. Elm Street Apt 2B`, `77 West 42nd St.`; returns one past the end.
fn street_at(t: &Tokens<'_>, i: usize, upper_doc: bool) -> Option<usize> {
    if !t.digits(i, None) || t.byte_len(i) > 6 || (t.joined(i) && t.kind(i - 1) != Some(TokKind::Punct)) {
        return None;
    }
    let mut j = i + 1;
    if t.kind(j) == Some(TokKind::Alpha) && t.joined(j) && t.byte_len(j) == 1 {
        j += 1; // 12B
    }
    let mut words = 0;
    while words < 4 {
        if t.has(j, bit::STREET_SUFFIX) && words > 0 {
            let mut e = j + 1;
            if t.punct(e, '.') && t.joined(e) {
                e += 1;
            }
            if t.has(e, bit::DIRECTION) && t.capitalized(e) {
                e += 1;
            }
            return Some(unit_end(t, e));
        }
        if !street_word(t, j, upper_doc) {
            return None;
        }
        j += if t.kind(j) == Some(TokKind::Digit) { 2 } else { 1 };
        if t.punct(j, '.') && t.joined(j) {
            j += 1;
        }
        words += 1;
    }
    None
}

/// `, Apt 4B`, `Suite 200`, `#5`.
fn unit_end(t: &Tokens<'_>, e: usize) -> usize {
    let mut k = if t.punct(e, ',') { e + 1 } else { e };
    if !t.has(k, bit::UNIT) || t.punct(k, '#') {
        return e;
    }
    k += 1;
    while t.punct(k, '.') || t.punct(k, '#') {
        k += 1;
    }
    if t.kind(k).is_some_and(|c| c != TokKind::Punct) {
        let mut m = k + 1;
        while t.joined(m)
            && (t.kind(m) == Some(TokKind::Alpha)
                || t.kind(m) == Some(TokKind::Digit)
                || (t.punct(m, '-') && t.joined(m + 1)))
        {
            m += 1;
        }
        return m;
    }
    e
}

/// `PO Box 123`, `P.O. Box 123`.
fn po_box_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    let mut j = i;
    if t.is(j, "po") {
        j += 1;
    } else if t.is(j, "p") && t.punct(j + 1, '.') && t.is(j + 2, "o") {
        j += 3;
        if t.punct(j, '.') {
            j += 1;
        }
    } else {
        return None;
    }
    (t.is(j, "box") && t.digits(j + 1, None)).then_some(j + 2)
}

/// The city in `Springfield, IL` / `Boston, Massachusetts`: 1-3 capitalized words before the
/// comma. `i` is the comma.
fn city_before(t: &Tokens<'_>, comma: usize, upper_doc: bool) -> Option<usize> {
    let mut s = comma;
    while s > 0
        && comma - s < 3
        && t.kind(s - 1) == Some(TokKind::Alpha)
        && (t.capitalized(s - 1) || upper_doc)
        && !t.newline_before(s)
    {
        s -= 1;
        if t.has(s, bit::STREET_SUFFIX) || t.has(s, bit::UNIT) {
            return None;
        }
    }
    (s < comma).then_some(s)
}

/// A ZIP at `i`: 5 digits, or 5+4; returns one past it.
fn zip_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    if !t.digits(i, Some(5)) {
        return None;
    }
    if t.punct(i + 1, '-') && t.joined(i + 1) && t.digits(i + 2, Some(4)) && t.joined(i + 2) {
        return Some(i + 3);
    }
    (!(t.joined(i + 1) && t.digits(i + 1, None))).then_some(i + 1)
}

/// Street addresses, PO boxes, cities and ZIP codes.
///
/// Each token is sent by its first character to the one rule it can start: a number (a
/// street, a ZIP), a word starting with `P`/`p` (a PO box), a comma (a city before a state).
/// Every other token costs that one test.
pub(crate) fn find_addresses(t: &Tokens<'_>, upper_doc: bool, out: &mut Vec<Candidate>) {
    for i in marked(t, |_, tok| may_start(tok)) {
        match t.kind(i) {
            Some(TokKind::Digit) => number_at(t, i, upper_doc, out),
            Some(TokKind::Alpha) => {
                if let Some(e) = po_box_at(t, i) {
                    out.push(Candidate::new(PhiKind::Address, t.start(i), t.end(e - 1), 86));
                }
            }
            _ => city_at(t, i, upper_doc, out),
        }
    }
}

/// Whether a token starting with each ASCII character can start a rule of
/// [`find_addresses`]: digits (a number), `P` and `p` (a PO box), `,` (a city). No token of
/// another kind starts with one of them.
// Evaluated at compile time only: an index out of range would fail the build.
#[allow(clippy::indexing_slicing)]
static START_CHARS: [bool; 128] = {
    let mut starts = [false; 128];
    let mut c = 0;
    while c < 128 {
        starts[c] = matches!(c as u8, b'0'..=b'9' | b',' | b'P' | b'p');
        c += 1;
    }
    starts
};

/// Token `tok` can start a rule of [`find_addresses`] (one table read: see [`marked`]).
fn may_start(tok: &Token) -> bool {
    // Past ASCII, `get` finds nothing.
    START_CHARS.get(tok.first as usize).copied().unwrap_or(false)
}

/// A street starting at number `i`, and the number as a ZIP after a state or a ZIP word.
fn number_at(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if let Some(e) = street_at(t, i, upper_doc) {
        out.push(Candidate::new(PhiKind::Address, t.start(i), t.end(e - 1), 86));
    }
    if !t.digits(i, Some(5)) {
        return; // not a ZIP
    }
    let after_state = i > 0 && (is_state_code(t, i - 1) || t.has(i - 1, bit::STATE_NAME));
    let after_word = (i.saturating_sub(3)..i).any(|j| t.has(j, bit::ZIP_CONTEXT));
    if after_state || after_word {
        if let Some(e) = zip_at(t, i) {
            out.push(Candidate::new(PhiKind::Zip, t.start(i), t.end(e - 1), 87));
        }
    }
}

/// The city before comma `i` when a state follows it (`Springfield, IL`).
fn city_at(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let Some(se) = is_state(t, i + 1) else { return };
    let zip_follows = zip_at(t, se).is_some();
    if is_state_code(t, i + 1) || zip_follows || t.capitalized(i + 1) {
        if let Some(s) = city_before(t, i, upper_doc) {
            out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(i - 1), 75));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`find_addresses`] as first written (every rule tried at every token): the reference
    /// the dispatch by token kind must match.
    fn find_addresses_reference(t: &Tokens<'_>, upper_doc: bool, out: &mut Vec<Candidate>) {
        for i in 0..t.len() {
            // A street starts with a number; a PO box with `PO` or `P`.
            let number = t.digits(i, None);
            let po = !number && t.kind(i) == Some(TokKind::Alpha) && t.byte_len(i) <= 2;
            let street = if number { street_at(t, i, upper_doc) } else { None };
            if let Some(e) = street.or_else(|| if po { po_box_at(t, i) } else { None }) {
                out.push(Candidate::new(PhiKind::Address, t.start(i), t.end(e - 1), 86));
            }
            if t.punct(i, ',') {
                if let Some(se) = is_state(t, i + 1) {
                    let zip_follows = zip_at(t, se).is_some();
                    if is_state_code(t, i + 1) || zip_follows || t.capitalized(i + 1) {
                        if let Some(s) = city_before(t, i, upper_doc) {
                            out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(i - 1), 75));
                        }
                    }
                }
            }
            if !t.digits(i, Some(5)) {
                continue; // not a ZIP
            }
            let after_state = i > 0 && (is_state_code(t, i - 1) || t.has(i - 1, bit::STATE_NAME));
            let after_word = (i.saturating_sub(3)..i).any(|j| t.has(j, bit::ZIP_CONTEXT));
            if after_state || after_word {
                if let Some(e) = zip_at(t, i) {
                    out.push(Candidate::new(PhiKind::Zip, t.start(i), t.end(e - 1), 87));
                }
            }
        }
    }

    #[test]
    fn dispatch_matches_the_reference() {
        let pieces = [
            "123",
            "4",
            "12345",
            "6789",
            "1234567",
            "Main",
            "main",
            "St",
            "st",
            "Street",
            "Ave",
            "N",
            "West",
            "42",
            "nd",
            "th",
            "Apt",
            "apt",
            "Suite",
            "#",
            "2B",
            "B",
            "PO",
            "po",
            "P",
            "p",
            "O",
            "Po",
            "Box",
            "box",
            "Springfield",
            "Boston",
            "IL",
            "il",
            "Massachusetts",
            "New",
            "York",
            "Rhode",
            "Island",
            "ZIP",
            "zip",
            "postal",
            "code",
            "Élan",
            ",",
            ".",
            "-",
            "/",
            " ",
            " ",
            "  ",
            "\n",
        ];
        let mut rng = crate::deid::text::TestRng::new(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.below(n);
        for round in 0..20_000 {
            let text: String = (0..next(24)).map(|_| pieces[next(pieces.len())]).collect();
            let t = Tokens::new(&text);
            let upper = round % 4 == 0;
            let (mut got, mut want) = (Vec::new(), Vec::new());
            find_addresses(&t, upper, &mut got);
            find_addresses_reference(&t, upper, &mut want);
            let key = |c: &Candidate| (c.kind, c.start, c.end, c.score);
            assert_eq!(got.iter().map(key).collect::<Vec<_>>(), want.iter().map(key).collect::<Vec<_>>(), "{text:?}");
        }
    }
}
