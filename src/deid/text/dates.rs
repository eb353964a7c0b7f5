//! Dates in numeric and written forms, and years of birth (45 CFR 164.514(b)(2)(i)(C)).
//!
//! Every date element except the year is an identifier; a year is one too when it implies an
//! age over 89 (a birth year more than 89 years before the reference year). Each candidate
//! records where its year is (if written with 4 digits) and whether the date is a birth date.

use super::lexicon::bit;
use super::scan::marked;
use super::token::{TokKind, Tokens};
use super::{Candidate, PhiKind};

pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Spanish month names (full names only: the abbreviations `ene`, `abr`, `ago`, `dic` are, or
/// look like, English words), for notes and portal forms written in Spanish (`14 de marzo de
/// 2021`).
pub(crate) const MONTHS_ES: [&str; 13] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
/// Misspelled month names as patients and hurried notes type them (`on Febuary 10`).
pub(crate) const MONTH_TYPOS: [&str; 8] =
    ["febuary", "feburary", "februay", "janurary", "januray", "agust", "septmber", "ocotber"];
pub(crate) const MONTH_ABBR: [&str; 13] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];
pub(crate) const BIRTH_CONTEXT: &[&str] =
    &["dob", "born", "birth", "birthday", "birthdate", "b", "nacido", "nacida", "nacimiento", "fdn"];
/// Words right before `m/d` that make it a date (with [`DAY_MONTH_CONTEXT`] two tokens back):
/// events and tests that are dated (`due 3/4`, `home 3/4`, `ORIF 3/11`, `TTE 1/19`) and verbs
/// of things done on a day (`submitted 3/12`, `towed 2/20`).
pub(crate) const DATE_CUE: &[&str] = &[
    "due",
    "home",
    "dc",
    "discharge",
    "admit",
    "admission",
    "appt",
    "appointment",
    "rtc",
    "surgery",
    "procedure",
    "orif",
    "tte",
    "tee",
    "echo",
    "ct",
    "cta",
    "mri",
    "mra",
    "cxr",
    "ekg",
    "ecg",
    "egd",
    "colonoscopy",
    "biopsy",
    "cath",
    "pci",
    "cabg",
    "labs",
    "bcx",
    "ucx",
    "pft",
    "pfts",
    "meeting",
    "mtg",
    "postponed",
    "rescheduled",
    "moved",
    "delivered",
    "submitted",
    "sent",
    "faxed",
    "mailed",
    "called",
    "reported",
    "occurred",
    "died",
    "expired",
    "towed",
    "arrested",
    "released",
    "transferred",
    "placed",
    "performed",
    "drawn",
    "collected",
    "today",
    "yesterday",
    "hearing",
    "court",
    "adm",
    "soc",
    "roc",
    "lmp",
    "edd",
    "edc",
    "disconnect",
    "disconnected",
    "stopped",
    "resumed",
    "restarted",
    "inserted",
    "signed",
    "filed",
    "vaccinated",
    "noted",
    "angio",
    "est",
    "recheck",
    "refilled",
    "missed",
    "fx",
    "fall",
    "fell",
    "note",
    "intubated",
    "extubated",
    "requested",
    "planned",
    "consult",
    "survey",
    "bx",
    "ebus",
    "update",
    "tested",
    "addendum",
    "mvc",
    "shipped",
    "visits",
    "reply",
    "replied",
    // (dev19 rules)
    "approved",
    "received",
    "booked",
    "download",
    "downloaded",
    "texted",
    "phoned",
    "return",
    "renewed",
    "issued",
    "reviewed",
];
/// Results before a bracketed `m/d` that make it the date of the result (`GBS neg (5/2)`,
/// `HIV nonreactive (3/4)`); not `pos`/`positive`, which are as often counts (`BCx pos (2/2)`).
pub(crate) const DATE_RESULT: &[&str] =
    &["neg", "negative", "nonreactive", "nr", "normal", "nl", "wnl", "unremarkable", "immune", "resolved"];
pub(crate) const DAY_MONTH_CONTEXT: &[&str] = &[
    "starts",
    "begins",
    "began",
    "opened",
    "closed",
    "ends",
    "ended",
    "on",
    "since",
    "from",
    "until",
    "till",
    "to",
    "dated",
    "date",
    "dos",
    "dob",
    "admitted",
    "discharged",
    "seen",
    "visit",
    "through",
    "thru",
    "starting",
    "started",
    "effective",
    "before",
    "after",
    "of",
    "by",
    "returned",
    "scheduled",
    "doa",
    "dod",
    "til",
    "last",
];

/// Token `i` names a month (full or 3/4-letter abbreviation, any case).
fn is_month(t: &Tokens<'_>, i: usize) -> bool {
    t.has(i, bit::MONTH)
}

/// `5`, `05`, `5th`: returns (value, index one past).
fn day_at(t: &Tokens<'_>, i: usize) -> Option<(u32, usize)> {
    if !t.digits(i, None) || t.byte_len(i) > 2 {
        return None;
    }
    let d = t.num(i)?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let j = if t.joined(i + 1) && t.is_any(i + 1, &["st", "nd", "rd", "th"]) { i + 2 } else { i + 1 };
    Some((d, j))
}

/// A 4-digit year 1800-2199, or `'85`; returns (index of the year digits, index one past).
fn year_at(t: &Tokens<'_>, i: usize) -> Option<(usize, usize)> {
    if t.digits(i, Some(4))
        && t.num(i).is_some_and(|y| (1800..=2199).contains(&y))
        && !(t.joined(i + 1) && t.digits(i + 1, None))
    {
        return Some((i, i + 1));
    }
    if t.punct(i, '\'') && t.digits(i + 1, Some(2)) && t.joined(i + 1) {
        return Some((i + 1, i + 2));
    }
    None
}

/// Skips `,` or `.` right after token `i - 1`; returns the next index.
fn skip_comma(t: &Tokens<'_>, i: usize) -> usize {
    if t.punct(i, ',') || (t.punct(i, '.') && t.joined(i)) {
        i + 1
    } else {
        i
    }
}

fn skip_sep(t: &Tokens<'_>, i: usize) -> usize {
    if (t.punct(i, '-') || t.punct(i, '/')) && t.joined(i) {
        i + 1
    } else {
        skip_comma(t, i)
    }
}

struct Found {
    first: usize,
    last: usize,
    year_tok: Option<usize>,
}

/// `March 5, 2020`, `Mar. 5th`, `MARCH 2020`, `Jan-05-2020`, `marzo de 2020`.
fn month_first(t: &Tokens<'_>, i: usize) -> Option<Found> {
    if !is_month(t, i) {
        return None;
    }
    let mut j = i + 1;
    if t.punct(j, '.') && t.joined(j) {
        j += 1;
    }
    j = if (t.punct(j, '-') || t.punct(j, '/')) && t.joined(j) { j + 1 } else { j };
    if let Some((_, k)) = day_at(t, j) {
        // `OCT 3/10/26: OD CST 312`: the number starts a numeric date after a test's name.
        if t.punct(k, '/') && t.joined(k) && t.digits(k + 1, None) && t.joined(k + 1) {
            return None;
        }
        // `12 Jan 06:14`: a clock after the month is no day of it.
        if t.punct(k, ':') && t.joined(k) && t.digits(k + 1, Some(2)) && t.joined(k + 1) {
            return None;
        }
        // `ROSE, AUGUST 19 M`: a given name after a surname's comma, then an age and a sex
        // letter, as a roster writes a person.
        if super::ages::sex_letter(t, k)
            && !t.joined(k)
            && i >= 2
            && t.punct(i - 1, ',')
            && t.kind(i - 2) == Some(TokKind::Alpha)
        {
            return None;
        }
        let k2 = skip_sep(t, k);
        if let Some((y, e)) = year_at(t, k2) {
            return Some(Found { first: i, last: e - 1, year_tok: Some(y) });
        }
        // "May 5" alone: "may" needs a capital or a year to be a month.
        if t.is(i, "may") && !t.capitalized(i) {
            return None;
        }
        return Some(Found { first: i, last: k - 1, year_tok: None });
    }
    let k = skip_spanish_of(t, skip_comma(t, j));
    let (y, e) = year_at(t, k)?;
    if t.is(i, "may") && !t.capitalized(i) {
        return None;
    }
    Some(Found { first: i, last: e - 1, year_tok: Some(y) })
}

/// `de` or `del` between the parts of a Spanish date (`14 de marzo de 2021`): returns the
/// next index.
fn skip_spanish_of(t: &Tokens<'_>, i: usize) -> usize {
    if t.is(i, "de") || t.is(i, "del") {
        i + 1
    } else {
        i
    }
}

/// `5 March 2020`, `5th of March`, `05-Jan-2020`, `05Jan2020`, `5 de marzo de 2020`.
fn day_first(t: &Tokens<'_>, i: usize) -> Option<Found> {
    let (_, mut j) = day_at(t, i)?;
    // `5th day of March, 2026`, as affidavits and court forms write it.
    if t.is(j, "day") && t.is(j + 1, "of") && is_month(t, j + 2) {
        j += 1;
    }
    // The month is next or one token further: most small numbers are rejected here, before
    // the words between are compared.
    if !is_month(t, j) && !is_month(t, j + 1) {
        return None;
    }
    if t.is(j, "of") || t.is(j, "de") || ((t.punct(j, '-') || t.punct(j, '/')) && t.joined(j)) {
        j += 1;
    }
    if !is_month(t, j) || (t.is(j, "may") && !t.capitalized(j)) {
        return None;
    }
    let mut k = j + 1;
    if t.punct(k, '.') && t.joined(k) {
        k += 1;
    }
    if let Some(last) = short_year_glued(t, j) {
        return Some(Found { first: i, last, year_tok: None });
    }
    if let Some(y) = military_short_year(t, i, j) {
        return Some(Found { first: i, last: y, year_tok: None });
    }
    let k = skip_spanish_of(t, skip_sep(t, k));
    match year_at(t, k) {
        Some((y, e)) => Some(Found { first: i, last: e - 1, year_tok: Some(y) }),
        None => Some(Found { first: i, last: j, year_tok: None }),
    }
}

/// `21 MAY 25 1400`, `Since 12 MAY 25, 23 trainees`: a two-digit year after a day and a month
/// in capitals, each a word apart (the day apart from what comes before it too) (as military and government forms write dates), not glued to
/// anything and followed by no unit or age word on its line (`12 MAY 25 mg` is a dose). The index of its
/// token; like every two-digit year, never kept.
fn military_short_year(t: &Tokens<'_>, day: usize, month: usize) -> Option<usize> {
    let y = month + 1;
    let apart = month == day + 1 && !t.joined(day) && !t.joined(month) && !t.joined(y) && !t.newline_before(y);
    let shaped = apart && t.all_caps(month) && t.byte_len(month) >= 3 && t.digits(y, Some(2));
    let word_after = (t.is_any(y + 1, QUANTITY_UNITS) || t.has(y + 1, bit::AGE_AFTER)) && !t.newline_before(y + 1);
    let glued_after = t.joined(y + 1) && !(t.punct(y + 1, ',') || t.punct(y + 1, '.') || t.punct(y + 1, ';'));
    (shaped && !word_after && !glued_after).then_some(y)
}

