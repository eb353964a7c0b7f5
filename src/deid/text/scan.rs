//! Searches shared by the scans: for a marker byte (`.` and `:` for URLs, `:` for IPv6
//! addresses, `@` for emails, `[` and `+` for placeholders), for gaps between the columns of
//! a table, and for the tokens a token
//! recognizer can start at ([`marked`]).

use super::token::{Token, Tokens};

/// The first position at or after `from` holding byte `a` or byte `b`, eight bytes at a time
/// (plain integer arithmetic, so it is as fast in WebAssembly as natively). One search serves
/// two markers, where `str::find` would scan the text once for each.
pub(crate) fn find_either(bytes: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `x` (and possibly of bytes above one: only the lowest
    // set bit is used).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in chunks.by_ref() {
        let w = chunk.try_into().map_or(0, u64::from_le_bytes);
        let hits = zero(w ^ (ONES * u64::from(a))) | zero(w ^ (ONES * u64::from(b)));
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks.remainder().iter().position(|&c| c == a || c == b).map(|k| at + k)
}

/// The high bit of each byte of `w` equal to `c`, exactly (no carry from byte to byte).
fn bytes_equal(w: u64, c: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = w ^ (0x0101_0101_0101_0101 * u64::from(c));
    !(((x & LOW7).wrapping_add(LOW7)) | x) & !LOW7
}

/// The first position at or after `from` where a gap between columns starts: a space followed
/// by a space, or a tab. Eight bytes at a time, as [`find_either`].
pub(crate) fn find_gap(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    // Whether the byte before the current chunk is a space.
    let mut space_before = false;
    for chunk in chunks.by_ref() {
        let w = chunk.try_into().map_or(0, u64::from_le_bytes);
        let spaces = bytes_equal(w, b' ');
        if space_before && spaces & 0x80 != 0 {
            return Some(at - 1);
        }
        // Byte k and byte k + 1 are spaces: bit 7 of byte k + 1 shifted down onto byte k.
        let hits = (spaces & (spaces >> 8)) | bytes_equal(w, b'\t');
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        space_before = spaces >> 63 != 0;
        at += 8;
    }
    let tail = chunks.remainder();
    if space_before && tail.first() == Some(&b' ') {
        return Some(at - 1);
    }
    (0..tail.len())
        .find(|&k| tail.get(k) == Some(&b'\t') || (tail.get(k) == Some(&b' ') && tail.get(k + 1) == Some(&b' ')))
        .map(|k| at + k)
}

/// Every position holding byte `a` or byte `b`, in order.
pub(crate) fn positions(bytes: &[u8], a: u8, b: u8) -> impl Iterator<Item = usize> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = find_either(bytes, from, a, b)?;
        from = at + 1;
        Some(at)
    })
}

/// The indices of the tokens of `t` for which `test` holds, in order.
///
/// A recognizer that starts at few tokens spends most of its time deciding that a token is not
/// one of them. Here the test runs over 64 tokens at a time in a loop of its own, its answers
/// gathered into the bits of a word, so the loop keeps its registers (the recognizer's body,
/// inlined into a loop over every token, spilled its counters to the stack) and a test written
/// without `&&` has no branch to mispredict; the recognizer then runs only at the set bits.
pub(crate) fn marked<'t, F>(t: &'t Tokens<'_>, test: F) -> Marked<'t, F>
where
    F: Fn(usize, &Token) -> bool,
{
    Marked { toks: &t.toks, test, next: 0, base: 0, mask: 0 }
}

/// The iterator of [`marked`].
pub(crate) struct Marked<'t, F> {
    toks: &'t [Token],
    test: F,
    /// The first token not yet tested.
    next: usize,
    /// The token of bit 0 of `mask`.
    base: usize,
    /// The tokens tested but not yet returned that pass.
    mask: u64,
}

impl<F: Fn(usize, &Token) -> bool> Iterator for Marked<'_, F> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let rest = self.toks.get(self.next..)?;
            let chunk = rest.get(..64).unwrap_or(rest);
            if chunk.is_empty() {
                return None;
            }
            let base = self.next;
            self.mask =
                chunk.iter().enumerate().fold(0u64, |m, (k, tok)| m | u64::from((self.test)(base + k, tok)) << k);
            self.base = base;
            self.next = base + chunk.len();
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_matches_a_byte_scan() {
        let text = b"abc.def:ghij klmnopqrstu.vwxyz 0123456789:x....::::\xc3\xa9.\xff:[+]@\x80";
        for (a, b) in [(b'.', b':'), (b':', b':'), (b'[', b'+'), (b'@', b'@'), (0x80, b'x')] {
            for from in 0..=text.len() {
                for end in from..=text.len() {
                    let cut = &text[..end];
                    let naive = cut[from..].iter().position(|&c| c == a || c == b).map(|k| from + k);
                    assert_eq!(find_either(cut, from, a, b), naive, "{from}..{end}");
                }
            }
            let all: Vec<usize> = (0..text.len()).filter(|&k| text[k] == a || text[k] == b).collect();
            assert_eq!(positions(text, a, b).collect::<Vec<_>>(), all);
        }
    }

    #[test]
    fn gap_search_matches_a_byte_scan() {
        let mut rng = crate::deid::text::TestRng::new(0x51a7_e0c4_9b3d_2f61);
        let pieces: [&[u8]; 6] = [b" ", b"  ", b"\t", b"ab", b"\xc3\xa9", b"x"];
        for _ in 0..4000 {
            let text: Vec<u8> =
                (0..rng.below(30)).flat_map(|_| pieces[rng.below(pieces.len())].iter().copied()).collect();
            for from in 0..=text.len() {
                let naive = (from..text.len())
                    .find(|&k| text[k] == b'\t' || (text[k] == b' ' && text.get(k + 1) == Some(&b' ')));
                assert_eq!(find_gap(&text, from), naive, "{text:?} {from}");
            }
        }
    }

    type TokenTest = dyn Fn(usize, &Token) -> bool;

    #[test]
    fn marked_matches_a_filter() {
        // Lengths around the 64-token chunks, and tests that pass at none, some or all tokens.
        for words in [0, 1, 63, 64, 65, 127, 128, 129, 300] {
            let text: String = (0..words).map(|k| format!("w{} ", k % 7)).collect();
            let t = Tokens::new(&text);
            let tests: [&TokenTest; 4] =
                [&|_, _| false, &|_, _| true, &|i, _| i % 3 == 1, &|_, tok| tok.first == '4' || tok.first == 'w'];
            for test in tests {
                let want: Vec<usize> = (0..t.len()).filter(|&i| test(i, &t.toks[i])).collect();
                assert_eq!(marked(&t, test).collect::<Vec<_>>(), want, "{words} words");
            }
        }
    }
}
