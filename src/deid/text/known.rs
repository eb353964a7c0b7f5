//! Identifiers known from the structured record being processed (the patient's and relatives'
//! names, address lines, phone numbers, record numbers). They are found anywhere in a note,
//! case-insensitively, token by token, including single parts of names; punctuation between
//! tokens is ignored so `617-555-0134` also matches `(617) 555 0134`.

use super::dictionary::lookup;
use super::scan::marked;
use super::token::{shape, TokKind, Token, Tokens};
use super::{Candidate, PhiKind};
use crate::{Error, Result};
use std::fmt;

/// At most this many known identifiers, each at most [`MAX_KNOWN_BYTES`] long.
pub const MAX_KNOWN_ITEMS: usize = 4096;
/// Longest known identifier accepted, in bytes.
pub const MAX_KNOWN_BYTES: usize = 512;

/// Identifier values taken from the structured record, searched for in free text.
///
/// `Debug` prints only counts: the values are PHI.
#[derive(Clone, Default)]
pub struct KnownIdentifiers {
    items: Vec<(PhiKind, String)>,
}

impl fmt::Debug for KnownIdentifiers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KnownIdentifiers {{ {} values redacted }}", self.items.len())
    }
}

impl KnownIdentifiers {
    /// An empty set.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a value of the given class (a name, an address line or city, a phone, an MRN...).
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] past [`MAX_KNOWN_ITEMS`] values or for a value longer than
    /// [`MAX_KNOWN_BYTES`].
    pub fn add(&mut self, kind: PhiKind, value: &str) -> Result<()> {
        if self.items.len() >= MAX_KNOWN_ITEMS {
            return Err(Error::LimitExceeded("too many known identifiers"));
        }
        if value.len() > MAX_KNOWN_BYTES {
            return Err(Error::LimitExceeded("known identifier too long"));
        }
        if !value.trim().is_empty() {
            self.items.push((kind, value.to_owned()));
        }
        Ok(())
    }

    /// Number of values held.
    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether no value is held.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Merges another set into this one.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] as for [`KnownIdentifiers::add`].
    pub fn extend_from(&mut self, other: &KnownIdentifiers) -> Result<()> {
        for (k, v) in &other.items {
            self.add(*k, v)?;
        }
        Ok(())
    }
}

/// A phrase to look for: lower-case alphanumeric words.
struct Phrase {
    /// Indices into [`KnownIndex::spans`] (the phrase's words, in order).
    words: std::ops::Range<usize>,
    kind: PhiKind,
    /// Also a common word: only matched where capitalized (or in an upper-case note).
    needs_capital: bool,
}

/// The phrases of a [`KnownIdentifiers`] set, indexed by first word. Built once per
/// [`super::scrub_text`] call and shared by its detection passes: every word is written into
/// one string, so the index costs a few allocations, not a few per value.
pub(crate) struct KnownIndex {
    /// Every phrase word, lower-cased, one after another.
    text: String,
    /// Byte range of each word in `text`.
    spans: Vec<(usize, usize)>,
    phrases: Vec<Phrase>,
    /// Indices into `phrases`, sorted by first word; the phrases of one first word keep their
    /// order.
    by_first: Vec<usize>,
    /// Per (lower-case) first byte, one bit per byte length of the first words starting with
    /// it (bit 31: 31 bytes or more): most text words are turned away by it without folding
    /// and searching for them.
    first_lens: [u32; 256],
}

/// The bit of a word length in [`KnownIndex::first_lens`].
fn len_bit(len: usize) -> u32 {
    1 << len.min(31)
}

