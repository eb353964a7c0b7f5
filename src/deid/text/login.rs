//! Login names of staff in system logs and printouts, a unique identifying code of a person
//! (45 CFR 164.514(b)(2)(i)(R)): `run by akhtar.s`, `(uid lmokoena)`, `PRINTED BY RPH0412`,
//! `Exported 03/04/2025 06:12 by apr4471`, `user mwisniewski`.
//!
//! After a login label (`user`, `uid`, `userid`, `username`, `login`, `logon`, `operator`,
//! `approver`, and `by`), or alone in an audit log's cell after a time (`09:12:44|okeller|`), with
//! a `:`, `#` or `=` between or not, the value is one of:
//! - letters glued to digits (`apr4471`, `RPH0412`, `CMAY01`): 2 to 12 letters in one case,
//!   at least 2 digits after `by` (1 after another label), at least 5 characters, and whatever letters and digits stay glued to
//!   them;
//! - a lower-case word of at least 3 letters, a `.` and a lower-case word glued to it
//!   (`akhtar.s`), with no `.` after it (`by e.g.` and `by p.o.` are no login);
//! - after a label other than `by`: also a lower-case word of at least 4 letters that is no
//!   English word (`lmokoena`; `user error` stays).
//!
//! A login name that is one or two initials glued to a listed surname (`by kpatel`, `user
//! mreyes-olmedo`, `BY: JMWALSH`, `by kfoley2`) names its person: it is proposed as a name,
//! after any of the labels and also signing a line after a dash (`Dose due tomorrow. -kpatel`,
//! `CHW/navigator - ygarza`).

use super::dictionary;
use super::lexicon::bit;
use super::scan::marked;
use super::token::{TokKind, Tokens};
use super::{Candidate, PhiKind};

/// Words after which a login name is written.
pub(crate) const LOGIN_LABELS: &[&str] =
    &["user", "uid", "userid", "username", "login", "logon", "operator", "approver", "by"];

/// Score of a login name.
const SCORE: u8 = 80;

/// Most letters in the letter part of a login name.
const MAX_LETTERS: usize = 12;

/// Most tokens of letters and digits glued together read as one login name (`ab12cd34`); a
/// run is never longer in practice, the bound only keeps a walk short on a pathological text.
const MAX_RUN: usize = 64;

/// The end (token index past it) of letters glued to digits starting at token `j`, with the
/// letters and digits glued after them ([`super::ids::glued_run`]).
fn glued_login(t: &Tokens<'_>, j: usize, min_digits: usize) -> Option<usize> {
    let letters = t.s(j);
    let one_case = t.all_lower(j) || t.all_caps(j);
    if t.kind(j) != Some(TokKind::Alpha) || !t.ascii(j) || !(2..=MAX_LETTERS).contains(&letters.len()) || !one_case {
        return None;
    }
    let digits = j + 1;
    if t.kind(digits) != Some(TokKind::Digit) || !t.joined(digits) || t.byte_len(digits) < min_digits {
        return None;
    }
    if letters.len() + t.byte_len(digits) < 5 {
        return None;
    }
    Some(super::ids::glued_run(t, j, MAX_RUN, false).0)
}

/// The end (token index past it) of a dotted login name (`akhtar.s`) starting at token `j`.
fn dotted_login(t: &Tokens<'_>, j: usize) -> Option<usize> {
    let word = |k: usize| t.kind(k) == Some(TokKind::Alpha) && t.ascii(k) && t.all_lower(k);
    let ok = word(j)
        && t.byte_len(j) >= 3
        && t.punct(j + 1, '.')
        && t.joined(j + 1)
        && word(j + 2)
        && t.joined(j + 2)
        && t.byte_len(j + 2) <= MAX_LETTERS
        && !(t.punct(j + 3, '.') && t.joined(j + 3) && word(j + 4));
    ok.then_some(j + 3)
}

/// The end of a login name written as one lower-case word that is no English word.
fn word_login(t: &Tokens<'_>, j: usize) -> Option<usize> {
    let ok = t.kind(j) == Some(TokKind::Alpha)
        && t.ascii(j)
        && t.all_lower(j)
        && (4..=MAX_LETTERS + 4).contains(&t.byte_len(j))
        && !t.english(j)
        && !(t.kind(j + 1) == Some(TokKind::Digit) && t.joined(j + 1));
    ok.then_some(j + 1)
}

