//! The name dictionary and the English word list ([`super::dictionary`]) as one compact
//! open-addressing table, looked up for most capitalized words of a note (and every word of an
//! upper-case one).
//!
//! Words are split by length into three tables whose keys are the lower-cased word zero-padded
//! to 8, 16 or 24 bytes, each slot holding its key and one byte of facts. Most listed words
//! have at most 8 letters, so most lookups read one 16-byte slot of a table that fits in a
//! core's cache, where a general hash map of 24-byte keys reads a control byte and a 40-byte
//! bucket of a table three times larger. The tables are built once from fixed lists, so a
//! non-keyed hash cannot be abused (a word can only land in a slot the lists already use).

use super::dictionary::NameInfo;

/// Longest word held, in bytes (longer words are in no list).
pub(crate) const MAX_WORD: usize = 24;

/// Bits of a slot's facts byte.
mod fact {
    pub const FIRST: u8 = 1 << 0;
    pub const LAST: u8 = 1 << 1;
    pub const AMBIGUOUS: u8 = 1 << 2;
    pub const STOP: u8 = 1 << 3;
    pub const ENGLISH: u8 = 1 << 4;
    /// Marks a used slot (a word with no other fact is still held).
    pub const USED: u8 = 1 << 7;
}

/// What the lists say about one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordFacts {
    /// Name dictionary entry.
    pub name: NameInfo,
    /// The word itself (not an inflection of it) is in the English list.
    pub english: bool,
}

impl WordFacts {
    fn from_byte(b: u8) -> Self {
        let on = |bit: u8| b & bit != 0;
        WordFacts {
            name: NameInfo {
                first: on(fact::FIRST),
                last: on(fact::LAST),
                ambiguous: on(fact::AMBIGUOUS),
                stop: on(fact::STOP),
            },
            english: on(fact::ENGLISH),
        }
    }

    fn to_byte(self) -> u8 {
        let bit = |on: bool, b: u8| if on { b } else { 0 };
        fact::USED
            | bit(self.name.first, fact::FIRST)
            | bit(self.name.last, fact::LAST)
            | bit(self.name.ambiguous, fact::AMBIGUOUS)
            | bit(self.name.stop, fact::STOP)
            | bit(self.english, fact::ENGLISH)
    }
}

/// [`u8::to_ascii_lowercase`] of the eight bytes of `w` at once (no byte loop, which matters in
/// WebAssembly, where there is no vector instruction to do it).
pub(crate) fn ascii_lower(w: u64) -> u64 {
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

/// The key of a word of at most `8 * N` bytes: its bytes lower-cased (ASCII) and zero-padded,
/// as `N` little-endian integers. Words are letters only, so the padding cannot make two words
/// equal, and no word has the all-zero key of an empty slot.
fn key<const N: usize>(word: &[u8]) -> Option<[u64; N]> {
    if word.len() > 8 * N {
        return None;
    }
    let mut key = [0u64; N];
    // Byte by byte into the integers (no copy through a buffer: a word is a few bytes).
    for (k, chunk) in key.iter_mut().zip(word.chunks(8)) {
        let w = chunk.iter().enumerate().fold(0u64, |w, (i, &b)| w | u64::from(b) << (8 * i));
        *k = ascii_lower(w);
    }
    Some(key)
}

/// The slot a key's probe starts at: the top `64 - shift` bits of a multiplicative hash.
fn first_slot<const N: usize>(key: &[u64; N], shift: u32) -> usize {
    let mut h = 0u64;
    for &w in key {
        h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    usize::try_from(h.wrapping_mul(0x1656_67b1_9e37_79f9) >> shift).unwrap_or(0)
}

/// Open addressing with linear probing over keys of `N` words, at most half full.
struct Slots<const N: usize> {
    slots: Vec<([u64; N], u8)>,
    shift: u32,
}

impl<const N: usize> Slots<N> {
    fn with_words(words: &[([u64; N], WordFacts)]) -> Self {
        let len = (words.len() * 2).next_power_of_two().max(2);
        let mut table = Slots { slots: vec![([0; N], 0); len], shift: 64 - len.trailing_zeros() };
        for (key, facts) in words {
            let mut at = first_slot(key, table.shift);
            loop {
                match table.slots.get_mut(at) {
                    Some(slot) if slot.1 == 0 => {
                        *slot = (*key, facts.to_byte());
                        break;
                    }
                    Some(slot) if slot.0 == *key => {
                        slot.1 |= facts.to_byte();
                        break;
                    }
                    Some(_) => at = (at + 1) & (len - 1),
                    None => break,
                }
            }
        }
        table
    }

    fn get(&self, key: &[u64; N]) -> WordFacts {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = first_slot(key, self.shift);
        // At most half full, so a probe meets an empty slot soon; the bound only guards the loop.
        for _ in 0..self.slots.len() {
            match self.slots.get(at) {
                Some((k, facts)) if *facts != 0 && k == key => return WordFacts::from_byte(*facts),
                Some((_, facts)) if *facts != 0 => at = (at + 1) & mask,
                _ => break,
            }
        }
        WordFacts::default()
    }
}

/// The dictionary, by word length.
pub(crate) struct WordTable {
    short: Slots<1>,
    medium: Slots<2>,
    long: Slots<3>,
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
                1..=8 => short.extend(key::<1>(w).map(|k| (k, facts))),
                9..=16 => medium.extend(key::<2>(w).map(|k| (k, facts))),
                _ => long.extend(key::<3>(w).map(|k| (k, facts))),
            }
        }
        WordTable {
            short: Slots::with_words(&short),
            medium: Slots::with_words(&medium),
            long: Slots::with_words(&long),
        }
    }

    /// What the lists say about `word` (any ASCII case; nothing for an empty, non-ASCII or
    /// over-long word).
    pub(crate) fn get(&self, word: &[u8]) -> WordFacts {
        let found = match word.len() {
            0 => None,
            1..=8 => key::<1>(word).map(|k| self.short.get(&k)),
            9..=16 => key::<2>(word).map(|k| self.medium.get(&k)),
            _ => key::<3>(word).map(|k| self.long.get(&k)),
        };
        found.unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

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

    /// Every length class, words listed twice, case, and words that are absent, against a map.
    #[test]
    fn finds_what_a_map_of_the_same_words_finds() {
        let fact = |first, last, english| WordFacts { name: NameInfo { first, last, ..NameInfo::default() }, english };
        let mut words: Vec<(String, WordFacts)> = Vec::new();
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        for n in 0..3000 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let len = 1 + (rng % 24) as usize;
            let word: String = (0..len).map(|k| char::from(b'a' + ((rng >> (k % 12 * 5)) % 26) as u8)).collect();
            words.push((word, fact(n % 2 == 0, n % 3 == 0, n % 5 == 0)));
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
        for absent in ["", "zzzzzzzzzzzzzzzzzzzzzzzzz", "smit", "smithy", "sm\u{e9}th", "x0"] {
            if !map.contains_key(absent) {
                assert_eq!(table.get(absent.as_bytes()), WordFacts::default(), "{absent}");
            }
        }
    }
}