impl KnownIndex {
    pub(crate) fn new(known: &KnownIdentifiers) -> Self {
        // Room for every word up front (a value's words and extra phrases take at most its
        // length again): built once per scrub, so growing the vectors was a fair part of it.
        let bytes: usize = known.items.iter().map(|(_, v)| v.len()).sum();
        let mut index = KnownIndex {
            text: String::with_capacity(2 * bytes),
            spans: Vec::with_capacity(bytes / 2 + 4 * known.items.len()),
            phrases: Vec::with_capacity(4 * known.items.len()),
            by_first: Vec::new(),
            first_lens: [0; 256],
        };
        // Nothing allocated for a note without known values (most scrubs).
        let mut toks = Vec::with_capacity(if known.items.is_empty() { 0 } else { 16 });
        for (kind, value) in &known.items {
            index.add_value(*kind, value, &mut toks);
        }
        // Sorted by the first 8 bytes read as one big-endian integer (the byte order of the
        // words), then by the whole word where those agree, so most comparisons are one integer
        // comparison rather than a call to compare strings. Stable: equal first words keep the
        // phrase order.
        let prefix = |p: usize| {
            let mut head = [0u8; 8];
            let w = index.first_word(p).as_bytes();
            for (d, &b) in head.iter_mut().zip(w) {
                *d = b;
            }
            u64::from_be_bytes(head)
        };
        let mut keyed: Vec<(u64, usize)> = (0..index.phrases.len()).map(|p| (prefix(p), p)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| index.first_word(a.1).cmp(index.first_word(b.1))));
        let by_first: Vec<usize> = keyed.into_iter().map(|(_, p)| p).collect();
        let mut first_lens = [0u32; 256];
        for w in by_first.iter().map(|&k| index.first_word(k)) {
            if let Some(slot) = w.bytes().next().and_then(|b| first_lens.get_mut(usize::from(b))) {
                *slot |= len_bit(w.len());
            }
        }
        index.first_lens = first_lens;
        index.by_first = by_first;
        index
    }

    /// The phrases of one value: its words (alphanumeric tokens, lower-cased); for a name each
    /// word of two characters or more alone too; for an 11-digit US phone the 10-digit number
    /// in 3 groups and whole; and for a value of several all-digit words, its digits in one.
    fn add_value(&mut self, kind: PhiKind, value: &str, toks: &mut Vec<super::token::Token>) {
        toks.clear();
        // The text tokenizer (the keyword bits it sets are not needed here).
        super::token::tokenize_into(value, 0..value.len(), (false, false), toks);
        let first = self.spans.len();
        for t in toks.iter().filter(|t| t.kind != TokKind::Punct) {
            self.push_word(value.get(t.start()..t.end()).unwrap_or(""));
        }
        let words = first..self.spans.len();
        if words.is_empty() {
            return;
        }
        // Only a phone or a value of several words uses its digits (most values are names).
        let digits: String = if kind == PhiKind::Phone || words.len() > 1 {
            value.chars().filter(char::is_ascii_digit).collect()
        } else {
            String::new()
        };
        if kind == PhiKind::Name {
            for k in words.clone() {
                let w = self.word(k);
                if w.chars().count() >= 2 {
                    let info = lookup(w);
                    self.phrases.push(Phrase { words: k..k + 1, kind, needs_capital: info.ambiguous || info.stop });
                }
            }
        } else if kind == PhiKind::Phone && digits.len() == 11 && digits.starts_with('1') {
            let local = digits.get(1..).unwrap_or("");
            let grouped = self.spans.len();
            for group in [local.get(..3), local.get(3..6), local.get(6..)] {
                self.push_word(group.unwrap_or(""));
            }
            self.phrases.push(Phrase { words: grouped..self.spans.len(), kind, needs_capital: false });
            self.push_word(local);
            self.phrases.push(Phrase { words: self.spans.len() - 1..self.spans.len(), kind, needs_capital: false });
        }
        if words.len() > 1
            && digits.len() >= 4
            && words.clone().all(|k| self.word(k).bytes().all(|b| b.is_ascii_digit()))
        {
            self.push_word(&digits);
            self.phrases.push(Phrase { words: self.spans.len() - 1..self.spans.len(), kind, needs_capital: false });
        }
        self.phrases.push(Phrase { words, kind, needs_capital: false });
    }

    /// Appends `word`, lower-cased, to the word list.
    fn push_word(&mut self, word: &str) {
        let start = self.text.len();
        if word.is_ascii() {
            self.text.push_str(word);
            if let Some(added) = self.text.get_mut(start..) {
                added.make_ascii_lowercase();
            }
        } else {
            self.text.push_str(&word.to_lowercase());
        }
        self.spans.push((start, self.text.len()));
    }

    /// Word `k` of the word list ("" out of range).
    fn word(&self, k: usize) -> &str {
        self.spans.get(k).and_then(|&(s, e)| self.text.get(s..e)).unwrap_or("")
    }

    /// The first word of phrase `p`.
    fn first_word(&self, p: usize) -> &str {
        self.phrases.get(p).map_or("", |p| self.word(p.words.start))
    }

    /// The bytes of the first word of phrase `p`: byte order is `str` order, and a byte slice
    /// is taken without the char-boundary checks of a `str` slice.
    fn first_word_bytes(&self, p: usize) -> &[u8] {
        let span = self.phrases.get(p).and_then(|p| self.spans.get(p.words.start));
        span.and_then(|&(s, e)| self.text.as_bytes().get(s..e)).unwrap_or(&[])
    }

    /// The phrases whose first word is `lower`, in order.
    fn starting_with(&self, lower: &str) -> impl Iterator<Item = &Phrase> {
        let lower = lower.as_bytes();
        let from = self.by_first.partition_point(|&p| self.first_word_bytes(p) < lower);
        let to = self.by_first.partition_point(|&p| self.first_word_bytes(p) <= lower);
        self.by_first.get(from..to).unwrap_or(&[]).iter().filter_map(|&p| self.phrases.get(p))
    }

    /// Whether token `i` (`tok`) may begin a phrase: not punctuation, and folded to lower case
    /// it starts with the same ASCII letter as some first word and, if it is ASCII (folding
    /// keeps its length), has the same length. Words starting with other bytes are always
    /// looked up. Read from the token alone (first character, length, ASCII bit), without
    /// slicing the text, and without `&&` (see [`marked`]): most tokens stop here.
    fn may_start(&self, t: &Tokens<'_>, i: usize, tok: &Token) -> bool {
        // An ASCII first character is the token's first byte (`u8::try_from` takes any
        // character below 256, so ASCII is tested first).
        let first = Some(tok.first).filter(char::is_ascii).and_then(|c| u8::try_from(c).ok());
        let lens = first.map_or(0, |b| self.first_lens.get(usize::from(b.to_ascii_lowercase())).copied().unwrap_or(0));
        let ascii = tok.shape & shape::ASCII != 0;
        let fits = (lens != 0) & (!ascii | (lens & len_bit(t.byte_len(i)) != 0));
        (tok.kind != TokKind::Punct) & (first.is_none() | fits)
    }
}

