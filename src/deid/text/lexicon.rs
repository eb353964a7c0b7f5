//! One table of every word list the recognizers use (keyword lists, the Census name
//! dictionary, the English word list), so that a token is classified once (one hash lookup in
//! the tokenizer) instead of being compared with each list at each use.

use super::dictionary::{self, NameInfo};
use super::word_table::{ascii_lower, WordFacts, WordTable};
use super::{address, ages, dates, ids, names, patterns};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::OnceLock;

/// Bits of [`super::token::Token::lex`].
pub(crate) mod bit {
    pub const FUNCTION: u64 = 1 << 0;
    pub const TITLE: u64 = 1 << 1;
    pub const RELATION: u64 = 1 << 2;
    pub const BY_VERB: u64 = 1 << 3;
    pub const NAME_WEAK: u64 = 1 << 4;
    pub const CLINICAL_NOUN: u64 = 1 << 5;
    pub const ORGANISATION: u64 = 1 << 6;
    pub const STREET_SUFFIX: u64 = 1 << 7;
    pub const UNIT: u64 = 1 << 8;
    pub const DIRECTION: u64 = 1 << 9;
    pub const STATE_NAME: u64 = 1 << 10;
    pub const STATE_CODE: u64 = 1 << 11;
    pub const ZIP_CONTEXT: u64 = 1 << 12;
    pub const AGE_BEFORE: u64 = 1 << 13;
    pub const AGE_AFTER: u64 = 1 << 14;
    pub const MONTH: u64 = 1 << 15;
    pub const WEEKDAY: u64 = 1 << 16;
    pub const BIRTH: u64 = 1 << 17;
    pub const DAY_MONTH: u64 = 1 << 18;
    pub const ID_CONTEXT: u64 = 1 << 19;
    pub const SSN_CONTEXT: u64 = 1 << 20;
    pub const PHONE_CONTEXT: u64 = 1 << 21;
    pub const ID_CONNECTOR: u64 = 1 << 22;
    pub const ID_MARKER: u64 = 1 << 23;
    pub const ID_WEAK: u64 = 1 << 24;
    /// The class an ID context word names: this bit shifted by its place in
    /// [`super::super::ids::KINDS`] (7 bits).
    pub const ID_KIND: u64 = 1 << 32;
}

/// Longest word looked up at all (longer words are in no list).
pub(crate) use super::word_table::MAX_WORD;

/// What the lists say about one word (ignoring ASCII case).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Keyword bits ([`bit`]).
    pub lex: u64,
    /// Name dictionary entry.
    pub name: NameInfo,
    /// The word itself (not an inflection of it) is in the English list.
    pub english: bool,
}

/// A lower-case word of at most [`MAX_WORD`] bytes, zero-padded into three integers: compared
/// with three integer comparisons and hashed with a few multiplies, with no pointer to follow.
/// (Words are letters only, so the padding cannot make two words equal.)
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key([u64; 3]);

impl Key {
    /// The key of `word`, lower-cased (ASCII) on the way; `None` past [`MAX_WORD`] bytes. A
    /// non-ASCII word gets a key no table holds (every listed word is ASCII).
    fn new(word: &[u8]) -> Option<Key> {
        let mut b = [0u8; MAX_WORD];
        b.get_mut(..word.len())?.copy_from_slice(word);
        let word = |k: usize| b.get(k..k + 8).and_then(|w| w.try_into().ok()).map_or(0, u64::from_le_bytes);
        Some(Key([ascii_lower(word(0)), ascii_lower(word(8)), ascii_lower(word(16))]))
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let [a, b, c] = self.0;
        let x = (a ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ c.wrapping_mul(0xc2b2_ae3d_27d4_eb4f))
            .wrapping_mul(0x1656_67b1_9e37_79f9);
        state.write_u64(x ^ (x >> 29));
    }
}

/// Passes [`Key`]'s hash through. The table is fixed at build time, so a fast non-keyed hash
/// cannot be abused (an input word can only land in a bucket the static table already has).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used by `Key`; fold anything else in for completeness.
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Table = HashMap<Key, Entry, BuildHasherDefault<KeyHasher>>;

/// The entry of `word` (lower-cased first), created empty if absent; words longer than
/// [`MAX_WORD`] are never looked up, so they are not stored.
fn slot<'t>(map: &'t mut Table, word: &str) -> Option<&'t mut Entry> {
    Key::new(word.to_ascii_lowercase().as_bytes()).map(|k| map.entry(k).or_default())
}

