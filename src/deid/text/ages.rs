//! Ages over 89 (45 CFR 164.514(b)(2)(i)(C)): `92-year-old`, `92 yo`, `age 93`, `aged 95`.
//! The number is replaced by the single group `90+`; ages under 90 are left alone.

use super::lexicon::bit;
use super::token::{TokKind, Tokens};
use super::{Candidate, PhiKind};

pub(crate) const AGE_BEFORE: &[&str] = &["age", "aged", "ages", "agd"];
pub(crate) const AGE_AFTER: &[&str] = &["yo", "y", "yr", "yrs", "year", "years", "yoa", "yof", "yom"];

/// Persons whose age a bare number after `is`, `am`, `turned` gives (`she is 92`, `PT IS 93`,
/// `who is 101`); relations (`mother`, `wife`, ...) count too.
pub(crate) const AGE_SUBJECT: &[&str] =
    &["she", "he", "who", "i", "pt", "patient", "patients", "pts", "ppt", "participant", "resident"];

/// The verb between such a subject and the number.
/// (`was` is not one: `she was 92` is as often a saturation as an age.)
const AGE_VERBS: &[&str] = &["is", "am", "turned", "turns", "turning", "now"];

/// Words that may follow a bare age (`she is 92 and`, `who is 101.`): where any other word
/// follows, the number may measure something (`she was 92 on room air`, `he is 95 kg`).
const AGE_BARE_AFTER: &[&str] = &["and", "but", "with", "so", "now", "today", "yet", "or", "who", "when", "since"];

/// A bare age after a person and a verb: `she is 92 and`, `who is 101.`, `PT IS 93, NOT`,
/// `mother is now 95`. The number must end the clause: a unit, `%`, `/`, a decimal point, or
/// any word outside [`AGE_BARE_AFTER`] after it rules it out (`glucose is 95` has no person;
/// `she is 95%`, `he was 98.6`, `she was 92 on RA` are not ages).
fn bare_age_after_subject(t: &Tokens<'_>, first: usize, last: usize) -> bool {
    // `"TURNS 94 NEXT BIRTHDAY"`: a birthday to come says age without the person before it.
    if first >= 1
        && t.is_any(first - 1, &["turns", "turning"])
        && t.is_any(last + 1, &["next", "this"])
        && t.is_any(last + 2, &["birthday", "month", "week", "year", "spring", "summer", "fall", "winter"])
    {
        return true;
    }
    // Up to two verbs (`is now`, `just turned`), then the person.
    let mut j = first;
    while j > 0 && j + 2 >= first && t.is_any(j - 1, AGE_VERBS) {
        j -= 1;
    }
    // `she's 93`, `I'm 97`: the verb is an `'s` or `'m` glued to the person; `shes 93` typed
    // without it.
    let contracted = j == first
        && first >= 3
        && t.is_any(first - 1, &["s", "m"])
        && t.joined(first - 1)
        && t.apostrophe(first - 2)
        && t.joined(first - 2);
    if contracted {
        j = first - 2;
    }
    let fused = j == first && first >= 1 && t.is_any(first - 1, &["shes", "hes"]);
    // `Edna Barr, now 94, assisted living`: `now` and the age in apposition to a name (a
    // capitalized word; `sats fell, now 92,` is a measure).
    let apposed = j + 1 == first
        && t.is(j, "now")
        && j >= 2
        && t.punct(j - 1, ',')
        && t.punct(last + 1, ',')
        && t.kind(j - 2) == Some(TokKind::Alpha)
        && t.capitalized(j - 2)
        && !t.all_caps(j - 2);
    if fused || apposed {
        return clause_ends_after(t, last, AGE_BARE_AFTER);
    }
    // `Rose Hunter is ninety-three and`, `HIS FATHER, PADDY, IS NINETY AND`: a listed name (and
    // its comma) before the verb stands for the person.
    let person = j >= 1 && (t.has(j - 1, bit::AGE_SUBJECT | bit::RELATION) || named_person(t, j - 1));
    if j == first || j == 0 || !person {
        return false;
    }
    // `until I'm 100`, `if she is 95`: an age to come or supposed, not the person's.
    if j >= 2 && t.is_any(j - 2, &["until", "till", "til", "if", "unless", "when"]) {
        return false;
    }
    // A birthday to come may be dated (`he turns 92 next month`).
    let turns = t.is_any(first - 1, &["turns", "turning", "turned"]);
    clause_ends_after(t, last, AGE_BARE_AFTER) || (turns && clause_ends_after(t, last, TURNS_AFTER))
}

