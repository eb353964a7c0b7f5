//! Streaming envelopes without `std::io`: the header and its payload key as values, for
//! callers that drive the C2SP chunks themselves with [`crate::stream::ChunkSealer`] /
//! [`crate::stream::ChunkOpener`] (the JS face, whose input arrives as pushed pieces).
//!
//! The bytes are exactly those of [`super::seal_stream`] / [`super::open_stream`]
//! (docs/FORMAT.md, "Streaming"): a kind-3 header, then one Cobblestone-256 message whose input
//! key is the header's payload key and whose context is the header's preamble followed by its
//! commitment (so that rewrapping the header leaves the payload valid).
//!
//! Opening is split in two steps so that a push-based reader never buffers more than it must:
//! [`stream_header_len`] says how many bytes the header needs (from its fixed fields and
//! recipient count, refused above 256 before more is read), and [`unlock_stream_header`] checks
//! it exactly as steps 1-7 (and 9) of "Opening" in docs/FORMAT.md.

use core::fmt;

use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::primitives::random;
use crate::stream::{ChunkOpener, ChunkSealer, HEADER_LEN as C2SP_HEADER_LEN};

use super::data_key::{DataKey, HeaderKeys};
use super::header::{self, check_context, check_recipients};
use super::limits::MAX_RECIPIENTS;
use super::sealed::SealOptions;
use super::wire::{Header, Kind, Preamble, FLAG_SENDER_AUTH, MAGIC, SLOT_LEN, SUITE, VERSION};

/// Fixed fields of a stream header: magic, version, suite, kind, flags.
const FIXED_LEN: usize = 9;
/// Salt length in the preamble.
const SALT_LEN: usize = 32;
/// Raw X25519 sender key, present with the sender-auth flag.
const SENDER_LEN: usize = 32;
/// Commitment and header MAC after the slots.
const TRAILER_LEN: usize = 64;

/// A new streaming-envelope header and the key of the C2SP message that follows it.
pub struct StreamHeader {
    bytes: Vec<u8>,
    pub(super) payload_key: DataKey,
    pub(super) payload_context: Vec<u8>,
}

impl StreamHeader {
    /// The serialized header: write it first.
    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// A C2SP chunk sealer keyed for this header's payload, and the 56-byte C2SP header to
    /// write right after the envelope header.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`].
    pub fn chunk_sealer(&self) -> Result<(ChunkSealer, [u8; C2SP_HEADER_LEN])> {
        ChunkSealer::new(self.payload_key.expose(), &self.payload_context)
    }
}

impl fmt::Debug for StreamHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamHeader").field("len", &self.bytes.len()).finish_non_exhaustive()
    }
}

/// Builds a kind-3 header for `recipients` bound to `context`, as [`super::seal_stream`] does.
///
/// # Errors
/// [`Error::InvalidArgument`] for no or duplicate recipients, [`Error::LimitExceeded`] for too
/// many recipients or a context over 64 KiB, [`Error::RandomUnavailable`].
pub fn begin_stream(recipients: &[PublicKey], context: &[u8], options: &SealOptions<'_>) -> Result<StreamHeader> {
    let recipients = check_recipients(recipients)?;
    check_context(context)?;
    let data_key = DataKey::generate()?;
    let preamble = Preamble {
        kind: Kind::Stream,
        salt: random::array()?,
        payload_digest: None,
        sender: options.sender.map(|pair| *pair.public_key()),
    };
    let keys = HeaderKeys::derive(&data_key, &preamble.salt, Kind::Stream as u8, context)?;
    let header = header::build(preamble, &data_key, context, Vec::new(), &recipients, options.sender)?;
    Ok(StreamHeader {
        bytes: header.to_bytes(),
        payload_key: DataKey::from_slice(keys.payload_key.expose())?,
        payload_context: header.stream_context(),
    })
}

