//! Chunk-at-a-time sealing and opening, for callers that do their own framing (the JS face:
//! `ReadableStream`s fed by `File.stream()` or `fetch`, WebCrypto workers).
//!
//! Same format as [`super::SealingWriter`] / [`super::OpeningReader`]
//! (c2sp.org/chunked-encryption, Cobblestone-256, `docs/STREAMING.md`), but the caller hands
//! over one chunk at a time and says whether it is the final one:
//!
//! - [`ChunkSealer`] draws the salt, returns the 56-byte header, then seals chunk 0, 1, 2, ...
//!   in order. A full chunk (16 KiB) is never final; the final chunk is shorter (0 to
//!   16 KiB - 1 bytes). After the final chunk, or after any error, it refuses to seal more.
//! - [`ChunkOpener`] checks the header's key commitment first (the spec's rule), then opens
//!   chunks in order: a chunk is released only once its tag verified at its index, and the
//!   message is complete only once the short final chunk verified ([`ChunkOpener::is_finished`]).
//!   Any failure is sticky.
//!
//! Both own their counter: the caller never chooses an index or a nonce. The one escape hatch,
//! [`ChunkSealer::dangerous_export_chunk_key`] (and the opener's twin), hands the per-message
//! AES key and base nonce to a caller that encrypts the chunks elsewhere (WebCrypto); it
//! consumes the sealer so the same key is never used by two counters.

use core::fmt;

use zeroize::{Zeroize, Zeroizing};

use super::chunk::ChunkCipher;
use super::derive::MessageKeys;
use super::format::{COMMITMENT_LEN, HEADER_LEN, SALT_LEN, TAG_LEN};
use crate::error::{Error, Result};
use crate::primitives::aead::{KEY_LEN, NONCE_LEN};
use crate::primitives::random;

/// Where a sealer or opener stands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    /// More chunks may follow.
    Running,
    /// The final chunk has been sealed or verified.
    Finished,
    /// An earlier call failed; every later call returns this error.
    Failed(Error),
}

/// Counter and state shared by the sealer and the opener.
struct Progress {
    next_index: u64,
    state: State,
}

impl Progress {
    fn new() -> Self {
        Self { next_index: 0, state: State::Running }
    }

    fn check_running(&self) -> Result<()> {
        match &self.state {
            State::Running => Ok(()),
            State::Finished => Err(Error::InvalidArgument("stream already finished")),
            State::Failed(err) => Err(err.clone()),
        }
    }

    /// The message key for use elsewhere, only before any chunk was processed here (two
    /// counters over one key would reuse nonces) and while not failed.
    fn export_untouched(&self, keys: &MessageKeys, used: &'static str) -> Result<ChunkKey> {
        self.check_running()?;
        if self.next_index != 0 {
            return Err(Error::InvalidArgument(used));
        }
        Ok(ChunkKey::from_keys(keys))
    }

    /// Records the outcome of the chunk at `next_index`.
    fn record(&mut self, result: Result<usize>, is_final: bool) -> Result<usize> {
        match &result {
            Ok(_) => {
                self.next_index += 1;
                if is_final {
                    self.state = State::Finished;
                }
            }
            Err(err) => self.state = State::Failed(err.clone()),
        }
        result
    }
}

/// The per-message AES-256-GCM key and base nonce of one C2SP message: chunk `k` uses
/// `nonce = base_nonce XOR k` (big-endian) and an empty AAD. Zeroized on drop; `Debug` is
/// redacted.
pub struct ChunkKey {
    key: Zeroizing<[u8; KEY_LEN]>,
    base_nonce: Zeroizing<[u8; NONCE_LEN]>,
}

impl ChunkKey {
    fn from_keys(keys: &MessageKeys) -> Self {
        let (key, base_nonce) = keys.aead_key_and_base_nonce();
        Self { key: Zeroizing::new(*key), base_nonce: Zeroizing::new(*base_nonce) }
    }

