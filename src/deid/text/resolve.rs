//! Overlap resolution: of candidates that overlap, the one with the higher score wins, then
//! the longer one, then the earlier one (as in Presidio's analyzer). Candidates that overlap a
//! placeholder this scrubber wrote (`[NAME]`, `[DATE-2]`, `90+`) are dropped, which makes
//! scrubbing idempotent.

use super::{scan, Candidate, PhiKind};

/// Longest placeholder looked for, in bytes (`[HEALTH_PLAN_ID-123456]` fits).
const MAX_PLACEHOLDER: usize = 32;

/// The class of the placeholder label inside `[...]`: `NAME` or `NAME-12`.
fn label_kind(inner: &[u8]) -> Option<PhiKind> {
    let label = match inner.iter().position(|&b| b == b'-') {
        Some(dash) => {
            let n = inner.get(dash + 1..)?;
            if n.is_empty() || !n.iter().all(u8::is_ascii_digit) {
                return None;
            }
            inner.get(..dash)?
        }
        None => inner,
    };
    PhiKind::from_label(std::str::from_utf8(label).ok()?)
}

/// Byte ranges of placeholders already present in the text, sorted by start. `expected` is
/// how many the caller expects (room made at once, rather than grown placeholder by
/// placeholder; more or fewer are found all the same).
pub(crate) fn placeholders(text: &str, expected: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(expected);
    let bytes = text.as_bytes();
    // One search for both markers: a `[` opens a label, a `+` ends `90+`.
    for at in scan::positions(bytes, b'[', b'+') {
        if bytes.get(at) == Some(&b'[') {
            // Labels are short: look for the bracket only nearby, so text full of `[` stays
            // linear. (`]` is one byte, never inside a multi-byte character.)
            let window = bytes.get(at + 1..bytes.len().min(at + MAX_PLACEHOLDER)).unwrap_or(&[]);
            let Some(close) = window.iter().position(|&b| b == b']') else { continue };
            if window.get(..close).and_then(label_kind).is_some() {
                out.push((at, at + close + 2));
            }
            continue;
        }
        let Some(start) = at.checked_sub(2).filter(|&s| bytes.get(s..at) == Some(b"90")) else { continue };
        let glued = start > 0 && bytes.get(start - 1).is_some_and(u8::is_ascii_digit);
        if !glued {
            out.push((start, start + 3));
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

/// The sort key of a candidate: higher score first, then the longer span, then the earlier
/// start, packed into one integer (spans and offsets are below [`super::MAX_TEXT_BYTES`],
/// 2^24, so each fits its 24 bits).
fn rank(c: &Candidate) -> u64 {
    const FIELD: u64 = (1 << 24) - 1;
    let len = (c.end - c.start) as u64 & FIELD;
    let start = c.start as u64 & FIELD;
    u64::from(u8::MAX - c.score) << 48 | (FIELD - len) << 24 | start
}

/// Bytes already covered by a winner, one bit each, in words the caller provides
/// ([`TakenRoom`]).
struct Taken<'r>(&'r mut [u64]);

/// Texts up to this many 64-byte words (4 KiB, more than most notes) keep their [`Taken`] bits
/// on the stack: resolution runs once per pass, and an allocation there cost as much as the
/// bit tests of a short note's candidates.
const TAKEN_ON_STACK: usize = 64;

/// The room of a [`Taken`]: on the stack for a short text, allocated for a longer one.
struct TakenRoom {
    small: [u64; TAKEN_ON_STACK],
    large: Vec<u64>,
}

impl TakenRoom {
    fn new() -> Self {
        TakenRoom { small: [0; TAKEN_ON_STACK], large: Vec::new() }
    }

    /// The bits of a text of `len` bytes, all clear.
    fn taken(&mut self, len: usize) -> Taken<'_> {
        let words = len / 64 + 1;
        if words <= TAKEN_ON_STACK {
            if let Some(bits) = self.small.get_mut(..words) {
                return Taken(bits);
            }
        }
        self.large = vec![0; words];
        Taken(&mut self.large)
    }
}

impl Taken<'_> {
    /// The words of `s..e` (`e > s`) and, for each, the mask of its bits inside the range.
    fn words(s: usize, e: usize) -> impl Iterator<Item = (usize, u64)> {
        (s / 64..=(e - 1) / 64).map(move |w| {
            let lo = s.max(w * 64) - w * 64;
            let hi = e.min(w * 64 + 64) - w * 64;
            let mask = if hi - lo == 64 { u64::MAX } else { ((1u64 << (hi - lo)) - 1) << lo };
            (w, mask)
        })
    }

    fn any(&self, s: usize, e: usize) -> bool {
        Taken::words(s, e).any(|(w, m)| self.0.get(w).is_some_and(|&b| b & m != 0))
    }

    fn set(&mut self, s: usize, e: usize) {
        for (w, m) in Taken::words(s, e) {
            if let Some(b) = self.0.get_mut(w) {
                *b |= m;
            }
        }
    }
}