fn add_keywords(map: &mut Table) {
    let lists: [(&[&str], u64); 25] = [
        (names::FUNCTION_WORDS, bit::FUNCTION),
        (names::TITLES, bit::TITLE),
        (names::RELATIONS, bit::RELATION),
        (names::BY_VERBS, bit::BY_VERB),
        (names::WEAK_CONTEXT, bit::NAME_WEAK),
        (names::CLINICAL_NOUNS, bit::CLINICAL_NOUN),
        (names::ORGANISATION_NOUNS, bit::ORGANISATION),
        (address::SUFFIXES, bit::STREET_SUFFIX),
        (address::UNITS, bit::UNIT),
        (address::DIRECTIONS, bit::DIRECTION),
        (address::STATE_NAMES, bit::STATE_NAME),
        (address::STATE_CODES, bit::STATE_CODE),
        (address::ZIP_CONTEXT, bit::ZIP_CONTEXT),
        (ages::AGE_BEFORE, bit::AGE_BEFORE),
        (ages::AGE_AFTER, bit::AGE_AFTER),
        (&dates::MONTHS, bit::MONTH),
        (&dates::MONTH_ABBR, bit::MONTH),
        (&dates::MONTHS_ES, bit::MONTH),
        (dates::WEEKDAYS, bit::WEEKDAY),
        (dates::BIRTH_CONTEXT, bit::BIRTH),
        (dates::DAY_MONTH_CONTEXT, bit::DAY_MONTH),
        (patterns::SSN_CONTEXT, bit::SSN_CONTEXT),
        (ids::CONNECTORS, bit::ID_CONNECTOR),
        (ids::MARKERS, bit::ID_MARKER),
        (ids::WEAK_CONTEXT, bit::ID_WEAK),
    ];
    let mut add = |w: &str, b: u64| {
        if let Some(e) = slot(map, w) {
            e.lex |= b;
        }
    };
    for (list, b) in lists {
        for w in list {
            add(w, b);
        }
    }
    for w in patterns::PHONE_CONTEXT {
        add(w, bit::PHONE_CONTEXT);
    }
    for &(w, kind) in ids::CONTEXT {
        add(w, bit::ID_CONTEXT | ids::kind_bit(kind));
    }
}

/// Every keyword and its bits.
fn keyword_map() -> Table {
    let mut table = Table::default();
    add_keywords(&mut table);
    table
}

/// The keyword table: open addressing with linear probing, a slot per key (the first 16 bytes
/// of a [`Key`]) and its bits, at most a quarter full. Every token is looked up and most are
/// keywords (`the`, `of`, ...), so the common path is one multiply and one or two slot reads.
pub(crate) struct Keywords {
    /// `(key, bits)`; an empty slot has the key `[0, 0]` (no word has).
    slots: Vec<([u64; 2], u64)>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the first slot.
    shift: u32,
}

/// Longest keyword, in bytes (a longer word is never a keyword; a test checks every list).
const MAX_KEYWORD: usize = 16;

/// The slot a key's probe starts at (the top bits of a multiplicative hash).
fn first_slot(key: [u64; 2], shift: u32) -> usize {
    let h = (key[0] ^ key[1].wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0x1656_67b1_9e37_79f9);
    usize::try_from(h >> shift).unwrap_or(0)
}

/// The keyword table (built on first use).
pub(crate) fn keywords() -> &'static Keywords {
    static TABLE: OnceLock<Keywords> = OnceLock::new();
    TABLE.get_or_init(|| {
        let table = keyword_map();
        let len = (table.len() * 4).next_power_of_two().max(2);
        let mut keywords = Keywords { slots: vec![([0; 2], 0); len], shift: 64 - len.trailing_zeros() };
        let mask = len - 1;
        for (key, e) in &table {
            let [a, b, c] = key.0;
            if c != 0 {
                continue; // longer than MAX_KEYWORD
            }
            let mut at = first_slot([a, b], keywords.shift);
            while keywords.slots.get(at).is_some_and(|s| s.0 != [0, 0]) {
                at = (at + 1) & mask;
            }
            if let Some(slot) = keywords.slots.get_mut(at) {
                *slot = ([a, b], e.lex);
            }
        }
        keywords
    })
}

/// The name dictionary and the English list. Kept apart from the small, always-hot keyword
/// table: most tokens never need it.
fn word_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words = Vec::new();
        dictionary::add_names(&mut |word, name| words.push((word, WordFacts { name, english: false })));
        dictionary::add_english(&mut |word| words.push((word, WordFacts { name: NameInfo::default(), english: true })));
        WordTable::new(&words)
    })
}

