//! Reading an envelope from a file or stdin in either form: binary (`phsl` + version byte
//! 0x01) or text (`phsl1.` + base64url, surrounding whitespace ignored).

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

/// Reads an envelope in either form.
///
/// # Errors
/// I/O and size errors; [`crate::exit::Status::Malformed`] for bad text.
pub fn read_envelope(path: &Path) -> CliResult<EnvelopeInput> {
    let raw = files::read_all(path, MAX_ENVELOPE_INPUT, "envelope")?;
    decode(raw).map_err(|err| CliError::library(&format!("reading envelope {}", path.display()), &err))
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
    fn bad_text_is_malformed() {
        assert_eq!(decode(b"phsl1.***".to_vec()).err().map(|e| e.code()), Some("MALFORMED"));
    }
}