/// Token `k` (or the word before it, when `k` is a comma) is a capitalized word listed as a
/// person's name and no stop word, or stands after a title (`Ms. Wojcik`).
fn named_person(t: &Tokens<'_>, k: usize) -> bool {
    let w = if t.punct(k, ',') { k.wrapping_sub(1) } else { k };
    let info = t.name_info(w);
    let titled = after_title(t, w);
    // `Estelle Duchene (92)`: a surname in no list after a listed first name.
    let after_first = w >= 1
        && !info.any()
        && !t.english(w)
        && t.kind(w - 1) == Some(TokKind::Alpha)
        && t.capitalized(w - 1)
        && t.name_info(w - 1).first
        && !t.name_info(w - 1).stop;
    t.kind(w) == Some(TokKind::Alpha) && t.capitalized(w) && !info.stop && (info.any() || titled || after_first)
}

/// `Kowalski-Briggs, Dorothy (97)`, `Ms. Wojcik (90, hip ORIF)`, `don Aurelio (94)`: the age
/// opening a bracket right after a person's name ([`named_person`]), then `)` or a comma.
fn bracketed_after_name(t: &Tokens<'_>, first: usize, last: usize) -> bool {
    let opens = first >= 2 && t.punct(first - 1, '(') && t.joined(first) && !t.joined(first - 1);
    opens && (t.punct(last + 1, ')') || t.punct(last + 1, ',')) && named_person(t, first - 2)
}

/// `DOB 4/19/1932 (92)`, `born 1931 (94)`: the age alone in brackets after a birth date, a
/// birth word (the date rules' [`super::dates::BIRTH_CONTEXT`], `b` only as `b.`) at most 8
/// tokens before the bracket on its line; or without the word when the year and the number
/// add up to a year of this century's first decades (`| 02/11/1932 (93) |`: the year of the
/// note; `Seen 4/19/2026 (95) pts` adds up to 2121).
fn bracketed_after_birth_date(t: &Tokens<'_>, first: usize, last: usize) -> bool {
    let opens = first >= 3 && t.punct(first - 1, '(') && t.joined(first) && !t.joined(first - 1);
    if !opens || !t.punct(last + 1, ')') || !t.digits(first - 2, Some(4)) {
        return false;
    }
    let full_date = first == last && t.punct(first - 3, '/') && t.joined(first - 2);
    if full_date && t.num(first - 2).zip(t.num(first)).is_some_and(|(y, n)| (2000..=2040).contains(&(y + n))) {
        return true;
    }
    (first.saturating_sub(10)..first - 2)
        .rev()
        .take_while(|&k| !t.newline_before(k + 1))
        .any(|k| t.has(k, bit::BIRTH) && (!t.is(k, "b") || t.punct(k + 1, '.')))
}

/// Words that may follow the age after `turns` or `turning`: when the birthday comes.
const TURNS_AFTER: &[&str] = &["next", "this", "in", "on", "soon", "tomorrow"];

