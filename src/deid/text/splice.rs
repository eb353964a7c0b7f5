//! The tokens of a pass's output, built from the tokens of its input.
//!
//! A later detection pass runs on the text the previous pass wrote, which differs from that
//! pass's input only where spans were replaced. Tokens away from the replacements are the same
//! (shifted), with the dictionary facts already looked up for them; only the tokens around
//! each replacement are produced again. The result is exactly the tokenization of the output:
//! each re-tokenized stretch starts where an unchanged token starts (with the whitespace state
//! in front of it) and ends where one ends, and tokens are maximal runs of one class, so the
//! tokens on either side of a stretch cannot join it.

use super::token::{tokenize_into, Token, TokenParts, Tokens};
use super::transform::Copied;
use super::Candidate;
use std::cell::Cell;

/// Tokens `first..=last` of the input, re-tokenized from the output as one stretch.
struct Stretch {
    first: usize,
    last: usize,
    /// The stretch begins at the start of the text (its first token is replaced).
    from_start: bool,
    /// The stretch runs to the end of the text (its last token is replaced).
    to_end: bool,
}

/// The stretches around the replaced `spans` (sorted, non-overlapping): every token a span
/// touches and one unchanged token on each side; stretches that meet are merged. Made as they
/// are read (no vector: this runs once per pass).
fn stretches<'s>(toks: &'s [Token], spans: &'s [Candidate]) -> impl Iterator<Item = Stretch> + 's {
    // Spans and tokens are both in order: one forward walk finds each span's tokens.
    let mut touched = 0;
    let mut spans = spans.iter();
    // The stretch of the span read ahead, which did not meet the one before it.
    let mut pending: Option<Stretch> = None;
    std::iter::from_fn(move || {
        let mut cur = pending.take();
        for c in spans.by_ref() {
            while toks.get(touched).is_some_and(|t| t.end() <= c.start) {
                touched += 1;
            }
            let mut after = touched;
            while toks.get(after).is_some_and(|t| t.start() < c.end) {
                after += 1;
            }
            let s = Stretch {
                first: touched.saturating_sub(1),
                last: after.min(toks.len().saturating_sub(1)),
                from_start: touched == 0,
                to_end: after >= toks.len(),
            };
            match cur.as_mut() {
                Some(prev) if s.first <= prev.last + 1 => {
                    prev.last = prev.last.max(s.last);
                    prev.to_end |= s.to_end;
                }
                Some(_) => {
                    pending = Some(s);
                    return cur;
                }
                None => cur = Some(s),
            }
        }
        cur
    })
}

/// Where an unchanged input offset is in the output: `is_end` for an offset that ends a token.
fn shift(copied: &[Copied], pos: usize, is_end: bool) -> usize {
    let k = copied.partition_point(|c| if is_end { c.in_start < pos } else { c.in_start <= pos });
    k.checked_sub(1).and_then(|k| copied.get(k)).map_or(pos, |c| c.out_start + (pos - c.in_start))
}

/// Copies the unchanged tokens `range` of `prev`, moved to their output offsets. `at` is the
/// index of the copied stretch the previous call ended in (tokens come in order, so the
/// stretch holding each one is found by walking forward).
///
/// The tokens of one copied stretch move by the same amount: they are copied as a run (the
/// next stretch's first token found by a binary search), and their memo bits as one slice.
fn copy_unchanged(
    prev: &Tokens<'_>,
    range: std::ops::Range<usize>,
    copied: &[Copied],
    at: &mut usize,
    parts: &mut TokenParts,
) {
    let mut rest = prev.toks.get(range.clone()).unwrap_or(&[]);
    parts.memo.extend_from_slice(prev.memo_range(range));
    while let Some(first) = rest.first() {
        while copied.get(*at + 1).is_some_and(|c| c.in_start <= first.start()) {
            *at += 1;
        }
        // Tokens are sorted: those before the next stretch's start are in this one (at least
        // `first`, which is).
        let n = copied.get(*at + 1).map_or(rest.len(), |next| rest.partition_point(|t| t.start() < next.in_start));
        let (run, tail) = rest.split_at(n.clamp(1, rest.len()));
        match copied.get(*at) {
            Some(c) => parts.toks.extend(run.iter().map(|t| t.moved_to(c.out_start + (t.start() - c.in_start)))),
            None => parts.toks.extend_from_slice(run),
        }
        rest = tail;
    }
}

