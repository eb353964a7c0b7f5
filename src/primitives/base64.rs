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

/// Appends the unpadded base64url form of `bytes` to `out`; short inputs (up to 384 bytes, such
/// as record fields) go through a stack buffer instead of a string of their own.
pub fn encode_into(bytes: &[u8], out: &mut String) {
    let mut buf = [0u8; 512];
    match Base64UrlUnpadded::encode(bytes, &mut buf) {
        Ok(text) => out.push_str(text),
        Err(_) => out.push_str(&encode(bytes)),
    }
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
        for len in [0, 1, 2, 3, 384, 385, 1000] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
            let mut out = String::from("x.");
            encode_into(&bytes, &mut out);
            assert_eq!(out, format!("x.{}", encode(&bytes)));
        }
    }
}
