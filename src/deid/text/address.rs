//! Geography smaller than a state (45 CFR 164.514(b)(2)(i)(B)): street addresses with unit,
//! PO boxes, the city in `City, ST`, and ZIP codes in an address context (after a state or a
//! ZIP word). States themselves may stay.

use super::lexicon::bit;
use super::scan::marked;
use super::token::{shape, TokKind, Token, Tokens};
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
    "commons",
    "cove",
    "oval",
    "terr",
    // A street name that is its own suffix (`1500 N Broadway`).
    "broadway",
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
    "trlr",
    "trailer",
    "spc",
    "site",
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
/// Words after which a preposition introduces a place (`lives with wife in X`, `drove to X`,
/// `MVC ... in X`, `rehab in X`, `town of X`, `City: X`). Being listed, none is a place itself.
pub(crate) const PLACE_CONTEXT: &[&str] = &[
    "lives",
    "live",
    "lived",
    "living",
    "resides",
    "reside",
    "resided",
    "residing",
    "home",
    "house",
    "apartment",
    "condo",
    "rehab",
    "hospice",
    "shelter",
    "facility",
    "snf",
    "moved",
    "relocated",
    "drove",
    "driving",
    "drives",
    "driven",
    "mvc",
    "mva",
    "accident",
    "crash",
    "collision",
    "town",
    "city",
    "village",
    "township",
];

/// Prepositions before a place named alone (`near Chicopee`, `FROM DULUTH`, `in Long Beach`):
/// there a place of the gazetteer ([`super::dictionary::add_places`]) is an address.
pub(crate) const LOCATIVES: &[&str] = &["in", "near", "from", "at", "to", "via", "outside", "past", "lives"];
/// Words after a place that make it one (`Chicopee PD`, `Tupelo Police`); the county, complex
/// and site words below are such words too (the lexicon gives them all one bit).
pub(crate) const PLACE_AFTER: &[&str] = &["pd", "fd", "police", "sheriff"];
/// Words of a site of an organisation named by its town (`the Evanston office`, `Chinle
/// clinic`, `Evanston CVS`), in any case.
pub(crate) const SITE_WORDS: &[&str] =
    &["office", "clinic", "campus", "branch", "satellite", "cvs", "walgreens", "walmart"];
/// Words of a subdivision named with its word, as a county is (`Harmon Township`).
pub(crate) const COUNTY_WORDS: &[&str] = &["county", "township", "twp", "parish", "borough"];
/// Words of a named residential complex or neighbourhood (`Willow Creek Apartments`, `Prairie
/// View Estates`, `Dogwood Hollow MHP`, `Cedar Knolls subdivision`); `Park` only after a home
/// park's word ([`HOME_PARKS`]).
pub(crate) const COMPLEX_WORDS: &[&str] = &[
    "apartments",
    "apts",
    "townhomes",
    "condominiums",
    "condos",
    "estates",
    "mhp",
    "park",
    "subdivision",
    "neighborhood",
    "neighbourhood",
];
/// Complex words written in any case (`the Highland Terrace neighborhood`).
const LOWER_COMPLEX_WORDS: &[&str] = &["subdivision", "neighborhood", "neighbourhood"];
/// Words before `Park` that make it a home park (`Riverbend Mobile Home Park`, `Clear Creek
/// Pines RV Park`), not a park of trees.
const HOME_PARKS: &[&str] = &["home", "rv", "trailer"];
/// Hospital units: a place after one and a comma ends a line (`neuro ICU, Honolulu`).
pub(crate) const FACILITY_UNITS: &[&str] = &["icu", "nicu", "picu", "micu", "sicu", "ccu", "cvicu", "pacu", "ed", "er"];
/// What a state issues: after one (`CO plate BXR-4417`, `CA license A-118245`) a state code
/// names the issuer, and the words before it are no city (`a gray Silverado, CO plate`,
/// `R. Anaya, MD, CA license`).
/// Mile marker words: after a numbered road and before a number they locate a scene (`I-82 MP
/// 31`, `HWY 32 MM 4`, `Hwy 9 mile marker 12`). Alone (`5 mm`) they are nothing.
pub(crate) const ROAD_MARKS: &[&str] = &["mp", "mm", "milepost", "marker"];
pub(crate) const STATE_DOCS: &[&str] =
    &["license", "licence", "lic", "licensed", "plate", "plates", "tag", "tags", "dl", "registration", "reg"];

fn is_state_code(t: &Tokens<'_>, i: usize) -> bool {
    t.has(i, bit::STATE_CODE) && t.all_caps(i)
}

fn is_state(t: &Tokens<'_>, i: usize) -> Option<usize> {
    if is_state_code(t, i) {
        return Some(i + 1);
    }
    // A two-word state: the second word must be one (`New Berlin`, `West Allis` are towns).
    let two = ["new", "north", "south", "west", "rhode"];
    let second = ["york", "jersey", "hampshire", "mexico", "carolina", "dakota", "virginia", "island"];
    if t.is_any(i, &two) && t.capitalized(i + 1) && t.is_any(i + 1, &second) {
        return Some(i + 2);
    }
    t.has(i, bit::STATE_NAME).then_some(i + 1)
}

fn street_word(t: &Tokens<'_>, i: usize, upper_doc: bool) -> bool {
    match t.kind(i) {
        // In a note in one case, a function word is no street name (`0170 AND TO DR OKAFOR`).
        Some(TokKind::Alpha) => t.capitalized(i) || (upper_doc && !t.has(i, bit::FUNCTION)),
        // 5th, 42nd
        Some(TokKind::Digit) => t.joined(i + 1) && t.is_any(i + 1, &["st", "nd", "rd", "th"]),
        _ => false,
    }
}

/// A rural grid number (`N8842 Pine Ridge Ln`, `W226`): a direction's capital glued before the
/// number at `i`.
fn grid_letter(t: &Tokens<'_>, i: usize) -> bool {
    i >= 1
        && t.joined(i)
        && t.byte_len(i - 1) == 1
        && t.all_caps(i - 1)
        && t.is_any(i - 1, &["n", "s", "e", "w"])
        && (i == 1 || !t.joined(i - 1))
}

/// Number `i` can start a street: it must not be glued to a word or number before it (but a
/// grid number's direction letter, [`grid_letter`]), nor be
/// the last group of a longer number (`fax 614-555-0170 Oak Dr.`: the phone number's, not a
/// street's), nor be glued to the last character of what a replacement writes (`]` of a
/// placeholder, `*` of a mask): otherwise replacing one street could glue the next one's number
/// to the placeholder and make it a street in the next pass (`8171 Oak Ter8171 Oak Ter...`
/// would then need one pass per street, and scrubbing would not be idempotent).
///
/// These tests read the number alone, whatever the case of the note: [`number_at`] runs them
/// once for both street rules ([`street_at`], [`lower_case_street_at`]).
#[inline(always)]
fn house_number(t: &Tokens<'_>, i: usize) -> bool {
    let grid = grid_letter(t, i);
    t.digits(i, None)
        && t.byte_len(i) <= 6
        && (grid || !(t.joined(i) && (t.kind(i - 1) != Some(TokKind::Punct) || t.closes_replacement(i - 1))))
        && !(t.joined(i) && i >= 2 && t.joined(i - 1) && t.digits(i - 2, None))
        && !time_minutes(t, i)
}

/// `123 Main St`, `4 N. Elm Street Apt 2B`, `77 West 42nd St.` from number `i`, which has passed
/// [`house_number`]; returns one past the end.
///
/// Inlined, as it was while [`number_at`] was its only caller: it runs at most numbers, most
/// fail its first tests, and a call's entry and exit cost more than those tests.
#[inline(always)]
fn street_at(t: &Tokens<'_>, i: usize, upper_doc: bool) -> Option<usize> {
    let mut j = i + 1;
    // `94-1021 Waipahu St`: a Hawaiian house number, a zone of one or two digits, a hyphen and
    // the lot (a phone number's groups are longer: `555-0170` is none).
    let lot = t.digits(j + 1, None) && (3..=4).contains(&t.byte_len(j + 1));
    if t.byte_len(i) <= 2 && t.punct(j, '-') && t.joined(j) && t.joined(j + 1) && lot {
        j += 2;
    }
    if t.kind(j) == Some(TokKind::Alpha) && t.joined(j) && t.byte_len(j) == 1 {
        j += 1; // 12B
    }
    if let Some(e) = spanish_street(t, j, upper_doc) {
        return Some(unit_end(t, e));
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

/// Words of a label before an address (`Address:`, `Addr:`, `HOME ADDRESS (REG):`,
/// `Residence:`).
pub(crate) const ADDRESS_LABELS: &[&str] = &["address", "addr", "residence", "domicile"];

/// `Address: 87 Wick Oval, Apt 3`, `Addr: 21487 Hwy 61, Wapello`, `Residence: 219 Rue
/// Beauregard`: a house number `i` right after an address label and its colon (the label at
/// most five tokens before it on its line), and the words after it up to the end of the street
/// (a comma, a bracket, a semicolon, a column gap or the end of the line; at most 8 tokens, one
/// of them a word): a street whatever its suffix or its case, the label says so. A unit after
/// the comma is taken too. Returns one past it.
fn labelled_street_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    if i < 2 || !t.punct(i - 1, ':') || t.newline_before(i) || t.newline_before(i - 1) {
        return None;
    }
    let mut l = i - 2;
    let labelled = loop {
        // By its keyword bit, which placeholders clear (`[ADDRESS] approx 22:30`).
        if t.has(l, bit::ADDRESS_LABEL) {
            break true;
        }
        if l == 0 || i - l > 6 || t.newline_before(l) {
            break false;
        }
        l -= 1;
    };
    if !labelled {
        return None;
    }
    let mut e = i + 1;
    let mut word = false;
    while e < i + 9 && e < t.len() && !t.newline_before(e) && !super::names::column_gap(t, e) {
        if [',', '(', ';', '|'].iter().any(|&p| t.punct(e, p)) {
            break;
        }
        word |= t.kind(e) == Some(TokKind::Alpha) && t.multi_char(e);
        e += 1;
    }
    (word && e < i + 9).then(|| unit_end(t, e))
}

/// A street typed in lower case inside a note in mixed case (`2214 rice st apt 3, st paul mn
/// 55117`, `1412 ne 3rd st, newport, or 97365`), which [`street_at`] leaves to capitals: read as
/// in a note in one case, and kept only with a unit after it or a listed place, a state and a
/// ZIP after its comma (`take 2 tabs po bid` has neither).
///
/// Number `i` has passed [`house_number`] (the caller's test).
fn lower_case_street_at(t: &Tokens<'_>, i: usize, upper_doc: bool) -> Option<usize> {
    // A street suffix within reach, or nothing to read: most numbers are turned away here.
    if upper_doc || !(i + 2..i + 7).any(|k| t.has(k, bit::STREET_SUFFIX)) {
        return None;
    }
    let e = street_at(t, i, true)?;
    let unit = (i + 1..e).any(|k| t.has(k, bit::UNIT) || t.punct(k, '#'));
    let city = t.punct(e, ',')
        && (e + 2..e + 6)
            .any(|st| place_before_state(t, st, true).is_some_and(|(s, _)| s == e + 1) && zip_at(t, st + 1).is_some());
    // `78 sagebrush rd benton city 99320`: a town in lower case and its ZIP, no comma, no state:
    // up to three words and a ZIP on the line.
    let town_zip = (e + 1..e + 4).any(|z| {
        (e..z).all(|w| t.all_lower(w) && !t.newline_before(w)) && !t.newline_before(z) && zip_at(t, z).is_some()
    });
    (unit || city || town_zip).then_some(e)
}

/// Street types written before the name in Spanish (`7730 E Calle Arroyo`, `2290 El Camino
/// Real`) and French (`118 Rue Chavaniac`, Louisiana); not `via` (`5 VIA NG TUBE`).
const SPANISH_STREET_TYPES: &[&str] = &["calle", "camino", "avenida", "paseo", "rue"];

/// Articles before a Spanish street type (`El Camino Real`).
const SPANISH_ARTICLES: &[&str] = &["el", "la", "los", "las", "del"];

/// A street named the Spanish way from `j` (after the house number): an optional direction, an
/// optional article, a street type of [`SPANISH_STREET_TYPES`], then one or two street words
/// on the line. One past the last word.
fn spanish_street(t: &Tokens<'_>, j: usize, upper_doc: bool) -> Option<usize> {
    let shaped =
        |k: usize| t.kind(k) == Some(TokKind::Alpha) && (t.capitalized(k) || upper_doc) && !t.newline_before(k);
    let mut k = j;
    if t.has(k, bit::DIRECTION) && shaped(k) {
        k += 1;
    }
    if t.is_any(k, SPANISH_ARTICLES) && shaped(k) {
        k += 1;
    }
    if !(t.is_any(k, SPANISH_STREET_TYPES) && shaped(k)) {
        return None;
    }
    let first = k + 1;
    let mut e = first;
    // Not into a unit (`CALLE TRANQUILA APT 12`: the unit and its number follow).
    while e < first + 2 && shaped(e) && street_word(t, e, upper_doc) && !t.has(e, bit::UNIT) {
        e += 1;
    }
    (e > first).then_some(e)
}

/// Number `i` is the minutes of a time or the second term of a ratio (`5:48 PM  Dr. Abioye`,
/// `2:1 Main`): glued to a colon glued to a number.
fn time_minutes(t: &Tokens<'_>, i: usize) -> bool {
    i >= 2 && t.joined(i) && t.punct(i - 1, ':') && t.joined(i - 1) && t.digits(i - 2, None)
}

/// `, Apt 4B`, `Suite 200`, `#5`.
fn unit_end(t: &Tokens<'_>, e: usize) -> usize {
    let u = one_unit_end(t, e);
    // `Bldg C #214`, `Bldg C Apt 4`: a second unit right after the first, on its line.
    if u > e && !t.newline_before(u) && !t.punct(u, ',') {
        one_unit_end(t, u)
    } else {
        u
    }
}

/// One unit after a street ending at `e` ([`unit_end`]).
fn one_unit_end(t: &Tokens<'_>, e: usize) -> usize {
    let mut k = if t.punct(e, ',') { e + 1 } else { e };
    // `Clinton Ave #B`, `Main St #12`: a unit number glued to `#`.
    if t.punct(k, '#') && t.joined(k + 1) {
        let alnum = |m: usize| matches!(t.kind(m), Some(TokKind::Alpha | TokKind::Digit));
        let mut m = k + 1;
        while m < k + 4 && alnum(m) && (m == k + 1 || t.joined(m)) {
            m += 1;
        }
        let short = m > k + 1 && t.end(m - 1) - t.start(k + 1) <= 5 && !(t.joined(m) && alnum(m));
        return if short { m } else { e };
    }
    // `214 Acushnet Ave, 2nd fl`: a floor by its ordinal.
    let ordinal =
        t.digits(k, None) && t.byte_len(k) <= 2 && t.joined(k + 1) && t.is_any(k + 1, &["st", "nd", "rd", "th"]);
    if ordinal && t.is_any(k + 2, &["fl", "floor"]) && !t.newline_before(k + 2) {
        let period = t.is(k + 2, "fl") && t.punct(k + 3, '.') && t.joined(k + 3);
        return if period { k + 4 } else { k + 3 };
    }
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
    (t.is(j, "box") && t.digits(j + 1, None)).then(|| box_number_end(t, j + 1))
}

/// Countries written after a place (`Kraków, Poland`, `Enugu, Nigeria`): the place before the
/// comma is an address element smaller than a state. Countries that are common first names or
/// English words (`Jordan`, `Kenya`, `India`, `Chad`, `Turkey`) and `Georgia` (a state) are
/// left out.
pub(crate) const COUNTRIES: &[&str] = &[
    "mexico",
    "canada",
    "guatemala",
    "honduras",
    "nicaragua",
    "panama",
    "colombia",
    "venezuela",
    "ecuador",
    "peru",
    "bolivia",
    "argentina",
    "brazil",
    "uruguay",
    "paraguay",
    "cuba",
    "haiti",
    "jamaica",
    "philippines",
    "vietnam",
    "cambodia",
    "laos",
    "thailand",
    "myanmar",
    "burma",
    "china",
    "taiwan",
    "japan",
    "korea",
    "pakistan",
    "bangladesh",
    "nepal",
    "afghanistan",
    "iran",
    "iraq",
    "syria",
    "lebanon",
    "palestine",
    "egypt",
    "libya",
    "tunisia",
    "algeria",
    "morocco",
    "sudan",
    "ethiopia",
    "eritrea",
    "somalia",
    "uganda",
    "tanzania",
    "rwanda",
    "congo",
    "nigeria",
    "ghana",
    "liberia",
    "senegal",
    "cameroon",
    "zimbabwe",
    "zambia",
    "angola",
    "mozambique",
    "poland",
    "ukraine",
    "russia",
    "belarus",
    "romania",
    "moldova",
    "bulgaria",
    "serbia",
    "bosnia",
    "croatia",
    "albania",
    "greece",
    "italy",
    "spain",
    "portugal",
    "france",
    "germany",
    "ireland",
    "england",
    "scotland",
    "wales",
    "netherlands",
    "belgium",
    "sweden",
    "norway",
    "denmark",
    "finland",
    "iceland",
    "austria",
    "switzerland",
    "hungary",
    "czechia",
    "slovakia",
    "lithuania",
    "latvia",
    "estonia",
    "armenia",
    "azerbaijan",
    "kazakhstan",
    "uzbekistan",
    "samoa",
    "tonga",
    "fiji",
    "indonesia",
    "malaysia",
    "singapore",
    "australia",
    "azores",
    "micronesia",
];

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
                let Some(tok) = t.toks.get(i) else { continue };
                // A state code starts only the place rule before it: most are marked for that
                // alone (`in`, `or`, `me`, `IL`).
                if may_start_word(tok) {
                    word_at(t, i, upper_doc, out);
                }
                // The rule's own first test, here: the other marked words (street suffixes, place
                // words) skip the call.
                if tok.lex & bit::STATE_CODE != 0 {
                    state_place_at(t, i, upper_doc, out);
                }
            }
            _ if t.punct(i, '>') => place_after_arrow(t, i, upper_doc, out),
            _ => city_at(t, i, upper_doc, out),
        }
    }
}

