//! Streaming opener: a `std::io::Read` over a Cobblestone-256 ciphertext that releases only
//! authenticated plaintext.
//!
//! It reads one sealed chunk (16 KiB + 16) at a time and hands out its plaintext only after
//! the chunk's tag verified at its index. A chunk shorter than a full one can only be the
//! final chunk (the spec's truncation rule), so the reader reads to the end of `inner` for it;
//! `Ok(0)` (end of message) is returned only after that short final chunk authenticated. A
//! stream that stops at a chunk boundary, inside a chunk or inside a tag fails instead.
//! Authentication and format failures are sticky. Random access is in `seek.rs`.

use std::fmt;
use std::io::{self, Read};

use zeroize::{Zeroize, Zeroizing};

use super::chunk::ChunkCipher;
use super::derive::open_header;
use super::format::{HEADER_LEN, SEALED_CHUNK_LEN};
use super::io_error::to_io;
use crate::error::Error;
use crate::primitives::aead::KEY_LEN;

/// Reads and authenticates a C2SP Cobblestone-256 message from `inner`, chunk by chunk.
///
/// # What is authenticated when it is released
/// - Every byte returned by `read` belongs to a chunk whose tag verified under this key and
///   context **at its position**: it is the true plaintext at that offset of the message.
/// - That the message **ends** where it ends is only known when `read` returns `Ok(0)`: that
///   happens only after the short final chunk verified. Until then the stream may still
///   turn out truncated or tampered further on. Do not act on (store as final, forward,
///   display as complete) the plaintext before `Ok(0)`; [`std::io::Read::read_to_end`] into a
///   buffer you discard on error gives all-or-nothing.
/// - After any authentication or format error, every later `read` (and `seek`) fails with the
///   same error: the reader never resumes, and never reports a clean end.
///
/// Errors from `inner` itself (e.g. `Interrupted`, `WouldBlock`, a disk error) are passed
/// through unchanged and are not sticky: the bytes read so far are kept and `read` can be
/// retried. The reader's own errors wrap a [`crate::Error`] (see [`super::phiseal_error`]):
/// `AuthFailed` (`InvalidData`) for tampering, reordering, trailing data; `Truncated`
/// (`UnexpectedEof`) for a stream that ends early.
///
/// Memory: one 16 KiB + 16 byte buffer, wiped on drop and on failure.
///
/// # Example
/// ```
/// use std::io::Read;
/// use phiseal::stream::{seal, OpeningReader};
///
/// let key = [7u8; 32];
/// let sealed = seal(&key, b"context", b"discharge summary").unwrap();
/// let mut reader = OpeningReader::new(&sealed[..], &key, b"context").unwrap();
/// let mut plaintext = Vec::new();
/// reader.read_to_end(&mut plaintext).unwrap(); // Ok only once the final chunk verified
/// assert_eq!(plaintext, b"discharge summary");
/// ```
pub struct OpeningReader<R> {
    pub(super) inner: R,
    cipher: ChunkCipher,
    /// One sealed chunk being filled, or the plaintext of the last opened chunk.
    buf: Zeroizing<Vec<u8>>,
    /// Ciphertext bytes of chunk `next_index` collected so far.
    filled: usize,
    /// Released plaintext is `buf[pos..len]`.
    pos: usize,
    len: usize,
    /// Index of the chunk whose plaintext is in `buf`, if any.
    pub(super) opened: Option<u64>,
    /// Index of the next chunk to read from `inner`.
    pub(super) next_index: u64,
    /// Plaintext bytes to skip in the next opened chunk (set by a seek).
    pub(super) skip: usize,
    /// Plaintext offset of the next byte `read` returns.
    pub(super) position: u64,
    /// Ciphertext bytes consumed from `inner` since the header started.
    pub(super) consumed: u64,
    /// The final chunk verified; `read` returns `Ok(0)` once `buf` is drained.
    done: bool,
    failed: Option<Error>,
    /// Set once the length has been authenticated (random access).
    pub(super) layout: Option<super::seek::Layout>,
}

impl<R: Read> OpeningReader<R> {
    /// Reads the 56-byte header from `inner` and checks the key commitment for `key` and
    /// `context`, before any chunk is read.
    ///
    /// # Errors
    /// Wrapped `Truncated` when `inner` ends inside the header; wrapped `AuthFailed` for a
    /// wrong key or context or a modified header; errors of `inner` unchanged.
    pub fn new(mut inner: R, key: &[u8; KEY_LEN], context: &[u8]) -> io::Result<Self> {
        let mut header = [0u8; HEADER_LEN];
        inner.read_exact(&mut header).map_err(|err| match err.kind() {
            io::ErrorKind::UnexpectedEof => to_io(Error::Truncated),
            _ => err,
        })?;
        let cipher = open_header(key, &header, context).map_err(to_io)?;
        Ok(Self {
            inner,
            cipher,
            buf: Zeroizing::new(vec![0u8; SEALED_CHUNK_LEN]),
            filled: 0,
            pos: 0,
            len: 0,
            opened: None,
            next_index: 0,
            skip: 0,
            position: 0,
            consumed: HEADER_LEN as u64,
            done: false,
            failed: None,
            layout: None,
        })
    }

