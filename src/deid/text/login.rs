//! Login names of staff in system logs and printouts, a unique identifying code of a person
//! (45 CFR 164.514(b)(2)(i)(R)): `run by akhtar.s`, `(uid lmokoena)`, `PRINTED BY RPH0412`,
//! `Exported 03/04/2025 06:12 by apr4471`, `user mwisniewski`.
//!
//! After a login label (`user`, `uid`, `userid`, `username`, `login`, `logon`, and `by`), with
//! a `:`, `#` or `=` between or not, the value is one of:
//! - letters glued to digits (`apr4471`, `RPH0412`, `CMAY01`): 2 to 12 letters in one case,
//!   at least 2 digits after `by` (1 after another label), at least 5 characters, and whatever letters and digits stay glued to
//!   them;
//! - a lower-case word of at least 3 letters, a `.` and a lower-case word glued to it
//!   (`akhtar.s`), with no `.` after it (`by e.g.` and `by p.o.` are no login);
//! - after a label other than `by`: also a lower-case word of at least 4 letters that is no
//!   English word (`lmokoena`; `user error` stays).
//!
//! A login name that is a first initial glued to a listed surname (`by kpatel`, `user
//! mreyes-olmedo`) names its person: it is proposed as a name, after any of the labels and
//! also signing a line after a dash (`Dose due tomorrow. -kpatel`).

use super::dictionary;
use super::lexicon::bit;
use super::scan::marked;
use super::token::{TokKind, Tokens};
use super::{Candidate, PhiKind};

/// Words after which a login name is written.
pub(crate) const LOGIN_LABELS: &[&str] = &["user", "uid", "userid", "username", "login", "logon", "by"];

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

/// `kpatel`, `mreyes-olmedo`: a login name written as a first initial glued to
/// a listed surname of [`MIN_SURNAME`] letters or more, in lower case, neither it nor the
/// surname an English word (`bsmith`; not `scare`, `brevity`); a second surname may follow a
/// glued `-`. Returns the end (token index past it).
pub(crate) fn initial_surname_login(t: &Tokens<'_>, j: usize) -> Option<usize> {
    let word = t.s(j);
    let ok = t.all_lower(j) && word.len() > MIN_SURNAME && word.len() <= MAX_LETTERS + 8 && !t.english(j);
    let surname = word.get(1..).filter(|_| ok)?;
    if !dictionary::lookup(surname).last || dictionary::is_english(surname) {
        return None;
    }
    let hyphenated = t.punct(j + 1, '-') && t.joined(j + 1) && t.joined(j + 2) && t.all_lower(j + 2);
    Some(if hyphenated { j + 3 } else { j + 1 })
}

/// `... dose due tomorrow. -kpatel`: a login name ([`initial_surname_login`]) signing a line
/// after a `-` that stands apart (token `i`) and glued to it, the line's last word.
pub(crate) fn signed_login(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let apart = i == 0 || !t.joined(i);
    if !apart || !t.joined(i + 1) {
        return;
    }
    let Some(end) = initial_surname_login(t, i + 1) else { return };
    if end >= t.len() || t.newline_before(end) {
        out.push(Candidate::new(PhiKind::Name, t.start(i + 1), t.end(end - 1), SCORE));
    }
}

/// Proposes the login names after login labels.
pub(crate) fn find_logins(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    for i in marked(t, |_, tok| tok.lex & bit::LOGIN_LABEL != 0) {
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
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }
}
