//! Initials that a note's own key defines as a person's (`INITIALS KEY: JT = Joy Tran, LPN |
//! RO = Rosalind Okonkwo, RN`, `KEY: KT = KAYLA TRUONG RN; M.R. = MIRIAM ROSENTHAL LPN`): the
//! initials stand for that person's name (45 CFR 164.514(b)(2)(i)(A)) wherever the note writes
//! them, as medication administration records and flowsheets sign every entry with them
//! (`6/1-6/9 JT; 6/10 HELD`).
//!
//! A definition is 2 or 3 capitals (`JT`) or 2 or 3 capitals each followed by a `.` (`M.R.`),
//! opening a line or written after `:`, `;`, `|` or `,`, then `=`, then a name found by the
//! name rules starting right after the `=` on the same line. A credential or a state code is
//! never taken as initials (`RN = registered nurse` names no one anyway). Initials are defined
//! too in brackets right after a name found by the name rules, when they are its words' first
//! letters (`Bao Tran, PT (BT)`, `Funmilayo Oyelaran, RN (FO)`: a name ending at most 8 tokens
//! before the bracket on its line). Every occurrence of the initials written alone (no letter,
//! digit or `.` glued before, no letter or digit after) is then a name.

use super::lexicon::bit;
use super::scan::marked;
use super::token::{TokKind, Tokens};
use super::{Candidate, PhiKind};

/// Score of initials defined by a key: above a guessed code (a word in capitals is no code
/// once the note says whose initials it is), below names found with context.
const SCORE: u8 = 70;

/// Most initials one note defines; a longer key is no key of people.
const MAX_KEYS: usize = 16;

/// The first token of initials ending at token `last` (just before an `=`), if they are
/// initials: one word of 2 or 3 capitals, or 2 or 3 single capitals each with a glued `.`.
fn initials_ending_at(t: &Tokens<'_>, last: usize) -> Option<usize> {
    let letters = |k: usize| t.kind(k) == Some(TokKind::Alpha) && t.ascii(k) && t.all_caps(k);
    if letters(last) && (2..=3).contains(&t.byte_len(last)) {
        return (!t.has(last, bit::CREDENTIAL | bit::STATE_CODE)).then_some(last);
    }
    // `M.R.`: letter, dot, letter, dot, each glued to the one before.
    let mut first = None;
    let mut k = last;
    for n in 0..3 {
        let dotted = t.punct(k, '.') && k > 0 && letters(k - 1) && t.byte_len(k - 1) == 1 && t.joined(k);
        if !dotted {
            break;
        }
        if n >= 1 {
            first = Some(k - 1);
        }
        if k < 2 || !t.joined(k - 1) {
            break;
        }
        k -= 2;
    }
    first
}

/// The initials token range `(first, end)` a key defines at `=` token `e`, if a name found by
/// the name rules starts right after it on its line (`name_starts`: where the names found start,
/// sorted).
fn defined_at(t: &Tokens<'_>, e: usize, name_starts: &[usize]) -> Option<(usize, usize)> {
    let first = initials_ending_at(t, e.checked_sub(1)?)?;
    let opens = first == 0 || t.newline_before(first) || [':', ';', '|', ','].iter().any(|&c| t.punct(first - 1, c));
    if !opens || t.newline_before(e + 1) || e + 1 >= t.len() {
        return None;
    }
    name_starts.binary_search(&t.start(e + 1)).is_ok().then_some((first, e))
}

/// The first letters of the words of `name` (split at spaces and `-`), in capitals.
fn word_initials(name: &str) -> impl Iterator<Item = u8> + '_ {
    name.split([' ', '-'])
        .filter_map(|w| w.bytes().next())
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_uppercase())
}

/// Token `p` is a `(` holding initials' shape (`(BT)`: 2 or 3 capitals, no credential or
/// state code, then `)`), on the line of what comes before it.
fn bracketed_initials(t: &Tokens<'_>, p: usize) -> bool {
    let k = p + 1;
    t.kind(k) == Some(TokKind::Alpha)
        && (2..=3).contains(&t.byte_len(k))
        && t.punct(k + 1, ')')
        && t.ascii(k)
        && t.all_caps(k)
        && t.joined(k)
        && t.joined(k + 1)
        && !t.has(k, bit::CREDENTIAL | bit::STATE_CODE)
        && p > 0
        && !t.newline_before(p)
        && !t.newline_before(k)
}

/// Initials in brackets at `(` token `p` ([`bracketed_initials`]) that are the first letters of
/// the words of a name found ending at most 8 tokens before, on the bracket's line (`names`:
/// the names found, as (end, start) byte pairs sorted by end): the initials' token.
fn bracket_defined_at(t: &Tokens<'_>, p: usize, names: &[(usize, usize)]) -> Option<usize> {
    let k = p + 1;
    if !bracketed_initials(t, p) {
        return None;
    }
    let mut from = p - 1;
    while from > 0 && p - from < 8 && !t.newline_before(from) {
        from -= 1;
    }
    let (lo, hi) = (t.start(from), t.start(p));
    let key = t.s(k).as_bytes();
    let first = names.partition_point(|&(end, _)| end <= lo);
    names.get(first..)?.iter().take_while(|&&(end, _)| end <= hi).find_map(|&(end, start)| {
        let name = t.text.get(start..end)?;
        word_initials(name).eq(key.iter().copied()).then_some(k)
    })
}

