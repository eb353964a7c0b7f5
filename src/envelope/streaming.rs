//! Streaming envelopes: a kind-3 header followed by a C2SP Cobblestone-256 message.
//!
//! The stream's input key is the header's derived payload key (`kind = 3`, bound to the
//! caller's context) and the stream's C2SP context is the header's preamble followed by its
//! commitment (docs/FORMAT.md, "Streaming"). Slots and MAC are authenticated by the header
//! MAC, so recipients can be added or removed ([`rewrap_stream`]) without touching the payload.
//!
//! # Security
//! The header has no payload digest (it is written before the payload exists). In
//! sender-authenticated mode this proves who wrapped the data key; a co-recipient, who also
//! holds the data key, could produce another stream under it. When the sender's identity must
//! cover the content for several recipients, seal one stream per recipient or use one-shot
//! envelopes, whose slots bind the payload digest.

use std::io::{self, Read, Seek, SeekFrom, Write};

use crate::error::Error;
use crate::keys::{KeyPair, PublicKey};
use crate::stream::{OpeningReader, SealingWriter};

use super::header;
use super::sealed::SealOptions;
use super::stream_parts::stream_header_len;
use super::wire::{Header, Kind};

/// Writes a streaming-envelope header to `inner` and returns the writer that seals the payload.
///
/// Call [`SealingWriter::finish`]; without it the output can never open as complete.
///
/// # Errors
/// The errors of [`super::seal`], wrapped in `io::Error` (recover them with
/// [`crate::stream::phiseal_error`]); I/O errors of `inner` unchanged.
pub fn seal_stream<W: Write>(
    mut inner: W,
    recipients: &[PublicKey],
    context: &[u8],
    options: &SealOptions<'_>,
) -> io::Result<SealingWriter<W>> {
    let start = super::stream_parts::begin_stream(recipients, context, options).map_err(io::Error::other)?;
    inner.write_all(start.bytes())?;
    SealingWriter::new(inner, start.payload_key.expose(), &start.payload_context)
}

/// Reads and verifies a streaming-envelope header from `inner`, returning a reader of the
/// authenticated plaintext. Plaintext is released one verified 16 KiB chunk at a time; a
/// truncated or modified stream fails at the affected chunk and keeps failing.
///
/// With `R: Seek`, the returned reader supports random access (positions are plaintext
/// offsets).
///
/// # Errors
/// As [`super::open`] (wrapped in `io::Error`; recover the code with
/// [`crate::stream::phiseal_error`]); I/O errors of `inner` unchanged.
pub fn open_stream<R: Read>(
    mut inner: R,
    identity: &KeyPair,
    context: &[u8],
) -> io::Result<OpeningReader<AfterHeader<R>>> {
    let header_bytes = read_header(&mut inner)?;
    let (header, _) = Header::parse(&header_bytes, Some(Kind::Stream)).map_err(io::Error::other)?;
    let (_, keys) = header::unlock(&header, identity, context).map_err(io::Error::other)?;
    let base = u64::try_from(header_bytes.len()).map_err(|_| io::Error::other(Error::Malformed("header length")))?;
    OpeningReader::new(AfterHeader { inner, base }, keys.payload_key.expose(), &header.stream_context())
}

/// Copies a streaming envelope from `input` to `output` with its recipients changed: the
/// header is rewritten (as [`super::rewrap`] does) and the C2SP payload bytes are copied
/// unchanged, in constant memory. Returns the number of payload bytes copied.
///
/// The payload is not decrypted: a damaged payload is copied as is and fails when opened.
///
/// # Errors
/// As [`super::rewrap`] (wrapped in `io::Error`); I/O errors unchanged.
pub fn rewrap_stream<R: Read, W: Write>(
    mut input: R,
    mut output: W,
    identity: &KeyPair,
    context: &[u8],
    changes: &super::RecipientChanges<'_>,
) -> io::Result<u64> {
    let header_bytes = read_header(&mut input)?;
    let (header, _) = Header::parse(&header_bytes, Some(Kind::Stream)).map_err(io::Error::other)?;
    let rewrapped = super::rewrap::rewrap_header(&header, identity, context, changes).map_err(io::Error::other)?;
    output.write_all(&rewrapped.to_bytes())?;
    io::copy(&mut input, &mut output)
}

/// Reads exactly one header from a stream, asking [`stream_header_len`] how much more is needed
/// (fixed fields, then up to the count, refused above 256, then the rest) before each read.
fn read_header<R: Read>(inner: &mut R) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(256);
    loop {
        let needed = stream_header_len(&bytes).map_err(io::Error::other)?;
        if needed <= bytes.len() {
            return Ok(bytes);
        }
        read_more(inner, &mut bytes, needed)?;
    }
}

fn read_more<R: Read>(inner: &mut R, bytes: &mut Vec<u8>, total: usize) -> io::Result<()> {
    let start = bytes.len();
    bytes.resize(total.max(start), 0);
    let target = bytes.get_mut(start..).unwrap_or_default();
    inner.read_exact(target).map_err(|err| match err.kind() {
        io::ErrorKind::UnexpectedEof => io::Error::other(Error::Malformed("truncated header")),
        _ => err,
    })
}

/// The part of a stream after its envelope header; seeking is relative to the payload start.
#[derive(Debug)]
pub struct AfterHeader<R> {
    inner: R,
    base: u64,
}

impl<R: Read> Read for AfterHeader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl<R: Seek> Seek for AfterHeader<R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let absolute = match pos {
            SeekFrom::Start(offset) => self.inner.seek(SeekFrom::Start(self.base.saturating_add(offset)))?,
            other => self.inner.seek(other)?,
        };
        absolute.checked_sub(self.base).ok_or_else(|| io::Error::other(Error::InvalidArgument("seek before payload")))
    }
}
