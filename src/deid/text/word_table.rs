//! The name dictionary and the English word list ([`super::dictionary`]) as one table of
//! facts by word, looked up for most capitalized words of a note (and every word of an
//! upper-case one).
//!
//! Words are split by length into three [`Slots`] tables with 8-, 16- and 24-byte keys, each
//! key with one byte of facts. Most listed words have at most 8 letters, so most lookups read
//! one 8-byte key of a table (256 KiB of keys) that fits in a core's cache.

use super::dictionary::NameInfo;
use super::slots::{key, key_at, Slots};

/// Longest word held, in bytes (longer words are in no list).
pub(crate) const MAX_WORD: usize = 24;

/// Bits of a slot's facts byte (also the low bits of a token's memo, [`super::token`]).
pub(crate) mod fact {
    pub const FIRST: u8 = 1 << 0;
    pub const LAST: u8 = 1 << 1;
    pub const AMBIGUOUS: u8 = 1 << 2;
    pub const STOP: u8 = 1 << 3;
    pub const ENGLISH: u8 = 1 << 4;
    pub const PLACE: u8 = 1 << 5;
    pub const PLACE_HEAD: u8 = 1 << 6;
}

/// What the lists say about one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordFacts {
    /// Name dictionary entry.
    pub name: NameInfo,
    /// The word itself (not an inflection of it) is in the English list.
    pub english: bool,
    /// The word, or the phrase (`long beach`, words joined by one space), is a listed US
    /// place ([`super::dictionary::add_places`]).
    pub place: bool,
    /// The word starts a listed place of two or three words (`Long` of `Long Beach`).
    pub place_head: bool,
}

impl WordFacts {
    pub(crate) fn from_byte(b: u8) -> Self {
        let on = |bit: u8| b & bit != 0;
        WordFacts {
            name: NameInfo {
                first: on(fact::FIRST),
                last: on(fact::LAST),
                ambiguous: on(fact::AMBIGUOUS),
                stop: on(fact::STOP),
            },
            english: on(fact::ENGLISH),
            place: on(fact::PLACE),
            place_head: on(fact::PLACE_HEAD),
        }
    }

    pub(crate) fn to_byte(self) -> u8 {
        let bit = |on: bool, b: u8| if on { b } else { 0 };
        bit(self.name.first, fact::FIRST)
            | bit(self.name.last, fact::LAST)
            | bit(self.name.ambiguous, fact::AMBIGUOUS)
            | bit(self.name.stop, fact::STOP)
            | bit(self.english, fact::ENGLISH)
            | bit(self.place, fact::PLACE)
            | bit(self.place_head, fact::PLACE_HEAD)
    }
}

/// The dictionary, by word length.
pub(crate) struct WordTable {
    short: Slots<1, u8>,
    medium: Slots<2, u8>,
    long: Slots<3, u8>,
}

impl WordTable {
    /// The table of `words` (any ASCII case; a word listed twice gets both entries' facts;
    /// words longer than [`MAX_WORD`] bytes are left out, as they are never looked up).
    pub(crate) fn new(words: &[(&str, WordFacts)]) -> Self {
        let mut short = Vec::new();
        let mut medium = Vec::new();
        let mut long = Vec::new();
        for &(word, facts) in words {
            let w = word.as_bytes();
            match w.len() {
                0 => {}
                1..=8 => short.extend(key::<1>(w).map(|k| (k, facts.to_byte()))),
                9..=16 => medium.extend(key::<2>(w).map(|k| (k, facts.to_byte()))),
                _ => long.extend(key::<3>(w).map(|k| (k, facts.to_byte()))),
            }
        }
        WordTable { short: Slots::compact(&short), medium: Slots::compact(&medium), long: Slots::compact(&long) }
    }

    /// The [`fact`] bits of the word `text[at..at + len]` (any ASCII case; 0 for an empty,
    /// non-ASCII or over-long word), its key read in 8-byte loads from the text
    /// ([`key_at`]): what [`Self::get`] says of that word, as one byte.
    pub(crate) fn facts_at(&self, text: &[u8], at: usize, len: usize) -> u8 {
        let found = match len {
            0 => None,
            1..=8 => key_at::<1>(text, at, len).and_then(|k| self.short.get(&k)),
            9..=16 => key_at::<2>(text, at, len).and_then(|k| self.medium.get(&k)),
            _ => key_at::<3>(text, at, len).and_then(|k| self.long.get(&k)),
        };
        found.unwrap_or(0)
    }

    /// What the lists say about `word` (any ASCII case; nothing for an empty, non-ASCII or
    /// over-long word).
    pub(crate) fn get(&self, word: &[u8]) -> WordFacts {
        let found = match word.len() {
            0 => None,
            1..=8 => key::<1>(word).and_then(|k| self.short.get(&k)),
            9..=16 => key::<2>(word).and_then(|k| self.medium.get(&k)),
            _ => key::<3>(word).and_then(|k| self.long.get(&k)),
        };
        found.map_or_else(WordFacts::default, WordFacts::from_byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Every length class, words listed twice, case, and words that are absent, against a map.
    #[test]
    fn finds_what_a_map_of_the_same_words_finds() {
        let fact = |first, last, english| WordFacts {
            name: NameInfo { first, last, ..NameInfo::default() },
            english,
            place: false,
            place_head: false,
        };
        let mut words: Vec<(String, WordFacts)> = Vec::new();
        let mut rng = crate::deid::text::TestRng::new(0x9e37_79b9_7f4a_7c15);
        for n in 0..3000 {
            let len = 1 + rng.below(24);
            let word: String = (0..len).map(|_| char::from(b'a' + rng.below(26) as u8)).collect();
            let facts =
                WordFacts { place: n % 7 == 0, place_head: n % 11 == 0, ..fact(n % 2 == 0, n % 3 == 0, n % 5 == 0) };
            words.push((word, facts));
        }
        words.push(("Smith".into(), fact(false, true, false)));
        words.push(("SMITH".into(), fact(true, false, true)));
        let table = WordTable::new(&words.iter().map(|(w, f)| (w.as_str(), *f)).collect::<Vec<_>>());
        let mut map: HashMap<String, WordFacts> = HashMap::new();
        for (w, f) in &words {
            let e = map.entry(w.to_ascii_lowercase()).or_default();
            *e = WordFacts::from_byte(e.to_byte() | f.to_byte());
        }
        for (w, f) in &map {
            assert_eq!(table.get(w.as_bytes()), *f, "{w}");
            assert_eq!(table.get(w.to_ascii_uppercase().as_bytes()), *f, "{w}");
        }
        assert_eq!(table.get(b"smith"), fact(true, true, true));
        // Read from inside a text, with other letters after the word.
        for w in map.keys() {
            let text = format!("x{}yyyyyyyyyyyyyyyyyyyyyyyyyyyy", w.to_ascii_uppercase());
            assert_eq!(table.facts_at(text.as_bytes(), 1, w.len()), table.get(w.as_bytes()).to_byte(), "{w}");
            assert_eq!(table.facts_at(w.as_bytes(), 0, w.len()), table.get(w.as_bytes()).to_byte(), "{w}");
        }
        for absent in ["", "zzzzzzzzzzzzzzzzzzzzzzzzz", "smit", "smithy", "sm\u{e9}th", "x0"] {
            if !map.contains_key(absent) {
                assert_eq!(table.get(absent.as_bytes()), WordFacts::default(), "{absent}");
            }
        }
    }
}
