//! Numbers and dates written in words, as dictation and call transcripts write them
//! (45 CFR 164.514(b)(2)(i)(C), (D), (H), (R)): `medical record number four four seven two
//! nine one eight`, `call five oh nine, five five five, zero one two six`, `date of operation
//! february third twenty twenty six`, `March nineteenth`.
//!
//! A run of seven digit words or more is an identifier whatever its context: clinical text
//! spells out small quantities (`two tabs`, `three times daily`), never seven digits in a row.
//! Ten digits (eleven with a leading `one`) are a telephone number, a run after `record` or
//! `MRN` a medical record number, any other an identifying number.

use super::lexicon::bit;
use super::token::{TokKind, Tokens};
use super::{Candidate, PhiKind};

/// The words for one digit (`oh` and `o` are zero only inside a run).
pub(crate) const DIGIT_WORDS: &[&str] =
    &["zero", "oh", "o", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/// Fewest digit words that make an identifier.
const MIN_DIGITS: usize = 7;

/// Fewest digit words after `number`, `id` or `MRN` (`job number eight eight two one zero
/// four`).
const MIN_DIGITS_AFTER_LABEL: usize = 5;

/// Day ordinals in words (`third`, `nineteenth`); `twenty` and `thirty` take one of the first
/// nine after them, with or without a hyphen (`twenty-first`, `thirty first`).
const DAY_ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
];

/// The numbers from one to nineteen in words: a day of the month as a cardinal, and with the
/// tens ([`TENS`]) and `thousand`, `and`, `oh`, the words of a year said aloud.
const ONE_TO_NINETEEN: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Tens in words, in a year said aloud (`nineteen thirty-four`, `twenty twenty six`).
const TENS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// Word `j` can be part of a year said aloud (`nineteen thirty-four`, `twenty twenty six`, `two
/// thousand and five`).
fn year_word(t: &Tokens<'_>, j: usize) -> bool {
    t.is_any(j, ONE_TO_NINETEEN) || t.is_any(j, TENS) || t.is_any(j, &["thousand", "and", "oh"])
}

/// A spelled-out identifier number starting at digit word `i` (which [`super::candidates`]'s
/// walk over the tokens sends here): proposes it and returns one past its last word, so the
/// walk does not start again inside it.
pub(crate) fn digits_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) -> Option<usize> {
    // Not from inside a run (nor from a zero: `oh` and `o` are words too), so no run is
    // measured twice.
    let zero = |k: usize| t.is_any(k, &["o", "oh"]);
    if zero(i) || (i > 0 && t.has(i - 1, bit::DIGIT_WORD) && !zero(i - 1) && !t.newline_before(i)) {
        return None;
    }
    let least = if number_word_before(t, i) { MIN_DIGITS_AFTER_LABEL } else { MIN_DIGITS };
    let (end, digits) = digit_run(t, i);
    if digits < least {
        return None;
    }
    let kind = if digits == 10 || (digits == 11 && t.is(i, "one")) {
        PhiKind::Phone
    } else if record_before(t, i) {
        PhiKind::Mrn
    } else {
        PhiKind::Id
    };
    out.push(Candidate::new(kind, t.start(i), t.end(end - 1), 80));
    Some(end)
}

/// A date in words starting at month `i` (`february third twenty twenty six`, `March
/// nineteenth`): the index of its last token. [`super::dates::find_dates`] asks for it at
/// months that start no other date.
pub(crate) fn date_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    // `January the sixth`.
    let j = if t.is(i + 1, "the") && !t.newline_before(i + 1) { i + 2 } else { i + 1 };
    let Some(end) = spelled_day(t, j).or_else(|| cardinal_day(t, i, j)) else {
        // `march of twenty twenty two`: a month and a year said aloud.
        let of = t.is(i + 1, "of") && !t.newline_before(i + 1);
        return if of { year_after(t, i + 2).map(|e| e - 1) } else { None };
    };
    Some(year_after(t, end).or_else(|| numeric_year_after(t, end)).unwrap_or(end) - 1)
}