/// Finds every known value in the text.
pub(crate) fn find_known(t: &Tokens<'_>, known: &KnownIndex, upper_doc: bool, out: &mut Vec<Candidate>) {
    if known.phrases.is_empty() {
        return;
    }
    let mut folded = String::new();
    for tok in marked(t, |i, tok| known.may_start(t, i, tok)) {
        for p in known.starting_with(lowered(t.s(tok), &mut folded)) {
            let Some(last) = phrase_end(t, known, tok, p) else { continue };
            if p.needs_capital && !(t.capitalized(tok) || upper_doc) {
                continue;
            }
            if glued_to_word(t, tok, last) {
                continue;
            }
            out.push(Candidate::new(p.kind, t.start(tok), t.end(last), 99));
        }
    }
}

/// The last token of phrase `p` read from token `first`, whose word is the phrase's first
/// word: each next token that is not punctuation must be the phrase's next word. Compared as
/// they are reached, so a mismatch stops at once and nothing is collected.
fn phrase_end(t: &Tokens<'_>, known: &KnownIndex, first: usize, p: &Phrase) -> Option<usize> {
    let mut k = first;
    for word in p.words.clone().skip(1) {
        k = (k + 1..t.len()).find(|&i| t.kind(i) != Some(TokKind::Punct))?;
        if !token_lower_eq(t, k, known.word(word)) {
            return None;
        }
    }
    Some(k)
}

/// [`lower_eq`] of token `k` and `lower`; an ASCII token's bytes are compared without slicing
/// the text as a string.
fn token_lower_eq(t: &Tokens<'_>, k: usize, lower: &str) -> bool {
    if !t.ascii(k) {
        return lower_eq(t.s(k), lower);
    }
    let (s, e) = (t.start(k), t.end(k));
    let word = t.text.as_bytes().get(s..e).unwrap_or(&[]);
    word.len() == lower.len() && word.iter().zip(lower.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
}

/// `s.to_lowercase()`, written into `buf` (reused, so ASCII words never allocate).
fn lowered<'b>(s: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
    buf.as_str()
}

