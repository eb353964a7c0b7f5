//! Streaming sealer: a `std::io::Write` that emits a Cobblestone-256 ciphertext.
//!
//! It holds one 16 KiB chunk of plaintext at a time. A chunk is sealed and written as soon as
//! it is full (a full chunk is never final in this format); the short final chunk, which is
//! what marks a complete message, is written only by [`SealingWriter::finish`]. So an
//! interrupted writer (dropped, or failed on an inner write) leaves a ciphertext that every
//! opener rejects as truncated or tampered, never one that opens as a shorter message.

use std::fmt;
use std::io::{self, Write};

use zeroize::Zeroizing;

use super::chunk::ChunkCipher;
use super::derive::seal_header;
use super::format::{CHUNK_LEN, SALT_LEN, SEALED_CHUNK_LEN};
use super::io_error::to_io;
use crate::error::Error;
use crate::primitives::aead::KEY_LEN;
use crate::primitives::random;

/// Seals everything written to it into `inner` as one C2SP Cobblestone-256 message.
///
/// Constant memory: one 16 KiB + 16 byte chunk buffer, wiped on drop.
///
/// **Call [`finish`](Self::finish)**: it writes the final chunk. Without it (the writer is
/// dropped, or a write to `inner` failed), the output ends without its final chunk and
/// [`super::open`] / [`super::OpeningReader`] reject it (`Truncated` or `AuthFailed`);
/// plaintext still buffered is wiped, not written. After any failed write the writer is
/// poisoned: every later `write`, `flush` and `finish` fails, so a failure midway can never be
/// followed by a final chunk that would make the output look complete.
///
/// `flush` flushes `inner` but cannot emit a partial chunk (chunk sizes are fixed by the
/// format); up to 16 KiB - 1 bytes stay buffered until more data or `finish`.
///
/// # Example
/// ```
/// use std::io::Write;
/// use phiseal::stream::{open, SealingWriter};
///
/// let key = [7u8; 32];
/// let mut writer = SealingWriter::new(Vec::new(), &key, b"context").unwrap();
/// writer.write_all(b"lab results ...").unwrap();
/// let sealed: Vec<u8> = writer.finish().unwrap();
/// assert_eq!(open(&key, b"context", &sealed).unwrap(), b"lab results ...");
/// ```
pub struct SealingWriter<W: Write> {
    inner: W,
    cipher: ChunkCipher,
    buf: Zeroizing<Vec<u8>>,
    buffered: usize,
    index: u64,
    poisoned: Option<io::ErrorKind>,
}

impl<W: Write> SealingWriter<W> {
    /// Starts a message: draws a random salt, derives the message keys from `key` and
    /// `context`, and writes the 56-byte header to `inner`.
    ///
    /// # Errors
    /// `RandomUnavailable` (wrapped, see [`super::phiseal_error`]) when the random source
    /// fails, or the error of `inner` when writing the header fails.
    ///
    /// # Security
    /// `key` must be uniformly random; never reuse a `(key, salt)` pair (the salt is random).
    pub fn new(inner: W, key: &[u8; KEY_LEN], context: &[u8]) -> io::Result<Self> {
        let salt: [u8; SALT_LEN] = random::array().map_err(to_io)?;
        Self::with_salt(inner, key, &salt, context)
    }

    /// [`Self::new`] with a given salt, for known-answer tests only.
    pub(crate) fn with_salt(
        mut inner: W,
        key: &[u8; KEY_LEN],
        salt: &[u8; SALT_LEN],
        context: &[u8],
    ) -> io::Result<Self> {
        let (header, cipher) = seal_header(key, salt, context).map_err(to_io)?;
        inner.write_all(&header)?;
        let buf = Zeroizing::new(vec![0u8; SEALED_CHUNK_LEN]);
        Ok(Self { inner, cipher, buf, buffered: 0, index: 0, poisoned: None })
    }

    /// Seals the buffered tail as the short final chunk, writes it, flushes `inner` and
    /// returns it. Only after this returns `Ok` is the output a complete message.
    ///
    /// # Errors
    /// The error of `inner`, or a poisoned-writer error if an earlier write failed (nothing is
    /// written then). On error the output is incomplete and `inner` is dropped.
    pub fn finish(mut self) -> io::Result<W> {
        self.check_not_poisoned()?;
        let result = self.seal_and_write(true).and_then(|()| self.inner.flush());
        self.poison_on_error(result)?;
        Ok(self.inner)
    }

