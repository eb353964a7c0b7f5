//! Email addresses, web URLs and IPv6 addresses (45 CFR 164.514(b)(2)(i)(F), (N), (O)).
//!
//! These are found by scanning bytes rather than tokens (an address is one run of
//! non-space characters). Each scan jumps between the bytes that can start a match (`@`, a
//! word start, `:`) and classifies bytes with one table lookup, so text without such bytes is
//! crossed quickly. A match never spans ASCII whitespace and depends only on the bytes of its
//! whitespace-delimited chunk.

use super::scan::{find_either, positions};
use super::{Candidate, PhiKind};
use std::net::Ipv6Addr;

/// Bits of [`CLASS`].
const ALNUM: u8 = 1 << 0;
/// Letters, digits, `-` and `.`: host names.
const HOST: u8 = 1 << 1;
/// Hex digits, `:` and `.`: IPv6 addresses (with an embedded IPv4 tail).
const V6: u8 = 1 << 2;
/// Characters of an email local part (RFC 5322 atext and `.`).
const LOCAL: u8 = 1 << 3;
/// Characters a URL may contain.
const URL: u8 = 1 << 4;

// Evaluated at compile time only ([`CLASS`]): an index out of range would fail the build.
#[allow(clippy::indexing_slicing)]
const fn class_of(b: u8) -> u8 {
    let mut c = 0;
    if b.is_ascii_alphanumeric() {
        c |= ALNUM | HOST | LOCAL;
    }
    if b == b'-' || b == b'.' {
        c |= HOST;
    }
    if b.is_ascii_hexdigit() || b == b':' || b == b'.' {
        c |= V6;
    }
    let mut k = 0;
    let specials = b".!#$%&'*+/=?^_`{|}~-";
    while k < specials.len() {
        if specials[k] == b {
            c |= LOCAL;
        }
        k += 1;
    }
    let mut url = b.is_ascii_graphic();
    let excluded = b"<>\"'`{}|\\^[]";
    k = 0;
    while k < excluded.len() {
        if excluded[k] == b {
            url = false;
        }
        k += 1;
    }
    if url {
        c |= URL;
    }
    c
}

#[allow(clippy::indexing_slicing)] // compile time only, as above
const fn class_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = class_of(b as u8);
        b += 1;
    }
    t
}

/// Class bits of every byte (non-ASCII bytes have none).
static CLASS: [u8; 256] = class_table();

fn is(bytes: &[u8], i: usize, bits: u8) -> bool {
    bytes.get(i).is_some_and(|&b| CLASS.get(usize::from(b)).is_some_and(|c| c & bits != 0))
}

/// One past the run of bytes of class `bits` starting at `i`.
fn run_end(bytes: &[u8], mut i: usize, bits: u8) -> usize {
    while is(bytes, i, bits) {
        i += 1;
    }
    i
}