    /// The AES-256-GCM key bytes.
    #[must_use]
    pub fn key(&self) -> &[u8; KEY_LEN] {
        &self.key
    }

    /// The 12-byte base nonce.
    #[must_use]
    pub fn base_nonce(&self) -> &[u8; NONCE_LEN] {
        &self.base_nonce
    }
}

impl fmt::Debug for ChunkKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChunkKey([redacted])")
    }
}

/// Seals one C2SP Cobblestone-256 message chunk by chunk. Not `Clone`: one message, one counter.
pub struct ChunkSealer {
    keys: MessageKeys,
    cipher: ChunkCipher,
    progress: Progress,
}

impl ChunkSealer {
    /// Starts a message under the 32-byte input `key`, bound to `context`, with a fresh random
    /// salt. Returns the sealer and the 56-byte header (salt and commitment) to emit first.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the random source fails.
    ///
    /// # Security
    /// `key` must be uniformly random (the streaming envelope's payload key), never a password.
    pub fn new(key: &[u8; KEY_LEN], context: &[u8]) -> Result<(Self, [u8; HEADER_LEN])> {
        let salt: [u8; SALT_LEN] = random::array()?;
        Self::with_salt(key, &salt, context)
    }

    /// [`Self::new`] with a given salt: known-answer tests only, never public.
    pub(crate) fn with_salt(
        key: &[u8; KEY_LEN],
        salt: &[u8; SALT_LEN],
        context: &[u8],
    ) -> Result<(Self, [u8; HEADER_LEN])> {
        let keys = MessageKeys::derive(key, salt, context)?;
        let header = keys.header(salt);
        let cipher = keys.chunk_cipher()?;
        Ok((Self { keys, cipher, progress: Progress::new() }, header))
    }

    /// Seals `buf[..plaintext_len]` in place as the next chunk and appends its 16-byte tag;
    /// returns the sealed length. A non-final chunk must hold exactly 16384 bytes, the final
    /// one fewer; `buf` needs 16 spare bytes after the plaintext.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a length that does not match `is_final`, a buffer without
    /// room for the tag, or a sealer that already finished; [`Error::LimitExceeded`] past 2^38
    /// chunks. Any error is sticky: the message can then never be completed.
    pub fn seal_in_place(&mut self, buf: &mut [u8], plaintext_len: usize, is_final: bool) -> Result<usize> {
        self.progress.check_running()?;
        let result = self.cipher.seal_in_place(self.progress.next_index, is_final, buf, plaintext_len);
        self.progress.record(result, is_final)
    }

    /// [`Self::seal_in_place`] on a copy: returns `plaintext || tag` sealed.
    ///
    /// # Errors
    /// As [`Self::seal_in_place`].
    pub fn seal_chunk(&mut self, plaintext: &[u8], is_final: bool) -> Result<Vec<u8>> {
        let mut sealed = Vec::with_capacity(plaintext.len() + TAG_LEN);
        sealed.extend_from_slice(plaintext);
        sealed.extend_from_slice(&[0u8; TAG_LEN]);
        self.seal_in_place(&mut sealed, plaintext.len(), is_final)?;
        Ok(sealed)
    }

    /// Index of the next chunk to seal (the number of chunks sealed so far).
    #[must_use]
    pub fn next_index(&self) -> u64 {
        self.progress.next_index
    }

    /// True once the final chunk has been sealed: the output is then a complete message.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.progress.state == State::Finished
    }

    /// Hands over the message's AES key and base nonce so that the chunks can be encrypted
    /// elsewhere (e.g. WebCrypto), and ends this sealer.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] once a chunk has been sealed here (two counters over one key
    /// would reuse nonces), or the sticky error of a failed sealer.
    ///
    /// # Security
    /// The receiver must seal chunk `k` with nonce `base_nonce XOR k`, never reuse an index,
    /// keep the full/final chunk lengths, refuse indexes at or above 2^38, and wipe the key.
    pub fn dangerous_export_chunk_key(self) -> Result<ChunkKey> {
        self.progress.export_untouched(&self.keys, "chunks were already sealed with this key")
    }
}

