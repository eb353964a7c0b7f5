//! Reading an envelope from a file or stdin in either form: binary (`phsl` + version byte
//! 0x01) or text (`phsl1.` + base64url, surrounding whitespace ignored).
//!
//! The first 64 KiB are read first ([`Peeked`]): enough for the largest header, so a
//! streaming envelope (kind 3) can be recognised and inspected without reading its payload.

use std::io::{self, Cursor, Read};
use std::path::Path;

use phiseal::envelope::{self, limits::MAX_ONE_SHOT_PAYLOAD, TEXT_PREFIX};

use crate::exit::{CliError, CliResult};
use crate::files::{self, Sensitivity};

/// Room for the largest header (256 slots of 112 bytes plus fixed fields) and the tag.
const HEADER_ALLOWANCE: u64 = 64 * 1024;

/// Largest input read: the largest text form of the largest one-shot envelope.
const MAX_ENVELOPE_INPUT: u64 = (MAX_ONE_SHOT_PAYLOAD as u64 + HEADER_ALLOWANCE) / 3 * 4 + 64;

/// An envelope as read, and which form it came in.
pub struct EnvelopeInput {
    /// The binary envelope.
    pub bytes: Vec<u8>,
    /// True when the input was the `phsl1.` text form.
    pub was_text: bool,
}

impl EnvelopeInput {
    /// Writes `bytes` (a binary envelope) to `path` in the same form as this input.
    ///
    /// # Errors
    /// I/O errors; refuses binary output to a terminal.
    pub fn write_same_form(&self, path: &Path, bytes: &[u8]) -> CliResult {
        if !self.was_text {
            files::refuse_binary_to_terminal(path)?;
            return files::write_all(path, bytes, Sensitivity::Public);
        }
        let mut text = envelope::to_text(bytes).into_bytes();
        text.push(b'\n');
        files::write_all(path, &text, Sensitivity::Public)
    }
}

/// How much is read before deciding what kind of envelope the input is (the largest header,
/// 256 slots, is under 29 KiB).
const PEEK_LEN: u64 = 64 * 1024;

/// The kind byte of a streaming envelope (docs/FORMAT.md).
const STREAM_KIND: u8 = 3;

/// The start of an input, and the rest of it still unread.
pub struct Peeked {
    /// Up to the first 64 KiB.
    pub prefix: Vec<u8>,
    rest: Box<dyn Read>,
}

impl Peeked {
    /// Reads the start of `path` (stdin for `-`).
    ///
    /// # Errors
    /// I/O errors.
    pub fn open(path: &Path) -> CliResult<Self> {
        let mut rest = files::open_input(path)?;
        let mut prefix = Vec::new();
        rest.by_ref().take(PEEK_LEN).read_to_end(&mut prefix).map_err(|err| CliError::io("cannot read", path, &err))?;
        Ok(Self { prefix, rest })
    }

    /// True for a binary streaming envelope (magic, version 1, kind 3).
    #[must_use]
    pub fn is_stream(&self) -> bool {
        matches!(self.prefix.as_slice(), [b'p', b'h', b's', b'l', 1, _, _, STREAM_KIND, ..])
    }

    /// The whole input again, prefix first.
    #[must_use]
    pub fn into_reader(self) -> impl Read {
        Cursor::new(self.prefix).chain(self.rest)
    }

    /// Counts the bytes after the prefix (reading them), for `inspect` of large streams.
    ///
    /// # Errors
    /// I/O errors.
    pub fn count_rest(&mut self, path: &Path) -> CliResult<u64> {
        io::copy(&mut self.rest, &mut io::sink()).map_err(|err| CliError::io("cannot read", path, &err))
    }

    /// Reads the whole one-shot envelope, in either form.
    ///
    /// # Errors
    /// I/O and size errors; [`crate::exit::Status::Malformed`] for bad text.
    pub fn read_envelope(self, path: &Path) -> CliResult<EnvelopeInput> {
        let mut raw = Vec::new();
        self.into_reader()
            .take(MAX_ENVELOPE_INPUT.saturating_add(1))
            .read_to_end(&mut raw)
            .map_err(|err| CliError::io("cannot read", path, &err))?;
        if raw.len() as u64 > MAX_ENVELOPE_INPUT {
            return Err(CliError {
                status: crate::exit::Status::LimitExceeded,
                message: format!("{} is larger than a one-shot envelope can be [LIMIT_EXCEEDED]", path.display()),
            });
        }
        decode(raw).map_err(|err| CliError::library(&format!("reading envelope {}", path.display()), &err))
    }
}

fn decode(raw: Vec<u8>) -> phiseal::Result<EnvelopeInput> {
    let trimmed = raw.trim_ascii();
    if !trimmed.starts_with(TEXT_PREFIX.as_bytes()) {
        return Ok(EnvelopeInput { bytes: raw, was_text: false });
    }
    let text = std::str::from_utf8(trimmed).map_err(|_| phiseal::Error::Malformed("text envelope is not ASCII"))?;
    Ok(EnvelopeInput { bytes: envelope::from_text(text)?, was_text: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_input_is_kept_byte_for_byte() {
        let raw = b"phsl\x01 \n".to_vec();
        let input = decode(raw.clone()).unwrap();
        assert!(!input.was_text);
        assert_eq!(input.bytes, raw);
    }

    #[test]
    fn text_input_is_decoded_with_whitespace_ignored() {
        let text = format!("  {}\n", envelope::to_text(b"abc"));
        let input = decode(text.into_bytes()).unwrap();
        assert!(input.was_text);
        assert_eq!(input.bytes, b"abc");
    }

    #[test]
    fn only_binary_kind_3_is_a_stream() {
        let peeked = |prefix: &[u8]| Peeked { prefix: prefix.to_vec(), rest: Box::new(io::empty()) };
        assert!(peeked(b"phsl\x01\x00\x01\x03rest").is_stream());
        assert!(!peeked(b"phsl\x01\x00\x01\x01rest").is_stream());
        assert!(!peeked(b"phsl1.AAAA").is_stream());
        assert!(!peeked(b"phsl\x01").is_stream());
    }

    #[test]
    fn bad_text_is_malformed() {
        assert_eq!(decode(b"phsl1.***".to_vec()).err().map(|e| e.code()), Some("MALFORMED"));
    }
}
