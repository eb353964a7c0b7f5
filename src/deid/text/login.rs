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
