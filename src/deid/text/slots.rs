//! Fixed tables of lower-cased ASCII words: the keyword lists ([`super::lexicon`]) and the name
//! dictionary and English list ([`super::word_table`]), looked up for most words of a note.
//!
//! A key is the lower-cased word zero-padded to `8 * N` bytes, as `N` integers; a table is open
//! addressing with linear probing over keys (values apart, in the same places), so a lookup
//! reads one or two keys and follows no pointer. The tables are built once from fixed lists, so
//! a non-keyed hash cannot be abused (a word can only land in a slot the lists already use).

use std::ops::BitOrAssign;

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
pub(crate) fn key<const N: usize>(word: &[u8]) -> Option<[u64; N]> {
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

/// The key of the word `text[at..at + len]` (at most `8 * N` bytes), as [`key`] gives it, read
/// in 8-byte loads (the bytes past the word masked off) where the text has 8 bytes from each
/// load's start, instead of being built byte by byte.
pub(crate) fn key_at<const N: usize>(text: &[u8], at: usize, len: usize) -> Option<[u64; N]> {
    if len > 8 * N || at + len > text.len() {
        return None;
    }
    let mut key = [0u64; N];
    for (k, slot) in key.iter_mut().enumerate() {
        let from = at + 8 * k;
        // The bytes of the word in this integer: 8, fewer in the last, none past it.
        let n = (at + len).saturating_sub(from).min(8);
        if n == 0 {
            break;
        }
        let w = match text.get(from..from + 8) {
            Some(w) => w.try_into().map_or(0, u64::from_le_bytes) & (u64::MAX >> (64 - 8 * n as u32)),
            None => text.get(from..from + n).unwrap_or(&[]).iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b)),
        };
        *slot = ascii_lower(w);
    }
    Some(key)
}

/// The slot a key's probe starts at: the top `64 - shift` bits of a multiplicative hash.
fn first_slot<const N: usize>(key: &[u64; N], shift: u32) -> usize {
    const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;
    if let [w] = key.as_slice() {
        // One word (most lookups: keywords and names of up to 8 letters): one multiply, whose
        // top bits depend on every bit of the word (Knuth's multiplicative hashing), so the
        // probe starts one multiply after the key is read.
        return usize::try_from(w.wrapping_mul(GOLDEN) >> shift).unwrap_or(0);
    }
    let mut h = 0u64;
    for &w in key {
        h = (h ^ w).wrapping_mul(GOLDEN).rotate_left(29);
    }
    usize::try_from(h.wrapping_mul(0x1656_67b1_9e37_79f9) >> shift).unwrap_or(0)
}

/// Open addressing with linear probing over keys of `N` words. An empty slot has the all-zero
/// key, which no word has. Keys and values are kept apart: a probe reads keys only (eight
/// 8-byte keys to a cache line), and a 1-byte value next to its key would pad every slot to
/// 16 bytes, doubling a table that is looked up for most words and does not fit a core's cache
/// at that size.
pub(crate) struct Slots<const N: usize, V> {
    keys: Vec<[u64; N]>,
    /// The value of the key in the same place of `keys`.
    values: Vec<V>,
    /// `64 - log2(keys.len())`: the hash's top bits pick the first slot.
    shift: u32,
}

impl<const N: usize, V: Copy + Default + BitOrAssign> Slots<N, V> {
    /// The table of `words` with `room` slots per listed word (rounded up to a power of two; 2
    /// keeps it at most half full). A key listed twice gets the OR of its values.
    pub(crate) fn new(words: &[([u64; N], V)], room: usize) -> Self {
        Self::with_len(words, words.len() * room.max(2))
    }

    /// The table of `words` at most two-thirds full of distinct keys (a large table, where a
    /// smaller one stays in cache; a miss probes about three slots, mostly of one cache line).
    /// A key listed twice gets the OR of its values.
    ///
    /// The distinct keys are counted by building the table first as if every key were distinct
    /// (the most room it can need) and counting its filled slots, rather than by sorting the
    /// keys (a sort of the 27,000 listed words cost more than every other step of building the
    /// tables, on the first scrub of a process or a page). When keys listed twice make a
    /// smaller table enough, it is built again at that size: the table is the same as one
    /// sized from a sorted count.
    pub(crate) fn compact(words: &[([u64; N], V)]) -> Self {
        let widest = Self::with_len(words, words.len() * 3 / 2 + 1);
        // The all-zero key is left out of a table, but a sorted count would count it.
        let zero = usize::from(words.iter().any(|(k, _)| *k == [0; N]));
        let distinct = widest.keys.iter().filter(|k| **k != [0; N]).count() + zero;
        let len = distinct * 3 / 2 + 1;
        if len.next_power_of_two().max(2) == widest.keys.len() {
            widest
        } else {
            Self::with_len(words, len)
        }
    }