    /// Returns the wrapped sticky error if the reader has failed before.
    pub(super) fn check_not_failed(&self) -> io::Result<()> {
        match &self.failed {
            Some(err) => Err(to_io(err.clone())),
            None => Ok(()),
        }
    }

    /// Records a sticky failure, wipes the buffer, and returns the error to report.
    pub(super) fn fail(&mut self, err: Error) -> io::Error {
        self.buf.zeroize();
        self.buf.resize(SEALED_CHUNK_LEN, 0);
        (self.pos, self.len, self.filled, self.opened) = (0, 0, 0, None);
        self.failed = Some(err.clone());
        to_io(err)
    }

    /// Opens `sealed` as the final chunk `index` (length authentication for random access).
    pub(super) fn cipher_open_final(&self, index: u64, sealed: &mut [u8]) -> crate::Result<usize> {
        self.cipher.open_in_place(index, true, sealed)
    }

    /// Reads chunk `next_index` from `inner` and opens it into `buf`.
    fn open_next_chunk(&mut self) -> io::Result<()> {
        // `buf` is about to be overwritten by ciphertext.
        self.opened = None;
        self.fill_chunk()?;
        let is_final = self.filled < SEALED_CHUNK_LEN;
        let sealed = self.buf.get_mut(..self.filled).ok_or(Error::Truncated);
        let opened = sealed.and_then(|s| self.cipher.open_in_place(self.next_index, is_final, s));
        self.filled = 0;
        match opened {
            Ok(plaintext_len) => {
                (self.pos, self.len) = (self.skip.min(plaintext_len), plaintext_len);
                self.skip = 0;
                self.opened = Some(self.next_index);
                self.next_index += 1;
                self.done = is_final;
                Ok(())
            }
            Err(err) => Err(self.fail(err)),
        }
    }

    /// Reads from `inner` until a full sealed chunk is buffered or `inner` ends.
    fn fill_chunk(&mut self) -> io::Result<()> {
        while self.filled < SEALED_CHUNK_LEN {
            let space = self.buf.get_mut(self.filled..SEALED_CHUNK_LEN).unwrap_or_default();
            match self.inner.read(space) {
                Ok(0) => break,
                Ok(n) if n <= space.len() => {
                    self.filled += n;
                    self.consumed += n as u64;
                }
                Ok(_) => return Err(self.fail(Error::Malformed("inner reader overran its buffer"))),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        Ok(())
    }

    /// Invalidates the opened chunk so the next `read` starts at `next_index` + `skip`.
    pub(super) fn discard_opened(&mut self) {
        (self.pos, self.len, self.filled, self.opened, self.done) = (0, 0, 0, None, false);
    }

    /// Moves within the opened chunk, if it is chunk `index` and holds `offset`.
    pub(super) fn reposition_in_opened(&mut self, index: u64, offset: usize) -> bool {
        let hit = self.opened == Some(index) && self.filled == 0 && offset <= self.len;
        if hit {
            self.pos = offset;
        }
        hit
    }
}

impl<R: Read> Read for OpeningReader<R> {
    /// Copies authenticated plaintext into `out`; `Ok(0)` only at the verified end.
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        self.check_not_failed()?;
        if out.is_empty() {
            return Ok(0);
        }
        while self.pos >= self.len {
            if self.done {
                return Ok(0);
            }
            self.open_next_chunk()?;
        }
        let Some(available) = self.buf.get(self.pos..self.len) else {
            return Err(self.fail(Error::Malformed("chunk buffer")));
        };
        let n = available.len().min(out.len());
        if let (Some(dst), Some(src)) = (out.get_mut(..n), available.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.pos += n;
        self.position += n as u64;
        Ok(n)
    }
}

impl<R> fmt::Debug for OpeningReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpeningReader")
            .field("position", &self.position)
            .field("failed", &self.failed.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::format::MAX_CHUNKS;
    use crate::stream::{phiseal_error, seal};

    #[test]
    fn chunk_counter_limit_is_a_sticky_error() {
        let sealed = seal(&[1; 32], b"", &[0u8; 3 * 16384]).unwrap();
        let mut reader = OpeningReader::new(&sealed[..], &[1; 32], b"").unwrap();
        reader.next_index = MAX_CHUNKS - 1; // a full chunk here would leave no final index
        let err = reader.read(&mut [0u8; 8]).unwrap_err();
        let expected = Error::LimitExceeded("C2SP chunk count");
        assert_eq!(phiseal_error(&err), Some(&expected));
        assert_eq!(phiseal_error(&reader.read(&mut [0u8; 8]).unwrap_err()), Some(&expected));
    }
}
