//! Pattern recognizers with validation: SSN, US telephone and fax numbers, email, URL, IPv4
//! and IPv6 (45 CFR 164.514(b)(2)(i)(D)-(G), (N), (O)).

use super::lexicon::bit;
use super::token::Tokens;
use super::{Candidate, PhiKind};
use std::net::{Ipv4Addr, Ipv6Addr};

pub(crate) const SSN_CONTEXT: &[&str] = &["ssn", "ss", "social", "security", "ssa"];
pub(crate) const PHONE_CONTEXT: &[&str] = &[
    "phone",
    "tel",
    "telephone",
    "fax",
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

/// SSNs: `123-45-6789`, `123 45 6789` / `123456789` only after an SSN context word.
pub(crate) fn find_ssn(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    for i in 0..t.len() {
        if !t.digits(i, None) || !clean_left(t, i) {
            continue;
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
}

/// NANP: area code and exchange start with 2-9.
fn nanp_ok(area: &str, exchange: &str) -> bool {
    let ok = |s: &str| s.as_bytes().first().is_some_and(|b| (b'2'..=b'9').contains(b));
    ok(area) && ok(exchange)
}

/// Matches a 10-digit phone starting at token `i`; returns the index one past its last token.
fn phone_at(t: &Tokens<'_>, i: usize, ctx: bool) -> Option<usize> {
    // (617) 555-0134 / (617)555-0134
    if t.punct(i, '(') && t.digits(i + 1, Some(3)) && t.punct(i + 2, ')') && t.digits(i + 3, Some(3)) {
        let sep_ok = t.punct(i + 4, '-') || t.punct(i + 4, '.');
        let line = if sep_ok && t.joined(i + 5) { i + 5 } else { i + 4 };
        if t.digits(line, Some(4)) && (line == i + 4 || t.joined(i + 4)) && nanp_ok(t.s(i + 1), t.s(i + 3)) {
            return Some(line + 1);
        }
        return None;
    }
    // 617-555-0134, 617.555.0134, 617 555 0134
    if t.digits(i, Some(3)) && t.digits(i + 2, Some(3)) && t.digits(i + 4, Some(4)) {
        let same = t.s(i + 1) == t.s(i + 3) && (t.punct(i + 1, '-') || t.punct(i + 1, '.'));
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
    // 6175550134 after a phone word
    if ctx && t.digits(i, Some(10)) && nanp_ok(t.s(i), t.s(i).get(3..).unwrap_or("")) {
        return Some(i + 1);
    }
    // 555-0134 (7 digits) after a phone word
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

/// US telephone and fax numbers in the common written formats.
pub(crate) fn find_phone(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    for i in 0..t.len() {
        if !(t.digits(i, None) || t.punct(i, '(')) {
            continue;
        }
        let ctx = context_before(t, i, 4, bit::PHONE_CONTEXT);
        let Some(j) = phone_at(t, i, ctx) else { continue };
        let first = country_code_start(t, i);
        if !clean_right(t, j) || !clean_left(t, first) {
            continue;
        }
        let last = extension_end(t, j);
        out.push(Candidate::new(PhiKind::Phone, t.start(first), t.end(last - 1), 80));
    }
}

fn email_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b)
}

fn host_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

/// Email addresses: `local@domain.tld`.
pub(crate) fn find_email(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        let mut s = at;
        while s > 0 && bytes.get(s - 1).is_some_and(|&b| email_local(b)) {
            s -= 1;
        }
        let mut e = at + 1;
        while bytes.get(e).is_some_and(|&b| host_char(b)) {
            e += 1;
        }
        while e > at + 1 && bytes.get(e - 1).is_some_and(|&b| b == b'.' || b == b'-') {
            e -= 1;
        }
        let domain = text.get(at + 1..e).unwrap_or("");
        let tld_ok = domain
            .rsplit_once('.')
            .is_some_and(|(h, tld)| !h.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
        if s < at && tld_ok {
            out.push(Candidate::new(PhiKind::Email, s, e, 95));
        }
    }
}

const URL_STARTS: &[&str] = &["http://", "https://", "ftp://", "www."];
const TLDS: &[&str] =
    &["com", "org", "net", "edu", "gov", "io", "us", "info", "health", "mil", "biz", "me", "co", "app"];

fn url_char(b: u8) -> bool {
    b.is_ascii_graphic() && !b"<>\"'`{}|\\^[]".contains(&b)
}

/// End of a URL body starting at `s`, with trailing sentence punctuation trimmed.
fn url_end(bytes: &[u8], s: usize) -> usize {
    let mut e = s;
    while bytes.get(e).is_some_and(|&b| url_char(b)) {
        e += 1;
    }
    while e > s && bytes.get(e - 1).is_some_and(|b| b".,;:!?)".contains(b)) {
        e -= 1;
    }
    e
}

fn at_word_start(bytes: &[u8], i: usize) -> bool {
    i == 0 || bytes.get(i - 1).is_some_and(|b| !b.is_ascii_alphanumeric() && *b != b'.' && *b != b'@')
}

/// Web URLs: with a scheme, `www.`, or a bare host ending in a common TLD.
pub(crate) fn find_url(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = bytes.get(i..).unwrap_or(&[]);
        let may_start = matches!(bytes.get(i), Some(b'h' | b'H' | b'f' | b'F' | b'w' | b'W'));
        let scheme = may_start
            && URL_STARTS.iter().any(|p| {
                rest.len() >= p.len() && rest.get(..p.len()).is_some_and(|r| r.eq_ignore_ascii_case(p.as_bytes()))
            });
        if scheme && at_word_start(bytes, i) {
            let e = url_end(bytes, i);
            out.push(Candidate::new(PhiKind::Url, i, e, 95));
            i = e.max(i + 1);
            continue;
        }
        if at_word_start(bytes, i) && bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            if let Some(e) = bare_host_end(text, i) {
                out.push(Candidate::new(PhiKind::Url, i, e, 85));
                i = e;
                continue;
            }
            // Skip the rest of this host-like run so `1-1-1-...` stays linear.
            let mut e = i + 1;
            while bytes.get(e).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'-') {
                e += 1;
            }
            i = e;
            continue;
        }
        i += 1;
    }
}

