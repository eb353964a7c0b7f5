//! Byte layout of a Cobblestone-256 ciphertext and the index arithmetic over it.
//!
//! c2sp.org/chunked-encryption, "Message chunking" and "Implementation notes":
//!
//! ```text
//! ciphertext = salt (24) || commitment (32) || chunk_0 || ... || chunk_n
//! chunk_k    = AES-256-GCM(key, base_nonce XOR k, aad = "", plaintext_k)   (len(plaintext_k) + 16)
//! ```
//!
//! Every chunk but the last carries exactly 16 KiB of plaintext; the last carries 0 to
//! 16 KiB - 1 bytes. So a plaintext length has exactly one ciphertext length and back, and
//! plaintext index `i` lives at offset `i % 16384` of chunk `i / 16384`, which starts at
//! ciphertext offset `56 + k * 16400`. All arithmetic here is checked: lengths come from
//! untrusted input (a file size, a seek target).

use crate::error::{Error, Result};
use crate::primitives::aead;

/// Length of the random salt that starts every ciphertext.
pub const SALT_LEN: usize = 24;
/// Length of the key commitment that follows the salt.
pub const COMMITMENT_LEN: usize = 32;
/// Length of the header (salt and commitment) before the first chunk.
pub const HEADER_LEN: usize = SALT_LEN + COMMITMENT_LEN;
/// Plaintext bytes in every chunk except the final one (which is always shorter).
pub const CHUNK_LEN: usize = 16 * 1024;
/// AES-GCM tag length: every chunk is its plaintext plus this many bytes.
pub const TAG_LEN: usize = aead::TAG_LEN;
/// Length of a full (non-final) sealed chunk.
pub const SEALED_CHUNK_LEN: usize = CHUNK_LEN + TAG_LEN;
/// Chunk counters must stay below 2^38 (the spec's abort rule); the final chunk of the
/// longest message (4 PiB - 1 byte) has index 2^38 - 1.
pub const MAX_CHUNKS: u64 = 1 << 38;

const CHUNK_LEN_U64: u64 = CHUNK_LEN as u64;
const SEALED_CHUNK_LEN_U64: u64 = SEALED_CHUNK_LEN as u64;
const HEADER_LEN_U64: u64 = HEADER_LEN as u64;
const TAG_LEN_U64: u64 = TAG_LEN as u64;

/// Where the final chunk of a ciphertext of a given length sits, and what it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FinalChunk {
    /// Index (counter) of the final chunk.
    pub index: u64,
    /// Ciphertext offset of the final chunk, from the start of the header.
    pub offset: u64,
    /// Sealed length of the final chunk: `TAG_LEN ..= SEALED_CHUNK_LEN - 1`.
    pub sealed_len: usize,
}

impl FinalChunk {
    /// Plaintext length of the whole message this final chunk closes.
    #[must_use]
    pub fn plaintext_len(&self) -> u64 {
        // index < 2^38 and sealed_len < 16400, so this cannot overflow.
        self.index * CHUNK_LEN_U64 + (self.sealed_len - TAG_LEN) as u64
    }
}

/// Locates the final chunk of a ciphertext that is `ciphertext_len` bytes long.
///
/// # Errors
/// [`Error::Truncated`] when the length cannot be a whole message: shorter than a header
/// plus one tag, or ending at a chunk boundary or inside a tag (the only valid final chunk
/// is short, so such a stream lost its end). [`Error::LimitExceeded`] past 2^38 chunks.
pub fn final_chunk_for(ciphertext_len: u64) -> Result<FinalChunk> {
    let body = ciphertext_len.checked_sub(HEADER_LEN_U64).ok_or(Error::Truncated)?;
    let index = body / SEALED_CHUNK_LEN_U64;
    let rest = body % SEALED_CHUNK_LEN_U64;
    if rest < TAG_LEN_U64 {
        return Err(Error::Truncated);
    }
    if index >= MAX_CHUNKS {
        return Err(Error::LimitExceeded("C2SP chunk count"));
    }
    let sealed_len = usize::try_from(rest).map_err(|_| Error::Truncated)?;
    Ok(FinalChunk { index, offset: chunk_offset(index), sealed_len })
}