/// Candidates up to which [`resolve`] sorts integers rather than candidates: a candidate's
/// [`rank`] fills 56 bits, and its index in the low 8 bits of the same `u64` makes every key
/// distinct, so an unstable sort of the keys gives exactly the order of a stable sort of the
/// candidates (48 bytes each, moved at every step) by rank. Notes propose far fewer.
const PACKED: usize = 256;

/// Non-overlapping winners, sorted by start. `text_len` bounds every candidate's end.
pub(crate) fn resolve(mut cands: Vec<Candidate>, protected: &[(usize, usize)], text_len: usize) -> Vec<Candidate> {
    cands.retain(|c| c.start < c.end && !hits_protected(protected, (c.start, c.end)));
    let mut room = TakenRoom::new();
    let mut taken = room.taken(text_len);
    if cands.len() <= PACKED {
        // Keys and outcomes on the stack: nothing is allocated for the few candidates of a note.
        let mut keys = [0u64; PACKED];
        let keys = keys.get_mut(..cands.len()).unwrap_or(&mut []);
        for (key, (c, k)) in keys.iter_mut().zip(cands.iter().zip(0u64..)) {
            *key = rank(c) << 8 | k;
        }
        keys.sort_unstable();
        let mut won = [false; PACKED];
        for key in keys.iter() {
            let k = (key & 0xff) as usize;
            let Some(&c) = cands.get(k) else { continue };
            // `c`, taken in rank order, wins if its bytes are still free.
            let w = !taken.any(c.start, c.end);
            if w {
                taken.set(c.start, c.end);
            }
            if let Some(slot) = won.get_mut(k) {
                *slot = w;
            }
            if !w && widens(&c) {
                // A strong name that lost widens the winner it met, before any weaker candidate
                // can take the rest of its bytes. That winner: the first, by start, of those won
                // so far that ends after `c` starts (winners do not overlap).
                let winner = cands
                    .iter_mut()
                    .zip(&won)
                    .filter(|(w, &won)| won && w.end > c.start)
                    .map(|(w, _)| w)
                    .min_by_key(|w| w.start);
                widen_name(winner, &mut taken, &c);
            }
        }
        let mut k = 0;
        cands.retain(|_| {
            k += 1;
            won.get(k - 1).copied().unwrap_or(false)
        });
        // Winners do not overlap, so no two share a start.
        cands.sort_unstable_by_key(|c| c.start);
    } else {
        // Stable, so candidates that tie on every key keep the recognizers' order.
        cands.sort_by_key(rank);
        // The winners so far by start, as indices into `cands` (winners do not overlap, so no
        // two share a start); in start order, they are the result.
        let mut winners: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for k in 0..cands.len() {
            let Some(&c) = cands.get(k) else { continue };
            if !taken.any(c.start, c.end) {
                taken.set(c.start, c.end);
                winners.insert(c.start, k);
            } else if widens(&c) {
                // The first winner by start that ends after `c` starts: the last one starting
                // at or before it, if it reaches past it, or else the next one.
                let before = winners.range(..=c.start).next_back().map(|(_, &w)| w);
                let reaching = before.filter(|&w| cands.get(w).is_some_and(|w| w.end > c.start));
                let Some(w) = reaching.or_else(|| winners.range(c.start + 1..).next().map(|(_, &w)| w)) else {
                    continue;
                };
                let old_start = cands.get(w).map_or(0, |w| w.start);
                widen_name(cands.get_mut(w), &mut taken, &c);
                if let Some(new_start) = cands.get(w).map(|w| w.start).filter(|&s| s != old_start) {
                    winners.remove(&old_start);
                    winners.insert(new_start, w);
                }
            }
        }
        return winners.values().filter_map(|&k| cands.get(k).copied()).collect();
    }
    cands
}

