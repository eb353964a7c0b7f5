//! Identifier numbers found by a context word (45 CFR 164.514(b)(2)(i)(H)-(M), (R)): medical
//! record, account, member/policy/beneficiary, license and certificate, plate and VIN, serial
//! and device numbers. The value is the alphanumeric code after the word, which must contain a
//! digit.

use super::lexicon::bit;
use super::scan::marked;
use super::token::{TokKind, Tokens};
use super::{Candidate, PhiKind};

/// Context word → class. Multi-word contexts are matched on their last word plus a check.
pub(crate) const CONTEXT: &[(&str, PhiKind)] = &[
    ("mrn", PhiKind::Mrn),
    ("mr", PhiKind::Mrn),
    ("chart", PhiKind::Mrn),
    ("record", PhiKind::Mrn),
    ("account", PhiKind::Account),
    ("acct", PhiKind::Account),
    ("member", PhiKind::HealthPlan),
    ("policy", PhiKind::HealthPlan),
    ("beneficiary", PhiKind::HealthPlan),
    ("subscriber", PhiKind::HealthPlan),
    ("medicare", PhiKind::HealthPlan),
    ("medicaid", PhiKind::HealthPlan),
    ("insurance", PhiKind::HealthPlan),
    ("group", PhiKind::HealthPlan),
    ("plan", PhiKind::HealthPlan),
    ("license", PhiKind::License),
    ("licence", PhiKind::License),
    ("dl", PhiKind::License),
    ("certificate", PhiKind::License),
    ("cert", PhiKind::License),
    ("npi", PhiKind::License),
    ("dea", PhiKind::License),
    ("passport", PhiKind::License),
    ("plate", PhiKind::Vehicle),
    ("vin", PhiKind::Vehicle),
    ("vehicle", PhiKind::Vehicle),
    ("serial", PhiKind::Device),
    ("sn", PhiKind::Device),
    ("device", PhiKind::Device),
    ("udi", PhiKind::Device),
    ("pacemaker", PhiKind::Device),
    ("implant", PhiKind::Device),
    ("id", PhiKind::Id),
    ("identifier", PhiKind::Id),
    ("claim", PhiKind::Id),
    ("case", PhiKind::Id),
    ("accession", PhiKind::Id),
    ("specimen", PhiKind::Id),
    ("badge", PhiKind::Id),
    ("employee", PhiKind::Id),
];

/// The classes a context word can name, in the order of their lexicon bits
/// ([`bit::ID_KIND`]).
pub(crate) const KINDS: [PhiKind; 7] = [
    PhiKind::Mrn,
    PhiKind::Account,
    PhiKind::HealthPlan,
    PhiKind::License,
    PhiKind::Vehicle,
    PhiKind::Device,
    PhiKind::Id,
];

/// The lexicon bit of a context word naming `kind`.
pub(crate) fn kind_bit(kind: PhiKind) -> u64 {
    KINDS.iter().position(|&k| k == kind).map_or(0, |p| bit::ID_KIND << p)
}

/// Connector words allowed between the context word and the code.
pub(crate) const CONNECTORS: &[&str] = &[
    "#",
    ":",
    "no",
    ".",
    "number",
    "num",
    "nbr",
    "id",
    "is",
    "=",
    "-",
    "code",
    "nos",
    "plate",
    "of",
    "and",
    "(",
    ")",
    "identifier",
];

/// Connectors that mark what follows as a number: a weak context word needs one of them.
pub(crate) const MARKERS: &[&str] = &["#", ":", "no", "number", "num", "nbr", "id", "="];

/// Whether token `k` is one of `words`, which are listed under `bit` in the lexicon (letters)
/// or single ASCII punctuation characters (looked up by character: the lexicon only
/// classifies words).
fn listed(t: &Tokens<'_>, k: usize, words: &[&str], bit: u64) -> bool {
    match t.kind(k) {
        Some(TokKind::Alpha) => t.has(k, bit),
        Some(TokKind::Punct) => words.iter().any(|w| w.len() == 1 && t.is(k, w)),
        _ => false,
    }
}

/// Context words too common to trigger alone: they need `#`, `:`, `no`, `number` or `id`.
pub(crate) const WEAK_CONTEXT: &[&str] = &[
    "group",
    "plan",
    "record",
    "chart",
    "case",
    "claim",
    "insurance",
    "employee",
    "device",
    "implant",
    "pacemaker",
    "vehicle",
    "medicare",
    "medicaid",
    "specimen",
    "id",
    "identifier",
];

const MAX_CODE_BYTES: usize = 40;