/// An age in apposition after a relation and a name: `wife Dorothy Templeton, 90, and`,
/// `father, 94,`, `husband Mort (92, uses walker)`, `mother (94)`. The number sits between
/// two commas (or a comma and `)`/`;`), or opens a bracket and is followed by `,` or `)`; up to
/// three capitalized words stand between the relation and the first comma or bracket.
fn apposition_age(t: &Tokens<'_>, first: usize, last: usize) -> bool {
    let opens = first >= 2 && (t.punct(first - 1, ',') || (t.punct(first - 1, '(') && t.joined(first)));
    // A dash apart closes it too (`Pham Thi Hoa, 91 - IG 0.1 mL/kg`).
    let dash = t.punct(last + 1, '-') && !t.joined(last + 1) && !t.joined(last + 2);
    // A colon after a titled name (`Seq 006 Mrs. Marchetti, 91: MA HMO requires`).
    let colon = t.punct(last + 1, ':') && !t.joined(last + 2);
    if !opens || !(t.punct(last + 1, ',') || t.punct(last + 1, ';') || t.punct(last + 1, ')') || dash || colon) {
        return false;
    }
    if t.joined(last + 2) && t.digits(last + 2, None) {
        return false;
    }
    // `Mr Oyelaran, 93,`: a titled name and its comma; a colon needs one.
    let titled = t.punct(first - 1, ',') && titled_name_before(t, first - 1);
    if titled || colon {
        return titled;
    }
    let mut j = first - 1;
    while j > 0 && j + 4 > first && t.capitalized(j - 1) && !t.has(j - 1, bit::RELATION) {
        j -= 1;
    }
    // The name is written in the relation's case: `Mother HTN, 95,` is a list, not a name.
    let Some(rel) = j.checked_sub(1) else { return false };
    // `Stanisław Zielinski, brother-in-law, 93,`: the relation word before `-in-law`.
    let in_law = rel >= 4
        && j == first - 1
        && t.is(rel, "law")
        && t.punct(rel - 1, '-')
        && t.is(rel - 2, "in")
        && t.punct(rel - 3, '-')
        && t.has(rel - 4, bit::RELATION);
    in_law
        || (t.has(rel, bit::RELATION) && (j..first - 1).all(|k| t.all_caps(k) == t.all_caps(rel)))
        || named_person_before(t, first - 1)
}

/// `Mrs. Marchetti, 91:`, `Mr Oyelaran, 93,`: the word before the comma `c` is a capitalized
/// word that is no keyword, after a title (and its period).
fn titled_name_before(t: &Tokens<'_>, c: usize) -> bool {
    let Some(w) = c.checked_sub(1) else { return false };
    let word = t.kind(w) == Some(TokKind::Alpha) && t.capitalized(w) && !t.has(w, u64::MAX) && !t.newline_before(c);
    word && after_title(t, w) && !t.newline_before(w)
}

/// Word `w` follows a title, with or without its period (`Ms. Wojcik`, `Mr Oyelaran`).
fn after_title(t: &Tokens<'_>, w: usize) -> bool {
    w >= 1 && (t.has(w - 1, bit::TITLE) || (w >= 2 && t.punct(w - 1, '.') && t.has(w - 2, bit::TITLE)))
}

/// `Augustine Mbeki-Carter, 91, came`, `Doña Refugio Ibarra, 96, remains`, `Halina ("Lina"),
/// 96,`: the words before the comma (or bracket) `c` (and before a bracketed nickname there),
/// at most five tokens back on its line, are a person's name
/// without a relation before them: two words or more, all capitalized letters (hyphen-joined
/// parts allowed), none a keyword, at least one a listed name that is no stop word.
fn named_person_before(t: &Tokens<'_>, c: usize) -> bool {
    let name_word = |k: usize| t.kind(k) == Some(TokKind::Alpha) && t.capitalized(k) && !t.has(k, u64::MAX);
    // A nickname in brackets between the name and the comma (`Halina ("Lina"), 96,`).
    let c = match c.checked_sub(1) {
        Some(b) if t.punct(b, ')') && !t.newline_before(b) => (b.saturating_sub(6)..b)
            .rev()
            .take_while(|&k| !t.newline_before(k + 1))
            .find(|&k| t.punct(k, '('))
            .unwrap_or(c),
        _ => c,
    };
    let (mut s, mut words, mut listed) = (c, 0, false);
    while s > 0 && c - s < 5 && !t.newline_before(s) {
        let hyphen = s >= 2 && t.punct(s - 1, '-') && t.joined(s) && t.joined(s - 1) && name_word(s - 2);
        let k = if hyphen { s - 2 } else { s - 1 };
        if !name_word(k) {
            break;
        }
        let info = t.name_info(k);
        listed |= info.any() && !info.stop;
        words += 1;
        s = k;
    }
    words >= 2 && listed
}

/// Words before a number that make it a temperature (`T 101F`, `Tmax 101 F`, `febrile to
/// 101F`): never an age.
const TEMPERATURE_BEFORE: &[&str] =
    &["t", "temp", "temps", "tmax", "tm", "febrile", "fever", "fevers", "to", "of", "up"];