    /// Seals the buffer as chunk `self.index` and writes it out.
    fn seal_and_write(&mut self, is_final: bool) -> io::Result<()> {
        let sealed_len =
            self.cipher.seal_in_place(self.index, is_final, &mut self.buf, self.buffered).map_err(to_io)?;
        self.buffered = 0;
        let sealed = self.buf.get(..sealed_len).ok_or_else(buffer_error)?;
        self.inner.write_all(sealed)?;
        self.index += 1;
        Ok(())
    }

    fn check_not_poisoned(&self) -> io::Result<()> {
        match self.poisoned {
            Some(kind) => Err(io::Error::new(kind, "sealing writer failed earlier; output is incomplete")),
            None => Ok(()),
        }
    }

    fn poison_on_error<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(err) = &result {
            self.poisoned = Some(err.kind());
        }
        result
    }
}

/// Unreachable: the buffer always has room for a sealed chunk.
fn buffer_error() -> io::Error {
    to_io(Error::InvalidArgument("chunk buffer"))
}

impl<W: Write> Write for SealingWriter<W> {
    /// Buffers `data`, sealing and writing each chunk as it fills. Always consumes all of
    /// `data` unless it fails.
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.check_not_poisoned()?;
        let mut rest = data;
        while !rest.is_empty() {
            let room = CHUNK_LEN - self.buffered;
            let (now, later) = rest.split_at(room.min(rest.len()));
            let slot = self.buf.get_mut(self.buffered..self.buffered + now.len());
            slot.ok_or_else(buffer_error)?.copy_from_slice(now);
            self.buffered += now.len();
            rest = later;
            if self.buffered == CHUNK_LEN {
                let result = self.seal_and_write(false);
                self.poison_on_error(result)?;
            }
        }
        Ok(data.len())
    }

    /// Flushes `inner`. The buffered partial chunk stays buffered (see the type docs).
    fn flush(&mut self) -> io::Result<()> {
        self.check_not_poisoned()?;
        let result = self.inner.flush();
        self.poison_on_error(result)
    }
}

impl<W: Write> fmt::Debug for SealingWriter<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SealingWriter")
            .field("chunks_written", &self.index)
            .field("poisoned", &self.poisoned.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::stream::oneshot::seal_with_salt;

    #[test]
    fn matches_one_shot_for_any_write_pattern() {
        let plaintext: Vec<u8> = (0..50_000u32).map(|i| (i % 253) as u8).collect();
        let expected = seal_with_salt(&[1; 32], &[2; 24], b"c", &plaintext).unwrap();
        for piece in [1usize, 7, 16383, 16384, 16385, 50_000] {
            let mut w = SealingWriter::with_salt(Vec::new(), &[1; 32], &[2; 24], b"c").unwrap();
            for part in plaintext.chunks(piece) {
                w.write_all(part).unwrap();
            }
            assert_eq!(w.finish().unwrap(), expected, "pieces of {piece}");
        }
    }

    #[test]
    fn chunk_counter_limit_is_an_error_and_poisons() {
        use crate::stream::format::MAX_CHUNKS;
        use crate::stream::phiseal_error;
        let mut w = SealingWriter::new(Vec::new(), &[1; 32], b"").unwrap();
        w.index = MAX_CHUNKS - 2;
        w.write_all(&[0u8; CHUNK_LEN]).unwrap(); // chunk 2^38 - 2: the last full chunk allowed
        let err = w.write_all(&[0u8; CHUNK_LEN]).unwrap_err();
        assert_eq!(phiseal_error(&err), Some(&Error::LimitExceeded("C2SP chunk count")));
        assert!(w.finish().is_err(), "poisoned");
        let mut last = SealingWriter::new(Vec::new(), &[1; 32], b"").unwrap();
        last.index = MAX_CHUNKS - 1;
        last.write_all(&[0u8; 10]).unwrap();
        assert!(last.finish().is_ok(), "the final chunk may use index 2^38 - 1");
    }

    #[test]
    fn debug_shows_no_plaintext() {
        let mut w = SealingWriter::new(Vec::new(), &[1; 32], b"").unwrap();
        w.write_all(b"SECRET-PHI").unwrap();
        assert_eq!(format!("{w:?}"), "SealingWriter { chunks_written: 0, poisoned: false, .. }");
    }
}