/// The rules starting at a word: a PO box, a street without a number ending at a suffix, a
/// place after a context word.
///
/// Inlined into [`find_addresses`]'s walk: left out of line (since the walk itself is inlined
/// into the candidates' pass), its call, prologue and argument spills cost more than most of
/// its rules, which return at their first test.
#[inline(always)]
fn word_at(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if let Some(e) = po_box_at(t, i) {
        out.push(Candidate::new(PhiKind::Address, t.start(i), t.end(e - 1), 86));
        after_street(t, e, upper_doc, out);
    }
    named_street_at(t, i, upper_doc, out);
    place_after_context(t, i, upper_doc, out);
    place_after_locative(t, i, upper_doc, out);
    place_before_department(t, i, upper_doc, out);
    county_of_at(t, i, upper_doc, out);
    road_mark_at(t, i, out);
    intersection_at(t, i, upper_doc, out);
    street_pair_at(t, i, upper_doc, out);
    owned_road_at(t, i, upper_doc, out);
}

/// Whether a token starting with each ASCII character can start a rule of
/// [`find_addresses`]: digits (a number), `P` and `p` (a PO box), `,` (a city), `>` (an
/// itinerary's arrow). No token of
/// another kind starts with one of them. (Words of the street-suffix and place-context lists
/// start rules too: [`may_start`] tests their bits.)
// Evaluated at compile time only: an index out of range would fail the build.
#[allow(clippy::indexing_slicing)]
static START_CHARS: [bool; 128] = {
    let mut starts = [false; 128];
    let mut c = 0;
    while c < 128 {
        starts[c] = matches!(c as u8, b'0'..=b'9' | b',' | b'P' | b'p' | b'>');
        c += 1;
    }
    starts
};

/// The keyword bits of the words that start a rule of [`word_at`].
const WORD_START_BITS: u64 =
    bit::STREET_SUFFIX | bit::PLACE_CONTEXT | bit::LOCATIVE | bit::PLACE_AFTER | bit::ROAD_MARK | bit::ROAD_OWNER;

/// Word `tok` can start a rule of [`word_at`]: a PO box (`P`, `p`) or a keyword of its rules.
fn may_start_word(tok: &Token) -> bool {
    matches!(tok.first, 'P' | 'p') || tok.lex & WORD_START_BITS != 0
}

/// Token `tok` can start a rule of [`find_addresses`] (one table read and one bit test, no
/// branch: see [`marked`]).
fn may_start(tok: &Token) -> bool {
    // Past ASCII, `get` finds nothing.
    START_CHARS.get(tok.first as usize).copied().unwrap_or(false) | (tok.lex & (WORD_START_BITS | bit::STATE_CODE) != 0)
}

/// Proposes the place before state code `st` ([`place_before_state`]), scored as a city before
/// a state and a ZIP when one follows (`el paso tx 79912`), else as a city before a state.
/// State codes that are no English word nor a common abbreviation in lower case: written so
/// after a town, closing a clause, they are the state (`laredo tx,`).
const LOWER_CASE_CODES: &[&str] = &[
    "tx", "tn", "ia", "wi", "nj", "ny", "fl", "il", "ky", "mn", "mi", "nm", "nv", "nh", "vt", "wv", "wy", "ut", "az",
    "ak", "ks", "ga", "ar", "ri", "nd",
];

fn state_place_at(t: &Tokens<'_>, st: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if let Some((s, e)) = place_before_state(t, st, upper_doc) {
        let score = if zip_at(t, st + 1).is_some() { 93 } else { 75 };
        out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(e - 1), score));
    }
}

/// State codes that are also English words, which a place before them in an upper-case note
/// does not make a state without a ZIP after them (`LIVES IN BOSTON OR DULUTH`).
const WORD_CODES: &[&str] = &["in", "or", "me", "hi", "oh", "ok", "id", "al", "la", "de", "co"];

/// A place of the gazetteer right before state code `st` on its line, where [`city_at`] needs a
/// comma and a state in capitals: `Lakeshore Heart, Evanston IL`, `McAllen TX`, and before a
/// state code typed in lower case and a ZIP (`el paso tx 79912`, `st paul mn 55117`, `newport,
/// or 97365`). Returns the place's first token and one past its last.
///
/// Without a ZIP the code must be in capitals and no label of an identifier after it (`Boise
/// ID 5521`), a credential code needs a place that is no Census name (`Jackson MD` may be a
/// clinician), and no title may come before the place (`Dr. Austin TX`).
fn place_before_state(t: &Tokens<'_>, st: usize, upper_doc: bool) -> Option<(usize, usize)> {
    if st == 0 || !t.has(st, bit::STATE_CODE) || t.newline_before(st) {
        return None;
    }
    let zip = !t.newline_before(st + 1) && zip_at(t, st + 1).is_some();
    let caps = t.all_caps(st);
    // Without a ZIP a code in lower case (`in`, `or`, `me` in prose) is turned away before the
    // dearer tests.
    if !zip {
        // In lower case without a ZIP, only a code that is no word, closing its clause
        // (`home base laredo tx, crew`, `ottumwa, ia`; not `groveport oh -`).
        let closes = st + 1 >= t.len()
            || t.newline_before(st + 1)
            || [',', '.', ';', ')', '-'].iter().any(|&c| t.punct(st + 1, c));
        let lower_code = t.all_lower(st) && t.is_any(st, LOWER_CASE_CODES) && closes;
        if !(caps || lower_code) {
            return None;
        }
        let word_code = upper_doc && t.is_any(st, WORD_CODES);
        let label = code_follows(t, st, st + 1) || (t.has(st + 1, bit::STATE_DOC) && !t.newline_before(st + 1));
        if word_code || label {
            return None;
        }
    }
    // `Springfield, IL` is `city_at`'s; a code in lower case after a comma is this rule's.
    let end = if t.punct(st - 1, ',') && !caps { st - 1 } else { st };
    let strict = !zip && (t.has(st, bit::CREDENTIAL) || t.is_any(st, CREDENTIAL_CODES));
    // A code in lower case is in a note typed in lower case: the place may be too.
    let any_case = upper_doc || !caps;
    // Longest first (`West Palm Beach` before `Palm Beach`); the gazetteer keeps a place on its
    // line.
    let s = (1..=3)
        .rev()
        .filter_map(|n| end.checked_sub(n))
        .find(|&s| gazetteer_at(t, s, any_case, strict) == Some(end))?;
    let before = if s >= 2 && t.punct(s - 1, '.') { s - 2 } else { s.wrapping_sub(1) };
    // `D. Oyelowo MA`: a person's initial before it, a signature (with a ZIP, a place).
    let signature = !zip && person_initial_before(t, s);
    (!t.has(before, bit::TITLE) && !signature).then_some((s, end))
}

/// A street starting at number `i`, and the number as a ZIP after a state or a ZIP word.
/// A street with its house number starts at number `i` (`4410 Old Shell Rd`), as written in
/// mixed case.
pub(crate) fn numbered_street_at(t: &Tokens<'_>, i: usize) -> bool {
    house_number(t, i) && street_at(t, i, false).is_some()
}

fn number_at(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    // The number's own tests once for both street rules: a number that fails them (a date's or
    // a time's later group, a decimal) skips the lower-case rule's search for a suffix too.
    let street = if house_number(t, i) {
        street_at(t, i, upper_doc).or_else(|| lower_case_street_at(t, i, upper_doc))
    } else {
        None
    };
    if let Some(e) = street {
        let first = if grid_letter(t, i) { i - 1 } else { i };
        out.push(Candidate::new(PhiKind::Address, t.start(first), t.end(e - 1), 86));
        after_street(t, e, upper_doc, out);
    } else if let Some(e) = labelled_street_at(t, i) {
        out.push(Candidate::new(PhiKind::Address, t.start(i), t.end(e - 1), 90));
        after_street(t, e, upper_doc, out);
    }
    rural_route_at(t, i, upper_doc, out);
    house_on_numbered_road(t, i, upper_doc, out);
    road_after_locative(t, i, out);
    if !t.digits(i, Some(5)) {
        return; // not a ZIP
    }
    let caret = caret_city(t, i, out);
    // `chicago il 60642` in a note typed in lower case: a state code in any case after a word
    // in no keyword list.
    let lower_state = upper_doc
        && i >= 2
        && t.has(i - 1, bit::STATE_CODE)
        && t.kind(i - 2) == Some(TokKind::Alpha)
        && !t.has(i - 2, u64::MAX)
        && !t.newline_before(i - 1)
        && !t.newline_before(i);
    // `millersburg oh 44654` in mixed case: a state code in lower case after a place (listed,
    // or a town after a comma).
    let town_state = place_before_state_code(t, i);
    let after_state = caret
        || lower_state
        || (i > 0 && (is_state_code(t, i - 1) || t.has(i - 1, bit::STATE_NAME)))
        || (i > 0 && place_before_state(t, i - 1, upper_doc).is_some())
        || town_state.is_some();
    let place = zip_after_place(t, i, upper_doc);
    let after_word = (i.saturating_sub(3)..i).any(|j| t.has(j, bit::ZIP_CONTEXT)) || place.is_some();
    // `City, ST ZIP` on one line (or an HL7 address): the ZIP outranks an identifier read after
    // a state code that is also a label (`Boise, ID 83706-2214`).
    let full = caret
        || (i >= 2
            && is_state_code(t, i - 1)
            && t.punct(i - 2, ',')
            && !t.newline_before(i - 1)
            && !t.newline_before(i));
    if after_state || after_word {
        if let Some(e) = zip_at(t, i) {
            out.push(Candidate::new(PhiKind::Zip, t.start(i), t.end(e - 1), if full { 90 } else { 87 }));
            // The place before the ZIP is a city.
            if let Some(s) = place.filter(|_| !after_state) {
                out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(i - 1), 87));
            }
            let town = || town_before(t, i, false).filter(|_| !after_state);
            if let Some((s, e)) = town_state.or_else(town) {
                out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(e - 1), 87));
            }
        }
    }
}

/// `milwaukee wi 53216`, `Titusville FL 32780`, `phoenix, az 85031`: a place of the gazetteer
/// in any case (one to three words, a comma after it or not) before a state code in any case
/// and the ZIP code at `zip`, on one line: the city of an address. Returns the place's tokens.
fn place_before_state_code(t: &Tokens<'_>, zip: usize) -> Option<(usize, usize)> {
    let st = zip.checked_sub(1)?;
    if !t.has(st, bit::STATE_CODE) || t.newline_before(zip) || t.newline_before(st) || t.byte_len(st) != 2 {
        return None;
    }
    let e = if st >= 1 && t.punct(st - 1, ',') { st - 1 } else { st };
    // `7781 CALLE TRANQUILA APT 12\n  EL CENIZO TX 78046-0319`: the town opening the line
    // before a state code in capitals, the second line of an address.
    let second_line = || town_before(t, e, true).filter(|_| t.all_caps(st));
    let listed = (1..=3).rev().filter_map(|n| e.checked_sub(n)).find_map(|s| {
        let listed = gazetteer_at(t, s, true, false) == Some(e)
            || (e == s + 1
                && t.kind(s) == Some(TokKind::Alpha)
                && t.place(s).0
                && t.toks.get(s).is_some_and(|x| x.lex == 0));
        listed.then_some((s, e))
    });
    listed.or_else(|| town_before(t, e, false)).or_else(second_line)
}

/// `rr 1 box 40a, millersburg oh 44654`, `14 Harbor View Ln, CAPE ELIZABETH 04107`: one to
/// three words in no keyword list but the directions, ending at `e` (before a state code or a
/// ZIP code) after a comma or a bar on their line, or, with `line_start`, opening their line:
/// the town of an address, listed or not.
fn town_before(t: &Tokens<'_>, e: usize, line_start: bool) -> Option<(usize, usize)> {
    let mut s = e;
    while s > 0 && e - s < 3 && t.kind(s - 1) == Some(TokKind::Alpha) && !t.newline_before(s) {
        if t.toks.get(s - 1).is_some_and(|x| x.lex & !bit::DIRECTION != 0) {
            return None;
        }
        s -= 1;
    }
    let opens_line = line_start && (s == 0 || t.newline_before(s));
    let after_comma = s > 0 && !t.newline_before(s) && (t.punct(s - 1, ',') || t.punct(s - 1, '|'));
    (s < e && (after_comma || opens_line) && t.byte_len(s) >= if opens_line { 2 } else { 3 }).then_some((s, e))
}