/// A name candidate that, having lost, may widen the name that beat it ([`widen_name`]).
fn widens(c: &Candidate) -> bool {
    c.kind == PhiKind::Name && c.score >= STRONG_NAME
}

/// The lowest score of a name rule with context of its own (a title, a relation, a label):
/// weaker name candidates (a dictionary word such as `Son` before a name) never widen another.
const STRONG_NAME: u8 = 90;

/// A strong name that lost to a name: when `lost` overlaps exactly one winner, a name, and the rest of
/// `lost` is free, the winner grows to cover both (`Svetlana Sorensen` from a context rule
/// and the record's surname `Sorensen`, scored higher, become one span). Without this the
/// first name waits for the next pass, which finds it next to `[NAME]`, and the output says
/// `[NAME] [NAME]`. The winner takes only bytes `lost` would have taken had it not met it.
///
/// `winner` is the first winner (by start) that ends after `lost` starts.
fn widen_name(winner: Option<&mut Candidate>, taken: &mut Taken, lost: &Candidate) {
    let Some(w) = winner.filter(|w| w.start < lost.end && w.kind == PhiKind::Name) else { return };
    let (start, end) = (w.start.min(lost.start), w.end.max(lost.end));
    let before_free = start == w.start || !taken.any(start, w.start);
    let after_free = end == w.end || !taken.any(w.end, end);
    if !(before_free && after_free) {
        return;
    }
    taken.set(start, end);
    w.start = start;
    w.end = end;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deid::text::TestRng;

    /// [`resolve`] as first written: a stable sort of the candidates themselves by rank.
    fn reference(mut cands: Vec<Candidate>, protected: &[(usize, usize)], text_len: usize) -> Vec<Candidate> {
        cands.retain(|c| c.start < c.end && !hits_protected(protected, (c.start, c.end)));
        cands.sort_by_key(rank);
        let mut room = TakenRoom::new();
        let mut taken = room.taken(text_len);
        // In rank order: a candidate wins if its bytes are free; a strong name that loses
        // widens the first winner so far, by start, that ends after it starts.
        let mut winners: Vec<Candidate> = Vec::new();
        for c in cands {
            if !taken.any(c.start, c.end) {
                taken.set(c.start, c.end);
                winners.push(c);
            } else if c.kind == PhiKind::Name && c.score >= STRONG_NAME {
                let winner = winners.iter_mut().filter(|w| w.end > c.start).min_by_key(|w| w.start);
                widen_name(winner, &mut taken, &c);
            }
        }
        winners.sort_unstable_by_key(|c| c.start);
        winners
    }

    fn shown(cands: &[Candidate]) -> Vec<(PhiKind, usize, usize, u8)> {
        cands.iter().map(|c| (c.kind, c.start, c.end, c.score)).collect()
    }

    /// Counts of candidates on both sides of [`PACKED`], with many ties on every key (the same
    /// span and score proposed as different classes), names that widen, and empty spans.
    #[test]
    fn winners_match_a_stable_sort_of_the_candidates() {
        let mut rng = TestRng::new(0x5DEE_CE66_D1CE_4E5B);
        let kinds = [PhiKind::Name, PhiKind::Date, PhiKind::Address, PhiKind::Phone];
        for n in [0, 1, 2, 7, 40, 255, 256, 257, 600] {
            for _ in 0..20 {
                // Longer texts too past `PACKED`, whose taken bits do not fit on the stack.
                let text_len = 20 + rng.below(4 * n + 20) * if n > PACKED { 3 } else { 1 };
                let cands: Vec<Candidate> = (0..n)
                    .map(|_| {
                        let start = rng.below(text_len);
                        let end = (start + rng.below(12)).min(text_len);
                        let score = [60, 85, 90, 95][rng.below(4)];
                        Candidate::new(kinds[rng.below(kinds.len())], start, end, score)
                    })
                    .collect();
                let protected = [(3, 6), (text_len / 2, text_len / 2 + 4)];
                let got = resolve(cands.clone(), &protected, text_len);
                assert_eq!(shown(&got), shown(&reference(cands, &protected, text_len)), "{n}");
            }
        }
    }
}