/// Email addresses: `local@domain.tld`.
pub(crate) fn find_email(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    for at in positions(bytes, b'@', b'@') {
        let mut s = at;
        while s > 0 && is(bytes, s - 1, LOCAL) {
            s -= 1;
        }
        let mut e = run_end(bytes, at + 1, HOST);
        while e > at + 1 && bytes.get(e - 1).is_some_and(|&b| b == b'.' || b == b'-') {
            e -= 1;
        }
        let domain = text.get(at + 1..e).unwrap_or("");
        let tld_ok = domain
            .rsplit_once('.')
            .is_some_and(|(h, tld)| !h.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
        if s < at && tld_ok {
            out.push(Candidate::new(PhiKind::Email, s, e, 99));
        }
    }
}

const URL_STARTS: &[&str] = &["http://", "https://", "ftp://", "www."];
const TLDS: &[&str] =
    &["com", "org", "net", "edu", "gov", "io", "us", "info", "health", "mil", "biz", "me", "co", "app"];

/// End of a URL body starting at `s`, with trailing sentence punctuation trimmed.
fn url_end(bytes: &[u8], s: usize) -> usize {
    let mut e = run_end(bytes, s, URL);
    while e > s && bytes.get(e - 1).is_some_and(|b| b".,;:!?)".contains(b)) {
        e -= 1;
    }
    e
}

fn at_word_start(bytes: &[u8], i: usize) -> bool {
    i == 0 || bytes.get(i - 1).is_some_and(|b| !b.is_ascii_alphanumeric() && *b != b'.' && *b != b'@')
}

fn has_scheme(rest: &[u8]) -> bool {
    matches!(rest.first(), Some(b'h' | b'H' | b'f' | b'F' | b'w' | b'W'))
        && URL_STARTS.iter().any(|p| rest.get(..p.len()).is_some_and(|r| r.eq_ignore_ascii_case(p.as_bytes())))
}

/// Web URLs: with a scheme, `www.`, or a bare host ending in a common TLD. Only word starts
/// (a letter or digit after a byte that is none of those, `.` or `@`) can begin one.
///
/// Every form holds, inside its whitespace-delimited chunk, a `:` before `//` (a scheme), the
/// `.` of `www.`, or a `.` before a letter (the dot before the TLD, and TLDs are letters). The
/// scan of a chunk does not depend on what came before it (no step crosses whitespace, and the
/// byte after whitespace is a word start), so only the chunks holding one of those marks are
/// scanned. (A `.` or `:` of any other kind, as in `Dr.`, `DOB:` or `03.04`, is most of
/// them in a note.)
pub(crate) fn find_url(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    // `from`: where the next mark is looked for; `scanned`: the end of the last scanned chunk.
    let (mut from, mut scanned) = (0, 0);
    while let Some(mark) = find_either(bytes, from, b'.', b':') {
        if !may_mark_url(bytes, mark) {
            from = mark + 1;
            continue;
        }
        let start = bytes
            .get(scanned..mark)
            .and_then(|r| r.iter().rposition(u8::is_ascii_whitespace))
            .map_or(scanned, |k| scanned + k + 1);
        let end = bytes
            .get(mark..)
            .and_then(|r| r.iter().position(u8::is_ascii_whitespace))
            .map_or(bytes.len(), |k| mark + k);
        find_url_in(text, start, end, out);
        (from, scanned) = (end, end);
    }
}

/// The `.` or `:` at `mark` can be part of a URL ([`find_url`]): `://`, `www.`, or `.` and a
/// letter.
fn may_mark_url(bytes: &[u8], mark: usize) -> bool {
    let next = bytes.get(mark + 1).copied().unwrap_or(0);
    if bytes.get(mark) == Some(&b':') {
        return next == b'/' && bytes.get(mark + 2) == Some(&b'/');
    }
    next.is_ascii_alphabetic()
        || mark.checked_sub(3).and_then(|s| bytes.get(s..mark)).is_some_and(|w| w.eq_ignore_ascii_case(b"www"))
}

/// [`find_url`] on the chunk `start..end`.
fn find_url_in(text: &str, start: usize, end: usize, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        if !is(bytes, i, ALNUM) {
            i += 1;
            continue;
        }
        if !at_word_start(bytes, i) {
            // No byte inside a run of letters and digits is a word start.
            i = run_end(bytes, i, ALNUM);
            continue;
        }
        if has_scheme(bytes.get(i..).unwrap_or(&[])) {
            let e = url_end(bytes, i);
            out.push(Candidate::new(PhiKind::Url, i, e, 99));
            i = e.max(i + 1);
            continue;
        }
        // The letters, digits and hyphens of the word; a bare host needs a dot after them.
        let word_end = run_end(bytes, i, ALNUM);
        let word_end = if bytes.get(word_end) == Some(&b'-') { hyphenated_end(bytes, word_end) } else { word_end };
        // A dot that ends a sentence (nothing of a host after it) cannot end a bare host.
        if bytes.get(word_end) == Some(&b'.') && is(bytes, word_end + 1, HOST) {
            if let Some(e) = bare_host_end(text, i) {
                out.push(Candidate::new(PhiKind::Url, i, e, 85));
                i = e;
                continue;
            }
        }
        // Skip the rest of this host-like run so `1-1-1-...` stays linear.
        i = word_end;
    }
}

/// One past the run of letters, digits and hyphens from `i`.
fn hyphenated_end(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|&b| b == b'-' || b.is_ascii_alphanumeric()) {
        i += 1;
    }
    i
}

