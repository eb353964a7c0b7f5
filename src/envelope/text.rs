//! The compact text form: `phsl1.` followed by the envelope in canonical unpadded base64url.
//!
//! The prefix names the format version, so a reader can refuse a newer version before
//! decoding. Only one text form exists for a byte string (no padding, no `+/`, no spaces).

use crate::error::{Error, Result};
use crate::primitives::base64;

/// The text prefix of format version 1.
pub const TEXT_PREFIX: &str = "phsl1.";

/// Encodes envelope bytes as text for embedding in JSON.
#[must_use]
pub fn to_text(envelope: &[u8]) -> String {
    let mut out = String::with_capacity(TEXT_PREFIX.len() + envelope.len().div_ceil(3) * 4);
    out.push_str(TEXT_PREFIX);
    out.push_str(&base64::encode(envelope));
    out
}

/// Decodes the text form.
///
/// # Errors
/// [`Error::UnsupportedVersion`] for a `phslN.` prefix of another version;
/// [`Error::Malformed`] for anything else that is not canonical.
pub fn from_text(text: &str) -> Result<Vec<u8>> {
    match text.strip_prefix(TEXT_PREFIX) {
        Some(body) => base64::decode(body),
        None if looks_like_other_version(text) => Err(Error::UnsupportedVersion),
        None => Err(Error::Malformed("missing phsl1. prefix")),
    }
}

fn looks_like_other_version(text: &str) -> bool {
    text.strip_prefix("phsl")
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(version, _)| !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()))
}
