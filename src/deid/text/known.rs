//! Identifiers known from the structured record being processed (the patient's and relatives'
//! names, address lines, phone numbers, record numbers). They are found anywhere in a note,
//! case-insensitively, token by token, including single parts of names; punctuation between
//! tokens is ignored so `617-555-0134` also matches `(617) 555 0134`.

use super::dictionary::lookup;
use super::token::{TokKind, Tokens};
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
        let mut index = KnownIndex {
            text: String::new(),
            spans: Vec::new(),
            phrases: Vec::new(),
            by_first: Vec::new(),
            first_lens: [0; 256],
        };
        let mut toks = Vec::new();
        for (kind, value) in &known.items {
            index.add_value(*kind, value, &mut toks);
        }
        let mut by_first: Vec<usize> = (0..index.phrases.len()).collect();
        // Stable: equal first words keep the phrase order.
        by_first.sort_by(|&a, &b| index.first_word(a).cmp(index.first_word(b)));
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
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
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

    /// The phrases whose first word is `lower`, in order.
    fn starting_with(&self, lower: &str) -> impl Iterator<Item = &Phrase> {
        let from = self.by_first.partition_point(|&p| self.first_word(p) < lower);
        let to = self.by_first.partition_point(|&p| self.first_word(p) <= lower);
        self.by_first.get(from..to).unwrap_or(&[]).iter().filter_map(|&p| self.phrases.get(p))
    }

    /// Whether text word `word` may begin a phrase: folded to lower case it starts with the
    /// same ASCII letter as some first word and, if it is ASCII (folding keeps its length),
    /// has the same length. Words starting with other bytes are always looked up.
    fn may_start(&self, word: &str) -> bool {
        let Some(first) = word.bytes().next() else { return false };
        if !first.is_ascii() {
            return true;
        }
        let lens = self.first_lens.get(usize::from(first.to_ascii_lowercase())).copied().unwrap_or(0);
        lens != 0 && (!word.is_ascii() || lens & len_bit(word.len()) != 0)
    }
}

/// Finds every known value in the text.
pub(crate) fn find_known(t: &Tokens<'_>, known: &KnownIndex, upper_doc: bool, out: &mut Vec<Candidate>) {
    if known.phrases.is_empty() {
        return;
    }
    let mut folded = String::new();
    let mut toks = Vec::new();
    for tok in (0..t.len()).filter(|&i| t.kind(i) != Some(TokKind::Punct)) {
        if !known.may_start(t.s(tok)) {
            continue;
        }
        for p in known.starting_with(lowered(t.s(tok), &mut folded)) {
            // The phrase's words are the next words of the text, punctuation skipped.
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
            out.push(Candidate::new(p.kind, t.start(first), t.end(last), 99));
        }
    }
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
