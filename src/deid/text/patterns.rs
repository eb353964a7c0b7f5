//! Pattern recognizers with validation: SSN, US telephone and fax numbers, IPv4
//! (45 CFR 164.514(b)(2)(i)(D), (E), (G), (O)). Email, URL and IP addresses are in [`super::network`].

use super::lexicon::bit;
use super::token::{TokKind, Tokens};
use super::{Candidate, PhiKind};
use std::net::Ipv4Addr;

pub(crate) const SSN_CONTEXT: &[&str] = &["ssn", "ss", "social", "security", "ssa"];
pub(crate) const PHONE_CONTEXT: &[&str] = &[
    "phone",
    "line",
    "tel",
    "telephone",
    "fax",
    "faxed",
    "cb",
    "callback",
    "cell",
    "mobile",
    "call",
    "pager",
    "ph",
    "contact",
    "number",
    "home",
    "work",
    "beeper",
    "facsimile",
    "txt",
    "text",
    "pgr",
    "paged",
    "page",
    "voicemail",
    "vm",
    "callback",
];

/// SSN area/group/serial validity (SSA rules): no 000, 666 or 9xx area, no 00 group, no 0000
/// serial.
pub(crate) fn ssn_valid(area: &str, group: &str, serial: &str) -> bool {
    area.len() == 3
        && group.len() == 2
        && serial.len() == 4
        && area != "000"
        && area != "666"
        && !area.starts_with('9')
        && group != "00"
        && serial != "0000"
}

fn context_before(t: &Tokens<'_>, i: usize, window: usize, bits: u64) -> bool {
    (i.saturating_sub(window)..i).any(|j| t.has(j, bits))
}

/// Token `i` is not glued to a digit or a digit-joining character on its left.
fn clean_left(t: &Tokens<'_>, i: usize) -> bool {
    !(t.joined(i) && (t.digits(i - 1, None) || t.punct(i - 1, '-') || t.punct(i - 1, '/')))
}

/// Token `j` (one past the match) does not continue the number.
fn clean_right(t: &Tokens<'_>, j: usize) -> bool {
    !(t.joined(j) && (t.digits(j, None) || ((t.punct(j, '-') || t.punct(j, '/')) && t.digits(j + 1, None))))
}

/// The class of each character of a Medicare Beneficiary Identifier: `1` a digit 1-9, `9` a
/// digit, `A` a letter ([`mbi_letter`]), `X` a letter or a digit.
const MBI_SHAPE: &[u8; 11] = b"1AX9AX9AA99";

/// Letters of a Medicare Beneficiary Identifier: capitals but `S`, `L`, `O`, `I`, `B`, `Z`.
fn mbi_letter(b: u8) -> bool {
    b.is_ascii_uppercase() && !matches!(b, b'S' | b'L' | b'O' | b'I' | b'B' | b'Z')
}

/// A Medicare Beneficiary Identifier at digit token `i`, with or without its two dashes
/// (`1EG4-TE5-MK72`, `2XW4PQ7TM19`): 11 characters, by position a digit 1-9, a letter, a letter
/// or digit, a digit, a letter, a letter or digit, a digit, two letters, two digits (CMS, "The
/// MBI format"). Its shape is specific enough to need no context word.
pub(crate) fn mbi_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    // A first run of one digit glued to letters: most digit tokens fail here.
    if t.byte_len(i) != 1 || !t.joined(i + 1) || t.kind(i + 1) != Some(TokKind::Alpha) || !clean_left(t, i) {
        return;
    }
    if t.joined(i) && t.kind(i - 1) != Some(TokKind::Punct) {
        return; // the tail of a longer code
    }
    let start = t.start(i);
    let rest = t.text.as_bytes().get(start..).unwrap_or_default();
    let dashed = rest.get(4) == Some(&b'-') && rest.get(8) == Some(&b'-');
    let len = if dashed { 13 } else { 11 };
    let Some(code) = rest.get(..len) else { return };
    let chars = || code.iter().copied().filter(|&b| b != b'-');
    let shape = chars().count() == MBI_SHAPE.len()
        && chars().zip(MBI_SHAPE).all(|(b, &class)| match class {
            b'1' => (b'1'..=b'9').contains(&b),
            b'9' => b.is_ascii_digit(),
            b'A' => mbi_letter(b),
            _ => b.is_ascii_digit() || mbi_letter(b),
        });
    let after = rest.get(len).copied();
    let free_end = !after.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-');
    if shape && free_end {
        out.push(Candidate::new(PhiKind::HealthPlan, start, start + len, 88));
    }
}