    /// The table of `words` with at least `len` slots (rounded up to a power of two). `len` must
    /// exceed the number of distinct keys, so a probe always meets an empty slot.
    fn with_len(words: &[([u64; N], V)], len: usize) -> Self {
        // At least 2 slots: an empty table still has an empty slot to end a probe, and a shift
        // below 64.
        let len = len.next_power_of_two().max(2);
        let mut table =
            Slots { keys: vec![[0; N]; len], values: vec![V::default(); len], shift: 64 - len.trailing_zeros() };
        for &(key, value) in words.iter().filter(|(k, _)| *k != [0; N]) {
            let mut at = first_slot(&key, table.shift);
            // Never full, so the probe ends; the bound only guards the loop.
            for _ in 0..len {
                let (Some(k), Some(v)) = (table.keys.get_mut(at), table.values.get_mut(at)) else { break };
                if *k == [0; N] {
                    *k = key;
                    *v = value;
                    break;
                }
                if *k == key {
                    *v |= value;
                    break;
                }
                at = (at + 1) & (len - 1);
            }
        }
        table
    }

    /// The value of `key`, if it is held.
    pub(crate) fn get(&self, key: &[u64; N]) -> Option<V> {
        let mask = self.keys.len().wrapping_sub(1);
        let mut at = first_slot(key, self.shift);
        // Never full, so a probe meets an empty slot; the bound only guards the loop.
        for _ in 0..self.keys.len() {
            match self.keys.get(at) {
                Some(k) if k == key => return self.values.get(at).copied(),
                Some(k) if *k != [0; N] => at = (at + 1) & mask,
                _ => break,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_tiny_tables_answer() {
        let empty: Slots<3, u8> = Slots::new(&[], 2);
        assert_eq!(empty.get(&key::<3>(b"abcdefghijklmnopqrs").unwrap()), None);
        let one = Slots::new(&[(key::<1>(b"Ana").unwrap(), 1u8)], 1);
        assert_eq!(one.get(&key::<1>(b"ana").unwrap()), Some(1));
        assert_eq!(one.get(&key::<1>(b"eva").unwrap()), None);
        let compact = Slots::compact(&[(key::<1>(b"Ana").unwrap(), 1u8), (key::<1>(b"ANA").unwrap(), 2u8)]);
        assert_eq!(compact.get(&key::<1>(b"ana").unwrap()), Some(3));
    }

    /// Both sizings, with keys listed twice, against a map: found keys give the OR of their
    /// values, absent keys nothing (probes wrap around the end of the table).
    #[test]
    fn finds_what_a_map_finds() {
        let mut rng = crate::deid::text::TestRng::new(0x2545_f491_4f6c_dd1d);
        let mut words: Vec<([u64; 1], u8)> = Vec::new();
        for n in 0..5000u32 {
            // Few distinct keys, so many are listed twice and clusters form.
            words.push(([1 + rng.below(3000) as u64], 1 << (n % 8)));
        }
        let mut map = std::collections::HashMap::new();
        for &(k, v) in &words {
            *map.entry(k).or_insert(0u8) |= v;
        }
        // Sized from the count of distinct keys, as a sort would count them.
        assert_eq!(Slots::compact(&words).keys.len(), (map.len() * 3 / 2 + 1).next_power_of_two());
        for table in [Slots::new(&words, 2), Slots::compact(&words)] {
            // Not 0: the all-zero key is no word's (it marks an empty slot).
            for k in 1..4000u64 {
                assert_eq!(table.get(&[k]), map.get(&[k]).copied(), "{k}");
            }
        }
    }

    /// Every stretch of a text, near its end too (where no 8 bytes can be loaded), in both cases.
    #[test]
    fn keys_read_from_a_text_match_keys_built_from_its_words() {
        let text = b"Abc defGHIJKLMnopqrstuvWXYZ abcdefghijklmnopqrstuvwxy z";
        for at in 0..=text.len() {
            for len in 0..=text.len() - at {
                let word = &text[at..at + len];
                assert_eq!(key_at::<1>(text, at, len), key::<1>(word), "{at} {len}");
                assert_eq!(key_at::<2>(text, at, len), key::<2>(word), "{at} {len}");
                assert_eq!(key_at::<3>(text, at, len), key::<3>(word), "{at} {len}");
            }
        }
        assert_eq!(key_at::<1>(text, text.len() - 1, 2), None);
    }

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
}