/// `portal.example.org/path`: labels of letters/digits/hyphens, at least two dots or one dot
/// and a path, ending in a known TLD.
fn bare_host_end(text: &str, s: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut e = s;
    let mut dot = false;
    while let Some(&b) = bytes.get(e).filter(|&&b| host_char(b)) {
        dot |= b == b'.';
        e += 1;
    }
    if !dot {
        return None; // no TLD: most words end here without building the host string
    }
    while e > s && bytes.get(e - 1) == Some(&b'.') {
        e -= 1;
    }
    if bytes.get(e) == Some(&b'@') {
        return None;
    }
    let host = text.get(s..e)?;
    let (_, tld) = host.rsplit_once('.')?;
    let known = TLDS.iter().any(|t| tld.eq_ignore_ascii_case(t));
    if !known || host.split('.').any(str::is_empty) || host.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if bytes.get(e) == Some(&b'/') {
        return Some(url_end(bytes, e));
    }
    Some(e)
}

/// IPv4 dotted quads (each octet 0-255, no leading zeros beyond `0`).
pub(crate) fn find_ipv4(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    for i in 0..t.len() {
        if !t.digits(i, None) || !clean_left(t, i) || (t.joined(i) && t.punct(i.wrapping_sub(1), '.')) {
            continue;
        }
        let shape = (0..4).all(|k| t.digits(i + 2 * k, None))
            && (0..3).all(|k| t.punct(i + 2 * k + 1, '.'))
            && (1..7).all(|k| t.joined(i + k));
        let next_continues = t.joined(i + 7) && (t.punct(i + 7, '.') && t.digits(i + 8, None) && t.joined(i + 8));
        if !shape || next_continues {
            continue;
        }
        let s = t.start(i);
        let e = t.end(i + 6);
        if t.text.get(s..e).and_then(|q| q.parse::<Ipv4Addr>().ok()).is_some() {
            out.push(Candidate::new(PhiKind::Ip, s, e, 85));
        }
    }
}

fn v6_char(b: u8) -> bool {
    b.is_ascii_hexdigit() || b == b':' || b == b'.'
}

/// IPv6 addresses: a run of hex digits, colons and dots that parses, with `::` or 7 colons.
pub(crate) fn find_ipv6(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let glued_left = i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_alphanumeric);
        if !bytes.get(i).is_some_and(|&b| v6_char(b)) || glued_left {
            i += 1;
            continue;
        }
        let mut e = i;
        let mut colons = 0usize;
        while let Some(&b) = bytes.get(e).filter(|&&b| v6_char(b)) {
            colons += usize::from(b == b':');
            e += 1;
        }
        if colons < 2 {
            // Fewer than two colons in the whole run: no trimmed part can be an address.
            i = e.max(i + 1);
            continue;
        }
        let mut end = e;
        while end > i
            && bytes.get(end - 1).is_some_and(|&b| b == b'.' || b == b':')
            && !text.get(i..end).is_some_and(|s| s.ends_with("::"))
        {
            end -= 1;
        }
        if let Some(cand) = text.get(i..end) {
            let colons = cand.bytes().filter(|&b| b == b':').count();
            let shaped = cand.contains("::") || colons == 7;
            let has_hex = cand.bytes().any(|b| b.is_ascii_hexdigit());
            let glued = bytes.get(e).is_some_and(|b| b.is_ascii_alphanumeric());
            if colons >= 2 && shaped && has_hex && !glued && cand.parse::<Ipv6Addr>().is_ok() {
                out.push(Candidate::new(PhiKind::Ip, i, end, 85));
            }
        }
        i = e.max(i + 1);
    }
}