/// `s.to_lowercase() == lower`, without allocating for ASCII `s`.
fn lower_eq(s: &str, lower: &str) -> bool {
    if s.is_ascii() {
        s.len() == lower.len() && s.bytes().zip(lower.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        s.to_lowercase() == lower
    }
}

/// A match inside a longer alphanumeric run (`ANN` in `ANN123`) is not a match.
fn glued_to_word(t: &Tokens<'_>, first: usize, last: usize) -> bool {
    let left = t.joined(first) && t.kind(first - 1) != Some(TokKind::Punct);
    let right = t.joined(last + 1) && t.kind(last + 1) != Some(TokKind::Punct);
    left || right
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`find_known`] as first written (every word sliced from the text, the phrase's tokens
    /// collected before comparing): the reference the fast one must match.
    fn find_known_reference(t: &Tokens<'_>, known: &KnownIndex, upper_doc: bool) -> Vec<(PhiKind, usize, usize)> {
        let may_start = |word: &str| {
            let Some(first) = word.bytes().next() else { return false };
            if !first.is_ascii() {
                return true;
            }
            let lens = known.first_lens.get(usize::from(first.to_ascii_lowercase())).copied().unwrap_or(0);
            lens != 0 && (!word.is_ascii() || lens & len_bit(word.len()) != 0)
        };
        let mut out = Vec::new();
        let mut folded = String::new();
        let mut toks = Vec::new();
        for tok in (0..t.len()).filter(|&i| t.kind(i) != Some(TokKind::Punct)) {
            if !may_start(t.s(tok)) {
                continue;
            }
            for p in known.starting_with(lowered(t.s(tok), &mut folded)) {
                toks.clear();
                toks.extend((tok..t.len()).filter(|&i| t.kind(i) != Some(TokKind::Punct)).take(p.words.len()));
                if toks.len() < p.words.len() {
                    continue;
                }
                if toks.iter().zip(p.words.clone()).skip(1).any(|(&k, word)| !lower_eq(t.s(k), known.word(word))) {
                    continue;
                }
                let (Some(&first), Some(&last)) = (toks.first(), toks.last()) else { continue };
                if p.needs_capital && !(t.capitalized(first) || upper_doc) {
                    continue;
                }
                if glued_to_word(t, first, last) {
                    continue;
                }
                out.push((p.kind, t.start(first), t.end(last)));
            }
        }
        out
    }

    #[test]
    fn fast_scan_matches_the_reference() {
        let values: &[(PhiKind, &str)] = &[
            (PhiKind::Name, "Ann Lee"),
            (PhiKind::Name, "José Núñez"),
            (PhiKind::Name, "ÉLODIE Straße"),
            (PhiKind::Name, "Will Mark"),
            (PhiKind::Name, "O'Brien-Smith"),
            (PhiKind::Phone, "1 (617) 555-0134"),
            (PhiKind::Mrn, "MRN 12-34-56"),
            (PhiKind::Address, "12 Elm St, Apt 4"),
            (PhiKind::Address, "Ünter Weg"),
        ];
        let pieces = [
            "Ann",
            "ann",
            "ANN",
            "Lee",
            "lee",
            "José",
            "JOSÉ",
            "Núñez",
            "núñez",
            "élodie",
            "Élodie",
            "STRASSE",
            "straße",
            "will",
            "Will",
            "mark",
            "O",
            "'",
            "Brien",
            "-",
            "Smith",
            "617",
            "555",
            "0134",
            "6175550134",
            "1",
            "12",
            "34",
            "56",
            "123456",
            "Elm",
            "St",
            "Apt",
            "4",
            "Ünter",
            "weg",
            "ǅ",
            "İ",
            "Annie",
            "Lea",
            " ",
            "  ",
            "\n",
            ".",
            ",",
            "(",
            ")",
            "x",
            "99",
        ];
        let mut rng = crate::deid::text::TestRng::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| rng.below(n);
        for round in 0..3000 {
            let mut ids = KnownIdentifiers::new();
            for _ in 0..1 + next(4) {
                let (kind, value) = values[next(values.len())];
                ids.add(kind, value).unwrap();
            }
            let index = KnownIndex::new(&ids);
            let text: String = (0..next(30)).map(|_| pieces[next(pieces.len())]).collect();
            let t = Tokens::new(&text);
            let upper = round % 3 == 0;
            let mut got = Vec::new();
            find_known(&t, &index, upper, &mut got);
            let got: Vec<_> = got.iter().map(|c| (c.kind, c.start, c.end)).collect();
            assert_eq!(got, find_known_reference(&t, &index, upper), "{text:?}");
        }
    }
}