/// The tokens of `out`, which `prev`'s text became by replacing `spans` (`copied` says which
/// stretches of `out` are unchanged input).
pub(crate) fn splice(prev: &Tokens<'_>, out: &str, spans: &[Candidate], copied: &[Copied]) -> TokenParts {
    let toks = &prev.toks;
    if toks.is_empty() {
        let toks = super::token::tokenize(out);
        let memo = vec![Cell::new(0); toks.len()];
        return TokenParts { toks, memo };
    }
    let mut parts = TokenParts { toks: Vec::with_capacity(toks.len() + spans.len() * 2), memo: Vec::new() };
    parts.memo.reserve(parts.toks.capacity());
    let (mut next, mut at) = (0, 0);
    for s in stretches(toks, spans) {
        copy_unchanged(prev, next..s.first, copied, &mut at, &mut parts);
        let (Some(first), Some(last)) = (toks.get(s.first), toks.get(s.last)) else { continue };
        let (from, before) = if s.from_start {
            (0, (false, false))
        } else {
            (shift(copied, first.start(), false), (first.space_before, first.newline_before))
        };
        let to = if s.to_end { out.len() } else { shift(copied, last.end(), true) };
        let fresh = parts.toks.len();
        tokenize_into(out, from..to, before, &mut parts.toks);
        parts.memo.resize(parts.toks.len(), Cell::new(0));
        // The unchanged tokens at either end come back with the same bytes unless they joined a
        // replacement (a kept year after digits): then they are longer. Same length, same
        // dictionary facts (the tokenizer has set the keyword bits).
        let mut ends = [
            (!s.from_start && parts.toks.len() > fresh).then_some((fresh, s.first)),
            (!s.to_end && parts.toks.len() > fresh).then(|| (parts.toks.len() - 1, s.last)),
        ];
        if ends[0].map(|e| e.0) == ends[1].map(|e| e.0) {
            ends[1] = None; // one token: both ends at once
        }
        for (new, old) in ends.into_iter().flatten() {
            let (Some(n), Some(o)) = (parts.toks.get(new), toks.get(old)) else { continue };
            if let Some(m) = parts.memo.get_mut(new).filter(|_| n.len() == o.len()) {
                m.set(prev.memo_bits(old));
            }
        }
        next = s.last + 1;
    }
    copy_unchanged(prev, next..toks.len(), copied, &mut at, &mut parts);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deid::text::transform::{apply, Surrogates};
    use crate::deid::text::{OutputMode, PhiKind, TextOptions};

    fn fresh(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        t.toks.iter().map(|k| format!("{k:?}")).collect()
    }

    /// Replaces `spans` (byte ranges) in every output mode and compares the spliced tokens with
    /// those of the output tokenized from scratch.
    fn check(text: &str, spans: &[(usize, usize)]) {
        let t = Tokens::new(text);
        let found: Vec<Candidate> = spans.iter().map(|&(s, e)| Candidate::new(PhiKind::Date, s, e, 85)).collect();
        for mode in [OutputMode::Tag, OutputMode::Surrogate, OutputMode::Mask] {
            let opts = TextOptions { mode, ..TextOptions::default() };
            let (out, copied) = apply(text, &found, &opts, &mut Surrogates::default());
            let parts = splice(&t, &out, &found, &copied);
            let got: Vec<String> = parts.toks.iter().map(|k| format!("{k:?}")).collect();
            let want = fresh(&out);
            let k = got.iter().zip(&want).take_while(|(a, b)| a == b).count();
            assert_eq!(got.get(k), want.get(k), "{out:?} {spans:?} {mode:?}");
            assert_eq!(got.len(), want.len());
            assert_eq!(parts.memo.len(), parts.toks.len());
        }
    }

    #[test]
    fn spliced_tokens_are_the_tokens_of_the_output() {
        let text = "  Dr. José Ruiz-Smith, 92yo; DOB 03/04/1931\n\tcall (617) 555-0134 é[x] 99March 2020 end";
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        // Every span of up to 6 characters, alone and next to a second one.
        for (k, &s) in bounds.iter().enumerate() {
            for (m, &e) in bounds.iter().enumerate().skip(k + 1).take(6) {
                check(text, &[(s, e)]);
                if let (Some(&s2), Some(&e2)) = (bounds.get(m + 2), bounds.get(m + 4)) {
                    check(text, &[(s, e), (s2, e2)]);
                }
                if let Some(&e2) = bounds.get(m + 1) {
                    check(text, &[(s, e), (e, e2)]);
                }
            }
        }
        check("", &[]);
        check("x", &[(0, 1)]);
    }
}