/// `Englewood, Chicago 60621`, `Little Haiti, Miami 33137`, `still pittsburgh 15207`: 5 digits
/// right after a place of the gazetteer (in its note's case, one to three words) on one line,
/// without a state between: a ZIP code, and the place a city. Returns the place's first token.
fn zip_after_place(t: &Tokens<'_>, i: usize, upper_doc: bool) -> Option<usize> {
    if i == 0 || t.newline_before(i) || t.joined(i) || t.kind(i - 1) != Some(TokKind::Alpha) {
        return None;
    }
    // In a note in mixed case the place may be typed in lower case too (`san jose 95112`).
    let any_case = upper_doc || !t.capitalized(i - 1);
    (1..=3).rev().filter_map(|n| i.checked_sub(n)).find(|&s| gazetteer_at(t, s, any_case, false) == Some(i))
}

/// State codes that are also credentials after a name (`Jane Roe, MD`, `PA-C`, `DC`, `ND`).
const CREDENTIAL_CODES: &[&str] = &["md", "pa", "dc", "nd"];

/// The city before comma `i` when a state follows it (`Springfield, IL`); otherwise a place
/// after an organisation at the end of a line.
///
/// Not a city: the words before a state code that is a credential (`Leila Haddad, MD`) unless
/// a ZIP follows or a locative (`in`, `near`, `from`, `at`, a comma) comes before (they are
/// proposed as a name instead, scored as the city was); the words
/// before `ID` followed by a code (`Blue Cross PPO, ID XQW882013344`); payer words
/// (`TX MEDICAID`). With a ZIP after the state the city outscores a name rule (`DR\nHOUSTON,
/// TX 77072`).
fn city_at(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let Some(se) = is_state(t, i + 1) else {
        org_city_at(t, i, upper_doc, out);
        obituary_place_at(t, i, upper_doc, out);
        place_before_country(t, i, upper_doc, out);
        return;
    };
    let zip_follows = zip_at(t, se).is_some();
    if !(is_state_code(t, i + 1) || zip_follows || t.capitalized(i + 1)) {
        return;
    }
    if !zip_follows && (code_follows(t, i + 1, se) || (t.has(se, bit::STATE_DOC) && !t.newline_before(se))) {
        return;
    }
    let Some(s) = city_before(t, i, upper_doc) else { return };
    if (s..i).any(|k| t.has(k, bit::ID_CONTEXT) || (t.has(k, bit::CREDENTIAL) && t.all_caps(k) && !upper_doc)) {
        return;
    }
    let locative =
        s > 0 && !t.newline_before(s) && (t.is_any(s - 1, &["in", "near", "from", "at"]) || t.punct(s - 1, ','));
    let initial = person_initial_before(t, s);
    // `Bo-ra Kim, MS, CEP`: a state code followed by a comma and a credential is a credential.
    let credential_list = t.punct(se, ',') && t.has(se + 1, bit::CREDENTIAL) && !t.newline_before(se + 1);
    if !zip_follows && (t.is_any(i + 1, CREDENTIAL_CODES) || initial || credential_list) && !locative {
        let s = if initial { s - 2 } else { s };
        // The words are a clinician's name: proposed as one, with the score the city had, so
        // what is removed stays the same (a dictionary name inside it does not win alone).
        out.push(Candidate::new(PhiKind::Name, t.start(s), t.end(i - 1), 75));
        return;
    }
    let score = if zip_follows { 93 } else { 75 };
    out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(i - 1), score));
}

/// `D. Oyelowo, MA`, `K. Hollister, MS`: a person's initial (one capital and its period, not a
/// compass letter as in `E. Lansing`) right before the place-shaped words at `s`: a signature
/// with a credential that is also a state code, not a city.
fn person_initial_before(t: &Tokens<'_>, s: usize) -> bool {
    let initial = s.wrapping_sub(2);
    s >= 2
        && t.punct(s - 1, '.')
        && t.joined(s - 1)
        && t.byte_len(initial) == 1
        && t.kind(initial) == Some(TokKind::Alpha)
        && t.capitalized(initial)
        && !t.is_any(initial, &["n", "s", "e", "w"])
        && !t.newline_before(s - 1)
        && !t.newline_before(s)
}

/// `Tourist from Kraków, Poland`, `family from Enugu, Nigeria`: one or two place-shaped words
/// before the comma at `i` and a country after it, on one line. The words must be in no
/// keyword list, and one word alone no English word (`Hospital, Mexico` stays).
fn place_before_country(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !t.has(i + 1, bit::COUNTRY) || t.newline_before(i + 1) || i == 0 {
        return;
    }
    let mut s = i;
    while s > 0
        && i - s < 2
        && !t.newline_before(s)
        && place_shaped(t, s - 1, upper_doc)
        && t.toks.get(s - 1).is_some_and(|x| x.lex == 0)
    {
        s -= 1;
    }
    if s == i || (i - s == 1 && (t.english(s) || t.name_info(s).stop)) {
        return;
    }
    out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(i - 1), 75));
}

/// An identifier after the "state" `code` (ending at `se`) on its line: `ID 521903384`,
/// `ID XQW882013344`, `#`, or a long number: the code word is a label, not a state.
fn code_follows(t: &Tokens<'_>, code: usize, se: usize) -> bool {
    if t.newline_before(se) {
        return false;
    }
    let alnum = t.kind(se) == Some(TokKind::Alpha) && t.joined(se + 1) && t.digits(se + 1, None);
    // A placeholder or mask written over the identifier on an earlier pass counts as one
    // (`Blue Cross PPO, ID [HEALTH_PLAN_ID]`).
    let written = t.opens_replacement(se);
    let label = t.has(code, bit::ID_CONTEXT) && (t.digits(se, None) || t.punct(se, ':') || written);
    alnum || label || t.punct(se, '#') || (t.digits(se, None) && t.byte_len(se) >= 6)
}

/// `Community Hospital ED, Greenfield` ending a line (mixed case only): a place after an
/// organisation word (`hospital`, `clinic`, `center`, `street`, ...) no more than 3 words
/// before comma `i`.
fn org_city_at(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if upper_doc || !t.punct(i, ',') {
        return;
    }
    let mut k = i;
    let mut org = false;
    for _ in 0..3 {
        if k == 0 || t.newline_before(k) {
            break;
        }
        k -= 1;
        // A capitalized `Home` names a business (`Funeral Home`, `Nursing Home`).
        let home = t.is(k, "home") && t.capitalized(k);
        if t.has(k, bit::ORGANISATION) || (t.has(k, bit::FACILITY) && t.all_caps(k)) || home {
            org = true;
            break;
        }
    }
    if !org {
        return;
    }
    // Inside a sentence, a place of the gazetteer between commas (`Schmidt Funeral Home, New
    // Berlin, on Saturday`) or before a semicolon (`Walmart Pharmacy #1187, Sand Springs;`).
    if let Some(e) = gazetteer_at(t, i + 1, upper_doc, true).filter(|&e| t.punct(e, ',') || t.punct(e, ';')) {
        out.push(Candidate::new(PhiKind::Address, t.start(i + 1), t.end(e - 1), 75));
        return;
    }
    let Some(e) = place_at(t, i + 1, upper_doc) else { return };
    let line_end = |k: usize| k >= t.len() || t.newline_before(k);
    if line_end(e) || (t.punct(e, '.') && line_end(e + 1)) {
        out.push(Candidate::new(PhiKind::Address, t.start(i + 1), t.end(e - 1), 75));
    }
}

/// Words a city starts with before a capitalized core word (`New Bedford`, `East Boston`,
/// `Fort Wayne`, `San Jose`).
const PLACE_PREFIXES: &[&str] = &["new", "fort", "mount", "port", "san", "santa", "los", "las", "saint", "el"];

/// Department names by their ending (`Cardiology`, `Pediatrics`, `Psychiatry`,
/// `Neurosurgery`, `Telemetry`): never a place.
const DEPARTMENT_ENDINGS: &[&str] = &["ology", "ics", "iatry", "surgery", "metry", "graphy", "therapy"];

/// Word `k` can be a place name without a gazetteer: capitalized (at least 4 letters in an
/// upper-case note, where capitals say nothing; not all capitals in mixed case), in no keyword
/// list (months, weekdays, states, context words, ...), not a stop word (drugs, eponyms,
/// languages, states), not an English word, not a department.
fn city_core(t: &Tokens<'_>, k: usize, upper_doc: bool) -> bool {
    let Some(tok) = t.toks.get(k) else { return false };
    if tok.kind != TokKind::Alpha || tok.lex != 0 {
        return false;
    }
    let shaped = if upper_doc { t.byte_len(k) >= 4 } else { t.capitalized(k) && !t.all_caps(k) && t.byte_len(k) >= 3 };
    let word = t.s(k).as_bytes();
    let department = DEPARTMENT_ENDINGS.iter().any(|end| {
        word.len() > end.len()
            && word.get(word.len() - end.len()..).is_some_and(|w| w.eq_ignore_ascii_case(end.as_bytes()))
    });
    shaped && !department && !t.name_info(k).stop && !t.english(k)
}

/// A place name at `j`: an optional prefix (`New`, `North`, ...), a [`city_core`] word and
/// possibly a second one, on one line; returns one past it. Not a place when `'s`, an
/// organisation or clinical noun, a joined number or a joined `-` follows (`Mercy Hospital`,
/// `Boston-based`), or a state name (`New Hampshire`).
fn place_at(t: &Tokens<'_>, j: usize, upper_doc: bool) -> Option<usize> {
    if t.newline_before(j) {
        return None;
    }
    let prefix = (t.capitalized(j) || upper_doc)
        && ((t.has(j, bit::DIRECTION) && t.multi_char(j)) || t.is_any(j, PLACE_PREFIXES))
        && !t.newline_before(j + 1)
        && city_core(t, j + 1, upper_doc)
        && !(t.is(j, "new") && t.is_any(j + 1, &["hampshire", "mexico", "jersey"]));
    let core = if prefix { j + 1 } else { j };
    if !city_core(t, core, upper_doc) {
        return None;
    }
    let mut e = core + 1;
    if !t.newline_before(e) && city_core(t, e, upper_doc) {
        e += 1;
    }
    let possessive = t.apostrophe(e) && t.joined(e) && t.is(e + 1, "s");
    let glued = t.joined(e) && (t.digits(e, None) || t.punct(e, '-'));
    // A word on the next line belongs to no name with it (`in Garden City` / `MEDICAL OFFICER`).
    let named = !t.newline_before(e) && t.has(e, bit::ORGANISATION | bit::CLINICAL_NOUN);
    if possessive || glued || named {
        return None;
    }
    Some(e)
}

/// The place `s..e` as an address, and a ZIP right after it (`Pittsfield 01201`).
fn push_place(t: &Tokens<'_>, s: usize, e: usize, out: &mut Vec<Candidate>) {
    out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(e - 1), 75));
    if !t.newline_before(e) {
        if let Some(ze) = zip_at(t, e) {
            out.push(Candidate::new(PhiKind::Zip, t.start(e), t.end(ze - 1), 87));
        }
    }
    bracketed_zip(t, e, out);
}

/// `in Daly City (94015)`, `4319 S KILBOURN AVE (60632)`: a ZIP alone in brackets at `e`, right
/// after a place or a street on its line.
fn bracketed_zip(t: &Tokens<'_>, e: usize, out: &mut Vec<Candidate>) {
    if !t.punct(e, '(') || t.newline_before(e) || !t.joined(e + 1) {
        return;
    }
    if let Some(ze) = zip_at(t, e + 1).filter(|&ze| t.punct(ze, ')') && t.joined(ze)) {
        out.push(Candidate::new(PhiKind::Zip, t.start(e + 1), t.end(ze - 1), 87));
    }
}

/// After a street ending at `e`: `, City` with a ZIP (`, Pittsfield 01201`, `, Boston,
/// 02120`), a state (`, Boston MA`), or a line end, punctuation or a lower-case word after it
/// (`, Chelsea in December`); or `in City` (`on Lake St in Minneapolis`).
fn after_street(t: &Tokens<'_>, e: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    bracketed_zip(t, e, out);
    after_street_once(t, past_brackets(t, e), upper_doc, true, out);
}

/// Past a short aside after a street at `e` (`412 Hawthorne St (duplex, upper), Eureka`: a
/// bracket closed within 10 tokens on the line) or the close of a bracket the street was in
/// (`(behind Truman Rd), Independence 64050`); `e` itself otherwise.
fn past_brackets(t: &Tokens<'_>, e: usize) -> usize {
    if t.punct(e, ')') && !t.newline_before(e) {
        return e + 1;
    }
    if !t.punct(e, '(') || t.newline_before(e) {
        return e;
    }
    (e + 1..e + 11)
        .take_while(|&k| k < t.len() && !t.newline_before(k) && !t.punct(k, '('))
        .find(|&k| t.punct(k, ')'))
        .map_or(e, |k| k + 1)
}

/// [`after_street`]; with `street`, a street named without a number may come first (`RR 3 Box
/// 118, Hatchet Creek Rd, Ellery 62833`), and the city after it is looked for once more.
fn after_street_once(t: &Tokens<'_>, e: usize, upper_doc: bool, street: bool, out: &mut Vec<Candidate>) {
    if t.newline_before(e) {
        return;
    }
    if t.is(e, "in") {
        if let Some(pe) = place_at(t, e + 1, upper_doc) {
            push_place(t, e + 1, pe, out);
        }
        return;
    }
    if !t.punct(e, ',') {
        city_state_zip_at(t, e, out);
        return;
    }
    let s = e + 1;
    // `St. Louis`: a saint's abbreviation and its period start a city.
    let saint = t.is_any(s, &["st", "ste"]) && t.punct(s + 1, '.') && t.joined(s + 1) && !t.newline_before(s);
    let first = if saint { s + 2 } else { s };
    // Before a ZIP code any capitalized words are a city (`Normal 61761`).
    let mut r = first;
    while r < first + 3 && !t.newline_before(r) && t.kind(r) == Some(TokKind::Alpha) && (upper_doc || t.capitalized(r))
    {
        r += 1;
    }
    if r > first && !t.newline_before(r) {
        if let Some(ze) = zip_at(t, r) {
            out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(r - 1), 75));
            out.push(Candidate::new(PhiKind::Zip, t.start(r), t.end(ze - 1), 87));
            return;
        }
    }
    let mut k = first;
    while k < s + 3 && !t.newline_before(k) && street_city_word(t, k, upper_doc) {
        k += 1;
    }
    if k == s || (saint && k == s + 2) {
        return;
    }
    let suffix = t.has(k, bit::STREET_SUFFIX) && (upper_doc || t.capitalized(k)) && !t.newline_before(k);
    if street && suffix && !saint {
        let after = if t.punct(k + 1, '.') && t.joined(k + 1) { k + 2 } else { k + 1 };
        out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(after - 1), 75));
        after_street_once(t, after, upper_doc, false, out);
        return;
    }
    let z = if t.punct(k, ',') { k + 1 } else { k };
    if !t.newline_before(z) {
        if let Some(ze) = zip_at(t, z) {
            out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(k - 1), 75));
            out.push(Candidate::new(PhiKind::Zip, t.start(z), t.end(ze - 1), 87));
            return;
        }
        if is_state(t, z).is_some() {
            // `St. Paul, MN`: above the city rule's `Paul, MN` (93), which would leave `St.`.
            let score = if saint { 94 } else { 75 };
            out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(k - 1), score));
            return;
        }
    }
    // Without a ZIP or a state every word must look like a place.
    // (A quote closing a CSV cell, a column gap: `"1187 Magnolia Bend Dr, Pearland",77584`,
    // `3405 N Rock Rd, Wichita   $412.60`.)
    let gap = |k: usize| k < t.len() && k > 0 && t.start(k) >= t.end(k - 1) + 2;
    let follower = |k: usize| {
        k >= t.len()
            || t.newline_before(k)
            || gap(k)
            || [',', '.', ';', '(', ')', '"'].iter().any(|&c| t.punct(k, c))
            || (t.punct(k, '-') && !t.joined(k))
            || (t.kind(k) == Some(TokKind::Alpha) && !t.capitalized(k))
    };
    // Or, closing its clause after the street, a word in no list and no English word first
    // (`3307 Lindenwood Ct, Parma Heights)`, `1250 Carlisle Rd, York.`).
    let closes =
        k >= t.len() || t.newline_before(k) || gap(k) || [',', '.', ';', ')', '"'].iter().any(|&c| t.punct(k, c));
    let unlisted_town = closes && k - s <= 2 && !t.english(s) && !t.name_info(s).stop;
    if follower(k) && (unlisted_town || place_at(t, s, upper_doc) == Some(k)) {
        out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(k - 1), 75));
    } else if let Some(pe) = gazetteer_at(t, s, upper_doc, false).filter(|&pe| pe >= k && follower(pe)) {
        // A listed place, its words English or not, or going on past a street word (`1020 Lake
        // Ave, Storm Lake`, `412 Front St Apt 2, Rising Sun`).
        out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(pe - 1), 75));
    }
}