/// Words before a month that make a cardinal after it a day (`on February nineteen`).
const CARDINAL_DAY_BEFORE: &[&str] = &["on", "by", "until", "since", "dated", "before", "after"];

/// A day as a cardinal in words at `j` (one to nineteen, or `twenty` or `thirty` with a unit
/// after it: `twenty one`, `thirty-one`), right after month `i` (`Follow up on February
/// nineteen.`): only after a date preposition and before the end of a clause (a `.`, `,`, `;`,
/// the end of the line) or a year, so `in March twenty patients` is no date. One past it.
fn cardinal_day(t: &Tokens<'_>, i: usize, j: usize) -> Option<usize> {
    if j != i + 1 || i == 0 || !t.is_any(i - 1, CARDINAL_DAY_BEFORE) || t.newline_before(j) {
        return None;
    }
    let end = if t.is_any(j, &["twenty", "thirty"]) {
        let k = if t.punct(j + 1, '-') && t.joined(j + 1) { j + 2 } else { j + 1 };
        let units = ONE_TO_NINETEEN.get(..9).unwrap_or(&[]);
        if t.is_any(k, units) && !t.newline_before(k) {
            k + 1
        } else {
            j + 1
        }
    } else if t.is_any(j, ONE_TO_NINETEEN) {
        j + 1
    } else {
        return None;
    };
    let clause_end = end >= t.len()
        || t.newline_before(end)
        || t.punct(end, '.')
        || t.punct(end, ',')
        || t.punct(end, ';')
        || year_after(t, end).is_some();
    clause_end.then_some(end)
}

/// A year in digits after a date in words ending before `k` (an optional comma, then 4 digits
/// from 1900 to 2099: `January eighth 2026`): one past it.
fn numeric_year_after(t: &Tokens<'_>, k: usize) -> Option<usize> {
    let k = if t.punct(k, ',') { k + 1 } else { k };
    let year = t.digits(k, Some(4)) && t.num(k).is_some_and(|y| (1900..=2099).contains(&y)) && !t.joined(k + 1);
    (year && !t.newline_before(k)).then_some(k + 1)
}

/// The run of digit words from `i` (joined by spaces, commas or hyphens on one line): one past
/// its last word and its number of digits.
fn digit_run(t: &Tokens<'_>, i: usize) -> (usize, usize) {
    let (mut k, mut end, mut digits) = (i, i, 0);
    loop {
        if !t.has(k, bit::DIGIT_WORD) || (k > i && t.newline_before(k)) {
            break;
        }
        digits += 1;
        end = k + 1;
        k += 1;
        if (t.punct(k, ',') || t.punct(k, '-')) && !t.newline_before(k) {
            k += 1;
        }
    }
    (end, digits)
}

/// `number`, `no`, `id` or `MRN` right before `i`, or two words before (`number is`).
fn number_word_before(t: &Tokens<'_>, i: usize) -> bool {
    (i.saturating_sub(2)..i).any(|j| t.is_any(j, &["number", "no", "id", "mrn", "#"]))
}

/// `record number`, `MRN`, `chart number` within the three words before `i`.
fn record_before(t: &Tokens<'_>, i: usize) -> bool {
    (i.saturating_sub(3)..i).any(|j| t.is_any(j, &["record", "mrn", "chart"]))
}

/// A day ordinal in words at `j` on the month's line (`third`, `twenty-first`, `thirty
/// first`): one past it.
fn spelled_day(t: &Tokens<'_>, j: usize) -> Option<usize> {
    if t.newline_before(j) || t.kind(j) != Some(TokKind::Alpha) {
        return None;
    }
    if t.is_any(j, &["twenty", "thirty"]) {
        let k = if t.punct(j + 1, '-') && t.joined(j + 1) { j + 2 } else { j + 1 };
        let units = DAY_ORDINALS.get(..9).unwrap_or(&[]);
        return (t.is_any(k, units) && !t.newline_before(k)).then_some(k + 1);
    }
    t.is_any(j, DAY_ORDINALS).then_some(j + 1)
}