/// `portal.example.org/path`: labels of letters/digits/hyphens, at least two dots or one dot
/// and a path, ending in a known TLD.
fn bare_host_end(text: &str, s: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut e = run_end(bytes, s, HOST);
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

/// IPv6 addresses: a run of hex digits, colons and dots that parses, with `::` or 7 colons.
///
/// Each maximal run of such bytes is looked at once, from its first byte not glued to a
/// letter or digit on its left; only runs holding a colon can match, so the scan jumps from
/// colon to colon. The colon found is the first of its run after `from` (the end of the last
/// run looked at), so when the byte after it cannot continue the run (`DOB: `, `MRN:`, most
/// colons of a note), the run has that one colon and cannot match: it is passed over without
/// being walked.
pub(crate) fn find_ipv6(text: &str, out: &mut Vec<Candidate>) {
    ipv6_runs(text, true, out);
}

/// The walk of [`find_ipv6`]; `skip_lone_colons` passes over a colon that cannot continue a
/// run (off only in the test that checks this skips no address).
#[inline(always)]
fn ipv6_runs(text: &str, skip_lone_colons: bool, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(colon) = find_either(bytes, from, b':', b':') {
        if skip_lone_colons && !is(bytes, colon + 1, V6) {
            from = colon + 1;
            continue;
        }
        let mut a = colon;
        while a > from && is(bytes, a - 1, V6) {
            a -= 1;
        }
        let b = run_end(bytes, colon, V6);
        from = b.max(colon + 1);
        let glued = |p: usize| p > 0 && bytes.get(p - 1).is_some_and(u8::is_ascii_alphanumeric);
        let Some(s) = (a..b).find(|&p| !glued(p)) else { continue };
        if let Some(end) = ipv6_in_run(text, s, b) {
            out.push(Candidate::new(PhiKind::Ip, s, end, 85));
        } else if let Some(end) = mac_in_run(bytes, s, b) {
            out.push(Candidate::new(PhiKind::Device, s, end, 85));
        }
    }
}

/// A MAC address, the hardware identifier of a device's network interface (45 CFR
/// 164.514(b)(2)(i)(M)), in the run `s..e`: six pairs of hex digits joined by `:`
/// (`00:1B:44:11:3A:B7`), a `.` or `:` after it left out, nothing glued after it. Returns its
/// end.
fn mac_in_run(bytes: &[u8], s: usize, e: usize) -> Option<usize> {
    const LEN: usize = 17;
    let end = s + LEN;
    let run = bytes.get(s..end)?;
    let shaped = run.iter().enumerate().all(|(k, b)| if k % 3 == 2 { *b == b':' } else { b.is_ascii_hexdigit() });
    let rest_ok = bytes.get(end..e).is_some_and(|rest| rest.iter().all(|&b| b == b'.' || b == b':'));
    let glued = bytes.get(e).is_some_and(u8::is_ascii_alphanumeric);
    (shaped && rest_ok && !glued).then_some(end)
}

/// The address in the run `s..e` (trailing `.`/`:` trimmed unless it ends in `::`), if it is
/// one: returns its end.
fn ipv6_in_run(text: &str, s: usize, e: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(s..e)?.iter().filter(|&&b| b == b':').count() < 2 {
        return None;
    }
    let mut end = e;
    while end > s
        && bytes.get(end - 1).is_some_and(|&b| b == b'.' || b == b':')
        && !text.get(s..end).is_some_and(|c| c.ends_with("::"))
    {
        end -= 1;
    }
    let cand = text.get(s..end)?;
    let colons = cand.bytes().filter(|&b| b == b':').count();
    let shaped = cand.contains("::") || colons == 7;
    let has_hex = cand.bytes().any(|b| b.is_ascii_hexdigit());
    let glued = bytes.get(e).is_some_and(|b| b.is_ascii_alphanumeric());
    (colons >= 2 && shaped && has_hex && !glued && cand.parse::<Ipv6Addr>().is_ok()).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`find_url`] as it was before the mark filter: every whitespace-delimited chunk that
    /// holds a `.` or a `:` is scanned.
    fn find_url_every_chunk(text: &str) -> Vec<(usize, usize, u8)> {
        let mut out = Vec::new();
        let mut start = 0;
        for chunk in text.split(|c: char| c.is_ascii_whitespace()) {
            if chunk.contains(['.', ':']) {
                find_url_in(text, start, start + chunk.len(), &mut out);
            }
            start += chunk.len() + 1;
        }
        out.iter().map(|c| (c.start, c.end, c.score)).collect()
    }

    /// [`find_ipv6`] without the colon filter: the run of every colon found is walked.
    fn find_ipv6_every_colon(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        ipv6_runs(text, false, &mut out);
        out.iter().map(|c| (c.start, c.end)).collect()
    }

    #[test]
    fn colon_filter_finds_what_a_walk_of_every_run_finds() {
        let parts = [
            "::",
            ":",
            "::1",
            "fe80::1",
            "FE80:0:0:0:0:0:0:1",
            "1:2:3:4:5:6:7:8",
            "a:b",
            "DOB:",
            "MRN:",
            "10:30",
            "::ffff:192.0.2.1",
            "2001:db8::",
            "x",
            "g",
            "1.",
            ".",
            "é",
            "ab",
            ":::",
            "a",
            "0",
            " ",
            "\n",
        ];
        let mut rng = crate::deid::text::TestRng::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + rng.below(8) {
                text.push_str(parts[rng.below(parts.len())]);
            }
            let mut found = Vec::new();
            find_ipv6(&text, &mut found);
            let found: Vec<_> = found.iter().map(|c| (c.start, c.end)).collect();
            assert_eq!(found, find_ipv6_every_colon(&text), "{text:?}");
        }
    }

    #[test]
    fn mark_filter_finds_what_a_scan_of_every_chunk_finds() {
        let parts = [
            "http://a.io/x",
            "HTTPS://x",
            "ftp://h",
            "www.",
            "WwW.5",
            "xwww.y",
            "a.com",
            "a.COM/p?q=1",
            "a.b.org.",
            "Dr.",
            "DOB:",
            "03.04.2021",
            "x:/",
            ":",
            ".",
            "a.",
            "é.org",
            "mail@x.org",
            "b-c.net",
            "1.us",
            "see:",
            "portal.example.health",
            "e.g.",
            "10:30",
            "a:b//c",
            "(www.x.io)",
            "\u{a0}",
            " ",
            "\n",
            "\t",
        ];
        let mut rng = crate::deid::text::TestRng::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + rng.below(6) {
                text.push_str(parts[rng.below(parts.len())]);
                if rng.below(2) == 0 {
                    text.push(' ');
                }
            }
            let mut found = Vec::new();
            find_url(&text, &mut found);
            let found: Vec<_> = found.iter().map(|c| (c.start, c.end, c.score)).collect();
            assert_eq!(found, find_url_every_chunk(&text), "{text:?}");
        }
    }
}