/// A word of a city after a street and a comma: capitalized (any case in an upper-case note,
/// not all capitals in mixed case), in no keyword list but the directions.
fn street_city_word(t: &Tokens<'_>, k: usize, upper_doc: bool) -> bool {
    t.toks.get(k).is_some_and(|tok| {
        tok.kind == TokKind::Alpha
            && tok.lex & !bit::DIRECTION == 0
            && (upper_doc || (t.capitalized(k) && !t.all_caps(k)))
    })
}

/// `on Lake St`, `at Elm Street`: a street without a number after `on`, `at`, `off` or
/// `near`, in mixed case; `k` is the suffix, after 1-3 capitalized words. Not a street when a
/// capitalized word or a placeholder follows the suffix (`Dr. Smith`, `Dr. [NAME]`, `St.
/// Mary's`: a title or a saint).
fn named_street_at(t: &Tokens<'_>, k: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !t.capitalized(k) {
        lower_named_street_at(t, k, out);
        return;
    }
    if upper_doc || !t.has(k, bit::STREET_SUFFIX) || !t.capitalized(k) || t.is_any(k, &["run", "loop", "row", "path"]) {
        return;
    }
    let allowed = bit::DIRECTION | bit::STATE_NAME | bit::ORGANISATION | bit::STREET_SUFFIX;
    let mut s = k;
    while s > 0 && k - s < 4 && !t.newline_before(s) {
        let w = s - 1;
        // `W. Thomas Rd`: a direction's period; `W. 63rd Pl`: an ordinal.
        if (dotted_direction_ends_at(t, w) && t.capitalized(w - 1)) || (w >= 1 && ordinal_at(t, w - 1)) {
            s = w - 1;
            continue;
        }
        let word = t.toks.get(w).is_some_and(|tok| {
            tok.kind == TokKind::Alpha
                && tok.lex & !allowed == 0
                && (tok.shape & shape::MULTI_CHAR != 0 || tok.lex & bit::DIRECTION != 0)
        });
        // A drug or an eponym is no street name (`on Lasix Dr said`); a state name is
        // (`Washington St`).
        let stop = t.name_info(w).stop && !t.has(w, bit::STATE_NAME);
        if !word || !t.capitalized(w) || stop {
            break;
        }
        s = w;
    }
    if s == k || s == 0 || t.newline_before(s) {
        return;
    }
    // `near the Canal St footbridge`, `at our Capitol Dr draw station`: a determiner between.
    let determiner = t.is_any(s - 1, &["the", "our", "their", "his", "her", "my", "your"]);
    let p = if determiner && s >= 2 && !t.newline_before(s - 1) { s - 2 } else { s - 1 };
    let mut e = k + 1;
    if t.punct(e, '.') && t.joined(e) {
        e += 1;
    }
    // `not the Old Ferry Rd address`: the street named before `address`, whatever comes before.
    let addressed = e == k + 1 && t.is(e, "address") && !t.newline_before(e);
    if !t.is_any(p, STREET_PREPOSITIONS) && !addressed {
        return;
    }
    // A placeholder counts as the name it replaced (`Dr. [NAME]` on a later pass). After `Dr.`
    // an English word in no name list starts a sentence (`on Lakeshore Dr. Reported to`).
    let sentence = t.punct(k + 1, '.') && t.english(e) && !t.name_info(e).any();
    let title = (t.capitalized(e) && !t.has(e, bit::UNIT | bit::DIRECTION) && !sentence) || t.punct(e, '[');
    if title && !t.newline_before(e) {
        return;
    }
    let e = unit_end(t, e);
    out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(e - 1), 86));
    after_street(t, e, upper_doc, out);
}

/// Words after which a street named without a number is the place (`onto Utica Rd`, `behind
/// Truman Rd`, `the letter to Rice St`).
const STREET_PREPOSITIONS: &[&str] =
    &["on", "at", "off", "near", "onto", "behind", "to", "from", "past", "along", "via", "across", "down", "up"];

/// Street types that end a street typed in lower case ([`lower_named_street_at`]); `dr` only
/// before a comma, a period or the end of its line (`dr obi` is a doctor).
const LOWER_STREET_TYPES: &[&str] =
    &["st", "ave", "rd", "blvd", "ln", "hwy", "pkwy", "dr", "street", "avenue", "road", "boulevard", "lane", "highway"];

/// `on riverside dr,`, `off hollis st`, `in the lot off s. 4th ave`: a street without a number
/// typed in lower case, after `on`, `off`, `at` or `near`: one or two words in no keyword list
/// (an ordinal or a direction too), then a street type (`k`) in lower case.
fn lower_named_street_at(t: &Tokens<'_>, k: usize, out: &mut Vec<Candidate>) {
    if !t.is_any(k, LOWER_STREET_TYPES) || t.newline_before(k) {
        return;
    }
    let after = if t.punct(k + 1, '.') && t.joined(k + 1) { k + 2 } else { k + 1 };
    if t.is(k, "dr") && !(t.punct(k + 1, ',') || t.punct(k + 1, '.') || after >= t.len() || t.newline_before(after)) {
        return;
    }
    let mut s = k;
    let mut named = false;
    while s > 0 && k - s < 4 && !t.newline_before(s) {
        let w = s - 1;
        // `s. 4th ave`: a direction's period; `4th`: an ordinal.
        if dotted_direction_ends_at(t, w) {
            s = w - 1;
            continue;
        }
        if w >= 1 && ordinal_at(t, w - 1) {
            s = w - 1;
            named = true;
            continue;
        }
        let word = t.toks.get(w).is_some_and(|tok| {
            tok.kind == TokKind::Alpha
                && tok.shape & shape::MULTI_CHAR != 0
                && !t.capitalized(w)
                && tok.lex & !bit::DIRECTION == 0
        });
        // `on same lane`, `on the other st`: a determiner is no street's name.
        let determiner =
            t.is_any(w, &["same", "other", "next", "wrong", "right", "left", "last", "first", "this", "that"]);
        if !word || determiner || t.name_info(w).stop {
            break;
        }
        named |= !t.has(w, bit::DIRECTION);
        s = w;
    }
    let words = (s..k).filter(|&m| t.kind(m) == Some(TokKind::Alpha)).count();
    if !named || words > 2 || s == 0 || t.newline_before(s) || !t.is_any(s - 1, &["on", "off", "at", "near"]) {
        return;
    }
    out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(after - 1), 86));
}

/// A place after a context word `i` ([`PLACE_CONTEXT`]) and its preposition, on one line and
/// within one clause: `lives with wife in X`, `drove to X`, `MVC VS TREE AT ~45 MPH IN X`,
/// `town of X`, `City: X`.
fn place_after_context(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !t.has(i, bit::PLACE_CONTEXT) {
        return;
    }
    // The prepositions each kind of context takes, and how many words may come between.
    let (preps, gap): (&[&str], usize) = if t.is_any(i, &["town", "city", "village", "township"]) {
        (&["of", ":"], 0)
    } else if t.is_any(i, &["drove", "driving", "drives", "driven"]) {
        (&["to", "from", "in"], 4)
    } else if t.is_any(i, &["moved", "relocated"]) {
        (&["to", "in"], 4)
    } else if t.is_any(i, &["mvc", "mva", "accident", "crash", "collision"]) {
        (&["in", "near"], 8)
    } else {
        (&["in", "near"], 6)
    };
    for j in i + 1..=i + 1 + gap {
        if j >= t.len() || t.newline_before(j) {
            return;
        }
        if t.is_any(j, preps) {
            if let Some(e) = place_at(t, j + 1, upper_doc).or_else(|| lower_place_at(t, j + 1)) {
                push_place(t, j + 1, e, out);
                return;
            }
        } else if ['.', ';', ':', '!', '?', ','].iter().any(|&c| t.punct(j, c)) {
            return;
        }
    }
}

/// A listed place of one word written in lower case (`driving from lewiston` in a chat), after a
/// context word only: 4 letters or more, in no keyword list, not a stop word, not an English
/// word, not a Census first or last name (`in jackson` may be a person); returns one past it.
fn lower_place_at(t: &Tokens<'_>, j: usize) -> Option<usize> {
    let tok = t.toks.get(j)?;
    if tok.kind != TokKind::Alpha || tok.lex != 0 || t.capitalized(j) || t.newline_before(j) || t.byte_len(j) < 4 {
        return None;
    }
    let name = t.name_info(j);
    let ok = t.place(j).0 && !name.stop && !name.first && !name.last && !t.english(j);
    ok.then_some(j + 1)
}

/// `in Phoenix.`, `sister in Providence;`, `cardiology in Glasgow,`: after `in` or `near` (token
/// `j` the word after it) in a mixed-case note, a one-word place of the gazetteer that is also
/// an English word or an eponym, capitalized inside a sentence (the preposition in lower case),
/// 5 letters or more, in no keyword list, closing its clause (`.`, `,`, `;`, `)` or the line's
/// end after it: `in Progress Notes` and `in Glasgow Coma Scale` stay); returns one past it.
fn english_town_at(t: &Tokens<'_>, j: usize) -> Option<usize> {
    let tok = t.toks.get(j)?;
    let shaped = tok.kind == TokKind::Alpha && t.capitalized(j) && !t.all_caps(j) && tok.lex == 0 && t.byte_len(j) >= 5;
    if !shaped || t.newline_before(j) || t.joined(j) || !t.all_lower(j - 1) || !t.place(j).0 {
        return None;
    }
    // `explained in English;`: a language, as towns are named too.
    if t.is_any(j, &["english", "french", "german", "polish", "dutch", "irish", "welsh"]) {
        return None;
    }
    let e = j + 1;
    let closes = e >= t.len()
        || t.newline_before(e)
        || (t.toks.get(e).is_some_and(|x| matches!(x.first, '.' | ',' | ';' | ')')) && t.joined(e));
    closes.then_some(e)
}

/// Word `k` has the shape of a place name: capitalized and not all capitals in mixed case
/// (`Chicopee`, not `ICU`), any case in an upper-case note; a letter word.
fn place_shaped(t: &Tokens<'_>, k: usize, upper_doc: bool) -> bool {
    t.kind(k) == Some(TokKind::Alpha) && (upper_doc || (t.capitalized(k) && !t.all_caps(k)))
}

/// A place of the gazetteer at `j`, on one line; returns one past it. A place of two or three
/// words (`Long Beach`, `Salt Lake City`) is taken as listed, its words English or not. A place
/// of one word must be in no keyword list (months, states, context words), not a stop word
/// (drugs, eponyms), not an English word (`Mobile`, `Normal`, `Independence`: their base
/// forms are), 3 letters or more (4 in an upper-case note); with `strict` not a Census first
/// or last name either (`from Jackson`, `to Austin`, `at Lincoln` may be people).
fn gazetteer_at(t: &Tokens<'_>, j: usize, upper_doc: bool, strict: bool) -> Option<usize> {
    if t.newline_before(j) {
        return None;
    }
    // `Winston-Salem`, `Cap-Haitien`, `Saint-Marc`: two capitalized words joined by a hyphen,
    // listed as a phrase (its first word may be a keyword: `cap`, `saint`).
    let capital = |k: usize| t.kind(k) == Some(TokKind::Alpha) && (upper_doc || t.capitalized(k));
    let hyphened = t.punct(j + 1, '-') && t.joined(j + 1) && t.joined(j + 2) && capital(j) && capital(j + 2);
    if hyphened
        && !(t.joined(j + 3) && t.kind(j + 3) != Some(TokKind::Punct))
        && listed_place([t.s(j), t.s(j + 2)].into_iter())
    {
        return Some(j + 3);
    }
    if !place_shaped(t, j, upper_doc) {
        return None;
    }
    if let Some(e) = saint_place(t, j, upper_doc) {
        return Some(e);
    }
    let (single, head) = t.place(j);
    if head {
        for n in [3, 2] {
            if let Some(e) = phrase_place(t, j, n, upper_doc) {
                return Some(e);
            }
        }
    }
    let tok = t.toks.get(j)?;
    let long_enough = t.byte_len(j) >= if upper_doc { 4 } else { 3 };
    let name = t.name_info(j);
    let ok =
        single && tok.lex == 0 && long_enough && !name.stop && !t.english(j) && !(strict && (name.first || name.last));
    ok.then_some(j + 1)
}

/// Words after a town's name that make it a clinical rule, score or product (`Ottawa neg`,
/// `Oxford scale`, `Parkland formula`, `Hollister monitor`).
const NAMED_RULE_WORDS: &[&str] = &[
    "neg",
    "negative",
    "pos",
    "positive",
    "grade",
    "scale",
    "score",
    "criteria",
    "formula",
    "rule",
    "rules",
    "monitor",
    "plate",
    "started",
    "stroke",
    "classification",
    "protocol",
];

/// A place name made of two English words (`Lakeshore`, `Riverbend`, `Parkland`): a name
/// facilities, developments and formulas take as often as towns.
fn english_compound(word: &str) -> bool {
    (3..word.len().saturating_sub(2)).any(|k| {
        word.is_char_boundary(k)
            && word.get(..k).is_some_and(super::dictionary::is_english)
            && word.get(k..).is_some_and(super::dictionary::is_english)
    })
}

/// Score of a town named without context ([`town_alone`]): below every other rule's.
const ALONE_SCORE: u8 = 50;

/// `a Waukegan rheum office`, `the Kenosha dialysis unit` (no place word needed): in a
/// mixed-case note, a one-word place of the gazetteer written alone, capitalized, of 5 letters
/// or more, that no list of names, keywords, stop words (drugs, eponyms) or English words holds
/// ([`gazetteer_at`], strict), no compound of two English words ([`english_compound`]), not
/// before a number (`Norco 10/325` is a drug), a capitalized word (a facility's name), a joined
/// `-` or a word of [`NAMED_RULE_WORDS`], not after a year (a car's model). Word `i`.
pub(crate) fn town_alone(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    if t.byte_len(i) < 5 || t.all_caps(i) || t.kind(i + 1) == Some(TokKind::Digit) {
        return;
    }
    // `Riverbend Surgery Center`, `(Lakeshore)`: a facility's name; `Ottawa neg`, `Nottingham
    // grade`, `Lennox-Gastaut`: a clinical rule named after a town; `2014 Tacoma`: a car.
    let named_next = !t.newline_before(i + 1)
        && t.toks.get(i + 1).is_some_and(|x| x.kind == TokKind::Alpha && x.first.is_uppercase());
    let joined_next = t.joined(i + 1) && t.punct(i + 1, '-');
    let year_before = i > 0 && t.digits(i - 1, Some(4));
    if named_next
        || joined_next
        || year_before
        || (i + 1 < t.len() && t.is_any(i + 1, NAMED_RULE_WORDS))
        || english_compound(t.s(i))
    {
        return;
    }
    if let Some(e) = gazetteer_at(t, i, false, true).filter(|&e| e == i + 1) {
        out.push(Candidate::new(PhiKind::Address, t.start(i), t.end(e - 1), ALONE_SCORE));
    }
}