/// A payment card number from token `i`: four groups of four digits (`5412 7700 0431 8826`,
/// `4111-1111-1111-1111`) or the 4-6-5 grouping of American Express (`3782 822463 10005`),
/// one separator throughout (a space or a hyphen), on one line, glued to no further digit. The
/// groups are the evidence (no check digit is asked: a mistyped number is as identifying); an
/// account number (45 CFR 164.514(b)(2)(i)(J)).
pub(crate) fn card_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    if !t.digits(i, Some(4)) || !clean_left(t, i) || t.newline_before(i + 1) {
        return;
    }
    let dashed = t.punct(i + 1, '-') && t.joined(i + 1);
    let step = if dashed { 2 } else { 1 };
    // Group `n` (0-based) starts at this token.
    let group = |n: usize| i + n * step;
    let apart = |k: usize| {
        if dashed {
            t.punct(k - 1, '-') && t.joined(k - 1) && t.joined(k)
        } else {
            !t.joined(k) && !t.newline_before(k)
        }
    };
    let groups_of = |lens: &[usize]| {
        lens.iter().enumerate().all(|(n, &len)| t.digits(group(n), Some(len)) && (n == 0 || apart(group(n))))
    };
    let found = if groups_of(&[4, 4, 4, 4]) {
        Some(group(3))
    } else if groups_of(&[4, 6, 5]) {
        Some(group(2))
    } else {
        None
    };
    if let Some(last) = found.filter(|&last| clean_right(t, last + 1)) {
        out.push(Candidate::new(PhiKind::Account, t.start(i), t.end(last), 88));
    }
}

/// A decimal degree at token `k` (`46.4021`, `120.3316`): at most `whole` digits, a glued `.`
/// and 3 or more glued decimals, the whole part at most `max`. One past it.
fn decimal_degree(t: &Tokens<'_>, k: usize, whole: usize, max: u32) -> Option<usize> {
    let shaped = t.digits(k, None)
        && t.byte_len(k) <= whole
        && t.punct(k + 1, '.')
        && t.joined(k + 1)
        && t.joined(k + 2)
        && t.digits(k + 2, None)
        && t.byte_len(k + 2) >= 3;
    (shaped && t.num(k).is_some_and(|v| v <= max)).then_some(k + 3)
}

/// Geographic coordinates from token `i`: a latitude and a longitude in decimal degrees with
/// 3 decimals or more, a comma between, either signed (`46.4021, -120.3316`, `-33.8688,
/// 151.2093`) or each followed by its hemisphere in capitals (`46.5731 N, 118.9712 W`), on one
/// line: a location far finer than a state (45 CFR
/// 164.514(b)(2)(i)(B)), found as an address.
pub(crate) fn coordinates_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let Some(lat_end) = decimal_degree(t, i, 2, 90) else { return };
    // `46.5731 N, 118.9712 W`: each degree with its hemisphere letter.
    let hemisphere = |k: usize, letters: [&str; 2]| t.is_any(k, &letters) && t.all_caps(k) && !t.newline_before(k);
    let lettered = hemisphere(lat_end, ["n", "s"]);
    let comma = if lettered { lat_end + 1 } else { lat_end };
    if !t.punct(comma, ',') || !t.joined(comma) || t.newline_before(comma + 1) {
        return;
    }
    let lon = if t.punct(comma + 1, '-') && t.joined(comma + 2) { comma + 2 } else { comma + 1 };
    let Some(end) = decimal_degree(t, lon, 3, 180) else { return };
    let end = match (lettered, hemisphere(end, ["e", "w"])) {
        (true, true) => end + 1,
        (false, false) => end,
        _ => return,
    };
    let negative = i >= 1 && t.punct(i - 1, '-') && t.joined(i);
    let start = if negative { i - 1 } else { i };
    let free = !(start >= 1 && t.joined(start) && t.kind(start - 1) != Some(TokKind::Punct)) && clean_right(t, end);
    if free {
        out.push(Candidate::new(PhiKind::Address, t.start(start), t.end(end - 1), 88));
    }
}

/// A blood unit's donation identification number (ISBT 128 DIN) from token `i`: a letter and
/// 4 digits (the facility), the 2-digit year and a 6-digit serial, apart, with an optional flag
/// digit (`W0417 26 118903`, `W0413 26 118042 7`). `i` is the letter.
pub(crate) fn donation_number_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let letter = t.kind(i) == Some(TokKind::Alpha) && t.byte_len(i) == 1 && t.all_caps(i) && !t.joined(i);
    if !letter || !t.joined(i + 1) || !t.digits(i + 1, Some(4)) {
        return;
    }
    let apart = |k: usize| !t.joined(k) && !t.newline_before(k);
    if !(t.digits(i + 2, Some(2)) && apart(i + 2) && t.digits(i + 3, Some(6)) && apart(i + 3)) {
        return;
    }
    let last = if t.digits(i + 4, Some(1)) && apart(i + 4) && clean_right(t, i + 5) { i + 4 } else { i + 3 };
    if clean_right(t, last + 1) {
        // Above a code after a context word (`Unit # W0417 26`), which would take the first
        // two groups alone.
        out.push(Candidate::new(PhiKind::Id, t.start(i), t.end(last), 93));
    }
}