impl fmt::Debug for ChunkSealer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChunkSealer")
            .field("next_index", &self.progress.next_index)
            .field("finished", &self.is_finished())
            .finish_non_exhaustive()
    }
}

/// Opens one C2SP Cobblestone-256 message chunk by chunk, releasing only verified chunks.
pub struct ChunkOpener {
    keys: MessageKeys,
    cipher: ChunkCipher,
    progress: Progress,
}

impl ChunkOpener {
    /// Checks the 56-byte `header` (salt and commitment) against `key` and `context`, in
    /// constant time, before any chunk is opened.
    ///
    /// # Errors
    /// [`Error::Truncated`] when `header` is shorter than 56 bytes, [`Error::InvalidArgument`]
    /// when longer; [`Error::AuthFailed`] for a wrong key or context or a modified header.
    pub fn new(key: &[u8; KEY_LEN], header: &[u8], context: &[u8]) -> Result<Self> {
        if header.len() > HEADER_LEN {
            return Err(Error::InvalidArgument("C2SP header is 56 bytes"));
        }
        let (salt, commitment) = header.split_first_chunk::<SALT_LEN>().ok_or(Error::Truncated)?;
        let commitment: &[u8; COMMITMENT_LEN] = commitment.try_into().map_err(|_| Error::Truncated)?;
        let keys = MessageKeys::derive(key, salt, context)?;
        keys.check_commitment(commitment)?;
        let cipher = keys.chunk_cipher()?;
        Ok(Self { keys, cipher, progress: Progress::new() })
    }

    /// Opens the next sealed chunk in place and returns its plaintext length (the plaintext is
    /// `buf[..len]`). A non-final chunk is exactly 16400 bytes; the final one 16 to 16399.
    /// On failure `buf` is wiped.
    ///
    /// # Errors
    /// [`Error::AuthFailed`] when the tag does not verify at this index or the length does not
    /// match `is_final`; [`Error::Truncated`] for a final chunk shorter than a tag (the stream
    /// ended at a chunk boundary or inside a tag); [`Error::LimitExceeded`] past 2^38 chunks;
    /// [`Error::InvalidArgument`] after the final chunk. Every error is sticky.
    pub fn open_in_place(&mut self, buf: &mut [u8], is_final: bool) -> Result<usize> {
        if let Err(err) = self.progress.check_running() {
            buf.zeroize();
            return Err(err);
        }
        let result = self.cipher.open_in_place(self.progress.next_index, is_final, buf);
        self.progress.record(result, is_final)
    }

    /// Records that the input ended without a final chunk (nothing, or fewer than 16 bytes,
    /// after the last full chunk) and returns the sticky [`Error::Truncated`].
    ///
    /// # Errors
    /// Always: `Truncated`, or the earlier sticky error.
    pub fn fail_truncated(&mut self) -> Result<()> {
        self.progress.check_running()?;
        self.progress.state = State::Failed(Error::Truncated);
        Err(Error::Truncated)
    }

    /// Index of the next chunk to open.
    #[must_use]
    pub fn next_index(&self) -> u64 {
        self.progress.next_index
    }

    /// True once the short final chunk verified: only then is the message known to be complete.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.progress.state == State::Finished
    }

    /// Hands over the message's AES key and base nonce so that the chunks can be decrypted
    /// elsewhere (e.g. WebCrypto), and ends this opener. Only the commitment has been checked
    /// at this point: the receiver must verify every tag before releasing a chunk.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] once a chunk has been opened here; the sticky error of a
    /// failed opener.
    pub fn dangerous_export_chunk_key(self) -> Result<ChunkKey> {
        self.progress.export_untouched(&self.keys, "chunks were already opened with this key")
    }
}

impl fmt::Debug for ChunkOpener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChunkOpener")
            .field("next_index", &self.progress.next_index)
            .field("finished", &self.is_finished())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
#[path = "incremental_tests.rs"]
mod tests;