/// `St. Cloud`, `ST PAUL`: `St` (with or without its period) and one or two words, a listed
/// place when written `Saint` (`Saint Cloud`, the gazetteer's spelling); returns one past it.
fn saint_place(t: &Tokens<'_>, j: usize, upper_doc: bool) -> Option<usize> {
    if !t.is(j, "st") {
        return None;
    }
    let k = if t.punct(j + 1, '.') && t.joined(j + 1) { j + 2 } else { j + 1 };
    if t.newline_before(k) || t.joined(k) {
        return None;
    }
    [2, 1]
        .into_iter()
        .find(|&n| {
            place_words(t, k, n, upper_doc) && listed_place(std::iter::once("saint").chain((k..k + n).map(|m| t.s(m))))
        })
        .map(|n| k + n)
}

/// The `n` words from `j`, on one line and each shaped like a place, joined by one space, as
/// a listed place; returns one past them.
fn phrase_place(t: &Tokens<'_>, j: usize, n: usize, upper_doc: bool) -> Option<usize> {
    (place_words(t, j, n, upper_doc) && listed_place((j..j + n).map(|k| t.s(k)))).then_some(j + n)
}

/// The `n` words from `j` are each shaped like a place and on one line, apart from each other.
fn place_words(t: &Tokens<'_>, j: usize, n: usize, upper_doc: bool) -> bool {
    (j..j + n).all(|k| place_shaped(t, k, upper_doc) && (k == j || !(t.newline_before(k) || t.joined(k))))
}

/// Whether `words`, joined by one space and lower-cased, are a place of the gazetteer (false
/// when longer than any listed word).
fn listed_place<'w>(words: impl Iterator<Item = &'w str>) -> bool {
    let mut buf = [0u8; super::lexicon::MAX_WORD];
    let mut len = 0;
    for (w, word) in words.enumerate() {
        let sep = usize::from(w > 0);
        let Some(dst) = buf.get_mut(len..len + sep + word.len()) else { return false };
        let (gap, rest) = dst.split_at_mut(sep);
        gap.fill(b' ');
        rest.copy_from_slice(word.as_bytes());
        len += sep + word.len();
    }
    buf.get_mut(..len).is_some_and(|phrase| {
        phrase.make_ascii_lowercase();
        super::lexicon::word_entry(phrase).place
    })
}

/// What follows a place ending at `e` lets it be one: not `'s`, a joined number or `-`
/// (`Austin's`, `Boston-based`), not an organisation or clinical noun (`Lowell General
/// Hospital` ends at `Hospital`), and in mixed case no other capitalized word on the line but a
/// state or a [`PLACE_AFTER`] word (`in Austin Community College`: a name of something else).
fn place_end_ok(t: &Tokens<'_>, e: usize, upper_doc: bool) -> bool {
    let possessive = t.apostrophe(e) && t.joined(e) && t.is(e + 1, "s");
    let glued = t.joined(e) && (t.digits(e, None) || t.punct(e, '-'));
    // A word on the next line belongs to no name with it (`in Garden City` / `MEDICAL OFFICER`).
    let named = !t.newline_before(e) && t.has(e, bit::ORGANISATION | bit::CLINICAL_NOUN);
    if possessive || glued || named {
        return false;
    }
    let next_word = !t.newline_before(e) && t.kind(e) == Some(TokKind::Alpha) && t.capitalized(e);
    // A date after it (`in Hyannis June 12-15`) is no part of a name either.
    upper_doc || !next_word || is_state(t, e).is_some() || t.has(e, bit::PLACE_AFTER | bit::MONTH | bit::WEEKDAY)
}

/// `Houston -> Amsterdam -> Lagos arr Jun 3`, `Lima (2 nights) -> Cusco`: a place of the
/// gazetteer after an itinerary's arrow (`->`, the `>` at `i` glued to its `-`), as after
/// `from`/`to` (a Census name is no place there); and then the place right before the arrow.
fn place_after_arrow(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if i == 0 || !t.punct(i - 1, '-') || !t.joined(i) {
        return;
    }
    if let Some(e) = gazetteer_at(t, i + 1, upper_doc, true).filter(|&e| place_end_ok(t, e, upper_doc)) {
        push_place(t, i + 1, e, out);
        // The place the leg starts from, right before the arrow: with a place after it, a
        // Census name there is a place too (`Houston -> Amsterdam`).
        let before = (i.saturating_sub(4)..i - 1)
            .find(|&s| !t.newline_before(s + 1) && gazetteer_at(t, s, upper_doc, false) == Some(i - 1));
        if let Some(s) = before {
            push_place(t, s, i - 1, out);
        }
    }
}

/// A place of the gazetteer after a preposition `i` ([`LOCATIVES`]): `near Chicopee`, `in Long
/// Beach`, `FROM DULUTH,`, `a congregation in Skokie`, `past Maywood`, `lives La Vernia`; and
/// another after it and a comma or a `/` (`in Brighton Beach, Brooklyn`, `in Beirut/Kumasi`).
/// After `from`, `to` and `at` a Census name is no place.
fn place_after_locative(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !t.has(i, bit::LOCATIVE) {
        return;
    }
    let strict = !t.is_any(i, &["in", "near"]);
    // `in flatbush`, `near canarsie`: a place typed in lower case in mixed-case text, after `in`
    // or `near` (not a name, no English word: [`lower_place_at`]).
    let lower = || (!strict && !upper_doc).then(|| lower_place_at(t, i + 1)).flatten();
    let english = || (!strict && !upper_doc).then(|| english_town_at(t, i + 1)).flatten();
    let Some(e) = gazetteer_at(t, i + 1, upper_doc, strict)
        .filter(|&e| place_end_ok(t, e, upper_doc))
        .or_else(lower)
        .or_else(english)
    else {
        return;
    };
    push_place(t, i + 1, e, out);
    // A second place after a comma or a glued `/` (`in Brighton Beach, Brooklyn`, `in
    // Beirut/Kumasi`).
    let slash = t.punct(e, '/') && t.joined(e) && t.joined(e + 1);
    if t.punct(e, ',') || slash {
        if let Some(e2) = gazetteer_at(t, e + 1, upper_doc, strict).filter(|&e2| place_end_ok(t, e2, upper_doc)) {
            push_place(t, e + 1, e2, out);
        }
    }
}

/// A place of the gazetteer before a police, sheriff, county or site word `k` ([`PLACE_AFTER`]):
/// `Per Chicopee PD Officer`, `Palm Beach County`, `the Evanston office`, `Chinle clinic`. `PD`
/// and `FD` must be in capitals (`mild PD`, lower case, is a disease), the others capitalized.
/// A Census name counts (`Jackson County`): the word after says it is a place.
fn place_before_department(t: &Tokens<'_>, k: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    // Nothing stands before the first token (found by fuzzing: `PD` opening the text).
    if k == 0 || !t.has(k, bit::PLACE_AFTER) || t.newline_before(k) {
        return;
    }
    let any_case = t.is_any(k, SITE_WORDS) || t.is_any(k, LOWER_COMPLEX_WORDS);
    let shaped = if t.is_any(k, &["pd", "fd"]) { t.all_caps(k) } else { upper_doc || t.capitalized(k) || any_case };
    if !shaped {
        return;
    }
    if t.is_any(k, COMPLEX_WORDS) {
        residential_complex(t, k, upper_doc, out);
        return;
    }
    let county = t.is_any(k, COUNTY_WORDS);
    // `YAKIMA COUNTY` in a mixed-case note: the capitals of the county word allow them.
    let caps = county && !upper_doc && t.all_caps(k);
    // A county is named with its word (`Yakima County`); a police or sheriff word is not.
    let last = if county { k } else { k - 1 };
    for s in (k.saturating_sub(3)..k).filter(|&s| s < k) {
        if (s + 1..k).any(|m| t.newline_before(m)) || t.newline_before(s) {
            continue;
        }
        // Longest first: `West Palm Beach` before `Palm Beach`.
        let listed = if caps {
            (s..k).all(|m| t.all_caps(m)) && gazetteer_at(t, s, true, false) == Some(k)
        } else {
            gazetteer_at(t, s, upper_doc, false) == Some(k)
        };
        // Not listed, a county name of one or two words in no keyword list (`Cass County`,
        // `Orange County`: capitalized before a capitalized county word, an English word too).
        // Not before an organisation's word (`Cook County Hospital` names a hospital).
        let english_ok = !t.has(k + 1, bit::ORGANISATION) || t.newline_before(k + 1);
        let named = county && k - s <= 2 && (s..k).all(|m| county_name_word(t, m, caps, upper_doc, english_ok));
        if listed || named {
            // `St. Martin Parish`, `St. Clair County`: a saint's `St.` before the name.
            let saint = |b: usize| b < s && t.is(b, "st") && !t.newline_before(s) && (upper_doc || t.capitalized(b));
            let start = if s >= 2 && t.punct(s - 1, '.') && t.joined(s - 1) && saint(s - 2) {
                s - 2
            } else if s >= 1 && saint(s - 1) && county {
                s - 1
            } else {
                s
            };
            out.push(Candidate::new(PhiKind::Address, t.start(start), t.end(last), 75));
            return;
        }
    }
}

/// `the Willow Creek Apartments`, `Lakeview Apts`: one to four capitalized words (in no keyword
/// list but street suffixes and directions, not all capitals in mixed case) before a complex
/// word `k` on its line; the complex word is part of the place (not `subdivision`,
/// `neighborhood`). A lot or a unit and a comma before it are part of it too (`Lot 31,
/// Prairie View Estates`), and a unit after it (`Harmony Ridge Apts bldg C #14`), then the town
/// as after a street.
fn residential_complex(t: &Tokens<'_>, k: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if t.is(k, "park") && !(k > 0 && t.is_any(k - 1, HOME_PARKS)) {
        return;
    }
    let mut s = k;
    while s > 0 && k - s < 4 && !t.newline_before(s) {
        let w = s - 1;
        let shaped = t.toks.get(w).is_some_and(|tok| {
            tok.kind == TokKind::Alpha
                && tok.lex & !(bit::STREET_SUFFIX | bit::DIRECTION) == 0
                && t.capitalized(w)
                && (upper_doc || !t.all_caps(w))
        });
        // `RV` in capitals before `Park`.
        let home = t.is_any(w, HOME_PARKS) && w + 1 == k;
        if !(shaped || home) || t.name_info(w).stop {
            break;
        }
        s = w;
    }
    if s == k {
        return;
    }
    let named = if t.is_any(k, LOWER_COMPLEX_WORDS) { k - 1 } else { k };
    // `Lot 31, `: a unit word, its number and a comma on the same line.
    let lot = s >= 3
        && t.punct(s - 1, ',')
        && t.kind(s - 2) == Some(TokKind::Digit)
        && t.has(s - 3, bit::UNIT)
        && !(s - 2..s).any(|m| t.newline_before(m));
    let s = if lot { s - 3 } else { s };
    if named < k {
        out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(named), 75));
        return;
    }
    // A unit after it (`Harmony Ridge Apts bldg C #14`, `Sunrise Terrace Apts #12`), and the
    // town after that as after a street (`, Chinle;`).
    let e = if t.newline_before(k + 1) { k + 1 } else { unit_end(t, k + 1) };
    out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(e - 1), 75));
    after_street(t, e, upper_doc, out);
}

/// Word `m` can name a county: a letter word of 3 or more letters in no keyword list, not a
/// stop word (drugs, eponyms), not an English word unless `english_ok` (before the county word:
/// `Orange County`; not after `County of`, where `County of Residence` is a form's label);
/// capitalized, all capitals when `caps` (`YAKIMA COUNTY`), not all capitals otherwise in
/// mixed case.
fn county_name_word(t: &Tokens<'_>, m: usize, caps: bool, upper_doc: bool, english_ok: bool) -> bool {
    let Some(tok) = t.toks.get(m) else { return false };
    let shaped = if caps { t.all_caps(m) } else { t.capitalized(m) && (upper_doc || !t.all_caps(m)) };
    tok.kind == TokKind::Alpha
        && tok.lex == 0
        && t.byte_len(m) >= 3
        && shaped
        && !t.name_info(m).stop
        && (english_ok || !t.english(m))
}

/// `County: Harlan`, `COUNTY: ANDROSCOGGIN`: a form's county field, from token `s` after the
/// label's colon: one to three county words (English ones too: the label says what they are)
/// closing the field (the line's end, a column gap, `,`, `;` or `(`). Not `unknown`, `none`.
fn county_after_colon(t: &Tokens<'_>, s: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let caps = t.all_caps(s) && t.multi_char(s);
    let mut e = s;
    while e < s + 3
        && !(e > s && (t.newline_before(e) || super::names::column_gap(t, e)))
        && county_name_word(t, e, caps, upper_doc, true)
    {
        e += 1;
    }
    let closes = e >= t.len()
        || t.newline_before(e)
        || super::names::column_gap(t, e)
        || [',', ';', '('].iter().any(|&c| t.punct(e, c));
    if e > s && closes && !t.is_any(s, &["unknown", "none", "same", "other"]) {
        out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(e - 1), 75));
    }
}

/// `County of Pima`, `COUNTY OF PIMA` (a court caption): a county name after a capitalized
/// `County` word `k` and `of`, on one line. Not `county of residence` (lower case, English).
fn county_of_at(t: &Tokens<'_>, k: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !t.is(k, "county") || !t.capitalized(k) || t.newline_before(k + 2) {
        return;
    }
    if t.punct(k + 1, ':') && t.joined(k + 1) {
        county_after_colon(t, k + 2, upper_doc, out);
        return;
    }
    if !t.is(k + 1, "of") {
        return;
    }
    let caps = !upper_doc && t.all_caps(k);
    let s = k + 2;
    if let Some(e) = gazetteer_at(t, s, upper_doc || caps, false).filter(|&e| !caps || (s..e).all(|m| t.all_caps(m))) {
        out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(e - 1), 75));
        return;
    }
    let mut e = s;
    while e < s + 2 && !(e > s && t.newline_before(e)) && county_name_word(t, e, caps, upper_doc, false) {
        e += 1;
    }
    if e > s {
        out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(e - 1), 75));
    }
}

/// `1300 Hwy 15 N, Whitesburg`: a house number `i` on a numbered road (not an interstate), a
/// direction letter after the road's number, then the city after it as after any street.
fn house_on_numbered_road(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let n = i + 2;
    if t.kind(i + 1) != Some(TokKind::Alpha) || numbered_road_before(t, n + 1) != Some(i + 1) || !house_number(t, i) {
        return;
    }
    if t.s(i + 1) == "I" || t.newline_before(i + 1) {
        return;
    }
    let d = n + 1;
    let e = if direction_letter(t, d) { d + 1 } else { d };
    out.push(Candidate::new(PhiKind::Address, t.start(i), t.end(e - 1), 86));
    after_street(t, e, upper_doc, out);
}

