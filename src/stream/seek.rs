//! Random access over a seekable ciphertext (c2sp.org/chunked-encryption, "Implementation
//! notes"): plaintext index `i` is at offset `i % 16384` of chunk `i / 16384`, and chunk `k`
//! starts at ciphertext offset `56 + k * 16400`.
//!
//! Before the first seek the reader authenticates the message length: it takes the ciphertext
//! length from `inner`, locates the final chunk that length implies, and decrypts it at that
//! index as a final chunk. Only a message that really ends there passes, so the length (and
//! every seek relative to the end) is trusted from then on. A seek then moves `inner` to the
//! target chunk; only that chunk is read and authenticated, nothing before it.

use std::io::{self, Read, Seek, SeekFrom};

use zeroize::Zeroizing;

use super::format::{chunk_offset, final_chunk_for, locate};
use super::io_error::to_io;
use super::reader::OpeningReader;
use crate::error::{Error, Result};

/// Where the message sits in `inner` and how long its plaintext is (authenticated).
#[derive(Clone, Copy, Debug)]
pub(super) struct Layout {
    /// Offset in `inner` of the first header byte.
    base: u64,
    /// Authenticated plaintext length.
    plaintext_len: u64,
}

impl<R: Read + Seek> OpeningReader<R> {
    /// The plaintext length, authenticated by decrypting the final chunk at the index the
    /// ciphertext length implies (done once, then cached). Does not move the read position.
    ///
    /// The ciphertext is taken to run from where the header started in `inner` to the end
    /// of `inner`: anything appended after the message makes this fail.
    ///
    /// # Errors
    /// Wrapped `Truncated` when the ciphertext length cannot end a message, wrapped
    /// `AuthFailed` when the final chunk does not verify (both sticky); errors of `inner`.
    pub fn plaintext_len(&mut self) -> io::Result<u64> {
        Ok(self.layout()?.plaintext_len)
    }

    fn layout(&mut self) -> io::Result<Layout> {
        self.check_not_failed()?;
        if let Some(layout) = self.layout {
            return Ok(layout);
        }
        let here = self.inner.stream_position()?;
        let base = match here.checked_sub(self.consumed) {
            Some(base) => base,
            None => return Err(self.fail(Error::Malformed("inner reader position"))),
        };
        let end = self.inner.seek(SeekFrom::End(0))?;
        let authenticated = self.authenticate_final_chunk(base, end);
        // Back to where sequential reading left off, whatever the outcome.
        self.inner.seek(SeekFrom::Start(here))?;
        let plaintext_len = authenticated?;
        let layout = Layout { base, plaintext_len };
        self.layout = Some(layout);
        Ok(layout)
    }

    /// Reads and opens the final chunk implied by a ciphertext spanning `base..end`.
    fn authenticate_final_chunk(&mut self, base: u64, end: u64) -> io::Result<u64> {
        let checked = self.read_and_open_final(base, end);
        match checked {
            Ok(Ok(len)) => Ok(len),
            Ok(Err(err)) => Err(self.fail(err)),
            Err(io_err) => Err(io_err),
        }
    }

    /// Outer error: `inner` failed (not sticky). Inner error: the message is bad (sticky).
    fn read_and_open_final(&mut self, base: u64, end: u64) -> io::Result<Result<u64>> {
        let last = match end.checked_sub(base).ok_or(Error::Truncated).and_then(final_chunk_for) {
            Ok(last) => last,
            Err(err) => return Ok(Err(err)),
        };
        self.inner.seek(SeekFrom::Start(base.saturating_add(last.offset)))?;
        let mut sealed = Zeroizing::new(vec![0u8; last.sealed_len]);
        match self.inner.read_exact(&mut sealed) {
            Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => return Ok(Err(Error::Truncated)),
            other => other?,
        }
        let opened = self.cipher_open_final(last.index, &mut sealed);
        Ok(opened.map(|_| last.plaintext_len()))
    }

    /// Moves to plaintext offset `target` (at most the authenticated length).
    fn seek_to(&mut self, layout: Layout, target: u64) -> io::Result<u64> {
        let (index, offset) = locate(target);
        if !self.reposition_in_opened(index, offset) {
            self.inner.seek(SeekFrom::Start(layout.base.saturating_add(chunk_offset(index))))?;
            self.discard_opened();
            self.next_index = index;
            self.skip = offset;
            self.consumed = chunk_offset(index);
        }
        self.position = target;
        Ok(target)
    }
}

impl<R: Read + Seek> Seek for OpeningReader<R> {
    /// Seeks in the plaintext. The first call authenticates the message length (see
    /// [`OpeningReader::plaintext_len`]); a position past the end is refused with
    /// `InvalidInput` and leaves the position unchanged. Reading after a seek authenticates
    /// only the chunks it reads: chunks skipped over are never decrypted.
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let layout = self.layout()?;
        let target = match pos {
            SeekFrom::Start(offset) => Some(offset),
            SeekFrom::End(delta) => layout.plaintext_len.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.position.checked_add_signed(delta),
        };
        match target {
            Some(target) if target <= layout.plaintext_len => self.seek_to(layout, target),
            Some(_) => Err(to_io(Error::InvalidArgument("seek beyond the end of the plaintext"))),
            None => Err(to_io(Error::InvalidArgument("seek before the start of the plaintext"))),
        }
    }
}