/// `10-JUN-26`, `14-Mar-21`: a two-digit year glued by a hyphen to month `j` (as laboratory
/// and pharmacy systems print dates), taken into the date; the index of its token. A two-digit
/// year is never kept (`keep_year` writes four digits).
fn short_year_glued(t: &Tokens<'_>, j: usize) -> Option<usize> {
    // `02FEB25`: the year glued to the month without a hyphen (the day glued before it too).
    let bare = t.joined(j) && t.joined(j + 1) && t.digits(j + 1, Some(2));
    let y = if bare { j + 1 } else { j + 2 };
    let glued = bare || (t.punct(j + 1, '-') && t.joined(j + 1) && t.joined(y) && t.digits(y, Some(2)));
    let more =
        t.joined(y + 1) && (matches!(t.kind(y + 1), Some(TokKind::Digit | TokKind::Alpha)) || t.punct(y + 1, '-'));
    (glued && !more).then_some(y)
}

fn month_day_ok(a: u32, b: u32) -> bool {
    ((1..=12).contains(&a) && (1..=31).contains(&b)) || ((1..=12).contains(&b) && (1..=31).contains(&a))
}

/// The separator of a numeric date at token `i`: `/`, `-` or `.` (a punctuation token is one
/// character, so this is the whole token).
fn date_separator(t: &Tokens<'_>, i: usize) -> Option<char> {
    ['/', '-', '.'].into_iter().find(|&c| t.punct(i, c))
}

/// `03/04/2020`, `3-4-20`, `2020-03-04`, `2020/03/04`, `03/2020`, and `3/4` after a date word.
fn numeric(t: &Tokens<'_>, i: usize) -> Option<Found> {
    // A separator glued after the first number rejects most numbers with two tests.
    let sep = date_separator(t, i + 1)?;
    // `2025-08-14..2025-09-30`: a range's `..` may touch the second date.
    let dotted_range = i >= 2 && t.punct(i - 1, '.') && t.punct(i - 2, '.') && t.joined(i - 1);
    if !t.digits(i, None)
        || (t.joined(i)
            && (t.punct(i - 1, '/') || t.punct(i - 1, '-') || t.punct(i - 1, '.') || t.digits(i - 1, None))
            && !dotted_range
            && !second_of_range(t, i))
    {
        return None;
    }
    let sep_ok = t.joined(i + 1) && t.joined(i + 2);
    if !sep_ok || !t.digits(i + 2, None) {
        return None;
    }
    let (a, b) = (t.num(i)?, t.num(i + 2)?);
    let third = t.punct(i + 3, sep) && t.joined(i + 3) && t.joined(i + 4) && t.digits(i + 4, None);
    let glued_after = |k: usize| {
        t.joined(k) && (t.digits(k, None) || ((t.punct(k, '/') || t.punct(k, '-')) && t.digits(k + 1, None)))
    };
    if t.digits(i, Some(4)) {
        // ISO: yyyy-mm-dd, optionally with a time.
        let c = if third { t.num(i + 4)? } else { return None };
        if (1800..=2199).contains(&a)
            && (1..=12).contains(&b)
            && (1..=31).contains(&c)
            && t.byte_len(i + 4) <= 2
            && !glued_after(i + 5)
        {
            return Some(Found { first: i, last: iso_time_end(t, i + 5).saturating_sub(1), year_tok: Some(i) });
        }
        return None;
    }
    let month_year = !third && t.digits(i + 2, Some(4));
    if t.byte_len(i) > 2 || (t.byte_len(i + 2) > 2 && !month_year) {
        return None;
    }
    if third {
        let ylen = t.byte_len(i + 4);
        if (ylen == 2 || ylen == 4) && month_day_ok(a, b) && (!glued_after(i + 5) || first_of_range(t, i)) {
            let y = (ylen == 4).then_some(i + 4);
            if let Some(y) = y {
                if !t.num(y).is_some_and(|v| (1800..=2199).contains(&v)) {
                    return None;
                }
            }
            return Some(Found { first: i, last: i + 4, year_tok: y.or(Some(i + 4)) });
        }
        return None;
    }
    if sep == '/' {
        if let Some(last) = month_day_range(t, i) {
            return Some(Found { first: i, last, year_tok: None });
        }
    }
    if sep == '/' && first_of_day_range(t, i) && month_day_valid(a, b) && t.byte_len(i + 2) <= 2 {
        return Some(Found { first: i, last: i + 2, year_tok: None });
    }
    if (glued_after(i + 3) && !first_of_month_range(t, i)) || sep == '.' {
        return None;
    }
    if t.digits(i + 2, Some(4)) && (1..=12).contains(&a) && (1800..=2199).contains(&b) {
        return Some(Found { first: i, last: i + 2, year_tok: Some(i + 2) });
    }
    if sep == '/'
        && t.byte_len(i + 2) <= 2
        && month_day_valid(a, b)
        && (short_date_context(t, i) || unlike_fraction(t, i, (a, b)))
    {
        return Some(Found { first: i, last: i + 2, year_tok: None });
    }
    None
}

/// Words after a count out of a total (`2/16 nodes`, `3/12 cores positive`).
const COUNTED: &[&str] = &[
    "nodes",
    "node",
    "ln",
    "lns",
    "cores",
    "core",
    "positive",
    "pos",
    "negative",
    "neg",
    "of",
    "criteria",
    "points",
    "pts",
    "biopsies",
    "samples",
    "specimens",
    "fields",
    "items",
    "questions",
    "correct",
    "right",
    "wrong",
];

/// `stable vs 7/14 film`, `Last inj OD 11/19 (8 wk)`: a month/day `md` at `i` whose day is 11
/// or more and not shaped as a fraction ([`fraction_shaped`]: over 15, 16, 20 or 30 it may be a
/// score), no quantity or score among scores ([`plain_month_day`]), no count before a counted
/// word (`2/16 nodes`) and no ratio before `=` (`AR 6/18 = 33%`) reads as a date without a cue
/// word.
fn unlike_fraction(t: &Tokens<'_>, i: usize, md: (u32, u32)) -> bool {
    // Glued after it only a clause's punctuation (`1/19:30` is a time's digits).
    let glued = t.joined(i + 3) && !(t.punct(i + 3, ',') || t.punct(i + 3, ';') || t.punct(i + 3, ')'));
    md.1 >= 11
        && !fraction_shaped(md)
        && !glued
        && !t.is_any(i + 3, COUNTED)
        && !t.punct(i + 3, '=')
        && plain_month_day(t, i)
}

/// `02/20/26` at `k`: a month, a day and a 2- or 4-digit year (either order of month and day)
/// with one separator, `/`, `-` or `.`, and nothing between the tokens.
fn full_numeric_date(t: &Tokens<'_>, k: usize) -> bool {
    let Some(sep) = date_separator(t, k + 1) else { return false };
    let short = |n: usize| t.digits(n, None) && t.byte_len(n) <= 2;
    let glued = (k + 1..=k + 4).all(|n| t.joined(n));
    let year = t.digits(k + 4, Some(2)) || t.digits(k + 4, Some(4));
    glued
        && short(k)
        && short(k + 2)
        && t.punct(k + 3, sep)
        && year
        && t.num(k).zip(t.num(k + 2)).is_some_and(|(a, b)| month_day_ok(a, b))
}

/// The date of `width` tokens at `i` is followed by a glued hyphen and a second date that
/// `shape` accepts, with nothing between.
fn hyphen_then(t: &Tokens<'_>, i: usize, width: usize, shape: fn(&Tokens<'_>, usize) -> bool) -> bool {
    let h = i + width;
    t.punct(h, '-') && t.joined(h) && t.joined(h + 1) && shape(t, h + 1)
}

/// `02/20/26-02/22/26`: the full date at `i` is followed by a hyphen and a second full date,
/// with nothing between (a range of dates, each found on its own).
fn first_of_range(t: &Tokens<'_>, i: usize) -> bool {
    hyphen_then(t, i, 5, full_numeric_date)
}

/// The full date at `i` is the second of a range ([`first_of_range`]), or the month/year at
/// `i` the second of a range of months ([`first_of_month_range`]).
fn second_of_range(t: &Tokens<'_>, i: usize) -> bool {
    let dates = i >= 6 && first_of_range(t, i - 6) && full_numeric_date(t, i - 6);
    let months = i >= 4 && first_of_month_range(t, i - 4) && month_year_at(t, i - 4);
    // `3/18-3/21/24`: a month/day before, the year written once at the end.
    let days = i >= 4 && first_of_day_range(t, i - 4) && full_numeric_date(t, i);
    dates || months || days
}

/// `3/18-3/21/24` at `i`: a month/day glued by `-` to a full date, the range's start.
fn first_of_day_range(t: &Tokens<'_>, i: usize) -> bool {
    t.punct(i + 1, '/') && t.digits(i, None) && t.digits(i + 2, None) && hyphen_then(t, i, 3, full_numeric_date)
}

/// `07/2019` at `k`: a month of 1 or 2 digits, `/` and a year of 4 digits (1800 to 2199), with
/// nothing between the tokens.
fn month_year_at(t: &Tokens<'_>, k: usize) -> bool {
    let month = t.digits(k, None) && t.byte_len(k) <= 2 && t.num(k).is_some_and(|m| (1..=12).contains(&m));
    let year = t.digits(k + 2, Some(4)) && t.num(k + 2).is_some_and(|y| (1800..=2199).contains(&y));
    month && t.punct(k + 1, '/') && t.joined(k + 1) && t.joined(k + 2) && year
}

/// `07/2019-10/2019`: the month/year at `i` is followed by a hyphen and a second one, with
/// nothing between (each found on its own).
fn first_of_month_range(t: &Tokens<'_>, i: usize) -> bool {
    hyphen_then(t, i, 3, month_year_at)
}

/// `2/2-2/5`, `1/12 - 2/9`: two month/days joined by a hyphen (glued to both or apart from both), each a valid date, the first not before the
/// second, nothing glued after, no score word in the two tokens before nor a fraction word
/// after (`strength 4/5-5/5`, `1/2-3/4 tab` stay). The index of the last token.
fn month_day_range(t: &Tokens<'_>, i: usize) -> Option<usize> {
    // `1/12 - 2/9`: the hyphen apart from both month/days.
    let spaced = t.punct(i + 3, '-') && !t.joined(i + 3) && !t.joined(i + 4) && !t.newline_before(i + 3);
    // `m/d` at `k`, glued to what comes before unless it starts the range (or the hyphen is
    // spaced).
    let part = |k: usize| -> Option<(u32, u32)> {
        let short = |n: usize| t.digits(n, None) && t.byte_len(n) <= 2;
        let shaped = (k == i || t.joined(k) || spaced) && short(k) && t.punct(k + 1, '/') && t.joined(k + 1);
        if !(shaped && short(k + 2) && t.joined(k + 2)) {
            return None;
        }
        let (m, d) = (t.num(k)?, t.num(k + 2)?);
        month_day_valid(m, d).then_some((m, d))
    };
    let first = part(i)?;
    if !(t.punct(i + 3, '-') && (t.joined(i + 3) || spaced)) {
        return None;
    }
    let second = part(i + 4)?;
    let after = i + 7;
    let glued_after = t.joined(after)
        && (matches!(t.kind(after), Some(TokKind::Digit | TokKind::Alpha))
            || t.punct(after, '/')
            || t.punct(after, '-'));
    (first <= second && !glued_after && !score_or_fraction(t, i, 2, after)).then_some(i + 6)
}

