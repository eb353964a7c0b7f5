//! Identifiers known from the structured record being processed (the patient's and relatives'
//! names, address lines, phone numbers, record numbers). They are found anywhere in a note,
//! case-insensitively, token by token, including single parts of names; punctuation between
//! tokens is ignored so `617-555-0134` also matches `(617) 555 0134`.

use super::dictionary::{lookup, FnvBuild};
use super::token::{TokKind, Tokens};
use super::{Candidate, PhiKind};
use crate::{Error, Result};
use std::collections::HashMap;
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

/// A phrase to look for: lower-case alphanumeric tokens.
struct Phrase {
    words: Vec<String>,
    kind: PhiKind,
    /// Also a common word: only matched where capitalized (or in an upper-case note).
    needs_capital: bool,
}

fn words_of(value: &str) -> Vec<String> {
    // The tokenizer (the keyword bits it sets are not needed here).
    let toks = super::token::tokenize(value);
    toks.iter()
        .filter(|t| t.kind != TokKind::Punct)
        .filter_map(|t| value.get(t.start..t.end))
        .map(str::to_lowercase)
        .collect()
}

fn phrases(known: &KnownIdentifiers) -> Vec<Phrase> {
    let mut out = Vec::new();
    for (kind, value) in &known.items {
        let words = words_of(value);
        if words.is_empty() {
            continue;
        }
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        if *kind == PhiKind::Name {
            for w in words.iter().filter(|w| w.chars().count() >= 2) {
                let info = lookup(w);
                out.push(Phrase { words: vec![w.clone()], kind: *kind, needs_capital: info.ambiguous || info.stop });
            }
        } else if *kind == PhiKind::Phone && digits.len() == 11 && digits.starts_with('1') {
            let local = digits.get(1..).unwrap_or("").to_owned();
            out.push(Phrase {
                words: words_of(&format!(
                    "{} {} {}",
                    local.get(..3).unwrap_or(""),
                    local.get(3..6).unwrap_or(""),
                    local.get(6..).unwrap_or("")
                )),
                kind: *kind,
                needs_capital: false,
            });
            out.push(Phrase { words: vec![local], kind: *kind, needs_capital: false });
        }
        if words.len() > 1 && digits.len() >= 4 && words.iter().all(|w| w.bytes().all(|b| b.is_ascii_digit())) {
            out.push(Phrase { words: vec![digits.clone()], kind: *kind, needs_capital: false });
        }
        out.push(Phrase { words, kind: *kind, needs_capital: false });
    }
    out
}

/// The phrases of a [`KnownIdentifiers`] set, indexed by first word. Built once per
/// [`super::scrub_text`] call and shared by its detection passes.
pub(crate) struct KnownIndex {
    phrases: Vec<Phrase>,
    /// First word → indices into `phrases`.
    by_first: HashMap<String, Vec<usize>, FnvBuild>,
    /// Per (lower-case) first byte, one bit per byte length of the first words starting with
    /// it (bit 31: 31 bytes or more): most text words are turned away by it without folding
    /// and hashing them.
    first_lens: [u32; 256],
}

/// The bit of a word length in [`KnownIndex::first_lens`].
fn len_bit(len: usize) -> u32 {
    1 << len.min(31)
}

impl KnownIndex {
    pub(crate) fn new(known: &KnownIdentifiers) -> Self {
        let phrases = phrases(known);
        let mut by_first: HashMap<String, Vec<usize>, FnvBuild> = HashMap::default();
        let mut first_lens = [0u32; 256];
        for (k, p) in phrases.iter().enumerate() {
            if let Some(w) = p.words.first() {
                by_first.entry(w.clone()).or_default().push(k);
                if let Some(slot) = w.bytes().next().and_then(|b| first_lens.get_mut(usize::from(b))) {
                    *slot |= len_bit(w.len());
                }
            }
        }
        KnownIndex { phrases, by_first, first_lens }
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
        let Some(cands) = known.by_first.get(lowered(t.s(tok), &mut folded)) else { continue };
        for p in cands.iter().filter_map(|&k| known.phrases.get(k)) {
            // The phrase's words are the next words of the text, punctuation skipped.
            toks.clear();
            toks.extend((tok..t.len()).filter(|&i| t.kind(i) != Some(TokKind::Punct)).take(p.words.len()));
            if toks.len() < p.words.len() {
                continue;
            }
            if toks.iter().zip(&p.words).skip(1).any(|(&k, word)| !lower_eq(t.s(k), word)) {
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