/// `LAFLEUR, Odile M  94 F  MRN`, `PHAM, THI LAN (97 F)`, `Rose Abernathy-Young (101F)`, `91 M
/// fac ID`, `(pt 92 F)`, `Young, Hazel  ninety-three F`: the age followed by the person's sex,
/// `F` or `M` in capitals, glued or after one or two spaces, and nothing glued after it, as census
/// rows, rosters and headers write a person. Not a temperature: no temperature word before it
/// (`T 101F`, `febrile to 101F`), no decimal or degree sign (`101.2F`, `98 °F`).
/// Token `k` is a sex written as one capital (`F`, `M`).
pub(crate) fn sex_letter(t: &Tokens<'_>, k: usize) -> bool {
    t.toks.get(k).is_some_and(|x| x.kind == TokKind::Alpha && x.len() == 1 && matches!(x.first, 'F' | 'M'))
}

/// `Patient: VO, THI HONG (F, 93)`: the sex and a comma before the number in brackets.
fn sex_before(t: &Tokens<'_>, first: usize, last: usize) -> bool {
    first >= 3
        && t.punct(first - 1, ',')
        && sex_letter(t, first - 2)
        && t.punct(first - 3, '(')
        && t.joined(first - 2)
        && t.punct(last + 1, ')')
        && t.joined(last + 1)
        && (first - 2..=last).all(|k| !t.newline_before(k))
}

/// Labels of a note's summary, after whose colon a number and a sex letter are an age
/// (`A/P: 93F`, `HPI: 91M`, `ID: 96 F`): `p` is the last word of `A/P`.
const SUMMARY_LABELS: &[&str] = &["p", "hpi", "cc", "id", "assessment", "impression", "summary", "ap"];

fn sex_after(t: &Tokens<'_>, first: usize, last: usize) -> bool {
    let k = last + 1;
    if !sex_letter(t, k) || t.newline_before(k) || (t.joined(k + 1) && t.kind(k + 1) == Some(TokKind::Alpha)) {
        return false;
    }
    if !t.joined(k) && t.start(k) > t.end(last) + 2 {
        return false;
    }
    if first == 0 || t.newline_before(first) {
        return true;
    }
    // A decimal before the letter (`101.2F`) starts at a digit glued to a point.
    let b = if t.punct(first - 1, '(') { first.wrapping_sub(2) } else { first - 1 };
    // A colon, as in `Tmax: 101F`, except after a summary's label (`A/P: 93F, fell`).
    let summary = first >= 2 && t.is_any(first - 2, SUMMARY_LABELS);
    let temperature = t.is_any(b, TEMPERATURE_BEFORE)
        || (t.joined(first) && t.punct(first - 1, '.'))
        || (t.punct(first - 1, ':') && !summary);
    if temperature {
        return false;
    }
    // Where a person's age stands: opening a bracket, in the next column of a row, after `pt`,
    // after a name word (listed, or in capitals), or opening a sentence (`. 91F, fell`).
    let bracket = t.punct(first - 1, '(') && t.joined(first);
    // Or a table's cell (`| 94 F |`).
    let column = t.start(first) >= t.end(first - 1) + 2 || t.punct(first - 1, '|');
    let w = first - 1;
    let plain = t.toks.get(w).is_some_and(|x| x.kind == TokKind::Alpha && x.lex == 0);
    let name_word = t.has(w, bit::AGE_SUBJECT) || (plain && (named_person(t, w) || (t.all_caps(w) && t.multi_char(w))));
    let sentence =
        t.punct(first - 1, '.') && !t.joined(first) && first >= 2 && t.kind(first - 2) == Some(TokKind::Alpha);
    bracket || column || name_word || sentence || summary
}

/// Words of a death before `at` and an age: `died at 90`, `passed away at 93`.
const DEATH_WORDS: &[&str] = &["died", "deceased", "expired", "away", "death"];

/// Words that may follow an age at death (`died at 90 of`, `in 2003`, `after a stroke`).
const DEATH_AGE_AFTER: &[&str] = &["of", "from", "in", "and", "after", "with", "due", "following", "while"];