/// A numbered road ending just before token `k`: `I-82`, `HWY 32`, `Highway 9`, `Route 66`,
/// `US 20`, `SR 99`, `FM 536` (a Texas farm-to-market road); returns its first token.
fn numbered_road_before(t: &Tokens<'_>, k: usize) -> Option<usize> {
    if k < 2 || !t.digits(k - 1, None) || t.byte_len(k - 1) > 4 || t.newline_before(k - 1) {
        return None;
    }
    let n = k - 1;
    // `I-82`, `US-54`, `SR-99`: the road's letters in capitals glued to `-` glued to the number.
    let lettered = n >= 2 && t.punct(n - 1, '-') && t.joined(n) && t.joined(n - 1) && t.all_caps(n - 2);
    // A state's own highway (`KY-160`) too; only a place word before it makes it one
    // ([`road_after_locative`]: `CA-125` is a tumour marker).
    let state = lettered && t.byte_len(n - 2) == 2 && t.has(n - 2, bit::STATE_CODE);
    if lettered && (t.s(n - 2) == "I" || t.is_any(n - 2, &["us", "sr"]) || state) {
        return Some(n - 2);
    }
    let road = t.is_any(n - 1, &["hwy", "highway", "route", "rte"])
        || (t.all_caps(n - 1) && t.is_any(n - 1, &["us", "sr", "rt", "i", "fm"]));
    (road && t.capitalized(n - 1) && !t.newline_before(n)).then_some(n - 1)
}

/// Words before a road word that make a rural or tribal road (`County Rd 433`, `Navajo Route
/// 59`, `State Hwy 28`, `FM 1960` is written without a road word and is not taken).
pub(crate) const ROAD_OWNERS: &[&str] =
    &["county", "cty", "township", "twp", "navajo", "indian", "tribal", "bia", "farm", "ranch", "forest", "state"];

/// `County Rd 433`, `county road q`, `Navajo Route 59`, `N4512 County Road Q`: a road owner at
/// `k`, a road word, and a number of up to 4 digits or a road letter (one or two letters, in
/// capitals unless the road word is in lower case too), with the house number before it if
/// there is one (`N4512`, `4512`). Where people live on such roads they have no other address.
fn owned_road_at(t: &Tokens<'_>, k: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let r = k + 1;
    if !t.has(k, bit::ROAD_OWNER)
        || t.newline_before(r)
        || !t.is_any(r, &["rd", "road", "route", "rte", "hwy", "highway"])
        || !(upper_doc || t.capitalized(k) || !t.capitalized(r))
    {
        return;
    }
    let n = if t.punct(r + 1, '.') && t.joined(r + 1) { r + 2 } else { r + 1 };
    let number = t.digits(n, None) && t.byte_len(n) <= 4;
    let letter = t.kind(n) == Some(TokKind::Alpha)
        && t.byte_len(n) <= 2
        && (t.all_caps(n) || upper_doc || !t.capitalized(r))
        && !t.has(n, bit::FUNCTION);
    if t.newline_before(n) || !(number || letter) || (t.joined(n + 1) && t.kind(n + 1) != Some(TokKind::Punct)) {
        return;
    }
    // A grid direction after the number (`Township Rd 1900 E`).
    let e =
        if number && t.has(n + 1, bit::DIRECTION) && t.all_caps(n + 1) && !t.newline_before(n + 1) { n + 1 } else { n };
    // A direction before the owner (`6678 N State Route 13`).
    let k = if k >= 2 && t.has(k - 1, bit::DIRECTION) && t.digits(k - 2, None) && !t.newline_before(k - 1) {
        k - 1
    } else {
        k
    };
    // The house number: digits, or a grid letter glued to digits (`N4512`, `w1234`).
    let house = if k >= 1 && t.digits(k - 1, None) && !t.newline_before(k) {
        if k >= 2 && t.joined(k - 1) && t.kind(k - 2) == Some(TokKind::Alpha) && t.byte_len(k - 2) == 1 {
            k - 2
        } else {
            k - 1
        }
    } else {
        k
    };
    // A unit after it, capitalized (`County Road 308, Site 22`; not `, no street`).
    let w = if t.punct(e + 1, ',') { e + 2 } else { e + 1 };
    let e = if t.capitalized(w) || t.punct(w, '#') { unit_end(t, e + 1) } else { e + 1 };
    out.push(Candidate::new(PhiKind::Address, t.start(house), t.end(e - 1), 86));
}

/// `come in off Rt 117`, `Pharmacy on Hwy 51`, `GAS STATION AT RT 9`: a numbered road
/// ([`numbered_road_before`]) whose number is at `n`, right after `on`, `off`, `at`, `near`,
/// `along`, `via`, `onto` or `past`, on one line (where the road is the place), or a highway
/// anywhere (`Hwy 101 closure`, `Hwy 87 W 9 mi`: its direction letter with it; `drove US-23`).
fn road_after_locative(t: &Tokens<'_>, n: usize, out: &mut Vec<Candidate>) {
    if n < 2 || t.byte_len(n) > 4 || !matches!(t.kind(n - 1), Some(TokKind::Alpha | TokKind::Punct)) {
        return;
    }
    // `Rt 117` capitalized only after such a word (`Rt knee` is the right one). An interstate
    // (`I-40`) crosses states: only with a mile marker ([`road_mark_at`]).
    let rt = t.is_any(n - 1, &["rt", "rte"]) && t.capitalized(n - 1) && !t.joined(n);
    let Some(s) = numbered_road_before(t, n + 1).or(rt.then_some(n - 1)) else { return };
    if t.s(s) == "I" {
        return;
    }
    let before = ["on", "off", "at", "near", "along", "via", "onto", "past"];
    // Or before the way the traffic went (`Route 4 eastbound`).
    let bound = ["eastbound", "westbound", "northbound", "southbound", "eb", "wb", "nb", "sb"];
    // A highway word names a road wherever it stands (`Traffic: Hwy 101 closure`), and so
    // does a US highway written `US-23` (`drove US-23 over the gap`).
    let us_route = t.s(s) == "US" && t.punct(s + 1, '-');
    let located = (s > 0 && !t.newline_before(s) && t.is_any(s - 1, &before))
        || (t.is_any(n + 1, &bound) && !t.newline_before(n + 1))
        || t.is_any(s, &["hwy", "highway"])
        || us_route;
    if !located || (t.joined(n + 1) && t.kind(n + 1) == Some(TokKind::Digit)) {
        return;
    }
    // A direction letter after the number (`Hwy 87 W 9 mi`).
    let d = n + 1;
    out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(if direction_letter(t, d) { d } else { n }), 86));
}

/// `Hwy 87 W 9 mi`, `1300 Hwy 15 N,`: token `d` after a road's number is a direction letter
/// (one capital, apart, on the line, no word glued or right after it).
fn direction_letter(t: &Tokens<'_>, d: usize) -> bool {
    t.has(d, bit::DIRECTION)
        && t.byte_len(d) == 1
        && t.all_caps(d)
        && !t.newline_before(d)
        && !t.joined(d)
        && t.kind(d + 1) != Some(TokKind::Alpha)
}

/// A mile marker on a numbered road: `I-82 MP 31`, `HWY 32 MM 4.5`, `Hwy 9 mile marker 12`;
/// `k` is the marker word. Alone (`5 mm`, `MP 31`) nothing.
fn road_mark_at(t: &Tokens<'_>, k: usize, out: &mut Vec<Candidate>) {
    if !t.has(k, bit::ROAD_MARK) || !t.digits(k + 1, None) || t.newline_before(k + 1) || t.newline_before(k) {
        return;
    }
    let before = if t.is(k, "marker") && k > 0 && t.is(k - 1, "mile") { k - 1 } else { k };
    if t.is_any(k, &["mp", "mm"]) && !t.all_caps(k) {
        return;
    }
    let Some(s) = numbered_road_before(t, before) else { return };
    let mut e = k + 2;
    // A decimal (`MM 4.5`).
    if t.punct(e, '.') && t.joined(e) && t.digits(e + 1, None) && t.joined(e + 1) {
        e += 2;
    }
    out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(e - 1), 86));
}

/// An intersection with a numbered highway: `HWY 32 & BRUCE RD`, `Highway 9 and Elm St`; `k` is
/// the highway word. The other road is 1-3 street words and a suffix, or another numbered
/// highway.
fn intersection_at(t: &Tokens<'_>, k: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    // `RT 9 & LOCUST AVE`: any numbered road but `I-82` (its number is a token further).
    if numbered_road_before(t, k + 2) != Some(k) {
        return;
    }
    let j = k + 2;
    if !(t.punct(j, '&') || t.is(j, "and") || t.punct(j, '/')) || t.newline_before(j) {
        return;
    }
    let s = j + 1;
    if t.is_any(s, &["hwy", "highway"]) && t.digits(s + 1, None) && !t.newline_before(s + 1) {
        out.push(Candidate::new(PhiKind::Address, t.start(k), t.end(s + 1), 86));
        return;
    }
    let mut m = s;
    while m < s + 4 && !t.newline_before(m) {
        if m > s && t.has(m, bit::STREET_SUFFIX) {
            let mut e = m + 1;
            if t.has(e, bit::DIRECTION) && t.all_caps(e) == t.all_caps(m) && !t.newline_before(e) {
                e += 1;
            }
            out.push(Candidate::new(PhiKind::Address, t.start(k), t.end(e - 1), 86));
            return;
        }
        if !street_word(t, m, upper_doc) || t.kind(m) == Some(TokKind::Digit) {
            return;
        }
        m += 1;
    }
}

/// An ordinal street number in digits at `k` (`38TH`, `9th`, `63rd`): at most 3 digits and a
/// glued `st`, `nd`, `rd` or `th`.
fn ordinal_at(t: &Tokens<'_>, k: usize) -> bool {
    t.digits(k, None) && t.byte_len(k) <= 3 && t.joined(k + 1) && t.is_any(k + 1, &["st", "nd", "rd", "th"])
}

/// A direction and its glued period end at token `w` (`W.` of `W. Thomas Rd`, `s.` of `s. 4th
/// ave`).
fn dotted_direction_ends_at(t: &Tokens<'_>, w: usize) -> bool {
    t.punct(w, '.') && t.joined(w) && w >= 1 && t.has(w - 1, bit::DIRECTION)
}

/// One word of a street's name at `k` for [`street_pair_at`]: a street-shaped word
/// ([`street_city_word`]) or an ordinal in digits ([`ordinal_at`]); one past it.
fn street_name_word(t: &Tokens<'_>, k: usize, upper_doc: bool) -> Option<usize> {
    if ordinal_at(t, k) {
        return Some(k + 2);
    }
    // A direction may have other bits (`N` of `s/n`, `E`).
    let direction = t.has(k, bit::DIRECTION) && (upper_doc || t.capitalized(k));
    (direction || street_city_word(t, k, upper_doc)).then_some(k + 1)
}

/// `E 38TH ST & N KESSLER BLVD`, `Elm St and Main Ave`: two streets without numbers meeting,
/// each one to three name words (the first of them a direction at most) and a suffix, joined by
/// `&`, `and` or `/` on one line; `k` is the first street's suffix. Two suffixes are the
/// evidence, so a note in capitals counts too.
fn street_pair_at(t: &Tokens<'_>, k: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !t.has(k, bit::STREET_SUFFIX) || t.newline_before(k) {
        return;
    }
    // Streets in capitals in a note in mixed case (`E 38TH ST & N KESSLER BLVD`) are read as in
    // a note in capitals: the suffix's capitals allow the words'.
    let upper_doc = upper_doc || t.all_caps(k);
    let j = if t.punct(k + 1, '.') && t.joined(k + 1) { k + 2 } else { k + 1 };
    if !(t.punct(j, '&') || t.is(j, "and") || t.punct(j, '/')) || t.newline_before(j) || t.newline_before(j + 1) {
        return;
    }
    // The first street, back from its suffix: the longest run of name words on the line.
    let mut s = k;
    let mut named = false;
    while k - s < 4 {
        let Some(w) = s.checked_sub(1) else { break };
        let ordinal = w >= 1 && street_name_word(t, w - 1, upper_doc) == Some(s);
        let start = if ordinal { w - 1 } else { w };
        if t.newline_before(s) || street_name_word(t, start, upper_doc) != Some(s) {
            break;
        }
        named |= ordinal || !t.has(start, bit::DIRECTION);
        s = start;
    }
    if !named {
        return;
    }
    // The second street, forward to its suffix.
    let first = j + 1;
    let mut e = first;
    let mut words = 0;
    while words < 4 && !t.newline_before(e) {
        if e > first && t.has(e, bit::STREET_SUFFIX) && (e > first + 1 || !t.has(first, bit::DIRECTION)) {
            let end = if t.punct(e + 1, '.') && t.joined(e + 1) { e + 2 } else { e + 1 };
            out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(k), 86));
            out.push(Candidate::new(PhiKind::Address, t.start(first), t.end(end - 1), 86));
            return;
        }
        match street_name_word(t, e, upper_doc) {
            Some(next) => e = next,
            None => return,
        }
        words += 1;
    }
}

/// A rural route: `RR 2 Box 118`, `Rural Route 4, Box 7`, `HC 61 Box 2207` (highway
/// contract); `i` is the route number. `RR 24` alone is a respiratory rate.
fn rural_route_at(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if i == 0 || !t.digits(i, None) || t.byte_len(i) > 3 {
        return;
    }
    // `HC 61 Box 2207`: a highway contract route, written like a rural route.
    let s = if (t.is(i - 1, "rr") || t.is(i - 1, "hc")) && t.all_caps(i - 1) {
        i - 1
    } else if i >= 2 && t.is(i - 1, "route") && t.is(i - 2, "rural") {
        i - 2
    } else {
        return;
    };
    let b = if t.punct(i + 1, ',') { i + 2 } else { i + 1 };
    if !t.is(b, "box") || !t.digits(b + 1, None) || (s..=b + 1).any(|m| m > s && t.newline_before(m)) {
        return;
    }
    let e = box_number_end(t, b + 1);
    out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(e - 1), 86));
    after_street(t, e, upper_doc, out);
}

/// One past a box number at `n` (digits), with a letter or two glued after it (`Box 40A`,
/// `Box 240-B`).
fn box_number_end(t: &Tokens<'_>, n: usize) -> usize {
    let suffix = t.joined(n + 1) && t.kind(n + 1) == Some(TokKind::Alpha) && t.byte_len(n + 1) <= 2;
    // Or after a hyphen (`Box 240-B`).
    let hyphened = t.punct(n + 1, '-')
        && t.joined(n + 1)
        && t.joined(n + 2)
        && t.kind(n + 2) == Some(TokKind::Alpha)
        && t.byte_len(n + 2) <= 2
        && !(t.joined(n + 3) && t.kind(n + 3) != Some(TokKind::Punct));
    if suffix {
        n + 2
    } else if hyphened {
        n + 3
    } else {
        n + 1
    }
}