/// SSNs starting at token `i`: `123-45-6789`, `123 45 6789` / `123456789` only after an SSN
/// context word.
pub(crate) fn ssn_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    // Every form starts with a run of 3 digits or of all 9: the length rejects most numbers
    // before anything else is looked at (this runs on every digit token).
    let n = t.byte_len(i);
    if n == 4 {
        return partial_ssn_at(t, i, out);
    }
    if (n != 3 && n != 9) || !t.digits(i, None) || !clean_left(t, i) {
        return;
    }
    // The context words are looked for only once the digits have an SSN's shape.
    let ctx = || context_before(t, i, 4, bit::SSN_CONTEXT);
    if n == 3 && t.digits(i + 2, Some(2)) && t.digits(i + 4, Some(4)) {
        let dashes = t.punct(i + 1, '-') && t.punct(i + 3, '-') && (1..5).all(|k| t.joined(i + k));
        if dashes && clean_right(t, i + 5) && ssn_valid(t.s(i), t.s(i + 2), t.s(i + 4)) {
            out.push(Candidate::new(PhiKind::Ssn, t.start(i), t.end(i + 4), 90));
        }
    }
    if n == 3
        && t.digits(i + 1, Some(2))
        && t.digits(i + 2, Some(4))
        && ssn_valid(t.s(i), t.s(i + 1), t.s(i + 2))
        && clean_right(t, i + 3)
        && ctx()
    {
        out.push(Candidate::new(PhiKind::Ssn, t.start(i), t.end(i + 2), 90));
    }
    if n == 9 && clean_right(t, i + 1) && ctx() {
        let s = t.s(i);
        if let (Some(a), Some(g), Some(sr)) = (s.get(..3), s.get(3..5), s.get(5..)) {
            if ssn_valid(a, g, sr) {
                out.push(Candidate::new(PhiKind::Ssn, t.start(i), t.end(i), 90));
            }
        }
    }
}

/// The first token of a group of `n` mask characters ending at token `last`: one word of
/// `X`s (`XXX`) or `n` glued `*` or `#` (`***`).
fn mask_group(t: &Tokens<'_>, last: usize, n: usize) -> Option<usize> {
    let s = t.s(last);
    if s.len() == n && s.bytes().all(|b| b == b'X' || b == b'x') {
        return Some(last);
    }
    let first = last.checked_sub(n - 1)?;
    let stars = (first..=last).all(|k| t.punct(k, '*') || t.punct(k, '#'));
    (stars && (first + 1..=last).all(|k| t.joined(k))).then_some(first)
}

/// Words that say a number is the end of one (`last 4`, `ending in`).
const LAST_WORDS: &[&str] = &["last", "final", "ending", "ends"];

/// Masked and partial SSNs whose visible last four digits are token `i`: masked in an SSN's
/// dashed groups `XXX-XX-6620`, `***-**-3318` (the whole masked token; `***-***-0627` is a
/// phone number), and only after an SSN context word `*****3318`, `last 4 of SSN (2210)`,
/// `SSN last four 1234`, `SSN ending 1234`, `SSN: 1234`.
fn partial_ssn_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    if !t.digits(i, Some(4)) || !clean_right(t, i + 1) || t.joined(i) && t.digits(i - 1, None) {
        return;
    }
    // Masked: the groups before the digits are all mask characters.
    if t.joined(i) && i > 0 && (t.punct(i - 1, '-') || mask_group(t, i - 1, 5).is_some()) {
        if !t.punct(i - 1, '-') {
            if let Some(s) =
                mask_group(t, i - 1, 5).filter(|&s| clean_left(t, s) && context_before(t, s, 4, bit::SSN_CONTEXT))
            {
                out.push(Candidate::new(PhiKind::Ssn, t.start(s), t.end(i), 90));
            }
            return;
        }
        // In dashed groups the shape says what was masked, without a context word: three, two
        // and four are an SSN's (`***-**-2209`), three, three and four a phone number's
        // (`***-***-0627`).
        let group = |last: usize, n: usize| {
            mask_group(t, last, n).filter(|&g| g > 1 && t.punct(g - 1, '-') && t.joined(g) && t.joined(g - 1))
        };
        // The first group is three characters, not the end of a longer run (`****-***-0627`).
        let whole = |s: &usize| !(*s > 0 && t.joined(*s) && (t.punct(s - 1, '*') || t.punct(s - 1, '#')));
        let dashed = |middle: usize| {
            group(i.saturating_sub(2), middle)
                .filter(|_| t.joined(i - 1))
                .and_then(|g| mask_group(t, g - 2, 3))
                .filter(whole)
        };
        if let Some(s) = dashed(2).filter(|&s| clean_left(t, s)) {
            out.push(Candidate::new(PhiKind::Ssn, t.start(s), t.end(i), 90));
        } else if let Some(s) = dashed(3).filter(|&s| clean_left(t, s)) {
            out.push(Candidate::new(PhiKind::Phone, t.start(s), t.end(i), 90));
        }
        return;
    }
    // Partial: a "last four" word nearby, or the digits right after `SSN` and `(`, `:` or `#`.
    // After `last 4` / `last four` the SSN word may stand further back, before it in
    // brackets (`SSN (last 4): 7731`): up to 7 tokens back, then on the same line.
    // Most 4-digit numbers (years, times) have no SSN word within the longest reach: one bit
    // test each, before any word is compared.
    if !(i.saturating_sub(7)..i).any(|k| t.has(k, bit::SSN_CONTEXT)) {
        return;
    }
    let last = (i.saturating_sub(6)..i).any(|k| t.is_any(k, LAST_WORDS));
    let last_four = (i.saturating_sub(6)..i).any(|k| t.is(k, "last") && (t.is(k + 1, "4") || t.is(k + 1, "four")));
    let reach = if last_four { 7 } else { 4 };
    let same_line = |k: usize| (k + 1..=i).all(|q| !t.newline_before(q));
    if !(i.saturating_sub(reach)..i).any(|k| t.has(k, bit::SSN_CONTEXT) && (k + 4 >= i || same_line(k))) {
        return;
    }
    let direct = i >= 2 && t.is(i - 2, "ssn") && (t.punct(i - 1, '(') || t.punct(i - 1, ':') || t.punct(i - 1, '#'));
    if last || direct {
        out.push(Candidate::new(PhiKind::Ssn, t.start(i), t.end(i), 90));
    }
}