/// Whether the number at `i` ends its clause: the end of the text or line, or `,`, `.`, `;`,
/// `)` not followed by a glued digit (`90.5`, `90,5`), or one of `words` apart from it (not a
/// unit, `%`, `/`, `:`).
fn clause_ends_after(t: &Tokens<'_>, i: usize, words: &[&str]) -> bool {
    let k = i + 1;
    match t.kind(k) {
        None => true,
        Some(_) if t.newline_before(k) => true,
        Some(TokKind::Alpha) => !t.joined(k) && t.is_any(k, words),
        Some(TokKind::Punct) => {
            // A dash apart from both sides ends a clause too (`pt is 91 - ok per dr f`).
            let dash = t.punct(k, '-') && !t.joined(k) && !t.joined(k + 1);
            // A closing quote (`"he's 94" in thread`), a question, a bracket opened apart
            // (`died at 97 ("old age")`).
            let quote = t.punct(k, '"') || t.punct(k, '”') || t.punct(k, '?') || (t.punct(k, '(') && !t.joined(k));
            (t.punct(k, ',')
                || t.punct(k, '.')
                || t.punct(k, ';')
                || t.punct(k, ')')
                || t.punct(k, '!')
                || dash
                || quote)
                && !(t.joined(k + 1) && t.digits(k + 1, None))
        }
        Some(_) => false,
    }
}

/// An age at death: `died at 90,`, `passed away at 93.` (not `died at 0900`, a time of 4
/// digits, nor `died at 90%`).
fn age_at_death(t: &Tokens<'_>, first: usize, last: usize) -> bool {
    // `his mother lived to 96`.
    if first >= 2 && t.is(first - 1, "to") && t.is(first - 2, "lived") {
        return clause_ends_after(t, last, DEATH_AGE_AFTER);
    }
    if first < 2 || !t.is(first - 1, "at") || !t.is_any(first - 2, DEATH_WORDS) {
        return false;
    }
    let passed_away = !t.is(first - 2, "away") || (first >= 3 && t.is_any(first - 3, &["passed", "went"]));
    passed_away && clause_ends_after(t, last, DEATH_AGE_AFTER)
}

/// The age of a person named in full, written as in an obituary or a news item: `Francis
/// Xavier Brennan, 94, of Oconomowoc`: two to four capitalized words, the number between
/// commas, then `of` and a capitalized place.
fn obituary_age(t: &Tokens<'_>, first: usize, last: usize) -> bool {
    let shape = first >= 3
        && t.punct(first - 1, ',')
        && t.punct(last + 1, ',')
        && t.is(last + 2, "of")
        && t.capitalized(last + 3);
    if !shape || t.joined(last + 2) {
        return false;
    }
    let mut j = first - 1;
    while j > 0
        && j + 5 > first
        && t.capitalized(j - 1)
        && t.kind(j - 1) == Some(TokKind::Alpha)
        && !t.newline_before(j)
    {
        j -= 1;
    }
    first - 1 - j >= 2
}

