//! One table of every word list the recognizers use (keyword lists, the Census name
//! dictionary, the English word list), so that a token is classified once (one hash lookup in
//! the tokenizer) instead of being compared with each list at each use.

use super::dictionary::{self, NameInfo};
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
pub(crate) const MAX_WORD: usize = 24;

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

/// [`u8::to_ascii_lowercase`] of the eight bytes of `w` at once (no byte loop, which matters in
/// WebAssembly, where there is no vector instruction to do it).
fn ascii_lower(w: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Per byte, on its low 7 bits (no carry can cross a byte): bit 7 is set where the byte is
    // at least `A`, and where it is past `Z`.
    let low = w & !HIGH;
    let from_a = low + ONES * u64::from(0x80 - b'A');
    let past_z = low + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = from_a & !past_z & !w & HIGH;
    w | (upper >> 2)
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

/// The keyword table and, for each (length, first byte, last byte) of a word (bytes taken
/// modulo 32, so either case of a letter is one value), whether any keyword has it: most words
/// of a note are no keyword, and this turns them away without hashing.
pub(crate) struct Keywords {
    table: Table,
    shapes: [u64; SHAPE_WORDS],
}

/// Longest keyword the shape filter knows, in bytes (a longer word is never a keyword).
const MAX_SHAPE_LEN: usize = 16;
const SHAPE_WORDS: usize = MAX_SHAPE_LEN * 32 * 32 / 64;

/// The bit of `word`'s (length, first byte, last byte) in [`Keywords::shapes`]; `None` for an
/// empty word or one longer than any keyword.
fn shape_bit(word: &[u8]) -> Option<usize> {
    let (first, last) = (usize::from(word.first()? & 31), usize::from(word.last()? & 31));
    let len = word.len();
    (len <= MAX_SHAPE_LEN).then(|| ((len - 1) * 32 + first) * 32 + last)
}

/// The keyword table (built on first use).
pub(crate) fn keywords() -> &'static Keywords {
    static TABLE: OnceLock<Keywords> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table::default();
        add_keywords(&mut table);
        let mut shapes = [0u64; SHAPE_WORDS];
        for key in table.keys() {
            let bytes: Vec<u8> = key.0.iter().flat_map(|w| w.to_le_bytes()).filter(|&b| b != 0).collect();
            if let Some(slot) = shape_bit(&bytes).and_then(|bit| shapes.get_mut(bit / 64).map(|w| (w, bit))) {
                *slot.0 |= 1 << (slot.1 % 64);
            }
        }
        Keywords { table, shapes }
    })
}

/// The name dictionary and the English list. Kept apart from the small, always-hot keyword
/// table: most tokens never need it.
fn word_table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = Table::default();
        dictionary::add_names(&mut |word, info| {
            if let Some(e) = slot(&mut map, word) {
                e.name = e.name.merge(info);
            }
        });
        dictionary::add_english(&mut |word| {
            if let Some(e) = slot(&mut map, word) {
                e.english = true;
            }
        });
        map
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
    pub(crate) fn bits(&self, word: &[u8]) -> u64 {
        let maybe =
            shape_bit(word).is_some_and(|bit| self.shapes.get(bit / 64).is_some_and(|w| w >> (bit % 64) & 1 != 0));
        if !maybe {
            return 0;
        }
        Key::new(word).and_then(|k| self.table.get(&k)).map_or(0, |e| e.lex)
    }
}

/// The keyword bits of a word (any ASCII case).
#[cfg(test)]
pub(crate) fn keyword_bits(word: &[u8]) -> u64 {
    keywords().bits(word)
}

/// The dictionary facts (name, English) of a word (any ASCII case); `lex` is not set.
pub(crate) fn word_entry(lower: &[u8]) -> Entry {
    Key::new(lower).and_then(|k| word_table().get(&k).copied()).unwrap_or_default()
}

/// Everything the lists say about one word, ignoring ASCII case (nothing for non-ASCII or
/// very long words).
#[cfg(test)]
fn entry(word: &str) -> Entry {
    let mut buf = [0u8; MAX_WORD];
    let Some(lower) = fold(word.as_bytes(), &mut buf) else { return Entry::default() };
    Entry { lex: keyword_bits(lower), ..word_entry(lower) }
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
    fn ascii_lower_matches_the_byte_by_byte_rule() {
        for b in 0..=255u8 {
            for other in [0u8, b'A', b'z', b'@', b'[', 0x80, 0xff] {
                let bytes = [b, other, b, other, other, b, b, other];
                let expected = bytes.map(|x| x.to_ascii_lowercase());
                assert_eq!(ascii_lower(u64::from_le_bytes(bytes)), u64::from_le_bytes(expected), "{b:#x} {other:#x}");
            }
        }
    }

    #[test]
    fn every_keyword_is_classifiable() {
        for (key, e) in &keywords().table {
            let bytes: Vec<u8> = key.0.iter().flat_map(|w| w.to_le_bytes()).filter(|&b| b != 0).collect();
            let word = std::str::from_utf8(&bytes).unwrap();
            assert!(word.len() <= MAX_SHAPE_LEN, "{word} longer than the shape filter knows");
            assert_eq!(classify(word), e.lex);
            assert_eq!(classify(&word.to_ascii_uppercase()), e.lex);
        }
        assert_eq!(classify("Daughter") & bit::RELATION, bit::RELATION);
        assert_eq!(classify("IL") & bit::STATE_CODE, bit::STATE_CODE);
        assert_eq!(classify("Lopez"), 0);
    }
}
