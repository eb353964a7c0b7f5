//! Fixed tables of lower-cased ASCII words: the keyword lists ([`super::lexicon`]) and the name
//! dictionary and English list ([`super::word_table`]), looked up for most words of a note.
//!
//! A key is the lower-cased word zero-padded to `8 * N` bytes, as `N` integers; a table is open
//! addressing with linear probing over `(key, value)` slots, so a lookup reads one or two slots
//! and follows no pointer. The tables are built once from fixed lists, so a non-keyed hash
//! cannot be abused (a word can only land in a slot the lists already use).

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

/// The slot a key's probe starts at: the top `64 - shift` bits of a multiplicative hash.
fn first_slot<const N: usize>(key: &[u64; N], shift: u32) -> usize {
    let mut h = 0u64;
    for &w in key {
        h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    usize::try_from(h.wrapping_mul(0x1656_67b1_9e37_79f9) >> shift).unwrap_or(0)
}

/// Open addressing with linear probing over keys of `N` words. An empty slot has the all-zero
/// key, which no word has.
pub(crate) struct Slots<const N: usize, V> {
    slots: Vec<([u64; N], V)>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the first slot.
    shift: u32,
}

impl<const N: usize, V: Copy + Default + BitOrAssign> Slots<N, V> {
    /// The table of `words` with `room` slots per word (rounded up to a power of two; 2 keeps
    /// it at most half full). A key listed twice gets the OR of its values.
    pub(crate) fn new(words: &[([u64; N], V)], room: usize) -> Self {
        // At least 2 slots: an empty table still has an empty slot to end a probe, and a shift
        // below 64.
        let len = (words.len() * room.max(2)).next_power_of_two().max(2);
        let mut table = Slots { slots: vec![([0; N], V::default()); len], shift: 64 - len.trailing_zeros() };
        for &(key, value) in words.iter().filter(|(k, _)| *k != [0; N]) {
            let mut at = first_slot(&key, table.shift);
            while let Some(slot) = table.slots.get_mut(at) {
                if slot.0 == [0; N] {
                    *slot = (key, value);
                    break;
                }
                if slot.0 == key {
                    slot.1 |= value;
                    break;
                }
                at = (at + 1) & (len - 1);
            }
        }
        table
    }

    /// The value of `key`, if it is held.
    pub(crate) fn get(&self, key: &[u64; N]) -> Option<V> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = first_slot(key, self.shift);
        // Never full, so a probe meets an empty slot; the bound only guards the loop.
        for _ in 0..self.slots.len() {
            match self.slots.get(at) {
                Some((k, value)) if k == key => return Some(*value),
                Some((k, _)) if *k != [0; N] => at = (at + 1) & mask,
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