/// Words before an extension or a pager's number written alone (`ext 4417`, `pager 2204`).
const EXTENSION_WORDS: &[&str] = &["ext", "extension", "x", "pager", "pgr", "beeper"];

/// `ext 4417`, `ext. 4-7719`, `EXT 55190`, `x6-2240`, `pager 2204`: an extension or a pager's
/// number written alone after its word (`x` glued to it): 3 to 5 digits, or 1 or 2 digits, a
/// glued `-` and 4 digits (a hospital's internal number), nothing glued after it but
/// punctuation; returns one past its last token.
fn extension_alone_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    if i == 0 || !t.digits(i, None) {
        return None;
    }
    let w = if t.punct(i - 1, '.') && t.joined(i - 1) { i.checked_sub(2)? } else { i - 1 };
    // Every extension word starts with `e`, `x`, `p` or `b`: one test turns most numbers away.
    let first = t.toks.get(w).map(|x| x.first.to_ascii_lowercase());
    if !matches!(first, Some('e' | 'x' | 'p' | 'b')) {
        return None;
    }
    // Not the `x` of a count (`2 x 4417`): after `x` only a glued number.
    if !t.is_any(w, EXTENSION_WORDS) || (t.is(w, "x") && !t.joined(i)) || t.newline_before(i) {
        return None;
    }
    let n = t.byte_len(i);
    let internal = n <= 2 && t.punct(i + 1, '-') && t.joined(i + 1) && t.joined(i + 2) && t.digits(i + 2, Some(4));
    let e = if internal {
        i + 3
    } else if (3..=5).contains(&n) {
        i + 1
    } else {
        return None;
    };
    // Nothing glued after it but punctuation that starts no longer number (`4417-2`, `4417.5`).
    let number_goes_on =
        (t.punct(e, '-') || t.punct(e, '/') || t.punct(e, '.')) && t.joined(e + 1) && t.digits(e + 1, None);
    let glued = t.joined(e) && (t.kind(e) != Some(TokKind::Punct) || number_goes_on);
    (!glued).then_some(e)
}

/// `Ernesto Ruiz (555-0192):`: a local number of 7 digits (exchange starting with 2-9) alone
/// in brackets; returns one past its last token.
fn bracketed_local_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    let shaped = i >= 1
        && t.punct(i - 1, '(')
        && t.joined(i)
        && t.digits(i, Some(3))
        && t.punct(i + 1, '-')
        && t.joined(i + 1)
        && t.joined(i + 2)
        && t.digits(i + 2, Some(4))
        && t.punct(i + 3, ')')
        && t.joined(i + 3);
    (shaped && nanp_ok(t.s(i), t.s(i))).then_some(i + 3)
}

/// NANP: area code and exchange start with 2-9.
pub(crate) fn nanp_ok(area: &str, exchange: &str) -> bool {
    let ok = |s: &str| s.as_bytes().first().is_some_and(|b| (b'2'..=b'9').contains(b));
    ok(area) && ok(exchange)
}

/// Tokens `a` and `b` are the same separator, `-` or `.` (punctuation tokens are one
/// character each).
fn same_separator(t: &Tokens<'_>, a: usize, b: usize) -> bool {
    (t.punct(a, '-') && t.punct(b, '-')) || (t.punct(a, '.') && t.punct(b, '.'))
}

/// Matches a 10-digit phone starting at token `i`; returns the index one past its last token.
fn phone_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    // (617) 555-0134 / (617)555-0134; with a `-` or `.` after the exchange the shape is a phone
    // number's alone, whatever its digits (`(555) 018-7730`, mistyped or not).
    if t.punct(i, '(') {
        if !(t.digits(i + 1, Some(3)) && t.punct(i + 2, ')') && t.digits(i + 3, Some(3))) {
            return None;
        }
        let sep_ok = t.punct(i + 4, '-') || t.punct(i + 4, '.');
        let line = if sep_ok && t.joined(i + 5) { i + 5 } else { i + 4 };
        if t.digits(line, Some(4))
            && (line == i + 4 || t.joined(i + 4))
            && (line == i + 5 || nanp_ok(t.s(i + 1), t.s(i + 3)))
        {
            return Some(line + 1);
        }
        return None;
    }
    // Every other form starts with 3 digits or is all 10: the length rejects most numbers.
    let n = t.byte_len(i);
    if !t.digits(i, None) || (n != 3 && n != 10) {
        return None;
    }
    // The context words are looked for only for the forms that need them.
    let ctx = || context_before(t, i, 4, bit::PHONE_CONTEXT);
    // 6175550134 after a phone word
    if n == 10 {
        return (ctx() && nanp_ok(t.s(i), t.s(i).get(3..).unwrap_or(""))).then_some(i + 1);
    }
    // 617-555-0134, 617.555.0134, 617 555 0134, 617/555-0134; 617/555/0134 after a phone word
    // only (without one, slashes join doses and ratios: `250/300/1000`).
    if t.digits(i + 2, Some(3)) && t.digits(i + 4, Some(4)) {
        let tight = (1..5).all(|k| t.joined(i + k));
        let slashes = || t.punct(i + 1, '/') && t.punct(i + 3, '/') && ctx();
        // `319/555-0112`: an area code before a slash, then the local number with its hyphen.
        let area_slash = t.punct(i + 1, '/') && t.punct(i + 3, '-');
        if (same_separator(t, i + 1, i + 3) || area_slash || slashes()) && tight && nanp_ok(t.s(i), t.s(i + 2)) {
            return Some(i + 5);
        }
    }
    if t.digits(i + 1, Some(3))
        && t.digits(i + 2, Some(4))
        && !t.joined(i + 1)
        && !t.joined(i + 2)
        && nanp_ok(t.s(i), t.s(i + 1))
    {
        return Some(i + 3);
    }
    // 555-0134 (7 digits) after a phone word
    if t.punct(i + 1, '-') && t.digits(i + 2, Some(4)) && t.joined(i + 1) && t.joined(i + 2) && ctx() {
        return Some(i + 3);
    }
    None
}