/// A year said aloud after a date ending before `k` (an optional comma, then `nineteen` or
/// `twenty` or `two thousand` and up to three more year words, hyphens between): one past it.
fn year_after(t: &Tokens<'_>, k: usize) -> Option<usize> {
    let k = if t.punct(k, ',') { k + 1 } else { k };
    if t.newline_before(k) || !t.is_any(k, &["nineteen", "twenty", "two"]) {
        return None;
    }
    if t.is(k, "two") && !t.is(k + 1, "thousand") {
        return None;
    }
    let mut end = k + 1;
    let mut words = 1;
    let mut j = end;
    while words < 5 {
        if t.punct(j, '-') && t.joined(j) {
            j += 1;
        }
        if !year_word(t, j) || t.newline_before(j) {
            break;
        }
        words += 1;
        j += 1;
        end = j;
    }
    (words >= 2).then_some(end)
}

#[cfg(test)]
mod tests {
    use crate::deid::text::{scrub_text, TextOptions};
    use crate::deid::PhiKind;

    fn spans(text: &str) -> Vec<(PhiKind, String)> {
        let out = scrub_text(text, &TextOptions::default()).unwrap_or_else(|_| unreachable!());
        out.spans.iter().filter_map(|s| Some((s.kind, text.get(s.start..s.end)?.to_string()))).collect()
    }

    #[test]
    fn digit_runs_in_words_are_identifiers() {
        assert_eq!(
            spans("medical record number four four seven two nine one eight.\nsurgeon"),
            [(PhiKind::Mrn, "four four seven two nine one eight".into())]
        );
        assert_eq!(
            spans("at his cell five four one five five five zero one four eight.\nplan"),
            [(PhiKind::Phone, "five four one five five five zero one four eight".into())]
        );
        assert_eq!(
            spans("call me back at five oh nine, five five five, zero one two six, or"),
            [(PhiKind::Phone, "five oh nine, five five five, zero one two six".into())]
        );
        assert_eq!(
            spans("job number eight eight two one zero four two end"),
            [(PhiKind::Id, "eight eight two one zero four two".into())]
        );
        assert_eq!(
            spans("dictated by tuan fam m d job number eight eight two one zero four end of dictation"),
            [(PhiKind::Id, "eight eight two one zero four".into())]
        );
        // Counts in words, and runs of six digits or fewer (four after a label), stay.
        assert_eq!(spans("room number four one two"), []);
        assert_eq!(spans("take two tabs three times daily for one week"), []);
        assert_eq!(spans("one two three four five six, go"), []);
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(
            spans("date of operation february third twenty twenty six. correction"),
            [(PhiKind::Date, "february third twenty twenty six".into())]
        );
        assert_eq!(spans("appointment on March nineteenth but I"), [(PhiKind::Date, "March nineteenth".into())]);
        assert_eq!(
            spans("born March third, nineteen thirty-four, she"),
            [(PhiKind::Date, "March third, nineteen thirty-four".into())]
        );
        assert_eq!(spans("seen on June twenty-first."), [(PhiKind::Date, "June twenty-first".into())]);
        // Dictation: `the` before the day, a year in digits, a cardinal day after `on`, a
        // month and a spoken year.
        assert_eq!(spans("DATE: January eighth 2026\nREF"), [(PhiKind::Date, "January eighth 2026".into())]);
        assert_eq!(spans("Echo dated January the sixth showed"), [(PhiKind::Date, "January the sixth".into())]);
        assert_eq!(
            spans("Follow up in clinic on February nineteen. His"),
            [(PhiKind::Date, "February nineteen".into())]
        );
        assert_eq!(
            spans("a cath in march of twenty twenty two showing"),
            [(PhiKind::Date, "march of twenty twenty two".into())]
        );
        // A month followed by no day in words is left to the other date rules.
        assert_eq!(spans("in March twenty patients were seen"), []);
        assert_eq!(spans("on March twenty patients were seen"), []);
        assert_eq!(spans("the march of time"), []);
    }
}