/// A score or ratio word within `reach` tokens before `n/m` at `i` (`pain 3/10`, `strength
/// 4/5`), or a fraction or unit word at `after` (`3/4 of`, `1/2 tab`): no date.
fn score_or_fraction(t: &Tokens<'_>, i: usize, reach: usize, after: usize) -> bool {
    (i.saturating_sub(reach)..i).any(|j| t.has(j, bit::SCORE_BEFORE)) || t.has(after, bit::FRACTION_AFTER)
}

/// `20251114` at token `i`: a year, a month and a day written together ([`compact_date`]), for
/// recognizers that must not read such a date as a number of their own.
pub(crate) fn is_compact_date(t: &Tokens<'_>, i: usize) -> bool {
    compact_date(t, i).is_some()
}

/// `20260312` in `0044817_20260312_Lheel_01.jpg` or an export: eight digits that read as a
/// year from 1900 to 2099, a month and a day of it, not glued to a letter, a digit or a
/// decimal point. The year is not kept (it is not a token of its own).
fn compact_date(t: &Tokens<'_>, i: usize) -> Option<Found> {
    if !t.digits(i, Some(8)) {
        return None;
    }
    let v = t.num(i)?;
    let (y, m, d) = (v / 10_000, v / 100 % 100, v % 100);
    // Token `k` beside the date is a letter, a digit or a decimal point, with nothing between.
    let glued = |k: usize| t.kind(k) != Some(TokKind::Punct) || t.punct(k, '.');
    let glued_before = i > 0 && t.joined(i) && glued(i - 1);
    let glued_after = t.joined(i + 1) && glued(i + 1);
    let free = !glued_before && !glued_after;
    ((1900..=2099).contains(&y) && month_day_valid(m, d) && free).then_some(Found { first: i, last: i, year_tok: None })
}

/// `BIRTHDATE ......... 04171958`, `ADMIT DATE ........ 122824`, `STMT PERIOD 122824 THRU
/// 010325`: a month, a day and a year of 2 or 4 digits written together (`MMDDYY`,
/// `MMDDYYYY`), as claim forms and older systems print them, after a date word (or `thru`) on
/// its line, with at most a colon or a form's leader dots between; nothing glued to it.
fn labelled_compact_date(t: &Tokens<'_>, i: usize) -> Option<Found> {
    let n = t.byte_len(i);
    if !(n == 6 || n == 8) || !t.digits(i, None) || (t.joined(i) && i > 0 && !t.punct(i - 1, ':')) {
        return None;
    }
    if t.joined(i + 1) && matches!(t.kind(i + 1), Some(TokKind::Digit | TokKind::Alpha)) {
        return None;
    }
    let v = t.num(i)?;
    let (m, d, y) =
        if n == 8 { (v / 1_000_000, v / 10_000 % 100, v % 10_000) } else { (v / 10_000, v / 100 % 100, v % 100) };
    if !month_day_valid(m, d) || (n == 8 && !(1900..=2099).contains(&y)) {
        return None;
    }
    let mut w = i;
    while w > 0 && i - w < 14 && (t.punct(w - 1, '.') || t.punct(w - 1, ':')) && !t.newline_before(w) {
        w -= 1;
    }
    let word = w.checked_sub(1)?;
    let label = !t.newline_before(w)
        && (t.has(word, bit::BIRTH | bit::DATE_CUE)
            || t.is_any(word, &["date", "birthdate", "period", "thru", "through"]));
    label.then_some(Found { first: i, last: i, year_tok: None })
}