/// Includes a leading `+1` / `1-` / `1 ` country code; returns the first token index.
fn country_code_start(t: &Tokens<'_>, i: usize) -> usize {
    let one = |j: usize| t.s(j) == "1";
    if i >= 2 && (t.punct(i - 1, '-') || t.punct(i - 1, '.')) && one(i - 2) && t.joined(i - 1) {
        if i >= 3 && t.punct(i - 3, '+') && t.joined(i - 2) {
            i - 3
        } else {
            i - 2
        }
    } else if i >= 1 && one(i - 1) {
        if i >= 2 && t.punct(i - 2, '+') && t.joined(i - 1) {
            i - 2
        } else {
            i - 1
        }
    } else {
        i
    }
}

/// Extends a phone over `x123`, `ext. 123`, `ext 123`.
fn extension_end(t: &Tokens<'_>, j: usize) -> usize {
    let mut k = j;
    if t.is_any(k, &["x", "ext", "extension"]) {
        k += 1;
        if t.punct(k, '.') {
            k += 1;
        }
        if t.digits(k, None) && t.s(k).len() <= 6 {
            return k + 1;
        }
    }
    j
}

/// US telephone and fax numbers in the common written formats, found from token `i` (the
/// area code or its parenthesis; a country code before it is included).
pub(crate) fn phone_from(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    if let Some(e) = extension_alone_at(t, i).or_else(|| bracketed_local_at(t, i)) {
        out.push(Candidate::new(PhiKind::Phone, t.start(i), t.end(e - 1), 80));
        return;
    }
    let Some(j) = phone_at(t, i) else { return };
    let first = country_code_start(t, i);
    if !clean_right(t, j) || !clean_left(t, first) {
        return;
    }
    let last = extension_end(t, j);
    out.push(Candidate::new(PhiKind::Phone, t.start(first), t.end(last - 1), 80));
}

/// Telephone numbers written with a country code other than `1` (`+48 601 555 274`, `+44 20
/// 7946 0958`, `+52-33-1234-5678`), from the `+` at token `i`: the code (1 to 3 digits, glued
/// to the `+`), then groups of 1 to 4 digits (one group of up to 10) separated by one space,
/// `-` or `.` on the line, 7 to 12 digits after the code in all; or 10 to 15 digits written
/// together (`+2348031234567`). A sign before a number (`+2 edema`, `BP +10`) has too few
/// digits.
pub(crate) fn international_phone_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let cc = i + 1;
    let glued_before = i > 0 && t.joined(i) && t.kind(i - 1) != Some(TokKind::Punct);
    if glued_before || !t.joined(cc) || !t.digits(cc, None) {
        return;
    }
    // `+2348031234567`: written without spaces, 10 to 15 digits with the code.
    let compact = (10..=15).contains(&t.byte_len(cc));
    if compact && !(t.joined(cc + 1) && matches!(t.kind(cc + 1), Some(TokKind::Digit | TokKind::Alpha))) {
        out.push(Candidate::new(PhiKind::Phone, t.start(i), t.end(cc), 80));
        return;
    }
    if t.byte_len(cc) > 3 || t.is(cc, "1") {
        return;
    }
    let (mut k, mut last, mut digits, mut groups) = (cc + 1, cc, 0, 0);
    loop {
        let spaced = t.digits(k, None) && !t.joined(k) && !t.newline_before(k) && t.start(k) == t.end(k - 1) + 1;
        let dashed = (t.punct(k, '-') || t.punct(k, '.')) && t.joined(k) && t.digits(k + 1, None) && t.joined(k + 1);
        let next = if spaced {
            k
        } else if dashed {
            k + 1
        } else {
            break;
        };
        let len = t.byte_len(next);
        if len > 10 || (len > 4 && groups > 0) {
            return;
        }
        digits += len;
        groups += 1;
        last = next;
        k = next + 1;
    }
    let glued_after = t.joined(k) && matches!(t.kind(k), Some(TokKind::Digit | TokKind::Alpha));
    if (7..=12).contains(&digits) && !glued_after {
        out.push(Candidate::new(PhiKind::Phone, t.start(i), t.end(last), 80));
    }
}