/// Clinical words that look like codes (letters with a digit) and follow words such as "plan:"
/// in notes ("Plan: HbA1c in 3 months"). Never identifiers.
const CLINICAL_CODES: &[&str] = &[
    "hba1c",
    "a1c",
    "b12",
    "b6",
    "b1",
    "d3",
    "co2",
    "spo2",
    "sao2",
    "fio2",
    "pao2",
    "o2",
    "h2o",
    "t3",
    "t4",
    "ft4",
    "ft3",
    "k2",
    "mg2",
    "ca2",
    "covid19",
    "hba1",
    "il6",
    "cd4",
    "cd8",
    "ct1",
    "pm2",
    "g6pd",
    "ck-mb",
    "nt-probnp",
];

/// Longest entry of [`CLINICAL_CODES`], in bytes.
const MAX_CLINICAL_CODE: usize = 9;

/// True when the code between token `start` and `end` (exclusive) is a clinical term.
fn is_clinical_code(t: &Tokens<'_>, start: usize, end: usize) -> bool {
    let mut buf = [0u8; MAX_CLINICAL_CODE];
    let mut len = 0;
    for k in start..end {
        let part = t.s(k).as_bytes();
        let Some(dst) = buf.get_mut(len..len + part.len()) else { return false };
        dst.copy_from_slice(part);
        len += part.len();
    }
    let code = buf.get(..len).unwrap_or(&[]);
    CLINICAL_CODES.iter().any(|c| c.as_bytes().eq_ignore_ascii_case(code))
}

fn context_kind(t: &Tokens<'_>, i: usize) -> Option<PhiKind> {
    if !t.has(i, bit::ID_CONTEXT) {
        return None;
    }
    if t.is(i, "mr") && !t.punct(i + 1, '#') {
        return None; // "Mr." is a title; "MR#" is a record number.
    }
    // Each context word is listed once, so it has one class bit.
    KINDS.iter().enumerate().find(|&(p, _)| t.has(i, bit::ID_KIND << p)).map(|(_, &k)| k)
}

/// Returns one past the last token of a code starting at `i`, if it is one.
fn code_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    let mut j = i;
    let mut has_digit = false;
    let mut alnum = 0usize;
    while j < t.len() && (j == i || t.joined(j)) {
        match t.kind(j) {
            Some(TokKind::Digit) => has_digit = true,
            Some(TokKind::Alpha) => {}
            Some(TokKind::Punct)
                if (t.punct(j, '-') || t.punct(j, '.') || t.punct(j, '/'))
                    && t.joined(j + 1)
                    && t.kind(j + 1) != Some(TokKind::Punct) => {}
            _ => break,
        }
        if t.kind(j) != Some(TokKind::Punct) {
            alnum += t.byte_len(j);
        }
        j += 1;
    }
    if t.kind(i) == Some(TokKind::Punct) {
        return None;
    }
    let bytes = t.end(j.saturating_sub(1)).saturating_sub(t.start(i));
    (has_digit && alnum >= 4 && bytes <= MAX_CODE_BYTES).then_some(j)
}

/// Plates written `ABC 1234`: a short letter group, a space, then digits.
fn spaced_plate(t: &Tokens<'_>, i: usize) -> Option<usize> {
    let letters = t.kind(i) == Some(TokKind::Alpha) && t.byte_len(i) <= 3 && t.all_caps(i);
    (letters && t.digits(i + 1, None) && !t.joined(i + 1) && t.byte_len(i + 1) <= 5).then_some(i + 2)
}

/// Identifier codes after a context word.
pub(crate) fn find_context_ids(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    // Only a context word can start one: one test of the keyword bits turns every other token
    // away.
    for i in marked(t, |_, tok| tok.lex & bit::ID_CONTEXT != 0) {
        let Some(kind) = context_kind(t, i) else { continue };
        let mut j = i + 1;
        let mut skipped = 0;
        while skipped < 5 && listed(t, j, CONNECTORS, bit::ID_CONNECTOR) {
            j += 1;
            skipped += 1;
        }
        let kind =
            if kind == PhiKind::License && (i + 1..j).any(|k| t.is(k, "plate")) { PhiKind::Vehicle } else { kind };
        let marked = (i + 1..j).any(|k| listed(t, k, MARKERS, bit::ID_MARKER));
        if t.has(i, bit::ID_WEAK) && !marked {
            continue;
        }
        let end = if kind == PhiKind::Vehicle { spaced_plate(t, j).or_else(|| code_at(t, j)) } else { code_at(t, j) };
        if let Some(e) = end.filter(|&e| !is_clinical_code(t, j, e)) {
            out.push(Candidate::new(kind, t.start(j), t.end(e - 1), 88));
        }
    }
}