/// Month `m` has a day `d` (February up to 29).
pub(crate) fn month_day_valid(m: u32, d: u32) -> bool {
    let days = match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Words right before `n/m` that make it a score or a ratio, never a date (`pain 3/10`,
/// `Apgars 8/9`, `strength 4/5`, `day 3/5`, `x 3/7`).
pub(crate) const SCORE_BEFORE: &[&str] = &[
    "pain",
    "score",
    "scores",
    "scored",
    "apgar",
    "apgars",
    "scale",
    "strength",
    "motor",
    "power",
    "vision",
    "acuity",
    "va",
    "day",
    "ratio",
    "gcs",
    "nihss",
    "rated",
    "rates",
    "rating",
    "grade",
    "graded",
    "cravings",
    "craving",
    "x",
    "murmur",
    "rue",
    "lue",
    "rle",
    "lle",
    "bue",
    "ble",
    "total",
    "backward",
    "backwards",
    "forward",
    "forwards",
    "intact",
    "mmt",
    "cog",
    "bims",
    "moca",
    "mmse",
    "slums",
    "hla",
];

/// Words right after `n/m` that make it a fraction (`3/4 of`, `1/2 tab`).
pub(crate) const FRACTION_AFTER: &[&str] = &[
    "of",
    "tab",
    "tabs",
    "tablet",
    "tablets",
    "pill",
    "pills",
    "dose",
    "doses",
    "cup",
    "cups",
    "capful",
    "capfuls",
    "scoop",
    "scoops",
    "packet",
    "packets",
    "tsp",
    "tbsp",
    "teaspoon",
    "tablespoon",
    "strength",
    "ns",
    "hour",
    "hours",
    "hr",
    "hrs",
    "inch",
    "inches",
    "cm",
    "mm",
    "ml",
    "mg",
    "views",
    "specimens",
    "bottles",
    "bottle",
    "sets",
    "reps",
    "positive",
    "negative",
    "pos",
    "neg",
];

/// Whether `m/d` at token `i` (month, `/`, day; already a valid month and day) is a date by
/// its context: after a date word within two tokens (`on 3/4`, `seen on 3/4`), after a date
/// cue right before it (`due 3/4`, `home 3/4`, `ORIF 3/4`, `adm 12/3`, `d/c'd 8/28`, `f/u
/// 3/4`; also with the date in brackets, `labs (9/17)`), in brackets after a result or a
/// measured value (`GBS neg (5/2)`, `L 0.95 (7/17)`, `A1c 7.2% (3/4)`), after a weekday
/// (`Tuesday 3/3`), before a time (`3/12 14:05`, `12/9 approx 11:00`, `9/20 at 1300`), with
/// a zero-padded part (`03/03`, `12/09`), or after an abbreviation and before a colon (`TTE
/// 1/19: EF 25%`), before `AM`/`PM` (`2/22 AM`, not fraction-shaped), or after any weekday
/// at the start of a line (`sun 10/20`). A score or ratio word in the two tokens before (`pain`, `Apgar`,
/// `strength`, `day`, ...; eight tokens for a day of 10, `pain 7/10, improved to 3/10`) or a
/// fraction word after (`3/4 of`) rules it out.
fn short_date_context(t: &Tokens<'_>, i: usize) -> bool {
    let after = i + 3;
    // Out of 10 is a score further after its word too (`pain 7/10, improved to 3/10`).
    let reach = if t.is(i + 2, "10") { 8 } else { 2 };
    // `(9/17)`: the word before the bracket gives the context, and a score word may stand
    // before a value and the bracket (`score 0.5 (3/4)`).
    let bracketed = i >= 2 && t.punct(i - 1, '(') && t.joined(i) && t.punct(after, ')') && t.joined(after);
    let reach = if bracketed { reach.max(6) } else { reach };
    if score_or_fraction(t, i, reach, after) {
        return false;
    }
    if (i.saturating_sub(2)..i).any(|j| t.has(j, bit::DAY_MONTH)) {
        return true;
    }
    // A score or a ratio never pads a part with a zero (`03/03`, `12/09`).
    let padded = |k: usize| t.byte_len(k) == 2 && t.s(k).starts_with('0');
    let zero_padded = padded(i) || padded(i + 2);
    let before = i.checked_sub(1);
    let word_before = if bracketed { i.checked_sub(2) } else { before };
    // `appt: 3/3`, `est. 2/14`: a colon or period glued to the cue word.
    let word_before =
        word_before.map(|b| if b >= 1 && (t.punct(b, ':') || t.punct(b, '.')) && t.joined(b) { b - 1 } else { b });
    let cue = word_before.is_some_and(|b| t.has(b, bit::DATE_CUE) || slashed_cue(t, b));
    // `planned ~3/6`: an approximate date (a fraction word after has ruled out `~1/2 tab`).
    let approximate = before.is_some_and(|b| t.punct(b, '~') && t.joined(i));
    // `11/2 through 1/25`: the start of a span of dates.
    let span_start = t.is_any(after, &["through", "thru"]);
    let result = bracketed && word_before.is_some_and(|b| t.has(b, bit::DATE_RESULT) || measured(t, b));
    // In lower case only a weekday that is no other word (`thurs 4/9`; not `sat`, `sun`, `wed`).
    // At the start of a line any weekday (`sun 10/20 -- didnt eat`).
    let weekday = before.is_some_and(|b| {
        let w = if t.punct(b, ',') { b.wrapping_sub(1) } else { b };
        let line_start = w == 0 || t.newline_before(w);
        t.has(w, bit::WEEKDAY) && (t.capitalized(w) || line_start || !t.is_any(w, &["sat", "sun", "wed", "mon"]))
    });
    // `2/22 AM`: a morning or an evening of a day; not a fraction's shape (`1/2 AM and 1/2 PM`
    // is half a tablet).
    let half_day = t.is_any(after, &["am", "pm"])
        && !t.joined(after)
        && !t.newline_before(after)
        && t.num(i).zip(t.num(i + 2)).is_some_and(|md| !fraction_shaped(md));
    // `TTE 1/19: EF`: a test or event abbreviation (two capitals first: `TTE`, `BCx`, `PFTs`),
    // the date, a colon (not a time `1/19:30`); `Murmur 2/6:`, `Deltoid 4/5:` are grades.
    let labelled = before.is_some_and(|b| abbreviation(t, b))
        && t.punct(after, ':')
        && t.joined(after)
        && !(t.joined(after + 1) && t.digits(after + 1, None));
    zero_padded
        || cue
        || result
        || weekday
        || half_day
        || labelled
        || approximate
        || span_start
        || time_at(t, after)
        // `[9/14, 16:10] Hodan:`: a chat export's stamp, a comma and a clock after the day.
        || (t.punct(after, ',') && t.joined(after) && clock_at(t, after + 1) && !t.newline_before(after + 1))
        || military_time(t, after)
        || (t.is_any(after, EVENT_AFTER) && !t.newline_before(after))
        || clause_end_after_word(t, i, bracketed)
        || log_entry(t, i)
}

/// Units after a number that make it a quantity, not a time (`1/2 1000 mg`).
const QUANTITY_UNITS: &[&str] = &[
    "mg", "mcg", "g", "kg", "ml", "l", "cc", "u", "units", "unit", "iu", "meq", "mmol", "cal", "kcal", "steps", "lb",
    "lbs", "ft", "m", "mm", "cm", "ms", "pts", "patients", "cells", "copies",
];

/// Token `j` is a 24-hour time of 4 digits without a colon (`0630`, `2315`: hours 00 to 23,
/// minutes 00 to 59).
pub(crate) fn four_digit_time(t: &Tokens<'_>, j: usize) -> bool {
    t.digits(j, Some(4)) && t.num(j).is_some_and(|v| v / 100 <= 23 && v % 100 <= 59)
}

/// `2/22 1105`, `3/14 1120 family huddle`, `10/8 1300-1400`: a 24-hour time of 4 digits after
/// the month/day, on its line (hours 00 to 23, minutes 00 to 59), not a quantity (a unit, a
/// decimal or a ratio after it: `1/2 1000 mg`).
fn military_time(t: &Tokens<'_>, j: usize) -> bool {
    // `1/6 ~0900`: an approximate time.
    let j = if t.punct(j, '~') && t.joined(j + 1) && !t.newline_before(j) { j + 1 } else { j };
    let valid = four_digit_time(t, j);
    if !valid || (t.joined(j) && !t.punct(j - 1, '~')) || t.newline_before(j) {
        return false;
    }
    let k = j + 1;
    let decimal = (t.punct(k, '.') || t.punct(k, ',')) && t.joined(k + 1) && t.digits(k + 1, None);
    let quantity = t.is_any(k, QUANTITY_UNITS) || (t.joined(k) && (decimal || t.punct(k, '/') || t.punct(k, '%')));
    !quantity || t.newline_before(k)
}

/// Words after a month/day that name what happens on it (`re-eval at 12/4 visit`).
const EVENT_AFTER: &[&str] = &["visit", "appt", "appointment", "deadline", "mtg", "meeting"];

/// `1/6 in 0810 out 1015`, `3/2 | 9:14a | ...`: a month/day opening a line of a log, before a
/// column bar, a spaced dash, or `in` and a time of 4 digits (an aide's visit log). Score and
/// fraction words have already ruled out `1/2 tab` and `4/5 strength`.
fn log_entry(t: &Tokens<'_>, i: usize) -> bool {
    let after = i + 3;
    // After a bullet's dash too (`- 3/5: pt started back`).
    let bullet = i >= 1 && t.punct(i - 1, '-') && !t.joined(i) && (i == 1 || t.newline_before(i - 1));
    let line_start = i == 0 || t.newline_before(i) || bullet;
    if !line_start || t.newline_before(after) {
        return false;
    }
    let bar = t.punct(after, '|') || (t.punct(after, '-') && !t.joined(after) && !t.joined(after + 1));
    let visit = t.is(after, "in") && t.digits(after + 1, Some(4)) && !t.joined(after + 1);
    // `1/28 called Siobhan`, `2/3 Risk approved`, `- 3/5: pt`: an entry of a log of dated lines,
    // a word (no fraction or unit word: those were ruled out before) or a colon and a space.
    let word = t.kind(after) == Some(TokKind::Alpha) && !t.joined(after) && !t.is_any(after, QUANTITY_UNITS);
    let colon = t.punct(after, ':') && t.joined(after) && !t.joined(after + 1);
    bar || visit || word || colon
}

/// `Next tx 2/17.`, `out 2/9 and 2/10`, `rec'd 2/25 by`, `RTC 1 wk, 4/14.`: a month/day after
/// a word (not a number, a sign or an operator: `x 3 (1/2)`, `+1/2`) that ends its clause:
/// `.`, `;`, `,` or `)` after it, the end of a line or of the text, or `and`, `by`, `if` (not
/// `at`, `to`, `or`, `with`: `give 3/4 at 1000 units`, `1/2 or 1 tab`). The score and fraction
/// words have already ruled out `strength 4/5.` and `1/2 tab`; what remains at the end of a
/// clause is a date far more often than a count, and a count read as a date costs clinical
/// content, never privacy.
fn clause_end_after_word(t: &Tokens<'_>, i: usize, bracketed: bool) -> bool {
    let after = i + 3;
    let b = if bracketed { i.saturating_sub(2) } else { i.saturating_sub(1) };
    let b = if t.punct(b, ',') && b > 0 && !bracketed { b - 1 } else { b };
    let after_word = i > 0 && t.kind(b) == Some(TokKind::Alpha) && (bracketed || !t.joined(i));
    let closes = match t.kind(after) {
        None => true,
        Some(TokKind::Punct) => {
            t.toks.get(after).is_some_and(|x| matches!(x.first, '.' | ';' | ',' | ')'))
                && !(t.punct(after, '.') && t.joined(after + 1) && t.kind(after + 1) == Some(TokKind::Digit))
        }
        Some(TokKind::Alpha) => t.newline_before(after) || t.is_any(after, &["and", "by", "if"]),
        Some(TokKind::Digit) => t.newline_before(after),
    };
    after_word && closes && !among_scores(t, i)
}

/// Month/day `m/d` at `i` reads as a score among scores: full marks up to 10 (`TOF 4/4`,
/// `ankle 5/5`; `11/11` is a date),
/// a score word earlier on its line (`pain 6/10 L hip w/ movement, 3/10 at rest`), or another
/// `n/d` with the same denominator on its line (`flex 4-/5, abd 4-/5, er 4/5, ir 5/5`).
fn among_scores(t: &Tokens<'_>, i: usize) -> bool {
    let (Some(m), Some(d)) = (t.num(i), t.num(i + 2)) else { return true };
    if m == d && d <= 10 {
        return true;
    }
    // The line around the month/day, at most 40 tokens each way.
    let mut start = i;
    while start > 0 && i - start < 40 && !t.newline_before(start) {
        start -= 1;
    }
    let mut end = i + 3;
    while end < t.len() && end - i < 40 && !t.newline_before(end) {
        end += 1;
    }
    // `x` and `day` say so only right before (`x 3/7`, `day 3/5`; `x 2 days, recheck wt 3/5`).
    let score_word = (start..i).any(|j| t.has(j, bit::SCORE_BEFORE) && !t.is_any(j, &["x", "day"]));
    let same_denominator = (start..end).filter(|&k| k != i + 1).any(|k| {
        t.punct(k, '/')
            && t.joined(k)
            && t.joined(k + 1)
            && t.num(k + 1) == Some(d)
            && t.byte_len(k + 1) == t.byte_len(i + 2)
    });
    score_word || same_denominator
}

/// Month names that are also words or names when standing alone (`may`, `march`, `Mar`).
const AMBIGUOUS_MONTHS: &[&str] = &["may", "march", "mar", "mayo", "marzo"];

/// Words right before a month named alone that make it a date element (`since December`, `in
/// Nov`, `mid-November`, `d/c'd in january`).
const MONTH_ALONE_BEFORE: &[&str] = &[
    "in", "since", "until", "till", "through", "thru", "during", "by", "early", "late", "mid", "last", "next", "this",
    "started", "before", "after", "from",
];

/// `since December`, `two falls in Nov`, `mid-November`: a month named alone (a date element
/// of Safe Harbor's rule as much as a full date) right after one of [`MONTH_ALONE_BEFORE`]. Not
/// `May`, `March` or `Mar` (verbs and words), not an abbreviation in capitals (`OCT`, an eye
/// scan; `DEC`, decreased), not a month that starts a fuller date (`December 3`).
fn month_alone(t: &Tokens<'_>, i: usize) -> bool {
    if i == 0 || t.is_any(i, AMBIGUOUS_MONTHS) || (t.byte_len(i) <= 4 && t.all_caps(i)) {
        return false;
    }
    let b = month_prefix(t, i).unwrap_or(i - 1);
    t.is_any(b, MONTH_ALONE_BEFORE) && !t.newline_before(i)
}

/// `mid-` in `mid-November`: the word hyphen-joined before month `i`.
fn month_prefix(t: &Tokens<'_>, i: usize) -> Option<usize> {
    (i >= 2 && t.punct(i - 1, '-') && t.joined(i) && t.joined(i - 1) && t.kind(i - 2) == Some(TokKind::Alpha))
        .then(|| i - 2)
}

/// Candidates for [`month_alone`] months, scored under full dates and names (`seen by June
/// Park` stays a name).
fn months_alone(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    for i in marked(t, |_, tok| tok.lex & bit::MONTH != 0) {
        if month_alone(t, i) && month_first(t, i).is_none() {
            let first = month_prefix(t, i).unwrap_or(i);
            out.push(Candidate::new(PhiKind::Date, t.start(first), t.end(i), 60));
        }
    }
}

/// Token `b` ends `d/c`, `d/c'd`, `dc'd` (discharged, discontinued), `f/u` or `follow-up`,
/// written with the slash, hyphen or apostrophe joined.
fn slashed_cue(t: &Tokens<'_>, b: usize) -> bool {
    let glued = |k: usize, n: usize| k >= n && (k + 1 - n..=k).all(|j| t.joined(j));
    // `d/c'd`, `dc'd`: the past-tense `'d` after the word.
    let b = if b >= 2 && t.is(b, "d") && t.punct(b - 1, '\'') && glued(b, 2) { b - 2 } else { b };
    let slashed = |first: &str, second: &str| {
        t.is(b, second) && b >= 2 && t.punct(b - 1, '/') && t.is(b - 2, first) && glued(b, 2)
    };
    // `FOLLOW-UP 11/15`, `follow up 3/4`.
    let follow_up = t.is(b, "up")
        && b >= 1
        && (t.is(b - 1, "follow") || (b >= 2 && t.punct(b - 1, '-') && glued(b, 2) && t.is(b - 2, "follow")));
    t.is(b, "dc") || slashed("d", "c") || slashed("f", "u") || follow_up
}

/// Token `b` ends a measured value: a decimal (`0.95`) or a percentage (`7.2%`, `55%`).
fn measured(t: &Tokens<'_>, b: usize) -> bool {
    let decimal = |k: usize| {
        k >= 2 && t.digits(k, None) && t.punct(k - 1, '.') && t.joined(k) && t.joined(k - 1) && t.digits(k - 2, None)
    };
    decimal(b) || (b >= 1 && t.punct(b, '%') && t.joined(b) && t.digits(b - 1, None))
}

/// Token `b` is an abbreviation: 2 to 6 letters, the first two capitals (`TTE`, `BCx`, `PFTs`).
fn abbreviation(t: &Tokens<'_>, b: usize) -> bool {
    t.kind(b) == Some(TokKind::Alpha)
        && (2..=6).contains(&t.byte_len(b))
        && t.s(b).bytes().take(2).all(|c| c.is_ascii_uppercase())
}

/// Words between a date and its time (`9/20 at 13:00`, `12/9 approx 11:00`).
const TIME_BEFORE: &[&str] = &["at", "approx", "around", "about", "by"];

/// A clock time `h:mm` or `hh:mm` at `j`, apart from what comes before it (`9:14`, `18:53`).
pub(crate) fn clock_at(t: &Tokens<'_>, j: usize) -> bool {
    t.digits(j, None)
        && t.byte_len(j) <= 2
        && !t.joined(j)
        && t.punct(j + 1, ':')
        && t.joined(j + 1)
        && t.digits(j + 2, Some(2))
        && t.joined(j + 2)
}

/// A clock time at token `j`: `14:05`, `2:05`, or one after `at`, `@`, `approx`, `~` (`at
/// 14:05`); after `at` or `@` also a 24-hour time without a colon (`at 1300`, `@ 0830h`) that
/// no word follows (not `at 1000 units`).
fn time_at(t: &Tokens<'_>, j: usize) -> bool {
    let lead = t.is_any(j, TIME_BEFORE) || t.punct(j, '@') || t.punct(j, '~');
    let at = t.is(j, "at") || t.punct(j, '@');
    let j = if lead { j + 1 } else { j };
    let clock = clock_at(t, j);
    let military = at
        && four_digit_time(t, j)
        && (t.kind(j + 1) != Some(TokKind::Alpha)
            || t.newline_before(j + 1)
            || (t.joined(j + 1) && t.is_any(j + 1, &["h", "hr", "hrs"])));
    clock || military
}

/// Days that can be ordinals (`14th`, `1st`, `22nd`, `3rd`) with the right suffix.
fn ordinal_suffix_ok(d: u32, suffix: &str) -> bool {
    let want = match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    suffix.eq_ignore_ascii_case(want)
}

/// Prepositions before `the 14th` that make a bare ordinal a day of the month.
const ORDINAL_DAY_BEFORE: &[&str] =
    &["on", "by", "before", "after", "until", "till", "since", "through", "thru", "from", "starting", "to", "of", "is"];

/// Words allowed right after such an ordinal: it ends a clause (`on the 14th but`), where a
/// noun after it makes it an ordinal of something else (`the 3rd floor`, `the 5th digit`).
const ORDINAL_DAY_AFTER: &[&str] =
    &["but", "at", "so", "if", "when", "then", "because", "unless", "which", "and", "or", "monthly"];

/// A bare day ordinal after a date preposition or a weekday and `the`, taken with `the`: `is
/// on the 14th but`, `by the 3rd.`, `thursday the 26th ok?`
/// Not `on the 3rd floor`, `on the 6th and 7th ribs`, `the 14th percentile`.
fn ordinal_day(t: &Tokens<'_>, i: usize) -> Option<Found> {
    let (d, j) = day_at(t, i)?;
    if j != i + 2 || i < 2 || !ordinal_suffix_ok(d, t.s(i + 1)) {
        return None;
    }
    if weekday_list(t, i) {
        return Some(Found { first: i, last: i + 1, year_tok: None });
    }
    // After a weekday (`is thursday the 26th ok?`) the ordinal is a day whatever follows.
    let weekday = t.has(i - 2, bit::WEEKDAY);
    // `re-evaluated the 21st and`, `pump off the 18th)`, `home the 20th;`: a verb in the past
    // tense, `off` or `home` as a preposition is (the word after the ordinal still decides).
    let past = t.kind(i - 2) == Some(TokKind::Alpha) && t.byte_len(i - 2) > 4 && t.s(i - 2).ends_with("ed");
    let before = t.is_any(i - 2, ORDINAL_DAY_BEFORE) || past || t.is_any(i - 2, &["off", "home"]);
    if !t.is(i - 1, "the") || !(weekday || before) {
        return None;
    }
    let next_ok = weekday
        || match t.kind(j) {
            None => true,
            Some(_) if t.newline_before(j) => true,
            Some(TokKind::Alpha) => {
                t.is_any(j, ORDINAL_DAY_AFTER) && !((t.is(j, "and") || t.is(j, "or")) && t.digits(j + 1, None))
            }
            Some(TokKind::Punct) => {
                // `14th.` or `14th,` ends the clause; `14th-15th`, `14th/15th` do not.
                !(t.punct(j, '-') || t.punct(j, '/') || (t.joined(j + 1) && t.digits(j + 1, None)))
            }
            Some(_) => false,
        };
    // `the` is part of the date (`on the 23rd` becomes `on [DATE]`).
    next_ok.then_some(Found { first: i - 1, last: i + 1, year_tok: None })
}

/// Most ordinals in one list of days ([`weekday_list`]): a month has no more days.
const MAX_LISTED_DAYS: usize = 31;

/// `Saturdays only: 7th, 14th, 21st, 28th`: ordinal `i` (its day checked) is in a list of
/// ordinals separated by commas that follows a weekday written in the plural (`Saturdays`,
/// `Mondays`), `only` or `every` and a colon between or not: the days of the month that
/// weekday falls on.
fn weekday_list(t: &Tokens<'_>, i: usize) -> bool {
    let ordinal = |k: usize| {
        t.digits(k, None) && t.byte_len(k) <= 2 && t.joined(k + 1) && t.is_any(k + 1, &["st", "nd", "rd", "th"])
    };
    let mut k = i;
    for _ in 0..MAX_LISTED_DAYS {
        if k >= 3 && t.punct(k - 1, ',') && ordinal(k - 3) && !t.newline_before(k) {
            k -= 3;
        } else {
            break;
        }
    }
    if t.newline_before(k) {
        return false;
    }
    let mut w = k;
    for skip in [":", "only", "every"] {
        if w > 0 && t.is(w - 1, skip) && !t.newline_before(w - 1) {
            w -= 1;
        }
    }
    let Some(w) = w.checked_sub(1) else { return false };
    let plural = t.s(w).strip_suffix('s').filter(|_| t.byte_len(w) > 4).unwrap_or("");
    WEEKDAYS.iter().any(|d| d.len() > 3 && d.eq_ignore_ascii_case(plural))
}

/// Time zones written after a time (`14:12 CDT`).
const TIME_ZONES: &[&str] = &["cdt", "cst", "edt", "est", "mdt", "mst", "pdt", "pst", "akst", "hst", "utc", "gmt"];

/// `e-signed 04/14/2026 16:02`, `DATE/TIME OF DEATH: 02/02/2026 0447`, `signed 10/06/2025
/// 14:12 CDT`: a time of day written after a date with a year is part of that timestamp (a
/// time alone stays), one space after it (a time across a gap of two spaces is a column of its
/// own). A clock (`16:02`, `16:02:45`, with `AM`/`PM` and a time zone in capitals
/// after it or not), or four digits of a valid time ending the line or a `|`, `,` or `;` cell,
/// or before a gap of two spaces (`02/03/2026 0930   RESTRICTIONS`; not `1/3/2026 1234 Main
/// St`, a house number); or glued after an `@` (VistA's `2025@14:02`).
fn with_time(t: &Tokens<'_>, f: Found) -> Found {
    let j = f.last + 1;
    // VistA's `NOV 03, 2025@14:02`, `11/03/2025@16:05:12`: the time glued after an `@`.
    let glued_clock = t.digits(j + 1, None)
        && t.byte_len(j + 1) <= 2
        && t.punct(j + 2, ':')
        && t.joined(j + 2)
        && t.digits(j + 3, Some(2))
        && t.joined(j + 3);
    if f.year_tok.is_some() && t.punct(j, '@') && t.joined(j) && t.joined(j + 1) && glued_clock {
        let seconds = t.punct(j + 4, ':') && t.joined(j + 4) && t.digits(j + 5, Some(2)) && t.joined(j + 5);
        return Found { last: if seconds { j + 5 } else { j + 3 }, ..f };
    }
    // One space between (across a gap the time is a column of its own: `DATE  TIME`).
    if f.year_tok.is_none() || j >= t.len() || t.newline_before(j) || t.start(j) != t.end(f.last) + 1 {
        return f;
    }
    let mut e = if clock_at(t, j) {
        let seconds = t.punct(j + 3, ':') && t.joined(j + 3) && t.digits(j + 4, Some(2)) && t.joined(j + 4);
        if seconds {
            j + 4
        } else {
            j + 2
        }
    } else {
        let valid = four_digit_time(t, j);
        let next = j + 1;
        let ends = next >= t.len()
            || t.newline_before(next)
            || (!t.joined(next) && t.start(next) >= t.end(j) + 2)
            || ['|', ',', ';'].iter().any(|&c| t.punct(next, c));
        if !(valid && ends) {
            return f;
        }
        j
    };
    if e + 1 < t.len() && !t.newline_before(e + 1) && !t.joined(e + 1) && t.is_any(e + 1, &["am", "pm"]) {
        e += 1;
    }
    if e + 1 < t.len() && !t.newline_before(e + 1) && t.all_caps(e + 1) && t.is_any(e + 1, TIME_ZONES) {
        e += 1;
    }
    Found { last: e, ..f }
}

/// After an ISO date at `j`: `T10:30:00Z`, ` 10:30`, `+01:00`; returns one past the end.
fn iso_time_end(t: &Tokens<'_>, j: usize) -> usize {
    if !(t.is(j, "t") && t.joined(j) && t.digits(j + 1, Some(2)) && t.joined(j + 1)) {
        return j;
    }
    let mut k = j + 1;
    let sep = |k: usize| {
        (t.punct(k, ':') || t.punct(k, '.') || t.punct(k, '+') || t.punct(k, '-'))
            && t.joined(k + 1)
            && t.digits(k + 1, None)
    };
    while k < t.len() && t.joined(k) && (t.digits(k, None) || sep(k) || t.is(k, "z")) {
        k += 1;
    }
    k
}

/// A bare 4-digit year right after a birth word: `born in 1931`, `DOB 1931`, `birth year 1931`.
fn birth_year(t: &Tokens<'_>, i: usize) -> Option<Found> {
    if !t.digits(i, Some(4)) {
        return None;
    }
    let (y, e) = year_at(t, i)?;
    if !birth_context(t, i) {
        return None;
    }
    Some(Found { first: i, last: e - 1, year_tok: Some(y) })
}

fn birth_context(t: &Tokens<'_>, i: usize) -> bool {
    // "b." abbreviates "born"; a bare "b" does not.
    (i.saturating_sub(5)..i).any(|j| t.has(j, bit::BIRTH) && (!t.is(j, "b") || t.punct(j + 1, '.')))
}

/// Includes a weekday written right before the date (`Monday, March 5`).
fn with_weekday(t: &Tokens<'_>, first: usize) -> usize {
    let mut k = first;
    if k >= 1 && t.punct(k - 1, ',') {
        k -= 1;
    }
    if k >= 1 && t.has(k - 1, bit::WEEKDAY) {
        k - 1
    } else {
        first
    }
}

/// All date candidates.
pub(crate) fn find_dates(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    let dated_months = dates_and_months(t, out);
    date_lists(t, dated_months, out);
}

/// The dates of every form and the months alone; returns the months (bit m) of the numeric
/// dates with a year, for [`date_lists`].
fn dates_and_months(t: &Tokens<'_>, out: &mut Vec<Candidate>) -> u16 {
    // Every date form starts with a month name or a number (a year written `'85` ends one,
    // never starts one): the walk visits those tokens alone ([`marked`]), and past a date found
    // skips to its end.
    let mut next = 0;
    // Months (bit m) of the numeric dates with a year, for [`date_lists`].
    let mut dated_months = 0u16;
    for i in marked(t, |_, tok| tok.kind == TokKind::Digit || tok.lex & bit::MONTH != 0) {
        let Some(tok) = t.toks.get(i) else { continue };
        if i < next {
            continue;
        }
        // A number is never a month, nor a month a number, so each token tries only the forms
        // that can start with it.
        let found = if tok.kind == TokKind::Digit {
            day_first(t, i)
                .map(|f| month_first_after(t, f))
                .or_else(|| numeric(t, i))
                .or_else(|| birth_year(t, i))
                .or_else(|| ordinal_day(t, i))
                .or_else(|| compact_date(t, i))
                .or_else(|| labelled_compact_date(t, i))
        } else if tok.lex & bit::MONTH != 0 {
            month_first(t, i)
                .or_else(|| super::spelled::date_at(t, i).map(|last| Found { first: i, last, year_tok: None }))
        } else {
            None
        };
        let Some(f) = found.map(|f| with_time(t, with_day_ranges(t, f))) else { continue };
        let first = with_weekday(t, f.first);
        let mut c = Candidate::new(PhiKind::Date, t.start(first), t.end(f.last), 85);
        c.birth = birth_context(t, f.first);
        c.year = f.year_tok.filter(|&y| t.digits(y, Some(4))).map(|y| (t.start(y), t.end(y)));
        if f.year_tok.is_some() && tok.kind == TokKind::Digit {
            // `03/14/2026` (month first) or `2026-03-14`.
            let month = if t.digits(f.first, Some(4)) { t.num(f.first + 2) } else { t.num(f.first) };
            if let Some(m) = month.filter(|m| (1..=12).contains(m)) {
                dated_months |= 1 << m;
            }
        }
        out.push(c);
        next = f.last + 1;
    }
    months_alone(t, out);
    dated_months
}

/// `3  March 2nd, 2024` (a transcript's line number before the date), `10  June 19, 1981`: a
/// day-first date `f` whose month starts a longer month-first date is that date instead (a
/// number before a month, then a day after it, is no day of the month).
fn month_first_after(t: &Tokens<'_>, f: Found) -> Found {
    // Apart from the number before it and from the day after it (`14-MAR-26` is one date).
    let m = f.first + 1;
    if !t.has(m, bit::MONTH) || t.joined(m) || t.joined(m + 1) {
        return f;
    }
    match month_first(t, m) {
        Some(g) if g.last > f.last => g,
        _ => f,
    }
}

/// A day of 1 or 2 digits at token `k`.
fn short_day(t: &Tokens<'_>, k: usize) -> bool {
    t.digits(k, None) && t.byte_len(k) <= 2
}

/// A date `f` widened over a range of days around it: `June 12-15`, `Mar 4-6` (a date ending at
/// its day, no year, then a glued hyphen and a later day of the month, nothing glued after;
/// with the year after it, `Aug 11-16, 2024`) and
/// `14-15 Jan 2026` (an earlier day and a glued hyphen before a day-first date).
fn with_day_ranges(t: &Tokens<'_>, mut f: Found) -> Found {
    let last = f.last;
    let end_range = f.year_tok.is_none()
        && short_day(t, last)
        && t.punct(last + 1, '-')
        && t.joined(last + 1)
        && t.joined(last + 2)
        && short_day(t, last + 2)
        && !(t.joined(last + 3) && matches!(t.kind(last + 3), Some(TokKind::Digit | TokKind::Alpha)))
        && t.num(last).zip(t.num(last + 2)).is_some_and(|(a, b)| a < b && b <= 31);
    if end_range {
        f.last = last + 2;
        // `Aug 11-16, 2024`: the year after the range is the range's.
        if let Some((y, e)) = year_at(t, skip_sep(t, last + 3)) {
            f.last = e - 1;
            f.year_tok = Some(y);
        }
    }
    let first = f.first;
    let start_range = first >= 2
        && short_day(t, first)
        && t.punct(first - 1, '-')
        && t.joined(first)
        && t.joined(first - 1)
        && short_day(t, first - 2)
        && !(first >= 3 && t.joined(first - 2) && matches!(t.kind(first - 3), Some(TokKind::Digit | TokKind::Punct)))
        && t.num(first - 2).zip(t.num(first)).is_some_and(|(a, b)| a < b);
    if start_range {
        f.first = first - 2;
    }
    f
}

/// The month and day of a bare `m/d` at token `k` (each part 1 or 2 digits, a valid date),
/// glued to no other number, slash or decimal point on either side.
fn bare_month_day(t: &Tokens<'_>, k: usize) -> Option<(u32, u32)> {
    let short = |n: usize| t.digits(n, None) && t.byte_len(n) <= 2;
    if !short(k) || !t.punct(k + 1, '/') || !t.joined(k + 1) || !t.joined(k + 2) || !short(k + 2) {
        return None;
    }
    let glued_before = t.joined(k) && (t.digits(k - 1, None) || t.punct(k - 1, '/') || t.punct(k - 1, '.'));
    let glued_after = t.joined(k + 3)
        && (t.digits(k + 3, None) || t.punct(k + 3, '/') || (t.punct(k + 3, '.') && t.digits(k + 4, None)));
    if glued_before || glued_after {
        return None;
    }
    let (m, d) = (t.num(k)?, t.num(k + 2)?);
    month_day_valid(m, d).then_some((m, d))
}

/// `m/d` is shaped as a fraction or a score: written over a larger number, most often a small
/// one (`1/2`, `3/4`, `4/5`, `7/10`, `BIMS 9/15`, `3/16"`); a month over a smaller day is no
/// fraction.
fn fraction_shaped((m, d): (u32, u32)) -> bool {
    m < d && (d <= 10 || matches!(d, 15 | 16 | 20 | 30))
}

/// A month/day `m/d` at `k` in a note with dates of its month ([`date_lists`]) that is not
/// shaped as a fraction, no score among scores, no signed, multiplied or mixed number (`+1/2`,
/// `x 3/4`, `10 1/2`), no part of a name (`BRCA1/2`), and no quantity (a unit after it: `8/2
/// mg`, `3/4"`).
fn in_dated_note(t: &Tokens<'_>, k: usize, md: (u32, u32)) -> bool {
    !fraction_shaped(md) && plain_month_day(t, k)
}

/// The month/day at `k` is no signed, multiplied or mixed number, no part of a name, no
/// quantity and no score among scores ([`in_dated_note`] but the fraction's shape).
fn plain_month_day(t: &Tokens<'_>, k: usize) -> bool {
    // `BRCA1/2`, `10 1/2 W`, `+1/2`, `x 3/4`.
    let before = k > 0
        && ((t.joined(k) && t.kind(k - 1) == Some(TokKind::Alpha))
            || t.kind(k - 1) == Some(TokKind::Digit)
            || t.punct(k - 1, '+')
            || t.punct(k - 1, '~')
            || t.is(k - 1, "x"));
    let after = t.is_any(k + 3, QUANTITY_UNITS)
        || (t.joined(k + 3) && (t.punct(k + 3, '%') || t.punct(k + 3, '"') || t.punct(k + 3, '\'')));
    !before && !after && !among_scores(t, k)
}

/// `Visits 7/1, 7/8`, `(7/2, 7/30)`, `HBO x1 2/2, dc 2/3`: the month/day `md` at `k` is beside a
/// date found (its byte starts and ends in `starts` and `ends`, each sorted): a comma between them,
/// and at most one word after the comma, on one line. A fraction is not written beside a
/// date, so its shape matters only when the neighbour is shaped as a fraction too (`took 1/2,
/// 3/4`); a quantity or a score still is no date ([`plain_month_day`]).
fn beside_date(t: &Tokens<'_>, k: usize, md: (u32, u32), starts: &[usize], ends: [&[usize]; 2]) -> bool {
    let same_line = |a: usize, b: usize| !(a + 1..=b).any(|n| t.newline_before(n));
    let word = |n: usize| t.kind(n) == Some(TokKind::Alpha);
    let ends_at = |n: usize| ends.iter().any(|e| e.binary_search(&t.end(n)).is_ok());
    let starts_at = |n: usize| n < t.len() && starts.binary_search(&t.start(n)).is_ok();
    // Two fractions side by side are no dates (`took 1/2, 3/4`): a month/day shaped as one
    // needs a neighbour that is not (`Visits 7/1, 7/8`).
    let fraction = fraction_shaped(md);
    let not_fraction = |first: usize| !(fraction && bare_month_day(t, first).is_some_and(fraction_shaped));
    // A comma between, or the mark of a range (`Wear period: 2/24 - 3/25/2025`, `1/15 to 1/29`).
    let separator = |n: usize| t.punct(n, ',') || t.punct(n, '-') || t.is_any(n, &["to", "thru", "through", "until"]);
    let before =
        (k >= 2 && separator(k - 1) && ends_at(k - 2) && same_line(k - 2, k) && not_fraction(k.wrapping_sub(4)))
            || (k >= 3
                && t.punct(k - 2, ',')
                && word(k - 1)
                && ends_at(k - 3)
                && same_line(k - 3, k)
                && not_fraction(k.wrapping_sub(5)));
    let after = (separator(k + 3) && starts_at(k + 4) && same_line(k, k + 4) && not_fraction(k + 4))
        || (t.punct(k + 3, ',') && word(k + 4) && starts_at(k + 5) && same_line(k, k + 5) && not_fraction(k + 5));
    (before || after) && plain_month_day(t, k)
}

/// Tokens at most between two month/days of one list.
const LIST_GAP: usize = 10;

/// `Next calls: 1/16 (pre-quit), 1/20 (day 1), 1/27, 2/10`, `scale log 3/14 226.8, 3/16 228.4,
/// 3/18 230.2`: three or more month/days on one line, each later than the one before, at most
/// [`LIST_GAP`] tokens apart, none after a score word or before a fraction word, the first
/// three not all of one day: a list of dates (fractions and scores are not written in rising
/// runs of three, except scores out of one total: `reflexes 1/4, 2/4, 3/4`). Every member is
/// a date (one found already is proposed twice; resolution keeps one).
///
/// Also `CT HEAD 5/12 NO EDEMA` in a note that writes `05/14/2026` elsewhere: a month/day whose
/// month is that of a date with a year in the note, or the month before or after it (`dated`,
/// bit m for month m), unless it reads as a score ([`among_scores`]) or a quantity: the note's
/// own dates tell that its month/days are dates.
fn date_lists(t: &Tokens<'_>, dated: u16, out: &mut Vec<Candidate>) {
    let push =
        |k: usize, out: &mut Vec<Candidate>| out.push(Candidate::new(PhiKind::Date, t.start(k), t.end(k + 2), 85));
    // The run so far: its length, its first two members (token and day) and its last member.
    let mut len = 0;
    let (mut first, mut second) = ((0, 0), (0, 0));
    let mut last: Option<(usize, (u32, u32))> = None;
    // Only a short number with a slash glued after it can start one: one look at the next
    // token turns the others away.
    let slash_after = |k: usize| {
        t.toks.get(k + 1).is_some_and(|next| next.kind == TokKind::Punct && next.first == '/' && !next.space_before)
    };
    // The dates found so far, for [`beside_date`] (only once a bare month/day is met).
    let mut found: Option<(Vec<usize>, Vec<usize>)> = None;
    // The ends of the month/days this walk proposed, in order.
    let mut proposed: Vec<usize> = Vec::new();
    for k in marked(t, |k, tok| tok.kind == TokKind::Digit && tok.len() <= 2 && slash_after(k)) {
        let Some(md) = bare_month_day(t, k) else { continue };
        if score_or_fraction(t, k, 2, k + 3) {
            continue;
        }
        let (starts, ends) = found.get_or_insert_with(|| {
            let dates = || out.iter().filter(|c| c.kind == PhiKind::Date);
            let mut starts: Vec<usize> = dates().map(|c| c.start).collect();
            let mut ends: Vec<usize> = dates().map(|c| c.end).collect();
            starts.sort_unstable();
            ends.sort_unstable();
            (starts, ends)
        });
        if (dated & (7 << md.0 >> 1) != 0 && in_dated_note(t, k, md))
            || (starts.binary_search(&t.start(k)).is_err() && beside_date(t, k, md, starts, [ends, &proposed]))
        {
            push(k, out);
            proposed.push(t.end(k + 2));
        }
        let follows = last.is_some_and(|(p, prev)| {
            k > p + 2 && k - p <= LIST_GAP && prev < md && !(p + 1..=k).any(|n| t.newline_before(n))
        });
        last = Some((k, md));
        if !follows {
            len = 0;
        }
        match len {
            0 => first = (k, md.1),
            1 => second = (k, md.1),
            2 if first.1 == md.1 && second.1 == md.1 => {
                // Scores out of one total: a run starts again from here.
                first = (k, md.1);
                len = 1;
                continue;
            }
            2 => {
                push(first.0, out);
                push(second.0, out);
                push(k, out);
            }
            _ => push(k, out),
        }
        len += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::patterns::tests::soup;
    use super::*;

    /// The date recognizer as it was before each token tried only the forms that can start
    /// with it: the reference it must match (`day_at` and `month_first` did not change and are
    /// shared).
    mod reference {
        use super::super::*;

        fn day_first(t: &Tokens<'_>, i: usize) -> Option<Found> {
            let (_, mut j) = day_at(t, i)?;
            if t.is(j, "of") || t.is(j, "de") || ((t.punct(j, '-') || t.punct(j, '/')) && t.joined(j)) {
                j += 1;
            }
            if !is_month(t, j) || (t.is(j, "may") && !t.capitalized(j)) {
                return None;
            }
            let mut k = j + 1;
            if t.punct(k, '.') && t.joined(k) {
                k += 1;
            }
            if let Some(last) = short_year_glued(t, j) {
                return Some(Found { first: i, last, year_tok: None });
            }
            if let Some(y) = military_short_year(t, i, j) {
                return Some(Found { first: i, last: y, year_tok: None });
            }
            let k = skip_spanish_of(t, skip_sep(t, k));
            match year_at(t, k) {
                Some((y, e)) => Some(Found { first: i, last: e - 1, year_tok: Some(y) }),
                None => Some(Found { first: i, last: j, year_tok: None }),
            }
        }

        fn numeric(t: &Tokens<'_>, i: usize) -> Option<Found> {
            let dotted_range = i >= 2 && t.punct(i - 1, '.') && t.punct(i - 2, '.') && t.joined(i - 1);
            if !t.digits(i, None)
                || (t.joined(i)
                    && (t.punct(i - 1, '/') || t.punct(i - 1, '-') || t.punct(i - 1, '.') || t.digits(i - 1, None))
                    && !dotted_range
                    && !second_of_range(t, i))
            {
                return None;
            }
            let sep = t.s(i + 1);
            let sep_ok = matches!(sep, "/" | "-" | ".") && t.joined(i + 1) && t.joined(i + 2);
            if !sep_ok || !t.digits(i + 2, None) {
                return None;
            }
            let (a, b) = (t.num(i)?, t.num(i + 2)?);
            let third = t.s(i + 3) == sep && t.joined(i + 3) && t.joined(i + 4) && t.digits(i + 4, None);
            let glued_after = |k: usize| {
                t.joined(k) && (t.digits(k, None) || ((t.punct(k, '/') || t.punct(k, '-')) && t.digits(k + 1, None)))
            };
            if t.digits(i, Some(4)) {
                let c = if third { t.num(i + 4)? } else { return None };
                if (1800..=2199).contains(&a)
                    && (1..=12).contains(&b)
                    && (1..=31).contains(&c)
                    && t.s(i + 4).len() <= 2
                    && !glued_after(i + 5)
                {
                    return Some(Found { first: i, last: iso_time_end(t, i + 5).saturating_sub(1), year_tok: Some(i) });
                }
                return None;
            }
            let month_year = !third && t.digits(i + 2, Some(4));
            if t.s(i).len() > 2 || (t.s(i + 2).len() > 2 && !month_year) {
                return None;
            }
            if third {
                let ylen = t.s(i + 4).len();
                if (ylen == 2 || ylen == 4) && month_day_ok(a, b) && (!glued_after(i + 5) || first_of_range(t, i)) {
                    let y = (ylen == 4).then_some(i + 4);
                    if let Some(y) = y {
                        if !t.num(y).is_some_and(|v| (1800..=2199).contains(&v)) {
                            return None;
                        }
                    }
                    return Some(Found { first: i, last: i + 4, year_tok: y.or(Some(i + 4)) });
                }
                return None;
            }
            if sep == "/" {
                if let Some(last) = month_day_range(t, i) {
                    return Some(Found { first: i, last, year_tok: None });
                }
            }
            if sep == "/" && first_of_day_range(t, i) && month_day_valid(a, b) && t.s(i + 2).len() <= 2 {
                return Some(Found { first: i, last: i + 2, year_tok: None });
            }
            if (glued_after(i + 3) && !first_of_month_range(t, i)) || sep == "." {
                return None;
            }
            if t.digits(i + 2, Some(4)) && (1..=12).contains(&a) && (1800..=2199).contains(&b) {
                return Some(Found { first: i, last: i + 2, year_tok: Some(i + 2) });
            }
            if sep == "/"
                && t.s(i + 2).len() <= 2
                && month_day_valid(a, b)
                && (short_date_context(t, i) || unlike_fraction(t, i, (a, b)))
            {
                return Some(Found { first: i, last: i + 2, year_tok: None });
            }
            None
        }

        fn birth_year(t: &Tokens<'_>, i: usize) -> Option<Found> {
            let (y, e) = year_at(t, i)?;
            if !t.digits(i, Some(4)) || !birth_context(t, i) {
                return None;
            }
            Some(Found { first: i, last: e - 1, year_tok: Some(y) })
        }

        pub fn find_dates(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
            let mut i = 0;
            while i < t.len() {
                if !(t.kind(i) == Some(TokKind::Digit) || is_month(t, i) || t.punct(i, '\'')) {
                    i += 1;
                    continue;
                }
                let found = month_first(t, i)
                    .or_else(|| day_first(t, i).map(|f| month_first_after(t, f)))
                    .or_else(|| numeric(t, i))
                    .or_else(|| birth_year(t, i))
                    .or_else(|| ordinal_day(t, i))
                    .or_else(|| compact_date(t, i))
                    .or_else(|| labelled_compact_date(t, i));
                let Some(f) = found.map(|f| with_time(t, with_day_ranges(t, f))) else {
                    i += 1;
                    continue;
                };
                let first = with_weekday(t, f.first);
                let mut c = Candidate::new(PhiKind::Date, t.start(first), t.end(f.last), 85);
                c.birth = birth_context(t, f.first);
                c.year = f.year_tok.filter(|&y| t.digits(y, Some(4))).map(|y| (t.start(y), t.end(y)));
                out.push(c);
                i = f.last + 1;
            }
            months_alone(t, out);
        }
    }

    /// Months, days, years, separators and the words dates are written with.
    const DATE_PIECES: &[&str] = &[
        "March",
        "march",
        "MARCH",
        "may",
        "May",
        "MAY",
        "Mar",
        "mar",
        "Sept",
        "sept",
        "Jan",
        "marzo",
        "de",
        "del",
        "of",
        "5",
        "05",
        "31",
        "32",
        "12",
        "13",
        "0",
        "5th",
        "st",
        "th",
        "nd",
        "2020",
        "1931",
        "1799",
        "2199",
        "2200",
        "'",
        "85",
        "T",
        "t",
        "10",
        "30",
        "Z",
        ":",
        "+",
        "DOB",
        "born",
        "b",
        "b.",
        "birth",
        "Monday",
        "Mon",
        ",",
        "on",
        "since",
        "-",
        "/",
        ".",
        "03/04/2020",
        "3-4-20",
        "2020-03-04T10:30:00Z",
        "2020/03/04",
        "03/2020",
        "3/4",
        "March 5, 2020",
        "Mar. 5th",
        "5 de marzo de 2020",
        "05-Jan-2020",
        "05Jan2020",
        "5th of March",
        "Monday, ",
        "born in 1931",
        "'85",
        "1.2.2020",
        "2020-3-4 10:30",
        "the",
        "TTE",
        "home",
        "pain",
        "Tuesday",
        "14:05",
        "03/03",
        "2/30",
        "14th",
        "but",
        "floor",
        "of",
    ];

    /// The texts of the dates found in `text`.
    fn dates_in(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        let mut out = Vec::new();
        find_dates(&t, &mut out);
        out.iter().filter_map(|c| text.get(c.start..c.end)).map(str::to_string).collect()
    }

    #[test]
    fn month_day_without_a_year_by_its_context() {
        for (text, want) in [
            ("TTE 1/19: EF 25%, mod MR.", "1/19"),
            ("BCx 2/3: NGTD at 48h.", "2/3"),
            ("1-hr GCT 3/2: 152 (H)", "3/2"),
            ("hip fx, ORIF 3/11. POD 2", "3/11"),
            ("Dispo: likely home 2/7 if SpO2 >90%", "2/7"),
            ("Car was towed 2/20; yard", "2/20"),
            ("Prior auth submitted 3/12 14:05 to payer", "3/12"),
            ("GOALS OF CARE MEETING 03/03 WITH WIFE", "03/03"),
            ("Telephone Encounter - Tuesday 3/3 11:40", "Tuesday 3/3"),
            ("next visit 4/30 at 9:15", "4/30"),
            ("seen on 3/4 in clinic", "3/4"),
            ("labs due 2/29.", "2/29"),
        ] {
            assert_eq!(dates_in(text), [want], "{text}");
        }
    }

    #[test]
    fn a_two_digit_year_glued_to_the_month() {
        assert_eq!(dates_in("DRAWN: 10-JUN-26 1122 BY L.N."), ["10-JUN-26"]);
        assert_eq!(dates_in("seen 14-Mar-21, back 3-Mar-2021"), ["14-Mar-21", "3-Mar-2021"]);
        // More glued after it: a code, not a year.
        assert_eq!(dates_in("lot 14-MAR-26-A"), ["14-MAR"]);
    }

    #[test]
    fn a_month_that_is_a_given_name_before_an_age_and_a_sex() {
        assert!(dates_in("HC-4 ROSE, AUGUST        19 M  SAM-1203366").is_empty());
        assert!(dates_in("Harper, June 19 F, ESI 3").is_empty());
        // A date still: no comma and word before, no sex letter, a word after the letter.
        assert_eq!(dates_in("seen AUGUST 19 M clinic"), ["AUGUST 19"]);
        assert_eq!(dates_in("Rose, August 19 at noon"), ["August 19"]);
    }

    #[test]
    fn a_two_digit_year_after_a_day_and_a_month_in_capitals() {
        let spans = |text: &str| {
            let t = Tokens::new(text);
            let mut out = Vec::new();
            find_dates(&t, &mut out);
            let longest = out.iter().max_by_key(|c| c.end - c.start).map(|c| c.start..c.end);
            longest.and_then(|r| text.get(r)).map(str::to_string)
        };
        assert_eq!(spans("AS OF: 21 MAY 25 1400      POC: MAJ"), Some("21 MAY 25".to_string()));
        assert_eq!(spans("Since 12 MAY 25, 23 trainees"), Some("12 MAY 25".to_string()));
        assert_eq!(spans("SITREP 28 MAY 25 or sooner"), Some("28 MAY 25".to_string()));
        // A word after the number (a dose), glued to something, a month in mixed case.
        for text in ["gave 12 MAY 25 mg", "on 12 MAY 25x", "on 12 May 25, 23 trainees"] {
            assert!(!dates_in(text).iter().any(|d| d.starts_with("12 ") && d.contains("25")), "{text}");
        }
    }

    #[test]
    fn month_day_after_a_word_at_the_end_of_its_clause() {
        for (text, want) in [
            ("Next tx 2/17.\tRN: Lorna", &["2/17"][..]),
            ("- also out 2/9 and 2/10. still missing", &["2/9", "2/10"]),
            ("rec'd 2/25 by D. Kowalczyk", &["2/25"]),
            ("RTC 1 wk, 4/14. Pt cell", &["4/14"]),
            ("x 2 days, recheck wt 3/5. Order read back", &["3/5"]),
            ("Recheck 7 days (11/11).", &["11/11"]),
            ("s/p ERCP w/ stent 3/7", &["3/7"]),
        ] {
            assert_eq!(dates_in(text), want, "{text}");
        }
        // Scores among scores, full marks, a score word earlier on the line, a number before,
        // and a month/day followed by more of its clause stay.
        for text in [
            "mmt: flex 4-/5, abd 4-/5, er 4/5, ir 5/5\n",
            "sugammadex 200 mg, TOF 4/4.",
            "pain 6/10 L hip w/ movement, 3/10 at rest.",
            "grade 2 murmur; total 7/9).",
            "Digits backward 2/4. mBESS 11 errors",
            "cultures x 3 (1/2).",
            "took 1/2 tab.",
            "walked 3/4 of the hall",
        ] {
            assert_eq!(dates_in(text), [] as [&str; 0], "{text}");
        }
    }

    #[test]
    fn month_day_after_more_cues_and_months_alone() {
        for (text, want) in [
            ("refill too soon (last filled 2/20). pt says", &["2/20"][..]),
            ("stage 3 (first noted 1/9 on admission)", &["1/9"]),
            ("exposures 11/2 through 1/25.", &["11/2", "1/25"]),
            ("CT angio 2/10 - single renal arteries", &["2/10"]),
            ("Assault est. 2/14 between 2300-0100.", &["2/14"]),
            ("next appt: 3/3 prophy w/ hygienist", &["3/3"]),
            ("fce planned ~3/6.", &["3/6"]),
            ("pay cash or wait til 3/6.", &["3/6"]),
            ("OCT 3/10/26: OD CST 312", &["3/10/26"]),
            ("hours cut to 20/wk since December.", &["December"]),
            ("two falls in Nov, new sacral wound", &["Nov"]),
            ("lyrica was d/c'd in january, pt should", &["january"]),
            ("Symptom onset approx mid-November (cough).", &["mid-November"]),
            ("AEs: mild dizziness 2/2-2/5, resolved", &["2/2-2/5"]),
            ("compare: 0044817_20260305_Lheel_01.jpg", &["20260305"]),
        ] {
            assert_eq!(dates_in(text), want, "{text}");
        }
        // Verbs, an eye scan, a fraction, a score: no date.
        for text in [
            "She may need PT in March; we march on.",
            "OCT OD: CST 312, no fluid",
            "take ~1/2 tab at night",
            "last 2/3 of the dose",
            "pain 3/10 through the night",
            "strength 4/5-5/5 in the legs",
            "take 1/2-3/4 tab at night",
            "dilated 3/4-2/3 today",
            "acct 20261399 and 12345678.5 and A20260305 and 20260305123",
        ] {
            assert_eq!(dates_in(text), Vec::<String>::new(), "{text}");
        }
        // A month alone is proposed under a name: the name wins.
        let out = crate::deid::text::scrub_text("Seen by June Park, PharmD today", &Default::default())
            .map(|s| s.text)
            .unwrap_or_default();
        assert_eq!(out, "Seen by [NAME], PharmD today");
    }

    #[test]
    fn month_day_after_events_in_brackets_and_before_times() {
        for (text, want) in [
            // Dated events and abbreviations right before.
            ("Protective order hearing 11/4.", "11/4"),
            ("78 y/o M adm 12/3 w/ acute", "12/3"),
            ("liaison accepted, SOC 12/10.", "12/10"),
            ("G2P1, LMP 3/4, +UPT", "3/4"),
            ("pump disconnect 9/20 and", "9/20"),
            ("NPWT was d/c'd 8/28; unit", "8/28"),
            ("Foley D/C 3/2, voiding", "3/2"),
            ("abx dc'd 3/2 per ID", "3/2"),
            ("f/u 2/14 with PCP", "2/14"),
            // A zero-padded part.
            ("daughter to pick up 12/09.", "12/09"),
            ("ROS 1/05 done", "1/05"),
            // In brackets after a cue, a result or a measured value.
            ("Pre-tx labs (9/17): ANC 1.9", "9/17"),
            ("GBS neg (5/2). Rh pos", "5/2"),
            ("HIV nonreactive (3/4)", "3/4"),
            ("ABI R 0.92, L 0.95 (7/17) - ok", "7/17"),
            ("A1c 7.2% (3/4), up from", "3/4"),
            // Before a time, with a word between.
            ("pick up 12/9 approx 11:00", "12/9"),
            ("ride 9/20 at 1300.", "9/20"),
            ("ride 9/20 @ 0830h", "9/20"),
            ("ride 9/20 around 9:30", "9/20"),
        ] {
            assert_eq!(dates_in(text), [want], "{text}");
        }
    }

    #[test]
    fn brackets_cues_and_times_leave_scores_and_fractions() {
        for text in [
            "BCx pos (2/2) at 18h",
            "cultures positive (2/2)",
            "pain (7/10) after",
            "Apgars (8/9)",
            "strength (4/5) in",
            "x 3 (1/2) doses",
            "metoprolol 12.5 (1/2 tab)",
            "d/c 1/2 tab tonight",
            "f/u 3/4 of the way",
            "stopped 1/2 dose",
            "give 3/4 at 1000 units",
            "ratio 3/4 at 10:00",
            "took 3/4 at 2300 pills",
            "score 0.5 (3/4)",
            "hearing 20/20",
            "ss 1/2 approx",
            "s/c 3/4 of",
        ] {
            assert_eq!(dates_in(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn scores_and_ratios_are_not_month_day_dates() {
        for text in [
            "pain 7/10, improved to 3/10 after",
            "Apgars 8/9: vigorous",
            "BP 98/60, HR 122",
            "available 24/7 by phone",
            "vision 20/25 OU",
            "Prednisone day 3/5: glucose 212",
            "Cravings 2/10. Attending NA",
            "strength 4/5: mild weakness",
            "RUE 4/5, LUE 5/5.",
            "home 1/2 tab at bedtime",
            "completed 3/4 of the course",
            "on 2/30 nothing",
            "sx x 3/7 now",
            "Result 1/19:30 pending",
            "sacubitril/valsartan 24/26 mg BID",
            "Deltoid 4/5: weak",
            "Murmur 2/6: systolic",
            "RUE 4/5: weak",
            "Echo 2/3 views obtained",
            "BCx 2/2 bottles positive",
            "drawn 1/2 hour later",
            "hydrocortisone 15/5 mg",
            "nodes: 2/16 nodes positive; 3/12 cores",
            "AR 6/18 = 33%",
        ] {
            assert_eq!(dates_in(text), Vec::<String>::new(), "{text}");
        }
        // A date word alone no longer takes a score after it.
        assert_eq!(dates_in("pain rated 8/10 on arrival"), Vec::<String>::new());
    }

    #[test]
    fn month_day_opening_a_line_of_a_log() {
        for (text, want) in [
            ("aide: tasha m.\n\n1/6 in 0810 out 1015. client in robe", "1/6"),
            ("date | time | caller\n3/2 | 9:14a | verna", "3/2"),
            ("Log\n12/3 - called pharmacy", "12/3"),
        ] {
            assert_eq!(dates_in(text), [want], "{text}");
        }
        for text in ["Plan\n1/2 tab po bid", "MMT\n4/5 | strength", "x\n1/2 - 1 tab prn", "so 3/4 in 1000 units"] {
            assert_eq!(dates_in(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn vista_times_and_dotted_ranges() {
        for (text, want) in [
            ("DATE OF NOTE: NOV 03, 2025@14:02     ENTRY", "NOV 03, 2025@14:02"),
            ("ENTRY DATE: NOV 03, 2025@15:47:12\n", "NOV 03, 2025@15:47:12"),
            ("signed 11/03/2025@16:05", "11/03/2025@16:05"),
        ] {
            assert_eq!(dates_in(text), [want], "{text}");
        }
        assert_eq!(dates_in("1976-05-11,2025-08-14..2025-09-30,fax"), ["1976-05-11", "2025-08-14", "2025-09-30"]);
        // A version or a decimal before, and an `@` before no time, take nothing more.
        assert_eq!(dates_in("v1.2025-08-14"), Vec::<String>::new());
        assert_eq!(dates_in("seen 11/03/2025@home"), ["11/03/2025"]);
    }

    #[test]
    fn day_ordinal_after_a_date_preposition_and_the() {
        for (text, want) in [
            ("appt with dr k is on the 14th but my brother", "the 14th"),
            ("call back by the 3rd.", "the 3rd"),
            ("refill due before the 21st", "the 21st"),
            ("nothing until the 2nd\nPlan: f/u", "the 2nd"),
            ("you gave me on the 23rd and now i have", "the 23rd"),
            ("ok thank you. is thursday the 26th ok? also", "thursday the 26th"),
            ("says bday is the 22nd, wants a card", "the 22nd"),
            ("med sync set to the 18th monthly, 4 meds", "the 18th"),
            ("on the night of the 19th and struck another man", "the 19th"),
        ] {
            assert_eq!(dates_in(text), [want], "{text}");
        }
        for text in [
            "weight is at the 14th percentile",
            "laceration on the 5th digit",
            "fractures of the 6th and 7th rib",
            "on the 6th and 7th ribs",
            "in the 3rd trimester",
            "2nd degree burn on the 2nd degree",
            "lives on the 3rd floor",
            "on the 14rd but",
            "on the 32nd but",
            "on the 23rd and 24th",
            "thursday was the 3rd visit",
            "this is the 3rd time",
            "moved to the 4th floor",
            "pain of the 2nd and 3rd toes",
            "fracture of the 5th metatarsal",
        ] {
            assert_eq!(dates_in(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn find_dates_matches_the_reference() {
        let mut found = 0;
        for text in soup(DATE_PIECES, 20_000) {
            let t = Tokens::new(&text);
            let (mut got, mut want) = (Vec::new(), Vec::new());
            dates_and_months(&t, &mut got);
            reference::find_dates(&t, &mut want);
            assert_eq!(format!("{got:?}"), format!("{want:?}"), "{text:?}");
            found += got.len();
        }
        assert!(found > 2000, "only {found} dates found");
    }
}