/// IPv4 dotted quads starting at token `i` (each octet 0-255, no leading zeros beyond `0`).
pub(crate) fn ipv4_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    // A `.` glued after the first octet rejects most numbers with two tests.
    if t.punct(i + 1, '.') && t.joined(i + 1) {
        dotted_quad_at(t, i, out);
    }
}

/// The IPv4 rule itself: [`ipv4_at`] only adds the test for a `.` glued after the first
/// octet, which turns most numbers away (the differential test checks it turns away no address).
fn dotted_quad_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    if !t.digits(i, None) || !clean_left(t, i) || (t.joined(i) && t.punct(i.wrapping_sub(1), '.')) {
        return;
    }
    let shape = (0..4).all(|k| t.digits(i + 2 * k, None))
        && (0..3).all(|k| t.punct(i + 2 * k + 1, '.'))
        && (1..7).all(|k| t.joined(i + k));
    let next_continues = t.joined(i + 7) && (t.punct(i + 7, '.') && t.digits(i + 8, None) && t.joined(i + 8));
    if !shape || next_continues {
        return;
    }
    let s = t.start(i);
    let e = t.end(i + 6);
    if t.text.get(s..e).and_then(|q| q.parse::<Ipv4Addr>().ok()).is_some() {
        out.push(Candidate::new(PhiKind::Ip, s, e, 85));
    }
}

#[cfg(test)]
pub(crate) mod tests {
    #[test]
    fn medicare_beneficiary_identifiers_by_shape() {
        let mbis = |text: &str| {
            let t = Tokens::new(text);
            let mut out = Vec::new();
            for i in 0..t.len() {
                if t.kind(i) == Some(TokKind::Digit) {
                    mbi_at(&t, i, &mut out);
                }
            }
            out.iter().map(|c| text[c.start..c.end].to_string()).collect::<Vec<_>>()
        };
        assert_eq!(mbis("MEDICARE 2XW4-PQ7-TM19\n"), ["2XW4-PQ7-TM19"]);
        assert_eq!(mbis("mbi 1EG4TE5MK72."), ["1EG4TE5MK72"]);
        // An excluded letter (`S`), a wrong position, a code that goes on, glued to a word.
        for text in ["1SG4-TE5-MK72", "1EG4-TE5-MKA2", "1EG4-TE5-MK722", "X1EG4TE5MK72", "0EG4TE5MK72"] {
            assert!(mbis(text).is_empty(), "{text}");
        }
    }

    use super::*;

    /// `count` texts of random `pieces`, glued or apart (a fixed seed): token soups in which the
    /// recognizers' shapes and their near misses are common.
    pub(crate) fn soup(pieces: &[&str], count: usize) -> Vec<String> {
        let mut rng = crate::deid::text::TestRng::new(0x2545_f491_4f6c_dd1d);
        let mut below = |n: usize| rng.below(n);
        (0..count)
            .map(|_| {
                let mut text = String::new();
                for _ in 0..below(24) {
                    text.push_str(["", "", "", " ", "  ", "\n"][below(6)]);
                    text.push_str(pieces[below(pieces.len())]);
                }
                text
            })
            .collect()
    }

    /// Numbers of the lengths the patterns look at, their separators and context words.
    pub(crate) const NUMBER_PIECES: &[&str] = &[
        "SSN",
        "ss",
        "Social",
        "phone",
        "Fax",
        "call",
        "tel",
        "1",
        "+",
        "(",
        ")",
        "-",
        ".",
        "/",
        ":",
        "=",
        "123",
        "45",
        "6789",
        "000",
        "666",
        "900",
        "00",
        "0000",
        "123456789",
        "666456789",
        "617",
        "555",
        "0134",
        "6175550134",
        "1175550134",
        "012",
        "192",
        "168",
        "0",
        "255",
        "256",
        "01",
        "92",
        "090",
        "150",
        "151",
        "89",
        "1000",
        "yo",
        "y",
        "o",
        "year",
        "years",
        "yrs",
        "yr",
        "old",
        "of",
        "age",
        "aged",
        "is",
        "x",
        "ext",
        "extension",
        "123-45-6789",
        "(617) 555-0134",
        "(617)555-0134",
        "617.555.0134",
        "617 555 0134",
        "555-0134",
        "192.168.1.10",
        "10.0.0.1",
        "92-year-old",
        "+1-617-555-0134",
        "1 617 555 0134",
        "ext. 12",
        "x123",
        "y/o",
        "y.o.",
        "93 yo",
        "age: 95",
    ];

    /// The patterns as they were before the length pre-checks: the reference they must match
    /// (IPv4's is [`dotted_quad_at`], which its pre-check only guards).
    mod reference {
        use super::super::*;

