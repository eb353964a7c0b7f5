//! Byte search shared by the scans that start at a marker byte (`.` and `:` for URLs, `:` for
//! IPv6 addresses, `@` for emails, `[` and `+` for placeholders).

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

/// Every position holding byte `a` or byte `b`, in order.
pub(crate) fn positions(bytes: &[u8], a: u8, b: u8) -> impl Iterator<Item = usize> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = find_either(bytes, from, a, b)?;
        from = at + 1;
        Some(at)
    })
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
}