/// An HL7 address (`street^other^city^ST^ZIP`): ZIP `i` after `^`, a state code and `^`; the
/// city is what stands between the `^` before it and the one before the state (`^^Coeur
/// d'Alene^ID^83814`). Returns whether the ZIP is one.
fn caret_city(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) -> bool {
    if i < 4 || !t.punct(i - 1, '^') || !t.joined(i) || !is_state_code(t, i - 2) || !t.punct(i - 3, '^') {
        return false;
    }
    let end = i - 4;
    let mut s = end + 1;
    while s > 0 && end + 1 - s < 6 && !t.punct(s - 1, '^') && !t.newline_before(s) {
        s -= 1;
    }
    let bounded = s > 0 && t.punct(s - 1, '^');
    if bounded && s <= end && t.kind(s) == Some(TokKind::Alpha) && t.kind(end) == Some(TokKind::Alpha) {
        out.push(Candidate::new(PhiKind::Address, t.start(s), t.end(end), 93));
    }
    true
}

/// A city after a street without a comma, before a state code and a ZIP: `3235 OAKLAND RD NE
/// CEDAR RAPIDS IA 52402`; `e` is one past the street. 1-3 capitalized words in no keyword list.
fn city_state_zip_at(t: &Tokens<'_>, e: usize, out: &mut Vec<Candidate>) {
    let mut k = e;
    while k < e + 3
        && !t.newline_before(k)
        && t.toks.get(k).is_some_and(|tok| tok.kind == TokKind::Alpha && tok.lex & !bit::DIRECTION == 0)
        && t.capitalized(k)
    {
        k += 1;
    }
    if k > e && is_state_code(t, k) && !t.newline_before(k + 1) && zip_at(t, k + 1).is_some() {
        out.push(Candidate::new(PhiKind::Address, t.start(e), t.end(k - 1), 93));
    }
}

