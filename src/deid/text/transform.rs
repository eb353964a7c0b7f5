//! Writing the scrubbed text: type tags, consistent indexed surrogates, or masks.

use super::{Candidate, OutputMode, PhiKind, TextOptions};
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt::Write;

/// The generalised value that replaces an age over 89 in every mode.
pub const AGE_GROUP: &str = "90+";

/// Numbers surrogates per class so the same value gets the same surrogate in one document.
#[derive(Default)]
pub(crate) struct Surrogates {
    seen: HashMap<(PhiKind, String), usize>,
    next: HashMap<PhiKind, usize>,
}

impl Surrogates {
    fn get(&mut self, kind: PhiKind, value: &str) -> usize {
        let key: String = value.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        match self.seen.entry((kind, key)) {
            Entry::Occupied(seen) => *seen.get(),
            Entry::Vacant(slot) => {
                let n = self.next.entry(kind).or_insert(0);
                *n += 1;
                *slot.insert(*n)
            }
        }
    }
}

/// Whether a date's 4-digit year may stay: the caller asked for it and it does not imply an
/// age over 89 (a birth year needs a reference year to decide; without one it goes).
fn kept_year<'a>(text: &'a str, c: &Candidate, opts: &TextOptions) -> Option<&'a str> {
    if !opts.keep_year || c.kind != PhiKind::Date {
        return None;
    }
    let (s, e) = c.year?;
    let year = text.get(s..e)?;
    if c.birth {
        let born: u16 = year.parse().ok()?;
        let reference = opts.reference_year?;
        if reference.saturating_sub(born) > 89 {
            return None;
        }
    }
    Some(year)
}

/// Whether replacing `c` would write back exactly what `text` holds there: a kept year found
/// again as a date that keeps it, a mask found again in mask mode, `90+` found again as an age.
/// A later pass drops such a candidate inside what the previous pass wrote (it would only be
/// reported twice); any other is replaced, such as a kept year that the replacements of the
/// previous pass brought next to a birth word, where it implies an age over 89.
pub(crate) fn rewrites_to_itself(text: &str, c: &Candidate, opts: &TextOptions) -> bool {
    let Some(original) = text.get(c.start..c.end) else { return false };
    if c.kind == PhiKind::Age {
        return original == AGE_GROUP;
    }
    if let Some(year) = kept_year(text, c, opts) {
        return year == original;
    }
    opts.mode == OutputMode::Mask && original.chars().all(|ch| ch == '*')
}

/// Appends the replacement of `c` to `out` (no allocation but the surrogate key).
fn write_replacement(out: &mut String, text: &str, c: &Candidate, opts: &TextOptions, surrogates: &mut Surrogates) {
    let original = text.get(c.start..c.end).unwrap_or("");
    if c.kind == PhiKind::Age {
        out.push_str(AGE_GROUP);
        return;
    }
    if let Some(year) = kept_year(text, c, opts) {
        out.push_str(year);
        return;
    }
    match opts.mode {
        OutputMode::Tag => {
            out.push('[');
            out.push_str(c.kind.label());
            out.push(']');
        }
        OutputMode::Surrogate => {
            let n = surrogates.get(c.kind, original);
            out.push('[');
            out.push_str(c.kind.label());
            // Writing into a String cannot fail.
            let _ = write!(out, "-{n}]");
        }
        OutputMode::Mask => out.extend(std::iter::repeat('*').take(original.chars().count())),
    }
}

/// A stretch of output copied unchanged from the input of a pass: `out_start..out_start+len`
/// is `in_start..in_start+len`.
#[derive(Clone, Copy)]
pub(crate) struct Copied {
    pub out_start: usize,
    pub in_start: usize,
    pub len: usize,
}