/// The unit after the number: `-year-old`, ` year old`, `yo`, `y/o`, `y.o.`, `years of age`,
/// `años`.
pub(crate) fn unit_after(t: &Tokens<'_>, j: usize) -> bool {
    let k = if t.punct(j, '-') && t.joined(j) { j + 1 } else { j };
    // Spanish `años` (`tiene 90 años`), also typed without its tilde.
    if t.is(k, "años") || t.is(k, "anos") {
        return !t.joined(k);
    }
    if !t.has(k, bit::AGE_AFTER) {
        return false;
    }
    if t.is(k, "y") {
        // y/o, y.o.; `(94 y)`: the `y` alone closing a bracket.
        let closed = t.punct(k + 1, ')') && t.joined(k + 1) && !t.joined(k);
        return ((t.punct(k + 1, '/') || t.punct(k + 1, '.')) && t.is(k + 2, "o")) || closed;
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
    // `AGE (YRS): 93`: the unit in brackets between the word and its colon.
    if j >= 4 && j < i && t.punct(j - 1, ')') && t.has(j - 2, bit::AGE_AFTER) && t.punct(j - 3, '(') {
        j -= 3;
    }
    // `age at consent 91`, `AGE AT ARRIVAL: 93`: `at` and one word between.
    let at_word = j >= 3 && t.is(j - 2, "at") && t.kind(j - 1) == Some(TokKind::Alpha) && t.has(j - 3, bit::AGE_BEFORE);
    (j > 0 && t.has(j - 1, bit::AGE_BEFORE)) || (at_word && !t.newline_before(j - 2) && !t.newline_before(i))
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
    if age_context(t, i, n) {
        out.push(Candidate::new(PhiKind::Age, t.start(i), t.end(i), 95));
    }
}

/// Number `n` (90 to 150) at token `i` is an age: a unit after it or an age word before it;
/// or, for 90 to 120 alone, a person and a verb before it or an apposition after a relation.
fn age_context(t: &Tokens<'_>, i: usize, n: u32) -> bool {
    age_context_of(t, i, i, n)
}

/// [`age_context`] of an age written from token `first` to token `last` (`ninety-seven`).
fn age_context_of(t: &Tokens<'_>, first: usize, last: usize, n: u32) -> bool {
    unit_after(t, last + 1)
        || (glued_year_letter(t, last + 1) && !(first > 0 && t.is_any(first - 1, TEMPERATURE_BEFORE)))
        || birthday_ordinal(t, last + 1)
        || age_word_before(t, first)
        || (n <= 120 && (sex_after(t, first, last) || sex_before(t, first, last)))
        || (n <= 120
            && (bare_age_after_subject(t, first, last)
                || apposition_age(t, first, last)
                || bracketed_after_name(t, first, last)
                || bracketed_after_birth_date(t, first, last)
                || age_at_death(t, first, last)
                || obituary_age(t, first, last)))
}

/// `SUMMER, GLADYS 94Y`, `AGE/SEX: 096Y / F`: a `Y` (years) glued after the number at `k`,
/// nothing glued after it but punctuation.
fn glued_year_letter(t: &Tokens<'_>, k: usize) -> bool {
    t.joined(k) && t.is(k, "y") && !(t.joined(k + 1) && t.kind(k + 1) != Some(TokKind::Punct))
}

/// `his 94th bday`, `her 100th birthday`: an ordinal suffix glued at `k`, then a birthday.
fn birthday_ordinal(t: &Tokens<'_>, k: usize) -> bool {
    t.joined(k)
        && t.is_any(k, &["th", "st", "nd", "rd"])
        && !t.newline_before(k + 1)
        && t.is_any(k + 1, &["birthday", "bday", "b-day"])
}

/// The words of `ninety` and its units, as the lexicon lists them ([`bit::AGE_WORD`]).
pub(crate) const AGE_WORDS: &[&str] = &["ninety"];

/// The units after `ninety` (`ninety-seven`, `ninety one`).
const UNITS: [&str; 9] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/// An age over 89 spelled out, at token `i` (`ninety`): `I'm ninety-seven and`, `age ninety
/// one`, `ninety-two years old`, in the contexts of an age in digits.
pub(crate) fn spelled_age_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    if !t.is(i, "ninety") || (t.joined(i) && t.kind(i - 1) != Some(TokKind::Punct)) {
        return;
    }
    let hyphen = t.punct(i + 1, '-') && t.joined(i + 1) && t.joined(i + 2);
    let last = if hyphen && t.is_any(i + 2, &UNITS) {
        i + 2
    } else if !hyphen && t.is_any(i + 1, &UNITS) && !t.newline_before(i + 1) {
        i + 1
    } else {
        i
    };
    if age_context_of(t, i, last, 90) {
        out.push(Candidate::new(PhiKind::Age, t.start(i), t.end(last), 95));
    }
}

#[cfg(test)]
mod tests {
    use super::super::patterns::tests::{check_against_reference, NUMBER_PIECES};
    use super::*;

    fn ages_in(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        let mut out = Vec::new();
        for i in 0..t.len() {
            age_at(&t, i, &mut out);
        }
        out.iter().filter_map(|c| text.get(c.start..c.end)).map(str::to_string).collect()
    }