/// Proposes every occurrence of the initials a key in the note defines ([`defined_at`], when
/// the text holds an `=`: `equals`) or a bracket after a name defines ([`bracket_defined_at`]),
/// the definition's own included. `out` holds the names found so far.
pub(crate) fn find_initials_keys(t: &Tokens<'_>, equals: bool, out: &mut Vec<Candidate>) {
    let mut keys: Vec<&str> = Vec::new();
    // The names found, (end, start), sorted by end once the first bracket of initials' shape
    // is met.
    let mut names: Option<Vec<(usize, usize)>> = None;
    for p in marked(t, |_, tok| tok.kind == TokKind::Punct && tok.first == '(') {
        // The shape first: most brackets hold no initials, and the names are gathered only
        // for one that may.
        if !bracketed_initials(t, p) {
            continue;
        }
        let found = names.get_or_insert_with(|| {
            let mut v: Vec<(usize, usize)> =
                out.iter().filter(|c| c.kind == PhiKind::Name).map(|c| (c.end, c.start)).collect();
            v.sort_unstable();
            v
        });
        if let Some(k) = bracket_defined_at(t, p, found) {
            let key = t.s(k);
            if !keys.contains(&key) && keys.len() < MAX_KEYS {
                keys.push(key);
            }
        }
    }
    if !equals {
        push_occurrences(t, &keys, out);
        return;
    }
    // Where the names found start, sorted once the first `=` is met (one search per `=`, so a
    // text of many is not read once per `=`).
    let mut name_starts: Option<Vec<usize>> = None;
    for e in marked(t, |_, tok| tok.kind == TokKind::Punct && tok.first == '=') {
        let starts = name_starts.get_or_insert_with(|| {
            let mut starts: Vec<usize> = out.iter().filter(|c| c.kind == PhiKind::Name).map(|c| c.start).collect();
            starts.sort_unstable();
            starts
        });
        if let Some((first, end)) = defined_at(t, e, starts) {
            let key = t.text.get(t.start(first)..t.end(end - 1)).unwrap_or("");
            if !key.is_empty() && !keys.contains(&key) && keys.len() < MAX_KEYS {
                keys.push(key);
            }
        }
    }
    push_occurrences(t, &keys, out);
}

/// Every occurrence of each of `keys` written alone, as a name.
fn push_occurrences(t: &Tokens<'_>, keys: &[&str], out: &mut Vec<Candidate>) {
    let bytes = t.text.as_bytes();
    for &key in keys {
        for (at, _) in t.text.match_indices(key) {
            let end = at + key.len();
            let before = at.checked_sub(1).and_then(|k| bytes.get(k)).copied();
            let after = bytes.get(end).copied();
            let glued_before = before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.');
            let glued_after = after.is_some_and(|b| b.is_ascii_alphanumeric());
            if !glued_before && !glued_after {
                out.push(Candidate::new(PhiKind::Name, at, end, SCORE));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The initials found in `text`, given the names the name rules found there.
    fn initials(text: &str) -> Vec<&str> {
        let t = Tokens::new(text);
        let mut out = Vec::new();
        super::super::names::find_names(&t, false, &mut out);
        let before = out.len();
        find_initials_keys(&t, true, &mut out);
        out.get(before..).unwrap_or(&[]).iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn initials_a_key_defines_are_names_wherever_written() {
        let mar = "Metoprolol 25 mg  0900  6/1-6/9 JT; 6/10 HELD\nLisinopril  2100  Jun 1-30 LM\n\
                   INITIALS KEY: JT = Joy Tran, LPN | LM = Luz Marina Pena-Ibarra, LPN";
        assert_eq!(initials(mar), ["JT", "JT", "LM", "LM"]);
        let dotted = "LABS DONE 2/20. -M.R.\nKEY: KT = Kayla Truong RN; M.R. = Miriam Rosenthal LPN";
        assert_eq!(initials(dotted), ["KT", "M.R.", "M.R."]);
    }

    #[test]
    fn initials_in_brackets_after_a_name_are_names_wherever_written() {
        let minutes = "Present: Funmilayo Oyelaran, RN (FO); Bao Tran, PT (BT)\nRow | 04/22/25 | FO\n- BT to call";
        assert_eq!(initials(minutes), ["FO", "FO", "BT", "BT"]);
        let hyphen = "Renata Kowalczyk-Bishop, RN, Clinical Mgr (RKB)\n94 F | RKB";
        assert_eq!(initials(hyphen), ["RKB", "RKB"]);
        // Not the name's first letters, a state code, on the next line, or no name before.
        for text in [
            "Seen by Bao Tran, PT (PT) today",
            "Dr. Ann Lee (AL) saw. AL aware",
            "Bao Tran\n(BT) BT",
            "Patient to ED (ED) now. ED busy",
        ] {
            assert!(initials(text).is_empty(), "{text}: {:?}", initials(text));
        }
    }

    #[test]
    fn initials_need_a_key_naming_a_person() {
        for text in [
            // No name after the `=`.
            "JT given 0900.\nKEY: JT = held, refused",
            "EF = 55%. JT aware.",
            // Not opening an item of the key.
            "Dose JT = Joy Tran agreed.",
            // A credential is no initials.
            "Signed RN.\nKEY: RN = Rosa Nunez",
            // The name on the next line.
            "JT\nKEY: JT =\nJoy Tran",
        ] {
            assert!(initials(text).is_empty(), "{text}: {:?}", initials(text));
        }
        // Glued to letters, digits or a `.`, the initials are part of another word.
        assert_eq!(initials("JTX JT2 .JT 6JT\nKEY: JT = Joy Tran"), ["JT"]);
    }
}