/// A town after an age in an obituary: `Francis Brennan, 94, of Oconomowoc, passed away`;
/// `i` is the comma before the age. The word before is capitalized (a name), the place is
/// followed by a comma, a period or a semicolon.
fn obituary_place_at(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let age = i + 1;
    if i == 0
        || !t.capitalized(i - 1)
        || !t.digits(age, None)
        || t.byte_len(age) > 3
        || !t.punct(age + 1, ',')
        || !t.is(age + 2, "of")
        || t.newline_before(age + 3)
    {
        return;
    }
    let s = age + 3;
    let Some(e) = gazetteer_at(t, s, upper_doc, false).or_else(|| place_at(t, s, upper_doc)) else { return };
    if [',', '.', ';'].iter().any(|&c| t.punct(e, c)) {
        push_place(t, s, e, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`find_addresses`] without the dispatch: every rule tried at every token, the
    /// reference the dispatch by first character and keyword bits must match.
    fn find_addresses_reference(t: &Tokens<'_>, upper_doc: bool, out: &mut Vec<Candidate>) {
        for i in 0..t.len() {
            if t.digits(i, None) {
                number_at(t, i, upper_doc, out);
            } else if t.kind(i) == Some(TokKind::Alpha) {
                word_at(t, i, upper_doc, out);
                state_place_at(t, i, upper_doc, out);
            } else if t.punct(i, ',') {
                city_at(t, i, upper_doc, out);
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
            "Evanston",
            "TX",
            "tx",
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
            "in",
            "lives",
            "on",
            "Lake",
            "drove",
            "to",
            "Dorchester",
            "MD",
            "ID",
            "MEDICAID",
            "Hospital",
            "town",
            "of",
            "Dr",
            ":",
            "'",
            "s",
            "Cardiology",
            "near",
            "from",
            "FROM",
            "Chicopee",
            "Poland",
            "County",
            "Route",
            "DULUTH",
            "Long",
            "Beach",
            "PD",
            "County",
            "ICU",
            "plate",
            "license",
            "MP",
            "mm",
            "marker",
            "mile",
            "I",
            "HWY",
            "Hwy",
            "&",
            "and",
            "^",
            "RR",
            "Rural",
            "Route",
            "COUNTY",
            "Home",
            "94",
            "Berlin",
            "Broadway",
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

    /// The address spans (class, text) found in `text`.
    fn found(text: &str) -> Vec<(PhiKind, String)> {
        let t = Tokens::new(text);
        let mut out = Vec::new();
        find_addresses(&t, crate::deid::text::is_upper_case_text(text), &mut out);
        out.iter().map(|c| (c.kind, text[c.start..c.end].to_string())).collect()
    }

    fn has(text: &str, kind: PhiKind, want: &str) -> bool {
        found(text).iter().any(|(k, s)| *k == kind && s == want)
    }

    #[test]
    fn zip_after_a_lower_case_state_code_in_a_lower_case_note() {
        let note = "referred to endo - dr amara nwosu, 1120 n milwaukee ave ste 4, chicago il 60642, \
                    ph 773-555-0158. today: pulpitis, will see her back in two weeks for the crown.";
        assert!(has(note, PhiKind::Zip, "60642"), "{:?}", found(note));
        // In mixed case a lower-case `il` is no state, unless a listed place comes before it.
        assert!(!has("Referred to Zorbin il 60642 today", PhiKind::Zip, "60642"));
        assert!(has("Referred to Chicago il 60642 today", PhiKind::Zip, "60642"));
    }

    #[test]
    fn listed_place_before_a_state_without_a_comma() {
        for (text, place) in [
            ("seen 2/20/26 at Lakeshore Heart, Evanston IL\nHFrEF", "Evanston"),
            ("16:40 - Valley Regional, McAllen TX\nGuadalupe", "McAllen"),
            ("ST. DAVID'S HOSPITAL EMERGENCY DEPT, SCRANTON PA\n03/01/2026", "SCRANTON"),
            // A code in lower case before a ZIP, in a note in mixed case.
            ("MRN 1172660. lives westside, el paso tx 79912. cell", "el paso"),
            ("lives at 2214 rice st apt 3, st paul mn 55117, w/ parents", "st paul"),
            ("Home: 1412 ne 3rd st, newport, or 97365\nStudent", "newport"),
        ] {
            assert!(has(text, PhiKind::Address, place), "{text}: {:?}", found(text));
        }
        assert!(has("lives westside, el paso tx 79912. AA", PhiKind::Zip, "79912"));
        // A code that is a credential after a Census name, a title before the place, a label
        // after the code, an English word in capitals in an upper-case note, no listed place,
        // a code in lower case without a ZIP.
        for text in [
            "Signed: Jackson MD today",
            "seen by Dr. Austin TX today",
            "Boise ID 5521",
            "CALLED BOSTON OR HOME TODAY",
            "Lakeshore Heart, Zorbin IL today",
            "called Evanston il today",
        ] {
            assert!(!found(text).iter().any(|(k, _)| *k == PhiKind::Address), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn street_typed_in_lower_case_with_a_unit_or_a_city_after_it() {
        for (text, street) in [
            ("lives at 2214 rice st apt 3, st paul mn 55117, w/ parents", "2214 rice st apt 3"),
            ("doubled up at 2215 riverside ave #308, minneapolis mn 55454, lease", "2215 riverside ave #308"),
            ("Home: 1412 ne 3rd st, newport, or 97365\nStudent", "1412 ne 3rd st"),
            // A town and its ZIP after it, no comma.
            ("mail the paper to 78 sagebrush rd benton city 99320 not the", "78 sagebrush rd"),
            ("> 956-555-0176: 417 w heywood st san benito 78586. her cell", "417 w heywood st"),
        ] {
            assert!(has(text, PhiKind::Address, street), "{text}: {:?}", found(text));
        }
        // Neither a unit nor a listed place, state and ZIP after it (`main st` after `on` is a
        // street without a number, `lower_named_street_at`).
        let text = "Take 2 tabs po bid, Walgreens on main st";
        assert_eq!(found(text), [(PhiKind::Address, "main st".to_string())], "{text}");
        let text = "gave 2 doses at the main st clinic 12345 units";
        assert!(!found(text).iter().any(|(k, _)| *k == PhiKind::Address), "{text}: {:?}", found(text));
        let text = "gave 2 doses at the main st clinic, Dr. Ruiz";
        assert!(!found(text).iter().any(|(k, _)| *k == PhiKind::Address), "{text}: {:?}", found(text));
    }

    #[test]
    fn spanish_street_names_and_hawaiian_house_numbers() {
        assert!(has("Address: 7730 E Calle Arroyo, Tucson AZ 85715", PhiKind::Address, "7730 E Calle Arroyo"));
        assert!(has("Correct (118 Rue Chavaniac, Lafayette, LA 70508).", PhiKind::Address, "118 Rue Chavaniac"));
        let text = "Valley Pathology, 2290 El Camino Real, Suite 310, Santa Clara, CA 95050";
        assert!(has(text, PhiKind::Address, "2290 El Camino Real, Suite 310"), "{:?}", found(text));
        let text = "his apartment (94-1021 Waipahu St Apt 7, Waipahu).";
        assert!(has(text, PhiKind::Address, "94-1021 Waipahu St Apt 7"), "{:?}", found(text));
        // A route of a tube, a phone number's groups, a type word without a name.
        for text in ["GIVEN 5 VIA NG TUBE", "call 555-0170 Oak Dr", "walked 20 camino today"] {
            assert!(found(text).iter().all(|(k, _)| *k != PhiKind::Address), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn a_floor_by_its_ordinal_after_the_street() {
        let text = "Address: 214 Acushnet Ave, 2nd fl, New Bedford, MA 02740";
        assert!(has(text, PhiKind::Address, "214 Acushnet Ave, 2nd fl"), "{:?}", found(text));
        assert!(has("lives at 9 Oak St 3rd Floor.", PhiKind::Address, "9 Oak St 3rd Floor"));
        assert!(has("9 Oak St, 2nd visit today", PhiKind::Address, "9 Oak St"));
    }

    #[test]
    fn county_and_tribal_roads() {
        assert!(has("6 mi N on County Rd 433, L at the grain bins", PhiKind::Address, "County Rd 433"));
        assert!(has("Home is ~14 mi off Navajo Route 59, no street", PhiKind::Address, "Navajo Route 59"));
        let text = "addr: n4512 county road q, town of easton";
        assert!(has(text, PhiKind::Address, "n4512 county road q"), "{:?}", found(text));
        assert!(has("N4512 County Road QQ, Easton", PhiKind::Address, "N4512 County Road QQ"));
        // A road letter must be a capital after a capitalized road word; a word after it, a
        // state's road department.
        for text in ["County Road a mess", "the State Road Commission", "County Rd Department", "County Rd 12345"] {
            assert!(found(text).iter().all(|(k, _)| *k != PhiKind::Address), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn a_place_before_a_country() {
        assert!(has("Tourist from Kraków, Poland, on vacation", PhiKind::Address, "Kraków"));
        assert!(has("FAMILY FROM ENUGU, NIGERIA.", PhiKind::Address, "ENUGU"));
        assert!(has("aunt in Santa Ana, Mexico", PhiKind::Address, "Santa Ana"));
        // An English word, a keyword, a country alone, a country on the next line.
        for text in ["Seen at Hospital, Mexico.", "Lived in Texas, Mexico", "Born in Poland.", "Kraków,\nPoland"] {
            assert!(found(text).iter().all(|(k, _)| *k != PhiKind::Address), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn highway_contract_boxes_and_units_after_a_hash() {
        assert!(has("lives w/ pt at HC 61 Box 2207, Tuba City", PhiKind::Address, "HC 61 Box 2207"));
        assert!(has("Home address: 3742 E Clinton Ave #B, Fresno", PhiKind::Address, "3742 E Clinton Ave #B"));
        assert!(has("pt at 55 Main Street #12A, Springfield", PhiKind::Address, "55 Main Street #12A"));
        // A long number after `#` is no unit; `HC` in lower case or without a box is none.
        assert!(has("at 55 Main Street #123456 today", PhiKind::Address, "55 Main Street"));
        assert!(found("HC 61 today, hc 4 box 2").is_empty(), "{:?}", found("HC 61 today, hc 4 box 2"));
    }

    #[test]
    fn the_last_group_of_a_phone_number_starts_no_street() {
        // The phone number is found whole, not its last group as a house number.
        for text in ["fax 614-555-0170 Oak Dr. FCE planned", "FAX 614-555-0170 AND TO DR OKAFOR"] {
            let scrubbed = crate::deid::text::scrub_text(text, &crate::deid::text::TextOptions::default())
                .map(|s| s.text)
                .unwrap_or_default();
            assert!(scrubbed.contains("[PHONE]") && !scrubbed.contains("555"), "{text}: {scrubbed}");
        }
        assert!(found("FAX 614-555-0170 AND TO DR OKAFOR").iter().all(|(k, _)| *k != PhiKind::Address));
        assert!(has("Lives at 0170 Oak Dr. with her son", PhiKind::Address, "0170 Oak Dr."));
    }

    #[test]
    fn city_and_zip_after_a_street_without_a_state() {
        let text = "her address is 19 Wendell Ave Unit 4, Pittsfield 01201 since";
        assert!(has(text, PhiKind::Address, "Pittsfield") && has(text, PhiKind::Zip, "01201"), "{:?}", found(text));
        let text = "Pharmacy: 1601 Tremont St, Boston 02120, ph 617-555-0158";
        assert!(has(text, PhiKind::Address, "Boston") && has(text, PhiKind::Zip, "02120"), "{:?}", found(text));
        assert!(has("at 88 Cottage Street, Apt 2, Chelsea in December", PhiKind::Address, "Chelsea"));
        assert!(has("Location: 312 Birch Lane, Lowell\nNext", PhiKind::Address, "Lowell"));
        // Not a city: an English word or a keyword after the street without a ZIP, a floor.
        for text in ["at 12 Elm St, Second Floor today", "12 Elm St, Tel 617-555-0101", "12 Elm St, March 3"] {
            assert!(
                found(text).iter().all(|(k, s)| *k == PhiKind::Address && s.contains("Elm")),
                "{text}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn street_without_a_number_and_the_city_after_it() {
        let text = "pharmacy is the walgreens on Lake St in Minneapolis. my";
        assert!(
            has(text, PhiKind::Address, "Lake St") && has(text, PhiKind::Address, "Minneapolis"),
            "{:?}",
            found(text)
        );
        assert!(has("lives on Washington St with", PhiKind::Address, "Washington St"));
        // A determiner after the preposition; a street named before `address`.
        assert!(has("drawn at our Capitol Dr draw station.", PhiKind::Address, "Capitol Dr"));
        assert!(has("the RR box, not the Old Ferry Rd address (mail", PhiKind::Address, "Old Ferry Rd"));
        // A title or a saint after the suffix, no `on`/`at`, an upper-case note.
        for text in [
            "seen at Mercy Dr Smith today",
            "seen at Mercy Dr. [NAME] clinic",
            "stable on Lasix Dr said",
            "seen at Mercy Dr [NAME-2] clinic",
            "admitted at Boston St. Elizabeth's",
            "Lake St is closed",
            "ON LAKE ST IN TOWN",
            "saw our Mercy Dr today",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn a_town_named_alone() {
        let found = |text: &str| -> Vec<String> {
            let t = Tokens::new(text);
            let mut out = Vec::new();
            for i in 0..t.len() {
                town_alone(&t, i, &mut out);
            }
            out.iter().filter_map(|c| text.get(c.start..c.end)).map(str::to_string).collect()
        };
        assert_eq!(found("failed Humira in 2022 at a Waukegan rheum office"), ["Waukegan"]);
        assert_eq!(found("moved to the Kenosha dialysis unit"), ["Kenosha"]);
        for text in [
            "Norco 10/325 q6h",
            "seen at Riverbend Surgery Center",
            "home health: Lakeshore, start 2/21",
            "ankle: Ottawa neg",
            "Nottingham grade 2",
            "drives a 2014 Tacoma",
            "Lennox-Gastaut syndrome",
            "KENOSHA WEST",
            "Jackson called",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn place_after_a_context_word() {
        for (text, place) in [
            ("SH: lives with wife in Dorchester; former smoker", "Dorchester"),
            ("Lives in independent living apt in Brookline; husband", "Brookline"),
            ("mother reports pt drove to Albany overnight on 3/8", "Albany"),
            ("MECHANISM: RESTRAINED DRIVER, MVC VS TREE AT ~45 MPH IN WESTBOROUGH. + AIRBAG", "WESTBOROUGH"),
            ("FOOSH on ice outside her apartment in Somerville ~21:30", "Somerville"),
            ("moved to the town of Westborough last year", "Westborough"),
            ("lives with son in East Boston", "East Boston"),
        ] {
            assert!(has(text, PhiKind::Address, place), "{text}: {:?}", found(text));
        }
        // No context word, or not a place: a month, a department, all capitals, a language, an
        // English word, a state, a possessive, a facility, another clause.
        for text in [
            "seen in Cardiology today",
            "f/u appt in Cardiology",
            "lives with wife in March",
            "moved to Cardiology floor",
            "lives in ICU",
            "lives with daughter, speaks only in Spanish",
            "lives in Section 8 housing",
            "lives in Assisted Living",
            "moved to Florida",
            "drove to Maria's house",
            "lives near Mercy Hospital",
            "moved to New Hampshire",
            "living in Memory Care",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn place_after_an_organisation_at_a_line_end() {
        assert!(has("From: Community Hospital ED, Greenfield\nReason", PhiKind::Address, "Greenfield"));
        // A town naming an organisation's site is a town (`Dorchester campus`, `Dorchester
        // clinic`): below a state, as the blind notes' writers mark it.
        assert!(has("Mercy Hospital, Dorchester campus\n", PhiKind::Address, "Dorchester"));
        assert!(has("lives alone. In Dorchester clinic", PhiKind::Address, "Dorchester"));
        for text in ["Mercy Hospital, Cardiology\n", "Mercy Hospital, Emergency Department\n"] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn gazetteer_place_after_a_preposition() {
        for (text, place) in [
            ("T-bone on passenger side near Chicopee approx 22:30.", "Chicopee"),
            ("pt will stay w/ sister in Commerce City tonight.", "Commerce City"),
            ("works night shift at the port in Long Beach. Next appt", "Long Beach"),
            ("66 YO M, RETIRED ROOFER FROM DULUTH, DECADES OF SUN", "DULUTH"),
            ("on her feet full shifts at the diner in Tupelo - discussed", "Tupelo"),
            ("belong to a congregation in Skokie.\nMort tearful", "Skokie"),
            ("they live in Brighton Beach, Brooklyn. D/c'd", "Brighton Beach"),
            ("they live in Brighton Beach, Brooklyn. D/c'd", "Brooklyn"),
            ("transferred to Salt Lake City by air", "Salt Lake City"),
            ("grew up in Jackson and", "Jackson"),
            ("brother Yusuf Warsame in St. Cloud (320-555-0165).", "St. Cloud"),
            ("MOVED TO ST PAUL LAST YEAR", "ST PAUL"),
            // An English word or eponym closing its clause after `in` or `near`.
            ("teaching chemistry 34 years in Phoenix. Audio on", "Phoenix"),
            ("for her sister Zulmira in Providence; pt OK to share.", "Providence"),
            ("alternative offered (cardiology in Glasgow, referral", "Glasgow"),
            ("ambulance to HD unit in Garden City\n\nMEDICAL OFFICER NARRATIVE", "Garden City"),
        ] {
            assert!(has(text, PhiKind::Address, place), "{text}: {:?}", found(text));
        }
        // Not a place: a town that is an English word (`Mobile`, `Normal`, `Independence`,
        // `Surprise`), a Census name after from/to/at (a person), a drug or eponym, all
        // capitals in mixed case, lower case, an organisation after it, a possessive, a
        // hyphenated word, a country, a head word alone.
        for text in [
            "switched to Mobile app for glucose",
            "in Normal sinus rhythm",
            "fought for Independence",
            "Surprise party in Surprise Valley",
            "message from Jackson about refill",
            "spoke to Austin, RN",
            "seen at Lincoln and discussed",
            "changed to Norco 5/325 prn",
            "chorea in Huntington disease",
            "switched to Foley catheter",
            "admit to ICU",
            "seen at Lowell General Hospital",
            "admitted to St. Joseph Hospital",
            "seen at St. Mary's today",
            "pt from Boston-based program",
            "follow up in Austin's office",
            "family from Lebanon visiting",
            "walked a long way in Long grass",
            "no change in Glasgow Coma Scale",
            "In Progress.",
            "noted In Phoenix.",
            "seen in Progress Notes",
            "explained in English; grandma",
            "in Cardiology pain 7/10, Na 138",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn gazetteer_place_before_a_department_or_after_a_unit() {
        assert!(has("EtOH denied. Per Chicopee PD Officer Brennan", PhiKind::Address, "Chicopee"));
        assert!(has("per Fort Worth PD report", PhiKind::Address, "Fort Worth"));
        assert!(has("Jackson County Sheriff called", PhiKind::Address, "Jackson County"));
        assert!(has("To: neuro ICU, Honolulu\nAccepting: Dr. Akana", PhiKind::Address, "Honolulu"));
        // `pd` in lower case (a disease), a word that is no listed place, an English word.
        assert!(has("moved from Orange County in May", PhiKind::Address, "Orange County"));
        for text in ["hx of Parkinson PD", "mild Tupelo pd", "To: neuro ICU, Stable\n"] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn no_street_from_a_time_and_no_city_before_an_issuing_state() {
        for text in [
            "---- 5:48 PM  Dr. Folasade Abioye:\nThanks",
            "Partner drives a gray Silverado, CO plate BXR-4417; pt",
            "Certifier: R. Anaya, MD, CA license A-118245\nFuneral",
        ] {
            assert!(found(text).iter().all(|(k, _)| *k != PhiKind::Address), "{text}: {:?}", found(text));
        }
        // A street after a time with a space, a city before a state with a ZIP, still are.
        assert!(has("at 5:48 PM 12 Elm St was", PhiKind::Address, "12 Elm St"));
        assert!(has("lives in Aurora, CO 80012", PhiKind::Address, "Aurora"));
    }

    #[test]
    fn payer_lines_and_credentials_are_no_city() {
        for text in [
            "Insurance: Blue Cross PPO, ID XQW882013344, group 0047721",
            "SECONDARY: TX MEDICAID, ID 521903384",
            "Insurance: Blue Cross PPO, ID [HEALTH_PLAN_ID], group [HEALTH_PLAN_ID]",
            "Blue Cross PPO, ID ****",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        for (text, name) in [
            ("Resident: Daniel Osei, MD", "Daniel Osei"),
            ("- Leila Haddad, MD", "Leila Haddad"),
            ("Assistant: Kwame Mensah, PA-C", "Kwame Mensah"),
            ("Sincerely,\n\nWei Chen, MD", "Wei Chen"),
        ] {
            assert_eq!(found(text), [(PhiKind::Name, name.to_string())], "{text}");
        }
        // A city before a credential-like state code still is one with a ZIP or a locative.
        assert!(has("lives in Bethesda, MD with", PhiKind::Address, "Bethesda"));
        assert!(has("Bethesda, MD 20814", PhiKind::Address, "Bethesda"));
        assert!(has("Boise, ID 83702", PhiKind::Address, "Boise"));
        assert!(has("Springfield, IL", PhiKind::Address, "Springfield"));
    }

    #[test]
    fn counties_by_their_word() {
        for (text, place) in [
            ("ARREST LOCATION: I-82 MP 31, YAKIMA COUNTY\nSEARCH", "YAKIMA COUNTY"),
            ("referred by Yakima County Jail", "Yakima County"),
            ("resident of Okanogan County since 2001", "Okanogan County"),
            ("IN AND FOR THE COUNTY OF PIMA\nPlaintiff", "PIMA"),
            ("Superior Court, County of Maricopa", "Maricopa"),
            ("San Bernardino County Sheriff", "San Bernardino County"),
            // A saint's `St.` before the name.
            ("motorcycle impounded at St. Martin Parish tow lot", "St. Martin Parish"),
            ("resident of St Clair County since", "St Clair County"),
        ] {
            assert!(has(text, PhiKind::Address, place), "{text}: {:?}", found(text));
        }
        // English words, lower case, drugs, a keyword, all capitals before a capitalized word.
        for text in [
            "Cook County Hospital",
            "county of residence unknown",
            "County of residence: unknown",
            "COUNTY OF RESIDENCE: UNKNOWN\nok",
            "the county health dept",
            "Lasix County",
            "ICU County",
            "March County fair",
            "per County protocol",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn road_locations_of_a_scene() {
        for (text, place) in [
            ("ARREST LOCATION: I-82 MP 31, YAKIMA COUNTY", "I-82 MP 31"),
            ("MVC W/ INJURIES. LOCATION HWY 32 & BRUCE RD, CHICO, CA 95928", "HWY 32 & BRUCE RD"),
            ("rollover on Hwy 9 mile marker 12 at 0300", "Hwy 9 mile marker 12"),
            ("found at HWY 20 MM 4.5 by trooper", "HWY 20 MM 4.5"),
            ("struck at Highway 9 and Elm Street", "Highway 9 and Elm Street"),
            ("MVC AT HWY 99 & HWY 20", "HWY 99 & HWY 20"),
            // A numbered road after a locative names where, as `on Lake St` does.
            ("drove on Hwy 9 for hours", "Hwy 9"),
        ] {
            assert!(has(text, PhiKind::Address, place), "{text}: {:?}", found(text));
        }
        // Millimetres, a marker without a road, a lower-case mp, an interstate without a marker.
        for text in [
            "nodule 5 mm, stable",
            "lesion 12 MM in diameter",
            "MP 31 joint swelling",
            "Grade 2 mp 3 noted",
            "I-131 uptake 4 mm",
            "drove on I-90 for hours",
            "Hwy 9 & 10 closed",
            "pain 7/10 & Hwy",
        ] {
            assert!(found(text).iter().all(|(k, _)| *k != PhiKind::Address), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn rural_routes_hl7_addresses_and_cities_without_a_comma() {
        let text = "Address: RR 2 Box 118, Eureka Springs, AR 72632 - gravel";
        assert!(has(text, PhiKind::Address, "RR 2 Box 118"), "{:?}", found(text));
        assert!(has("Rural Route 4, Box 7", PhiKind::Address, "Rural Route 4, Box 7"));
        let text = "PID|1||F|||2219 W Larkspur Ln^^Coeur d'Alene^ID^83814||(208)555-0173";
        assert!(has(text, PhiKind::Address, "Coeur d'Alene") && has(text, PhiKind::Zip, "83814"), "{:?}", found(text));
        let text = "HY-VEE #1147   3235 OAKLAND RD NE   CEDAR RAPIDS IA 52402   (319) 555-0193";
        assert!(has(text, PhiKind::Address, "CEDAR RAPIDS"), "{:?}", found(text));
        assert!(has("Walgreens, 1500 N Broadway, Rochester, MN 55906", PhiKind::Address, "1500 N Broadway"));
        // Vitals, a caret field without a state, a street then a clinical word without a ZIP.
        for text in [
            "BP 148/92 HR 116 RR 24 SPO2 93% RA",
            "RR 24 box checked",
            "OBX|1|NM^Glucose^LN^12345",
            "OBX|1|NM^^Glucose^XX^12345",
            "12 Elm St Pain MA",
        ] {
            assert!(
                found(text).iter().all(|(_, s)| s != "Glucose" && !s.starts_with("RR")),
                "{text}: {:?}",
                found(text)
            );
        }
        assert!(found("12 Elm St Pain MA").iter().all(|(_, s)| s != "Pain"));
    }

    /// The (class, text) of every span the whole scrubber keeps in `text`.
    fn scrubbed(text: &str) -> Vec<(PhiKind, String)> {
        let opts = crate::deid::text::TextOptions::default();
        let out = crate::deid::text::scrub_text(text, &opts).unwrap_or_else(|_| unreachable!());
        out.spans.iter().filter_map(|s| Some((s.kind, text.get(s.start..s.end)?.to_string()))).collect()
    }

    #[test]
    fn a_zip_after_city_and_state_outranks_an_identifier_label() {
        // `ID` is Idaho here, not a label: the ZIP wins over an identifier read after it.
        for (text, zip) in [("Boise, ID 83706-2214\n", "83706-2214"), ("Boise, ID 83702", "83702")] {
            assert!(scrubbed(text).contains(&(PhiKind::Zip, zip.to_string())), "{text}: {:?}", scrubbed(text));
        }
    }

    #[test]
    fn lower_case_listed_town_after_a_context_word() {
        for (text, place) in [
            ("his son is picking him up at dc, driving from lewiston so prob after 2", "lewiston"),
            ("she lives w her sister in skokie now", "skokie"),
        ] {
            assert!(has(text, PhiKind::Address, place), "{text}: {:?}", found(text));
        }
        // No context word, a Census name, an English word, a drug, a short word.
        for text in [
            "came from lewiston",
            "lives in jackson w mom",
            "lives in mobile home",
            "living in pain",
            "moved to normal diet",
            "lives in norco haze",
            "lives in assisted living",
            "driving from home",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn obituary_town_and_a_town_after_a_home() {
        let text = "Francis Xavier Brennan, 94, of Oconomowoc, passed away peacefully";
        assert!(has(text, PhiKind::Address, "Oconomowoc"), "{:?}", found(text));
        assert!(has("Mary Lee, 88, of Green Bay.", PhiKind::Address, "Green Bay"));
        let text = "Visitation at Schmidt & Bartelt Funeral Home, New Berlin, on Saturday";
        assert_eq!(found(text), [(PhiKind::Address, "New Berlin".to_string())], "{text}");
        // A count or a score, a lower-case word before, no comma after the place, a town
        // that is a state's first word.
        for text in [
            "Hgb 9, 12, of Note",
            "ratio 3, 4, of Boston",
            "took 2, 3, of Tylenol, then",
            "Smith, 94, of Oconomowoc passed",
            "Funeral Home, Cardiology, today",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        assert!(has("lives in Albany, New York", PhiKind::Address, "Albany"));
    }

    #[test]
    fn a_county_field_after_its_colon() {
        assert!(has("FACILITY: CLOVERLEAF   COUNTY: ANDROSCOGGIN\nPHONE", PhiKind::Address, "ANDROSCOGGIN"));
        assert!(has("Res: Cumberland, KY. County: Harlan\nNext", PhiKind::Address, "Harlan"));
        assert!(has("County: Santa Cruz   State: CA", PhiKind::Address, "Santa Cruz"));
        // A lower-case label, a word after the name on its line, an unknown county.
        for text in ["county: Harlan\n", "County: Harlan was notified", "County: Unknown\n"] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn a_listed_town_of_english_words_after_a_street() {
        assert!(has("Letter mailed to 1020 Lake Ave, Storm Lake\nNext", PhiKind::Address, "Storm Lake"));
        assert!(has("deliver to 412 Front St Apt 2, Rising Sun      del", PhiKind::Address, "Rising Sun"));
        // Not listed, or a capitalized word after it.
        assert!(!has("mailed to 1020 Lake Ave, Storm Cellar\nNext", PhiKind::Address, "Storm Cellar"));
        assert!(!has("mailed to 1020 Lake Ave, Rising Sun Dental\nNext", PhiKind::Address, "Rising Sun"));
    }
}
