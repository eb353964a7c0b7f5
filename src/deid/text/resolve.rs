//! Overlap resolution: of candidates that overlap, the one with the higher score wins, then
//! the longer one, then the earlier one (as in Presidio's analyzer). Candidates that overlap a
//! placeholder this scrubber wrote (`[NAME]`, `[DATE-2]`, `90+`) are dropped, which makes
//! scrubbing idempotent.

use super::{Candidate, PhiKind};
use std::collections::BTreeMap;

/// Longest placeholder looked for, in bytes (`[HEALTH_PLAN_ID-123456]` fits).
const MAX_PLACEHOLDER: usize = 32;

/// Byte ranges of placeholders already present in the text, sorted by start.
pub(crate) fn placeholders(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for (open, _) in text.match_indices('[') {
        // Labels are short: look for the bracket only nearby, so text full of `[` stays linear.
        let rest = text.get(open..).unwrap_or("");
        let mut end = rest.len().min(MAX_PLACEHOLDER);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let Some(close) = rest.get(..end).and_then(|r| r.find(']')) else { continue };
        let inner = text.get(open + 1..open + close).unwrap_or("");
        let label = inner.split_once('-').map_or(inner, |(l, n)| {
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                l
            } else {
                ""
            }
        });
        if PhiKind::from_label(label).is_some() {
            out.push((open, open + close + 1));
        }
    }
    // `90+` found from its `+` (a byte search, and `+` is rare in notes).
    for (plus, _) in text.match_indices('+') {
        let Some(at) = plus.checked_sub(2).filter(|&at| bytes.get(at..plus) == Some(b"90")) else { continue };
        let glued = at > 0 && bytes.get(at - 1).is_some_and(u8::is_ascii_digit);
        if !glued {
            out.push((at, at + 3));
        }
    }
    out.sort_unstable();
    out
}

/// Whether `span` overlaps one of the sorted, non-overlapping `protected` ranges.
fn hits_protected(protected: &[(usize, usize)], span: (usize, usize)) -> bool {
    let after = protected.partition_point(|p| p.0 < span.1);
    after > 0 && protected.get(after - 1).is_some_and(|&p| overlaps(p, span))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Non-overlapping winners, sorted by start.
pub(crate) fn resolve(mut cands: Vec<Candidate>, protected: &[(usize, usize)]) -> Vec<Candidate> {
    cands.retain(|c| c.start < c.end && !hits_protected(protected, (c.start, c.end)));
    cands.sort_by(|a, b| {
        b.score.cmp(&a.score).then((b.end - b.start).cmp(&(a.end - a.start))).then(a.start.cmp(&b.start))
    });
    let mut taken: BTreeMap<usize, Candidate> = BTreeMap::new();
    for c in cands {
        let before = taken.range(..c.end).next_back().map(|(_, p)| (p.start, p.end));
        if before.is_some_and(|p| overlaps(p, (c.start, c.end))) {
            continue;
        }
        taken.insert(c.start, c);
    }
    taken.into_values().collect()
}
