//! Ages over 89 (45 CFR 164.514(b)(2)(i)(C)): `92-year-old`, `92 yo`, `age 93`, `aged 95`.
//! The number is replaced by the single group `90+`; ages under 90 are left alone.

use super::lexicon::bit;
use super::token::Tokens;
use super::{Candidate, PhiKind};

pub(crate) const AGE_BEFORE: &[&str] = &["age", "aged", "ages", "agd"];
pub(crate) const AGE_AFTER: &[&str] = &["yo", "y", "yr", "yrs", "year", "years", "yoa", "yof", "yom"];

/// The unit after the number: `-year-old`, ` year old`, `yo`, `y/o`, `y.o.`, `years of age`.
fn unit_after(t: &Tokens<'_>, j: usize) -> bool {
    let k = if t.punct(j, '-') && t.joined(j) { j + 1 } else { j };
    if !t.has(k, bit::AGE_AFTER) {
        return false;
    }
    if t.is(k, "y") {
        // y/o, y.o.
        return (t.punct(k + 1, '/') || t.punct(k + 1, '.')) && t.is(k + 2, "o");
    }
    if t.is_any(k, &["year", "years", "yr", "yrs"]) {
        let m = if t.punct(k + 1, '-') { k + 2 } else { k + 1 };
        return t.is(m, "old") || (t.is(m, "of") && t.is(m + 1, "age")) || t.is(k, "yrs") || t.is(k, "yr");
    }
    true
}

fn age_word_before(t: &Tokens<'_>, i: usize) -> bool {
    let mut j = i;
    while j > 0 && (t.punct(j - 1, ':') || t.punct(j - 1, '=') || t.is(j - 1, "of") || t.is(j - 1, "is")) && j + 3 > i {
        j -= 1;
    }
    j > 0 && t.has(j - 1, bit::AGE_BEFORE)
}

/// An age of 90 and above at token `i`, written with a unit or an age word.
pub(crate) fn age_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    // 90 to 150 takes 2 or 3 digits (`090` too): the length rejects most numbers before the
    // value is read (this runs on every digit token).
    if (2..=3).contains(&t.byte_len(i)) {
        age_value_at(t, i, out);
    }
}

/// The age rule itself: [`age_at`] only adds the length test that turns most numbers away
/// before their value is read (the differential test checks it turns away no age).
fn age_value_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let Some(n) = t.num(i) else { return };
    if !(90..=150).contains(&n) || t.byte_len(i) > 3 {
        return;
    }
    // Already generalised ("90+") or part of a longer number.
    if t.punct(i + 1, '+') && t.joined(i + 1) {
        return;
    }
    if t.joined(i) && (t.digits(i - 1, None) || t.punct(i - 1, '.') || t.punct(i - 1, '/')) {
        return;
    }
    if unit_after(t, i + 1) || age_word_before(t, i) {
        out.push(Candidate::new(PhiKind::Age, t.start(i), t.end(i), 95));
    }
}

#[cfg(test)]
mod tests {
    use super::super::patterns::tests::{check_against_reference, NUMBER_PIECES};
    use super::*;

    /// [`age_at`] as it was before the length pre-check: the reference it must match.
    fn reference_age_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
        let Some(n) = t.num(i) else { return };
        if !(90..=150).contains(&n) || t.s(i).len() > 3 {
            return;
        }
        if t.punct(i + 1, '+') && t.joined(i + 1) {
            return;
        }
        if t.joined(i) && (t.digits(i - 1, None) || t.punct(i - 1, '.') || t.punct(i - 1, '/')) {
            return;
        }
        if unit_after(t, i + 1) || age_word_before(t, i) {
            out.push(Candidate::new(PhiKind::Age, t.start(i), t.end(i), 95));
        }
    }

    #[test]
    fn age_matches_the_reference() {
        check_against_reference(NUMBER_PIECES, &[("age", age_at, reference_age_at)]);
    }
}