/// Letters of the shortest surname read inside a login name (`kpatel`: `patel`).
const MIN_SURNAME: usize = 4;

/// Most digits glued after a login name of an initial and a surname (`kfoley2`, `RNGUYEN4`).
const MAX_LOGIN_DIGITS: usize = 2;

/// `kpatel`, `mreyes-olmedo`, `JMWALSH`, `kfoley2`: a login name written as one or two
/// initials glued to a listed surname of [`MIN_SURNAME`] letters or more, in one case,
/// neither it nor the surname an English word (`bsmith`; not `scare`, `brevity`, `PHONE`); a
/// second surname may follow a glued `-`, and up to [`MAX_LOGIN_DIGITS`] digits may close it.
/// Returns the end (token index past it).
pub(crate) fn initial_surname_login(t: &Tokens<'_>, j: usize) -> Option<usize> {
    let word = t.s(j);
    let one_case = t.all_lower(j) || t.all_caps(j);
    let ok = one_case
        && t.kind(j) == Some(TokKind::Alpha)
        && t.ascii(j)
        && word.len() > MIN_SURNAME
        && word.len() <= MAX_LETTERS + 8
        && !t.english(j);
    if !ok {
        return None;
    }
    let listed = |initials: usize| {
        word.get(initials..).is_some_and(|surname| {
            surname.len() >= MIN_SURNAME && dictionary::lookup(surname).last && !dictionary::is_english(surname)
        })
    };
    if !listed(1) && !listed(2) {
        return None;
    }
    let same_case = |k: usize| if t.all_lower(j) { t.all_lower(k) } else { t.all_caps(k) };
    let hyphenated = t.punct(j + 1, '-') && t.joined(j + 1) && t.joined(j + 2) && same_case(j + 2);
    let end = if hyphenated { j + 3 } else { j + 1 };
    let digits = t.kind(end) == Some(TokKind::Digit) && t.joined(end) && t.byte_len(end) <= MAX_LOGIN_DIGITS;
    if digits && !(t.joined(end + 1) && t.kind(end + 1) != Some(TokKind::Punct)) {
        return Some(end + 1);
    }
    Some(end)
}

/// `... dose due tomorrow. -kpatel`, `CHW/navigator - ygarza`: a login name
/// ([`initial_surname_login`]) signing a line after a `-` that stands apart (token `i`), glued
/// to it or a space after it, the line's last word.
pub(crate) fn signed_login(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let apart = i == 0 || !t.joined(i);
    if !apart || t.newline_before(i + 1) {
        return;
    }
    let Some(end) = initial_surname_login(t, i + 1) else { return };
    if end >= t.len() || t.newline_before(end) {
        out.push(Candidate::new(PhiKind::Name, t.start(i + 1), t.end(end - 1), SCORE));
    }
}

/// Proposes the login names after login labels, and in an audit log's cell after a time.
pub(crate) fn find_logins(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    for i in marked(t, |_, tok| tok.lex & bit::LOGIN_LABEL != 0 || (tok.kind == TokKind::Punct && tok.first == '|')) {
        if t.punct(i, '|') {
            logged_cell(t, i, out);
            continue;
        }
        let mut j = i + 1;
        if (t.punct(j, ':') || t.punct(j, '#') || t.punct(j, '=')) && !t.newline_before(j) {
            j += 1;
        }
        if t.newline_before(j) {
            continue;
        }
        let by = t.is(i, "by");
        let glued = glued_login(t, j, if by { 2 } else { 1 });
        if let Some(end) = initial_surname_login(t, j).filter(|_| glued.is_none()) {
            out.push(Candidate::new(PhiKind::Name, t.start(j), t.end(end - 1), SCORE));
            continue;
        }
        let end = glued.or_else(|| dotted_login(t, j)).or_else(|| if by { None } else { word_login(t, j) });
        if let Some(end) = end {
            out.push(Candidate::new(PhiKind::Id, t.start(j), t.end(end - 1), SCORE));
        }
    }
}