/// Ciphertext offset (from the start of the header) of chunk `index`.
///
/// Only meaningful for `index < MAX_CHUNKS`, where it cannot overflow.
#[must_use]
pub fn chunk_offset(index: u64) -> u64 {
    HEADER_LEN_U64.saturating_add(index.saturating_mul(SEALED_CHUNK_LEN_U64))
}

/// The chunk holding plaintext offset `position`, and the offset inside that chunk.
#[must_use]
pub fn locate(position: u64) -> (u64, usize) {
    // position % CHUNK_LEN < 16384 always fits in usize.
    (position / CHUNK_LEN_U64, (position % CHUNK_LEN_U64) as usize)
}

/// Ciphertext length for a plaintext of `plaintext_len` bytes.
///
/// # Errors
/// [`Error::LimitExceeded`] when the message would need 2^38 chunks or more (4 PiB).
pub fn sealed_len(plaintext_len: u64) -> Result<u64> {
    let full_chunks = plaintext_len / CHUNK_LEN_U64;
    if full_chunks >= MAX_CHUNKS {
        return Err(Error::LimitExceeded("C2SP chunk count"));
    }
    let final_len = plaintext_len % CHUNK_LEN_U64 + TAG_LEN_U64;
    Ok(chunk_offset(full_chunks) + final_len)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn header_and_chunk_sizes_match_the_spec() {
        assert_eq!(HEADER_LEN, 56);
        assert_eq!(SEALED_CHUNK_LEN, 16400);
        assert_eq!(chunk_offset(2), 56 + 2 * 16400);
    }

    #[test]
    fn sealed_len_follows_the_chunking_examples() {
        // Empty message: one empty chunk. 16 KiB: a full chunk and an empty one.
        assert_eq!(sealed_len(0).unwrap(), 56 + 16);
        assert_eq!(sealed_len(1024).unwrap(), 56 + 1024 + 16);
        assert_eq!(sealed_len(16384).unwrap(), 56 + 16400 + 16);
        assert_eq!(sealed_len(20 * 1024).unwrap(), 56 + 16400 + 4096 + 16);
    }

    #[test]
    fn final_chunk_inverts_sealed_len() {
        for len in [0u64, 1, 16383, 16384, 16385, 3 << 20, (MAX_CHUNKS - 1) * 16384 + 16383] {
            let fin = final_chunk_for(sealed_len(len).unwrap()).unwrap();
            assert_eq!(fin.plaintext_len(), len);
            assert_eq!(fin.offset, chunk_offset(fin.index));
        }
    }

    #[test]
    fn lengths_that_cannot_end_a_message_are_truncated() {
        for bad in [0u64, 55, 56, 56 + 15, 56 + 16400, 56 + 16400 + 15, 56 + 2 * 16400] {
            assert_eq!(final_chunk_for(bad), Err(Error::Truncated), "length {bad}");
        }
    }

    #[test]
    fn four_pib_is_refused() {
        assert!(sealed_len(MAX_CHUNKS * 16384 - 1).is_ok());
        assert_eq!(sealed_len(MAX_CHUNKS * 16384), Err(Error::LimitExceeded("C2SP chunk count")));
        assert!(final_chunk_for(chunk_offset(MAX_CHUNKS) + 16).is_err());
        assert!(final_chunk_for(u64::MAX).is_err());
    }

    #[test]
    fn locate_splits_positions_into_chunks() {
        assert_eq!(locate(0), (0, 0));
        assert_eq!(locate(16383), (0, 16383));
        assert_eq!(locate(16384), (1, 0));
    }
}
