//! Canonical base64url without padding (RFC 4648 section 5), the only text encoding phiseal
//! accepts. Padding, the standard alphabet, whitespace and non-zero trailing bits are rejected,
//! so every byte string has exactly one text form.

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::error::{Error, Result};

/// Encodes bytes as unpadded base64url.
#[must_use]
pub fn encode(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// The base64url alphabet (RFC 4648 section 5, table 2).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends [`encode`] of bytes that are public (ciphertexts, tags, key headers) to `out`: the
/// same text, by table look-up, several times faster in WebAssembly than the constant-time
/// arithmetic [`encode`] uses. Never for secrets: which table entry is read depends on the bytes.
pub fn encode_public_into(bytes: &[u8], out: &mut String) {
    let char_of = |sextet: u32| ALPHABET.get((sextet & 63) as usize).copied().unwrap_or(b'A');
    out.reserve(bytes.len().div_ceil(3) * 4);
    // 384 input bytes at a time into 512 characters on the stack, appended as one string.
    let mut text = [0u8; 512];
    for piece in bytes.chunks(384) {
        let mut len = 0;
        for group in piece.chunks(3) {
            let (a, b, c) = match *group {
                [a, b, c] => (a, b, c),
                [a, b] => (a, b, 0),
                [a] => (a, 0, 0),
                _ => continue,
            };
            let n = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
            let chars = [char_of(n >> 18), char_of(n >> 12), char_of(n >> 6), char_of(n)];
            let kept = group.len() + 1;
            if let Some(slot) = text.get_mut(len..len + kept) {
                slot.copy_from_slice(chars.get(..kept).unwrap_or_default());
            }
            len += kept;
        }
        // Only characters of the alphabet were written: always ASCII.
        out.push_str(text.get(..len).and_then(|text| core::str::from_utf8(text).ok()).unwrap_or_default());
    }
}

/// [`encode_public_into`] into a new string.
#[must_use]
pub fn encode_public(bytes: &[u8]) -> String {
    let mut out = String::new();
    encode_public_into(bytes, &mut out);
    out
}

/// Decodes canonical unpadded base64url.
///
/// # Errors
/// [`Error::Malformed`] for any other form.
pub fn decode(text: &str) -> Result<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(text).map_err(|_| Error::Malformed("not canonical base64url"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejects_variants() {
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("-_8").unwrap(), vec![0xfb, 0xff]);
        assert!(decode("-_8=").is_err(), "padding");
        assert!(decode("+/8").is_err(), "standard alphabet");
        assert!(decode("-_9").is_err(), "non-zero trailing bits");
        assert!(decode("-_ 8").is_err(), "whitespace");
    }

    #[test]
    fn public_encoding_is_the_same_text() {
        for len in (0..200).chain(380..=390).chain([767, 768, 769, 1000]) {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 97 + len * 13) as u8).collect();
            assert_eq!(encode_public(&bytes), encode(&bytes), "length {len}");
        }
        let every_sextet: Vec<u8> = (0..=255u8).collect();
        assert_eq!(encode_public(&every_sextet), encode(&every_sextet));
        let mut out = String::from("phs2.");
        encode_public_into(&[0xfb, 0xff], &mut out);
        assert_eq!(out, "phs2.-_8");
    }
}