/// `word` lower-cased into `buf`, if it is ASCII and at most [`MAX_WORD`] bytes.
pub(crate) fn fold<'b>(word: &[u8], buf: &'b mut [u8; MAX_WORD]) -> Option<&'b [u8]> {
    let dst = buf.get_mut(..word.len())?;
    if !word.is_ascii() {
        return None;
    }
    dst.copy_from_slice(word);
    dst.make_ascii_lowercase();
    Some(dst)
}

impl Keywords {
    /// The keyword bits of a word (any ASCII case).
    #[cfg(test)]
    fn bits(&self, word: &[u8]) -> u64 {
        self.bits_at(word, 0, word.len())
    }

    /// The keyword bits of the word `text[at..at + len]` (any ASCII case). Where the text has
    /// 16 bytes from `at`, the word is read in two 8-byte loads (and the bytes past it masked
    /// off) instead of being copied byte by byte.
    pub(crate) fn bits_at(&self, text: &[u8], at: usize, len: usize) -> u64 {
        if len == 0 || len > MAX_KEYWORD {
            return 0;
        }
        let le = |w: &[u8]| w.get(..8).and_then(|w| w.try_into().ok()).map_or(0, u64::from_le_bytes);
        let (a, b) = match text.get(at..at + 16) {
            Some(w) => (le(w), le(w.get(8..).unwrap_or(&[]))),
            None => {
                let mut buf = [0u8; 16];
                let (Some(dst), Some(src)) = (buf.get_mut(..len), text.get(at..at + len)) else { return 0 };
                dst.copy_from_slice(src);
                (le(&buf), le(buf.get(8..).unwrap_or(&[])))
            }
        };
        // Bytes `len..16` of the two words are cleared (`len` is 1 to 16).
        let bits = 8 * len as u32;
        let mask_a = u64::MAX >> (64 - bits.min(64));
        let mask_b = u64::MAX.checked_shr(128 - bits).unwrap_or(0);
        let key = [ascii_lower(a & mask_a), ascii_lower(b & mask_b)];
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = first_slot(key, self.shift);
        // The table is at most a quarter full, so a probe meets an empty slot soon.
        for _ in 0..self.slots.len() {
            match self.slots.get(i) {
                Some(&(k, lex)) if k == key => return lex,
                Some(&(k, _)) if k != [0, 0] => i = (i + 1) & mask,
                _ => return 0,
            }
        }
        0
    }
}

/// The keyword bits of a word (any ASCII case), from a hash map of the lists: the reference
/// [`Keywords`] is checked against.
#[cfg(test)]
pub(crate) fn keyword_bits(word: &[u8]) -> u64 {
    static TABLE: OnceLock<Table> = OnceLock::new();
    let table = TABLE.get_or_init(keyword_map);
    Key::new(word).and_then(|k| table.get(&k)).map_or(0, |e| e.lex)
}

/// The dictionary facts (name, English) of a word (any ASCII case); `lex` is not set.
pub(crate) fn word_entry(lower: &[u8]) -> Entry {
    let facts = word_table().get(lower);
    Entry { lex: 0, name: facts.name, english: facts.english }
}

/// Everything the lists say about one word, ignoring ASCII case (nothing for non-ASCII or
/// very long words).
#[cfg(test)]
fn entry(word: &str) -> Entry {
    let mut buf = [0u8; MAX_WORD];
    let Some(lower) = fold(word.as_bytes(), &mut buf) else { return Entry::default() };
    Entry { lex: keywords().bits(lower), ..word_entry(lower) }
}

/// The keyword bits of one alphabetic token (0 for anything not in a list).
#[cfg(test)]
fn classify(word: &str) -> u64 {
    entry(word).lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_is_classifiable() {
        let table = keyword_map();
        for (key, e) in &table {
            let bytes: Vec<u8> = key.0.iter().flat_map(|w| w.to_le_bytes()).filter(|&b| b != 0).collect();
            let word = std::str::from_utf8(&bytes).unwrap();
            assert!(word.len() <= MAX_KEYWORD, "{word} longer than MAX_KEYWORD");
            assert_eq!(classify(word), e.lex);
            assert_eq!(classify(&word.to_ascii_uppercase()), e.lex);
        }
        assert_eq!(classify("Daughter") & bit::RELATION, bit::RELATION);
        assert_eq!(classify("IL") & bit::STATE_CODE, bit::STATE_CODE);
        assert_eq!(classify("Lopez"), 0);
    }
}