/// How many bytes the stream header starting `prefix` needs, as far as `prefix` tells: 9 until
/// the fixed fields are in, then up to the recipient count, then the whole header. Call again
/// with more bytes until the result is at most `prefix.len()`; the header is then
/// `prefix[..result]`.
///
/// # Errors
/// [`Error::Malformed`] for bad magic or a one-shot / key-only envelope;
/// [`Error::UnsupportedVersion`] for another version, suite, kind or reserved flag;
/// [`Error::LimitExceeded`] for more than 256 recipients (before their bytes are read).
pub fn stream_header_len(prefix: &[u8]) -> Result<usize> {
    let Some(fixed) = prefix.first_chunk::<FIXED_LEN>() else {
        return Ok(FIXED_LEN);
    };
    let flags = check_fixed_fields(fixed)?;
    let sender_len = if flags & FLAG_SENDER_AUTH != 0 { SENDER_LEN } else { 0 };
    let count_at = FIXED_LEN + SALT_LEN + sender_len;
    let Some(&[high, low]) = prefix.get(count_at..count_at + 2) else {
        return Ok(count_at + 2);
    };
    let count = usize::from(u16::from_be_bytes([high, low]));
    if count > MAX_RECIPIENTS {
        return Err(Error::LimitExceeded("recipient count"));
    }
    Ok(count_at + 2 + count * SLOT_LEN + TRAILER_LEN)
}

/// Magic, version, suite, kind and flags; returns the flags.
fn check_fixed_fields(fixed: &[u8; FIXED_LEN]) -> Result<u8> {
    let [m0, m1, m2, m3, version, s0, s1, kind, flags] = *fixed;
    if [m0, m1, m2, m3] != MAGIC {
        return Err(Error::Malformed("not a phiseal envelope"));
    }
    if version != VERSION || u16::from_be_bytes([s0, s1]) != SUITE {
        return Err(Error::UnsupportedVersion);
    }
    match kind {
        3 => {}
        1 | 2 => return Err(Error::Malformed("wrong envelope kind")),
        _ => return Err(Error::UnsupportedVersion),
    }
    if flags & !FLAG_SENDER_AUTH != 0 {
        return Err(Error::UnsupportedVersion);
    }
    Ok(flags)
}

/// A stream header unlocked by one of its recipients.
pub struct UnlockedStream {
    payload_key: DataKey,
    payload_context: Vec<u8>,
    sender: Option<PublicKey>,
}

impl UnlockedStream {
    /// A C2SP chunk opener for the payload, given its 56-byte C2SP header (the bytes right
    /// after the envelope header); checks the payload's key commitment.
    ///
    /// # Errors
    /// [`Error::AuthFailed`] for a modified C2SP header, [`Error::Truncated`] when short.
    pub fn chunk_opener(&self, c2sp_header: &[u8]) -> Result<ChunkOpener> {
        ChunkOpener::new(self.payload_key.expose(), c2sp_header, &self.payload_context)
    }

    /// The authenticated sender, for a sender-authenticated header.
    #[must_use]
    pub fn sender(&self) -> Option<&PublicKey> {
        self.sender.as_ref()
    }
}

impl fmt::Debug for UnlockedStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnlockedStream").field("sender", &self.sender).finish_non_exhaustive()
    }
}

/// Parses exactly one stream header (`header` must hold nothing else), opens the identity's
/// slot and verifies commitment and header MAC; with `expected_sender`, also requires the
/// header to be sender-authenticated by exactly that key.
///
/// # Errors
/// As [`super::open_stream`]: [`Error::Malformed`] (also for bytes after the header),
/// [`Error::UnsupportedVersion`], [`Error::LimitExceeded`], [`Error::NoMatchingRecipient`],
/// [`Error::InvalidKey`], [`Error::AuthFailed`] (wrong context, modified header, or another
/// sender than expected).
pub fn unlock_stream_header(
    header: &[u8],
    identity: &KeyPair,
    context: &[u8],
    expected_sender: Option<&PublicKey>,
) -> Result<UnlockedStream> {
    let (parsed, rest) = Header::parse(header, Some(Kind::Stream))?;
    if !rest.is_empty() {
        return Err(Error::Malformed("trailing data"));
    }
    let (_, keys) = header::unlock(&parsed, identity, context)?;
    let sender = parsed.preamble.sender;
    if expected_sender.is_some_and(|expected| sender.as_ref() != Some(expected)) {
        return Err(Error::AuthFailed);
    }
    Ok(UnlockedStream {
        payload_key: DataKey::from_slice(keys.payload_key.expose())?,
        payload_context: parsed.stream_context(),
        sender,
    })
}

#[cfg(test)]
#[path = "stream_parts_tests.rs"]
mod tests;