/// Whether `start..end` of a pass's output lies within one stretch the pass wrote (a
/// replacement) rather than copied, given the pass's copied stretches in output order.
pub(crate) fn inside_written(copied: &[Copied], start: usize, end: usize) -> bool {
    // The stretch after the replacement holding `start` is the first starting after `start`.
    let next = copied.partition_point(|c| c.out_start <= start);
    match (next.checked_sub(1).and_then(|k| copied.get(k)), copied.get(next)) {
        (Some(before), Some(after)) => before.out_start + before.len <= start && end <= after.out_start,
        _ => false,
    }
}

/// Maps an offset in a pass's output back to its input. An offset inside a stretch the pass
/// wrote maps to the edge of the input it replaced (`is_end`: its end, else its start), so a
/// later detection that takes in a replacement covers all of the replaced input; `is_end` also
/// picks the stretch that ends at `pos` rather than the one starting there.
pub(crate) fn map_back(copied: &[Copied], pos: usize, is_end: bool) -> usize {
    // Stretches are sorted by output offset: the one holding `pos` is the last starting at or
    // before it (before it, for an end).
    let after = copied.partition_point(|c| if is_end { c.out_start < pos } else { c.out_start <= pos });
    let Some(stretch) = after.checked_sub(1).and_then(|k| copied.get(k)) else { return pos };
    let copied_end = stretch.out_start + stretch.len;
    if (is_end && pos <= copied_end) || (!is_end && pos < copied_end) {
        return stretch.in_start + (pos - stretch.out_start);
    }
    // In the replacement written after `stretch`: it replaced input from the end of `stretch`
    // to the start of the next one.
    if is_end {
        copied.get(after).map_or(pos, |next| next.in_start)
    } else {
        stretch.in_start + stretch.len
    }
}

/// Builds the output text from the resolved, sorted, non-overlapping spans, and records which
/// stretches were copied unchanged.
pub(crate) fn apply(
    text: &str,
    spans: &[Candidate],
    opts: &TextOptions,
    surrogates: &mut Surrogates,
) -> (String, Vec<Copied>) {
    let mut out = String::with_capacity(text.len() + spans.len() * 8);
    let mut copied = Vec::with_capacity(spans.len() + 1);
    let mut at = 0;
    for c in spans {
        let keep = text.get(at..c.start).unwrap_or("");
        copied.push(Copied { out_start: out.len(), in_start: at, len: keep.len() });
        out.push_str(keep);
        write_replacement(&mut out, text, c, opts, surrogates);
        at = c.end;
    }
    let rest = text.get(at..).unwrap_or("");
    copied.push(Copied { out_start: out.len(), in_start: at, len: rest.len() });
    out.push_str(rest);
    (out, copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_through_copied_stretches_and_replacements() {
        // Input "Call Mary at 617-555-0134 now" written as "Call [NAME] at [PHONE] now".
        let input = "Call Mary at 617-555-0134 now";
        let spans = [Candidate::new(PhiKind::Name, 5, 9, 90), Candidate::new(PhiKind::Phone, 13, 25, 90)];
        let (out, copied) = apply(input, &spans, &TextOptions::default(), &mut Surrogates::default());
        assert_eq!(out, "Call [NAME] at [PHONE] now");
        // Copied text maps one to one ("at", the end of "now").
        assert_eq!(map_back(&copied, 0, false), 0);
        assert_eq!(map_back(&copied, 12, false), 10);
        assert_eq!(map_back(&copied, 26, true), 29);
        // Inside a replacement: the edges of what it replaced.
        assert_eq!(map_back(&copied, 7, false), 5);
        assert_eq!(map_back(&copied, 7, true), 9);
        assert_eq!(map_back(&copied, 15, false), 13);
        assert_eq!(map_back(&copied, 22, true), 25);
        // What the pass wrote, alone or in part.
        assert!(inside_written(&copied, 5, 11));
        assert!(inside_written(&copied, 6, 8));
        assert!(!inside_written(&copied, 4, 11), "takes in copied text");
        assert!(!inside_written(&copied, 5, 22), "spans two replacements and the text between");
        assert!(!inside_written(&copied, 0, 4));
    }
}