/// `2025-02-03 09:12:44|okeller|BK4417293|SIGN|...`: an audit log's row, whose cell after the
/// time (`|` at `p` straight after `hh:mm`) is the user who acted: a login name alone in the
/// cell, as after a login label other than `by`.
fn logged_cell(t: &Tokens<'_>, p: usize, out: &mut Vec<Candidate>) {
    let after_time = p >= 2 && t.digits(p - 1, Some(2)) && t.punct(p - 2, ':') && t.joined(p);
    let j = p + 1;
    if !after_time || !t.joined(j) {
        return;
    }
    let closed = |end: usize| t.punct(end, '|') && t.joined(end);
    if let Some(end) = initial_surname_login(t, j).filter(|&e| closed(e)) {
        out.push(Candidate::new(PhiKind::Name, t.start(j), t.end(end - 1), SCORE));
    } else if let Some(end) = glued_login(t, j, 1).or_else(|| word_login(t, j)).filter(|&e| closed(e)) {
        out.push(Candidate::new(PhiKind::Id, t.start(j), t.end(end - 1), SCORE));
    }
}

/// Most letters of a name's login key ([`NameKey`]); a longer name makes no key.
const MAX_KEY: usize = 24;

/// Fewest letters of a login name that a system cut short and that is read as the start of a
/// key (`RYELLOWH` for `Ramona Yellowhorse`: logins cut to 8 characters).
const MIN_CUT: usize = 7;

/// Most keys kept per pass (a note names a few dozen people at most).
const MAX_KEYS: usize = 64;

/// The login name a system would make of a person's name: the initial of the given name (and
/// of a middle name, as a second key) and the surname's letters, folded to small ASCII letters
/// without hyphens or apostrophes (`Nadia Garcia-Lund`: `ngarcialund`).
#[derive(Clone, Copy, PartialEq, Eq)]
struct NameKey {
    letters: [u8; MAX_KEY],
    len: usize,
}

impl NameKey {
    /// The key of `initials` then the letters of the word tokens in `surname`, if all are ASCII
    /// and the surname has at least [`MIN_SURNAME`] letters.
    fn new(t: &Tokens<'_>, initials: &[u8], surname: std::ops::Range<usize>) -> Option<NameKey> {
        let mut key = NameKey { letters: [0; MAX_KEY], len: 0 };
        for &b in initials {
            key.push(b)?;
        }
        for k in surname.filter(|&k| t.kind(k) == Some(TokKind::Alpha)) {
            if !t.ascii(k) {
                return None;
            }
            for &b in t.s(k).as_bytes() {
                key.push(b)?;
            }
        }
        (key.len >= initials.len() + MIN_SURNAME).then_some(key)
    }

    /// Appends letter `b` in lower case; `None` when the key is full.
    fn push(&mut self, b: u8) -> Option<()> {
        *self.letters.get_mut(self.len)? = b.to_ascii_lowercase();
        self.len += 1;
        Some(())
    }

    fn as_bytes(&self) -> &[u8] {
        self.letters.get(..self.len).unwrap_or(&[])
    }
}

/// Most words of a name read for its login keys (`Bridget M. Koenig-Lund` has 3).
const MAX_NAME_WORDS: usize = 4;

/// The words of a name candidate (token ranges: a word's letters joined by `-` or an
/// apostrophe), up to [`MAX_NAME_WORDS`], and how many words stand before a comma among them
/// (`Koenig, Bridget`: 1).
struct NameWords {
    words: [(usize, usize); MAX_NAME_WORDS],
    len: usize,
    comma: Option<usize>,
}

impl NameWords {
    /// The words of tokens `a..b`, or `None` for a name of more words.
    fn of(t: &Tokens<'_>, a: usize, b: usize) -> Option<NameWords> {
        let mut w = NameWords { words: [(0, 0); MAX_NAME_WORDS], len: 0, comma: None };
        for k in a..b {
            match t.kind(k) {
                Some(TokKind::Alpha) => {
                    let joins = k > 0 && t.joined(k) && (t.punct(k - 1, '-') || t.punct(k - 1, '\''));
                    match w.len.checked_sub(1).and_then(|l| w.words.get_mut(l)) {
                        Some(last) if joins && last.1 + 1 == k => last.1 = k + 1,
                        _ => {
                            *w.words.get_mut(w.len)? = (k, k + 1);
                            w.len += 1;
                        }
                    }
                }
                _ if t.punct(k, ',') => w.comma = w.comma.or(Some(w.len)),
                _ => {}
            }
        }
        Some(w)
    }