    #[test]
    fn bare_age_after_a_person_and_a_verb() {
        for (text, want) in [
            ("to her sister Gertrude, who is 101.\nTotal", "101"),
            ("my mother Samira, she is 92 and doesnt", "92"),
            ("NORMAL DEVICE FUNCTION. PT IS 93, NOT ON", "93"),
            ("her father turned 90 today", "90"),
            ("Patient is now 96", "96"),
            ("WITH WIFE DOROTHY TEMPLETON, 90, AND SON", "90"),
            ("lives with his mother, 94, who", "94"),
            ("Met with husband Mort (92, uses walker) and", "92"),
            ("lives with her mother (94) in", "94"),
            ("HUSBAND MORT (91)", "91"),
            ("- Stanislaw Zielinski, brother-in-law, 93, lives at", "93"),
            ("also my lola Nene (she's 93!!) says hi", "93"),
            ("sorry, he turns 92 next month.", "92"),
            ("MGM Edna (Kessler) Barr, now 94, assisted living", "94"),
            ("dob 2/9/1933 so shes 93!! pod 3", "93"),
            ("oral challenge,pt is 91 - ok per dr f", "91"),
            ("(Note: \"he's 94\" in thread confirms age.)", "94"),
            ("can he come? she is 93? ok", "93"),
            ("Seq 006 Mrs. Marchetti, 91: MA HMO requires referral", "91"),
            ("visited Mr Oyelaran, 93, at home", "93"),
            ("y Doña Paz ya tiene 90 años, la abuelita", "90"),
        ] {
            assert_eq!(ages_in(text), [want], "{text}");
        }
        for text in [
            "glucose is 95 this morning",
            "HR is 96, BP 120/80",
            "she is 89 and",
            "she is 95% on RA",
            "she's 95% on RA",
            "he turns 95 degrees",
            "sats fell, now 92, on 2L",
            "she is 92 -94 on RA",
            "it's 92 today",
            "he was 98.6 at triage",
            "she was 92 on room air",
            "her sats, she was 92, on 2L",
            "he is 95 kg",
            "who is 90/60",
            "she is 121.",
            "Hgb 12, plt 95, INR 1.1",
            "Mother HTN, 95, and",
            "wife Dorothy, 90,5 mg",
            "husband Mort (89, uses walker)",
            "wife (92%) on RA",
            "Mother HTN (95)",
            "husband Mort (HR 92)",
            "father (90 mg)",
            "SpO2 (92, RA)",
            "checked in-law, 93, and",
            "Smith, 91: MA HMO",
            "BP, 91: recheck",
            "Mrs. Marchetti, 91:30 call",
            "sat is 94 (RA)",
            "Dr.\nSmith, 93, and",
        ] {
            assert_eq!(ages_in(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn age_at_death_and_in_an_obituary() {
        for (text, want) in [
            ("- Maternal great-uncle: Irving Adler, died at 90, pancreatic cancer.", "90"),
            ("her father passed away at 93.", "93"),
            ("brother died at 101\n", "101"),
            ("grandmother died at 97 of a stroke", "97"),
            ("Father: Tadeusz Nowak, died at 97 (\"old age\")", "97"),
            ("\"Francis Xavier Brennan, 94, of Oconomowoc, passed away peacefully", "94"),
            ("Mary Ellen O Brien, 91, of Boise", "91"),
        ] {
            assert_eq!(ages_in(text), [want], "{text}");
        }
        for text in [
            "died at 89, pancreatic cancer",
            "died at 90% occlusion",
            "died at 90 kg",
            "died at 90 min after arrival",
            "arrived at 95, BP",
            "passed at 92",
            "away at 92",
            "died at 90:15",
            "Hgb, 94, of note",
            "Smith, 94, of",
            "Labs: Sodium Chloride, 94, of concern",
            "John Smith, 95, of note",
        ] {
            assert_eq!(ages_in(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn age_in_brackets_after_a_full_date_it_adds_up_with() {
        assert_eq!(ages_in("| Abernathy, Hollis | 02/11/1932 (93) | RR 1 Box 42"), ["93"]);
        for text in ["Seen 4/19/2026 (95) pts", "since 2/3/1990 (95) visits", "in 1932 (93) cases"] {
            assert_eq!(ages_in(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn age_and_sex_after_a_summary_label() {
        for (text, want) in [("A/P: 93F, 6 rib fx", "93"), ("HPI: 91M with fall", "91"), ("ID: 96 F, hx", "96")] {
            assert_eq!(ages_in(text), [want], "{text}");
        }
        for text in ["Tmax: 101F overnight", "T: 99F", "Temp: 100F", "A/P: 89F, fell", "A/P: 93%"] {
            assert_eq!(ages_in(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn age_matches_the_reference() {
        check_against_reference(NUMBER_PIECES, &[("age", age_at, age_value_at)]);
    }
}