        pub fn ssn_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
            partial_ssn_at(t, i, out);
            if !t.digits(i, None) || !clean_left(t, i) {
                return;
            }
            let ctx = context_before(t, i, 4, bit::SSN_CONTEXT);
            if t.digits(i, Some(3)) && t.digits(i + 2, Some(2)) && t.digits(i + 4, Some(4)) {
                let dashes = t.punct(i + 1, '-') && t.punct(i + 3, '-') && (1..5).all(|k| t.joined(i + k));
                if dashes && clean_right(t, i + 5) && ssn_valid(t.s(i), t.s(i + 2), t.s(i + 4)) {
                    out.push(Candidate::new(PhiKind::Ssn, t.start(i), t.end(i + 4), 90));
                }
            }
            if ctx
                && t.digits(i, Some(3))
                && t.digits(i + 1, Some(2))
                && t.digits(i + 2, Some(4))
                && ssn_valid(t.s(i), t.s(i + 1), t.s(i + 2))
                && clean_right(t, i + 3)
            {
                out.push(Candidate::new(PhiKind::Ssn, t.start(i), t.end(i + 2), 90));
            }
            if ctx && t.digits(i, Some(9)) && clean_right(t, i + 1) {
                let s = t.s(i);
                if let (Some(a), Some(g), Some(sr)) = (s.get(..3), s.get(3..5), s.get(5..)) {
                    if ssn_valid(a, g, sr) {
                        out.push(Candidate::new(PhiKind::Ssn, t.start(i), t.end(i), 90));
                    }
                }
            }
        }

        fn phone_at(t: &Tokens<'_>, i: usize, ctx: bool) -> Option<usize> {
            if t.punct(i, '(') && t.digits(i + 1, Some(3)) && t.punct(i + 2, ')') && t.digits(i + 3, Some(3)) {
                let sep_ok = t.punct(i + 4, '-') || t.punct(i + 4, '.');
                let line = if sep_ok && t.joined(i + 5) { i + 5 } else { i + 4 };
                if t.digits(line, Some(4))
                    && (line == i + 4 || t.joined(i + 4))
                    && (line == i + 5 || nanp_ok(t.s(i + 1), t.s(i + 3)))
                {
                    return Some(line + 1);
                }
                return None;
            }
            if t.digits(i, Some(3)) && t.digits(i + 2, Some(3)) && t.digits(i + 4, Some(4)) {
                let same = t.s(i + 1) == t.s(i + 3)
                    && (t.punct(i + 1, '-') || t.punct(i + 1, '.') || (t.punct(i + 1, '/') && ctx));
                let same = same || (t.punct(i + 1, '/') && t.punct(i + 3, '-'));
                let tight = (1..5).all(|k| t.joined(i + k));
                if same && tight && nanp_ok(t.s(i), t.s(i + 2)) {
                    return Some(i + 5);
                }
            }
            if t.digits(i, Some(3))
                && t.digits(i + 1, Some(3))
                && t.digits(i + 2, Some(4))
                && !t.joined(i + 1)
                && !t.joined(i + 2)
                && nanp_ok(t.s(i), t.s(i + 1))
            {
                return Some(i + 3);
            }
            if ctx && t.digits(i, Some(10)) && nanp_ok(t.s(i), t.s(i).get(3..).unwrap_or("")) {
                return Some(i + 1);
            }
            if ctx
                && t.digits(i, Some(3))
                && t.punct(i + 1, '-')
                && t.digits(i + 2, Some(4))
                && t.joined(i + 1)
                && t.joined(i + 2)
            {
                return Some(i + 3);
            }
            None
        }