    fn get(&self, k: usize) -> Option<std::ops::Range<usize>> {
        self.words.get(..self.len)?.get(k).map(|&(s, e)| s..e)
    }
}

/// The login keys of the name candidate of tokens `a..b`: `Bridget Koenig`, `B. Koenig` and
/// `Koenig, Bridget` give `bkoenig`; a middle name or initial also gives `bmkoenig`
/// (`Bridget M. Koenig`, `Koenig, Bridget M`), and the words after the first, glued, give the
/// key of a surname of two words (`Lorraine Two Bulls`: `ltwobulls`).
fn keys_of_name(t: &Tokens<'_>, a: usize, b: usize, keys: &mut Vec<NameKey>) {
    let Some(w) = NameWords::of(t, a, b) else { return };
    let initial = |r: Option<std::ops::Range<usize>>| r.and_then(|r| t.s(r.start).bytes().next());
    // The given name's initial, a middle name's, and the surname's tokens.
    let (first, middle, surname) = match (w.comma, w.len) {
        (Some(1), 2..) => (initial(w.get(1)), initial(w.get(2)), w.get(0)),
        (None, 2..) => (initial(w.get(0)), initial(w.get(1).filter(|_| w.len > 2)), w.get(w.len - 1)),
        _ => return,
    };
    let (Some(first), Some(surname)) = (first, surname) else { return };
    let mut add = |key: Option<NameKey>| {
        if let Some(key) = key.filter(|k| keys.len() < MAX_KEYS && !keys.contains(k)) {
            keys.push(key);
        }
    };
    add(NameKey::new(t, &[first], surname.clone()));
    if let Some(m) = middle {
        add(NameKey::new(t, &[first, m], surname.clone()));
    }
    // A full second word (an initial there gave the middle key already).
    if let (None, Some(second)) = (w.comma, w.get(1).filter(|r| w.len > 2 && t.multi_char(r.start))) {
        add(NameKey::new(t, &[first], second.start..surname.end));
    }
}

/// The bit of a word's first two letters (either case) in a filter of 26 × 26 bits: a login
/// starts with its key's initial and the surname's first letter.
fn pair_bit(first: u8, second: u8) -> usize {
    let letter = |b: u8| usize::from((b | 0x20).wrapping_sub(b'a')).min(25);
    letter(first) * 26 + letter(second)
}

