//! One-shot sealing and opening of a whole message held in memory.
//!
//! [`open`] releases nothing unless every chunk, including the short final one, authenticates;
//! on any failure its working buffer is wiped and only the error is returned.

use zeroize::Zeroize;

use super::chunk::ChunkCipher;
use super::derive::{open_header, seal_header};
use super::format::{final_chunk_for, sealed_len, CHUNK_LEN, HEADER_LEN, SALT_LEN, SEALED_CHUNK_LEN, TAG_LEN};
use crate::error::{Error, Result};
use crate::primitives::aead::KEY_LEN;
use crate::primitives::random;

/// Seals `plaintext` as one Cobblestone-256 message (c2sp.org/chunked-encryption) under the
/// 32-byte input `key`, bound to `context`. A fresh random 24-byte salt is drawn for every
/// call, so the same inputs never give the same ciphertext.
///
/// The output is `salt || commitment || chunks` (see `docs/STREAMING.md`) and is
/// `plaintext.len() + 56 + 16 * (plaintext.len() / 16384 + 1)` bytes long.
///
/// # Errors
/// [`Error::RandomUnavailable`] when the system random source fails;
/// [`Error::LimitExceeded`] for messages of 4 PiB or more (or that do not fit in memory).
///
/// # Security
/// `key` must be uniformly random (a CSPRNG output or a KDF output), never a password.
pub fn seal(key: &[u8; KEY_LEN], context: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
    let salt: [u8; SALT_LEN] = random::array()?;
    seal_with_salt(key, &salt, context, plaintext)
}

/// [`seal`] with a caller-chosen salt: only for known-answer tests, never public.
pub(crate) fn seal_with_salt(
    key: &[u8; KEY_LEN],
    salt: &[u8; SALT_LEN],
    context: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>> {
    let total = u64::try_from(plaintext.len()).map_err(|_| Error::LimitExceeded("message size"))?;
    let total = usize::try_from(sealed_len(total)?).map_err(|_| Error::LimitExceeded("message size"))?;
    let (header, cipher) = seal_header(key, salt, context)?;
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&header);
    let mut chunks = plaintext.chunks_exact(CHUNK_LEN);
    let mut index = 0u64;
    for chunk in chunks.by_ref() {
        append_sealed_chunk(&cipher, index, false, chunk, &mut out)?;
        index += 1;
    }
    append_sealed_chunk(&cipher, index, true, chunks.remainder(), &mut out)?;
    Ok(out)
}

fn append_sealed_chunk(
    cipher: &ChunkCipher,
    index: u64,
    is_final: bool,
    plaintext: &[u8],
    out: &mut Vec<u8>,
) -> Result<()> {
    let start = out.len();
    out.extend_from_slice(plaintext);
    out.extend_from_slice(&[0u8; TAG_LEN]);
    let region = out.get_mut(start..).ok_or(Error::InvalidArgument("chunk buffer"))?;
    cipher.seal_in_place(index, is_final, region, plaintext.len())?;
    Ok(())
}

/// Opens a whole message sealed by [`seal`] or a [`super::SealingWriter`] with the same `key`
/// and `context`. Returns the plaintext only when the commitment and every chunk verify and
/// the message ends with its short final chunk.
///
/// # Errors
/// - [`Error::AuthFailed`]: wrong key, wrong context, or any modified, reordered, duplicated
///   or dropped chunk, or data appended after the final chunk (the format has no end marker
///   other than the short final chunk, so appended bytes make the final chunk fail).
/// - [`Error::Truncated`]: shorter than the 56-byte header, no chunk after the header, ends
///   at a chunk boundary (the final chunk is missing), or ends inside a tag.
/// - [`Error::LimitExceeded`]: more than 2^38 chunks.
///
/// No plaintext is returned or left in any buffer the caller can see when an error occurs.
pub fn open(key: &[u8; KEY_LEN], context: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>> {
    let (header, body) = ciphertext.split_first_chunk::<HEADER_LEN>().ok_or(Error::Truncated)?;
    let cipher = open_header(key, header, context)?;
    open_chunks(&cipher, body)
}

/// Opens the chunks that follow the header (raw mode in the spec's appendix).
///
/// # Errors
/// As [`open`], minus the header checks.
pub(crate) fn open_chunks(cipher: &ChunkCipher, body: &[u8]) -> Result<Vec<u8>> {
    let body_len = u64::try_from(body.len()).map_err(|_| Error::LimitExceeded("message size"))?;
    let last = final_chunk_for(body_len + HEADER_LEN as u64)?;
    let capacity = usize::try_from(last.plaintext_len()).map_err(|_| Error::LimitExceeded("message size"))?;
    let mut out = Vec::with_capacity(capacity);
    for (index, sealed) in (0u64..).zip(body.chunks(SEALED_CHUNK_LEN)) {
        if let Err(err) = append_opened_chunk(cipher, index, index == last.index, sealed, &mut out) {
            out.zeroize();
            return Err(err);
        }
    }
    Ok(out)
}

fn append_opened_chunk(
    cipher: &ChunkCipher,
    index: u64,
    is_final: bool,
    sealed: &[u8],
    out: &mut Vec<u8>,
) -> Result<()> {
    let start = out.len();
    out.extend_from_slice(sealed);
    let region = out.get_mut(start..).ok_or(Error::InvalidArgument("chunk buffer"))?;
    let plaintext_len = cipher.open_in_place(index, is_final, region)?;
    out.truncate(start + plaintext_len);
    Ok(())
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_around_chunk_boundaries() {
        for len in [0usize, 1, 16383, 16384, 16385, 2 * 16384, 40_000] {
            let plaintext: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let sealed = seal(&[3; 32], b"ctx", &plaintext).unwrap();
            assert_eq!(sealed.len() as u64, sealed_len(len as u64).unwrap());
            assert_eq!(open(&[3; 32], b"ctx", &sealed).unwrap(), plaintext);
        }
    }

    #[test]
    fn salt_is_fresh_every_time() {
        let a = seal(&[3; 32], b"", b"same").unwrap();
        let b = seal(&[3; 32], b"", b"same").unwrap();
        assert_ne!(a[..SALT_LEN], b[..SALT_LEN]);
        assert_ne!(a, b);
    }

    #[test]
    fn every_single_bit_flip_fails() {
        let sealed = seal_with_salt(&[3; 32], &[4; 24], b"ctx", b"seven b").unwrap();
        for i in 0..sealed.len() * 8 {
            let mut bad = sealed.clone();
            bad[i / 8] ^= 1 << (i % 8);
            assert_eq!(open(&[3; 32], b"ctx", &bad), Err(Error::AuthFailed), "bit {i}");
        }
    }
}