        pub fn phone_from(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
            if !(t.digits(i, None) || t.punct(i, '(')) {
                return;
            }
            if let Some(e) = extension_alone_at(t, i).or_else(|| bracketed_local_at(t, i)) {
                out.push(Candidate::new(PhiKind::Phone, t.start(i), t.end(e - 1), 80));
                return;
            }
            let ctx = context_before(t, i, 4, bit::PHONE_CONTEXT);
            let Some(j) = phone_at(t, i, ctx) else { return };
            let first = country_code_start(t, i);
            if !clean_right(t, j) || !clean_left(t, first) {
                return;
            }
            let last = extension_end(t, j);
            out.push(Candidate::new(PhiKind::Phone, t.start(first), t.end(last - 1), 80));
        }
    }

    /// A recognizer run at every token index (and past the end).
    pub(crate) type AtToken = fn(&Tokens<'_>, usize, &mut Vec<Candidate>);

    /// What `f` proposes from every token index of `t` (and two past the end), with how many.
    pub(crate) fn run_at_every_token(t: &Tokens<'_>, f: AtToken) -> (String, usize) {
        let mut out = Vec::new();
        for i in 0..t.len() + 2 {
            f(t, i, &mut out);
        }
        (format!("{out:?}"), out.len())
    }

    /// Checks each fast recognizer against its reference on token soups, and that the soups
    /// exercise it (it finds something often enough).
    pub(crate) fn check_against_reference(pieces: &[&str], pairs: &[(&str, AtToken, AtToken)]) {
        let mut found = vec![0usize; pairs.len()];
        for text in soup(pieces, 20_000) {
            let t = Tokens::new(&text);
            for (n, &(name, fast, slow)) in found.iter_mut().zip(pairs) {
                let (got, count) = run_at_every_token(&t, fast);
                assert_eq!(got, run_at_every_token(&t, slow).0, "{name}: {text:?}");
                *n += count;
            }
        }
        for (n, (name, ..)) in found.iter().zip(pairs) {
            assert!(*n > 200, "{name}: only {n} found");
        }
    }

    #[test]
    fn number_patterns_match_the_reference() {
        check_against_reference(
            NUMBER_PIECES,
            &[
                ("ssn", ssn_at, reference::ssn_at),
                ("phone", phone_from, reference::phone_from),
                ("ipv4", ipv4_at, dotted_quad_at),
            ],
        );
    }

    /// The SSN spans found at every token of `text`.
    fn ssns(text: &str) -> Vec<&str> {
        let t = Tokens::new(text);
        let mut out = Vec::new();
        for i in 0..t.len() {
            ssn_at(&t, i, &mut out);
        }
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    /// The phones found in `text`.
    fn phones_in(text: &str) -> Vec<&str> {
        let t = Tokens::new(text);
        let mut out = Vec::new();
        for i in 0..t.len() {
            phone_from(&t, i, &mut out);
        }
        out.iter().filter_map(|c| text.get(c.start..c.end)).collect()
    }

    #[test]
    fn slash_separated_phones_need_a_phone_word() {
        assert_eq!(phones_in("drives him in; call her at 812/555/0137.\n"), ["812/555/0137"]);
        assert_eq!(phones_in("Tel 812/555/0137"), ["812/555/0137"]);
        // An area code before a slash and the local number with its hyphen needs no phone word.
        assert_eq!(phones_in("Phone 319/555-0112    Alt"), ["319/555-0112"]);
        assert_eq!(phones_in("or 812/555-0137"), ["812/555-0137"]);
        for text in
            ["doses 250/300/1000 mg", "BP 812/555/0137", "call 812/555/013", "call 112/555/0137", "call 812/055-0137"]
        {
            assert!(phones_in(text).is_empty(), "{text}: {:?}", phones_in(text));
        }
    }

    #[test]
    fn phones_with_a_country_code() {
        let intl = |text: &str| -> Vec<String> {
            let t = Tokens::new(text);
            let mut out = Vec::new();
            for i in 0..t.len() {
                international_phone_at(&t, i, &mut out);
            }
            out.iter().filter_map(|c| text.get(c.start..c.end)).map(str::to_string).collect()
        };
        assert_eq!(intl("Cell while in US: +48 601 555 274\n"), ["+48 601 555 274"]);
        assert_eq!(intl("claims fax +48 22 555 0190."), ["+48 22 555 0190"]);
        assert_eq!(intl("+44 20 7946 0958 and +52-33-1234-5678"), ["+44 20 7946 0958", "+52-33-1234-5678"]);
        assert_eq!(intl("mobile +2348031234567"), ["+2348031234567"]);
        // Signs, a code of 1 (the US rules), too few digits, a group glued to letters, a line break.
        for text in
            ["+2 edema, BP +10 20 30", "+1 617 555 0100", "score +3 2 4", "+48 601 555 274mg", "+48 601\n555 274"]
        {
            assert!(intl(text).is_empty(), "{text}: {:?}", intl(text));
        }
    }

    #[test]
    fn masked_and_partial_ssns_after_ssn_context() {
        assert_eq!(ssns("SSN XXX-XX-6620 verified"), ["XXX-XX-6620"]);
        assert_eq!(ssns("SSN ***-**-3318\nPayer"), ["***-**-3318"]);
        assert_eq!(ssns("ssn: xxx-xx-1234"), ["xxx-xx-1234"]);
        assert_eq!(ssns("Social Security *****4455"), ["*****4455"]);
        assert_eq!(ssns("verified with DOB and last 4 of SSN (2210)."), ["2210"]);
        assert_eq!(ssns("SSN last four 1234"), ["1234"]);
        assert_eq!(ssns("SSN ending in 9876"), ["9876"]);
        assert_eq!(ssns("SSN: 4321"), ["4321"]);
        assert_eq!(ssns("SSN (last 4): 7731\nMember"), ["7731"]);
        assert_eq!(ssns("SSN (last four) 7731"), ["7731"]);
        // The full forms are unchanged.
        assert_eq!(ssns("SSN 123-45-6789"), ["123-45-6789"]);
    }

    #[test]
    fn masked_dashed_groups_are_an_ssn_or_a_phone_by_their_shape() {
        fn kinds(text: &str) -> Vec<(PhiKind, &str)> {
            let t = Tokens::new(text);
            let mut out = Vec::new();
            for i in 0..t.len() {
                ssn_at(&t, i, &mut out);
            }
            out.iter().map(|c| (c.kind, &text[c.start..c.end])).collect()
        }
        assert_eq!(kinds("pt provided ***-**-2209."), [(PhiKind::Ssn, "***-**-2209")]);
        assert_eq!(kinds("XXX-XX-6620 on the form"), [(PhiKind::Ssn, "XXX-XX-6620")]);
        assert_eq!(kinds("2FA SMS -> ***-***-0627 IP"), [(PhiKind::Phone, "***-***-0627")]);
        for text in ["**-**-1234", "***-**-12345", "1-***-**-1234", "****-***-0627", "***-*-1234", "***-**-**34"] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn masked_and_partial_ssns_need_their_context() {
        for s in [
            "*****3318",
            "last 4 digits 2210",
            "SSN on file since 2019",
            "SS 1200 units",
            "SSN verified; phone 555-0134",
            "SSN: 12345",
            "SSN XX-XXX-1234",
            "SSN XXX-XX-12345",
            "SSN 1-XXX-XX-1234",
            "insulin SS: 1500",
            // The wider reach needs `last 4` and the same line.
            "SSN verified, last dose 1200",
            "SSN on file\nlast 4 visits: 2019",
            "SSN on file, last seen (2019): 1234",
        ] {
            assert!(ssns(s).is_empty(), "{s}: {:?}", ssns(s));
        }
    }
}