/// `Charge RN B. Koenig ... diverted to St. Ignatius   bkoenig`, `Updated by jtorvald (J.
/// Torvald, SW)`, `Ramona Yellowhorse ... RYELLOWH: guarantor called`: a word in one case that
/// is the login name a system makes of a person named in the same text ([`NameKey`]): the
/// initial and the surname of a name candidate, glued, with up to [`MAX_LOGIN_DIGITS`] digits
/// after it, or the first [`MIN_CUT`] letters or more of that. No English word. Proposed in the
/// same pass as the names it is read from, so a later pass (which sees their placeholders) has
/// nothing new to find.
pub(crate) fn logins_of_names(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    // Allocated at the first key only (a pass without names allocates nothing).
    let mut keys: Vec<NameKey> = Vec::new();
    for c in out.iter().filter(|c| c.kind == PhiKind::Name) {
        let a = t.toks.partition_point(|x| x.start() < c.start);
        let b = t.toks.partition_point(|x| x.end() <= c.end).max(a);
        keys_of_name(t, a, b, &mut keys);
    }
    if keys.is_empty() {
        return;
    }
    // The first two letters of every key: most words start with none of them.
    let mut pairs = [0u64; 26 * 26 / 64 + 1];
    for key in &keys {
        if let [a, b, ..] = key.as_bytes() {
            let bit = pair_bit(*a, *b);
            if let Some(w) = pairs.get_mut(bit / 64) {
                *w |= 1 << (bit % 64);
            }
        }
    }
    let bytes = t.text.as_bytes();
    let starts = |tok: &super::token::Token| {
        let second = bytes.get(tok.start() + 1).copied().unwrap_or(0);
        let bit = pair_bit(tok.first as u8, second);
        let paired = pairs.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) != 0);
        (tok.kind == TokKind::Alpha) & (tok.lex == 0) & (tok.len() > MIN_SURNAME) & paired
    };
    for k in marked(t, |_, tok| starts(tok)) {
        let glued_before = k > 0 && t.joined(k) && !(t.punct(k - 1, '(') || t.punct(k - 1, '[') || t.punct(k - 1, '"'));
        let lower = t.all_lower(k);
        if glued_before || !(lower || t.all_caps(k)) || !t.ascii(k) {
            continue;
        }
        // The login's letters: the word and letters in its case joined to it by `-`.
        let same_case = |j: usize| if lower { t.all_lower(j) } else { t.all_caps(j) };
        let mut end = k + 1;
        while t.punct(end, '-') && t.joined(end) && t.joined(end + 1) && same_case(end + 1) && end < k + 4 {
            end += 2;
        }
        let Some(login) = NameKey::new(t, &[], k..end) else { continue };
        let login = login.as_bytes();
        let is_key = keys.iter().any(|key| {
            let key = key.as_bytes();
            key == login || (login.len() >= MIN_CUT && login.len() < key.len() && key.starts_with(login))
        });
        if !is_key || t.english(k) {
            continue;
        }
        let digits = t.kind(end) == Some(TokKind::Digit) && t.joined(end) && t.byte_len(end) <= MAX_LOGIN_DIGITS;
        let end = if digits { end + 1 } else { end };
        // Nor the start of a longer glued code (`bkoenig2024x`).
        if t.joined(end) && !matches!(t.kind(end), Some(TokKind::Punct)) {
            continue;
        }
        out.push(Candidate::new(PhiKind::Name, t.start(k), t.end(end - 1), SCORE));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let t = Tokens::new(text);
        let mut out = Vec::new();
        find_logins(&t, &mut out);
        out.iter().map(|c| text.get(c.start..c.end).unwrap_or("?")).collect()
    }

    #[test]
    fn login_names_after_their_labels() {
        assert_eq!(found("run by akhtar.s from RX workstation"), ["akhtar.s"]);
        assert_eq!(found("entered by user mwisniewski from 10.42.1.2"), ["mwisniewski"]);
        assert_eq!(found("analyst L. Mokoena (uid lmokoena) | opened"), ["lmokoena"]);
        assert_eq!(found("END OF REPORT  PRINTED BY RPH0412"), ["RPH0412"]);
        assert_eq!(found("Exported 03/04/2025 06:12 by apr4471 -- 3 msgs"), ["apr4471"]);
        assert_eq!(found("USER CMAY01  ROOM 3"), ["CMAY01"]);
        assert_eq!(found("login: jsmith2 at 0900"), ["jsmith2"]);
        assert_eq!(found("user avenkat02  ws WS-TR-0447"), ["avenkat02"]);
        assert_eq!(found("roster printed 2025-09-03T06:15 by kpatel\nDoor hub"), ["kpatel"]);
        assert_eq!(found("reviewed by mreyes-olmedo."), ["mreyes-olmedo"]);
        assert_eq!(found("INJECTOR EVENT LOG (exported by kfoley2 from CT-2)"), ["kfoley2"]);
        assert_eq!(found("PRINTED 01/23/2026 06:45 BY RNGUYEN4\nPATIENT"), ["RNGUYEN4"]);
        assert_eq!(found("RUN 10NOV25 0615   BY: JMWALSH   DIET OFFICE"), ["JMWALSH"]);
        assert_eq!(found("OPERATOR      : TNGUYEN4  BADGE E208817"), ["TNGUYEN4"]);
        assert_eq!(found("lgarza|approver=jwalsh|ACCESS_REVOKE"), ["jwalsh"]);
    }

    #[test]
    fn the_user_cell_of_an_audit_log_row() {
        assert_eq!(found("2025-02-03 09:12:44|okeller|BK4417293|SIGN|X"), ["okeller"]);
        assert_eq!(found("2025-02-04 14:40:02|apatel7|MP3306185|SIGN"), ["apatel7"]);
        assert_eq!(found("2025-02-10 08:36:40|lgarza|approver=x"), ["lgarza"]);
        // Not after a time, not alone in its cell, an English word.
        for text in ["ward 4|okeller|x", "09:12:44|okeller smith|x", "09:12:44|signed|x", "09:12:44 |okeller|x"] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_line_signed_with_a_login_name() {
        fn signed(text: &str) -> Vec<(PhiKind, &str)> {
            let t = Tokens::new(text);
            let mut out = Vec::new();
            for i in 0..t.len() {
                if t.punct(i, '-') {
                    signed_login(&t, i, &mut out);
                }
            }
            out.iter().map(|c| (c.kind, text.get(c.start..c.end).unwrap_or("?"))).collect()
        }
        assert_eq!(signed("Dose due tomorrow. -kpatel\n4/17 reship"), [(PhiKind::Name, "kpatel")]);
        assert_eq!(signed("returned for destruction. -mreyes-olmedo"), [(PhiKind::Name, "mreyes-olmedo")]);
        assert_eq!(signed("Yesenia Garza, CHW/navigator - ygarza"), [(PhiKind::Name, "ygarza")]);
        // Not the line's last word, glued on both sides, an English word, no listed surname.
        for text in ["-kpatel said so", "x-kpatel", "ok -scare", "ok -brevity", "ok -bzzzqx", "re -smith"] {
            assert!(signed(text).is_empty(), "{text}");
        }
    }

    /// The NAME spans `scrub_text` finds in `text`.
    fn names(text: &str) -> Vec<&str> {
        let out =
            super::super::scrub_text(text, &super::super::TextOptions::default()).unwrap_or_else(|_| unreachable!());
        out.spans.iter().filter(|s| s.kind == PhiKind::Name).filter_map(|s| text.get(s.start..s.end)).collect()
    }

    #[test]
    fn the_login_name_of_a_person_named_in_the_note() {
        let board = "Charge RN: B. Koenig x6210\n19:05  diverted to St. Ignatius        bkoenig";
        assert_eq!(names(board), ["B. Koenig", "bkoenig"]);
        let notes = "Guarantor: Ramona Yellowhorse\n04/09/2025 10:14 RYELLOWH: called from home";
        assert_eq!(names(notes), ["Ramona Yellowhorse", "RYELLOWH"]);
        let export = "Analyst Teodora Ilieva.\n01/15/25 tilieva - plan doc received";
        assert_eq!(names(export), ["Teodora Ilieva", "tilieva"]);
        let hyphen = "Reviewer: Nadia Garcia-Lund\n\"CO-22\",\"1487.50\",\"ngarcia-lund2\"";
        assert_eq!(names(hyphen), ["Nadia Garcia-Lund", "ngarcia-lund2"]);
        let order = "Case manager: Koenig, Bridget M\nassigned to bmkoenig today";
        assert_eq!(names(order), ["Koenig, Bridget M", "bmkoenig"]);
        let two = "Seen by Dr. Anna Van Dyke today.\nsigned avandyke";
        assert_eq!(names(two), ["Anna Van Dyke", "avandyke"]);
        let middle = "Seen by Dr. Bridget M. Koenig today.\nsigned bmkoenig";
        assert_eq!(names(middle), ["Bridget M. Koenig", "bmkoenig"]);
        // Mixed case, glued to a code, a cut login under 7 letters, an English word, no name.
        for (text, login) in [
            ("Charge RN: B. Koenig\nBkoenig", "Bkoenig"),
            ("Charge RN: B. Koenig\nbkoenig2024x", "bkoenig2024x"),
            ("Guarantor: Ramona Yellowhorse\nryello: ok", "ryello"),
            ("Nurse Sam Tory\nthe story he told", "story"),
            ("charge RN on duty\nbkoenig", "bkoenig"),
        ] {
            assert!(!names(text).contains(&login), "{text}");
        }
    }

    #[test]
    fn words_after_by_and_user_that_are_no_login() {
        for text in [
            "given by p.o. twice",
            "by e.g. a friend",
            "seen by Dr. Young",
            "by mouth daily",
            "user error, re-sent",
            "heroin user since 2019",
            "by HD2 improved",
            "by q4h dosing",
            "by 2030",
            "by\nmwisniewski",
            "BY PHONE",
            "BY MOUTH",
            "by scare2",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }
}
