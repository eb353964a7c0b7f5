//! Per-chunk AES-256-GCM with the C2SP nonce schedule, in place.
//!
//! c2sp.org/chunked-encryption, "AEAD usage": chunk `k` is sealed under the message key with
//! nonce `base_nonce XOR k` (k big-endian, as wide as the nonce) and an empty AAD. Whether a
//! chunk is final is not a flag on the wire: the final chunk is the short one. The `is_final`
//! argument below makes callers state which one they mean, and is checked against the length
//! so a full chunk can never be accepted as the end of a message, nor a short one in the middle.
//!
//! Counters never wrap: index 2^38 and above is refused, and a non-final chunk at index
//! 2^38 - 1 is refused too (no index would be left for the final chunk).
//!
//! The key is expanded once per message ([`Aes256GcmKey`]) and each chunk is sealed or opened in
//! place, so a 16 KiB chunk is neither copied nor allocated; a failed open wipes the buffer.

use zeroize::Zeroize;

use super::format::{CHUNK_LEN, MAX_CHUNKS, TAG_LEN};
use crate::error::{Error, Result};
use crate::primitives::aes_gcm::{Aes256GcmKey, KEY_LEN, NONCE_LEN};

/// The per-message AEAD key and base nonce, derived by [`super::derive`]. Not `Clone`: one
/// message, one owner.
pub(crate) struct ChunkCipher {
    aead: Aes256GcmKey,
    base_nonce: [u8; NONCE_LEN],
}

impl Drop for ChunkCipher {
    fn drop(&mut self) {
        self.base_nonce.zeroize();
    }
}

impl ChunkCipher {
    /// Keys the cipher. The caller keeps (and zeroizes) its copy of `key`.
    ///
    /// # Errors
    /// As [`Aes256GcmKey::new`].
    pub(crate) fn new(key: &[u8; KEY_LEN], base_nonce: &[u8; NONCE_LEN]) -> Result<Self> {
        Ok(Self { aead: Aes256GcmKey::new(key)?, base_nonce: *base_nonce })
    }

    /// `base_nonce XOR index`, refusing indexes the spec forbids.
    fn nonce(&self, index: u64, is_final: bool) -> Result<[u8; NONCE_LEN]> {
        let limit = if is_final { MAX_CHUNKS } else { MAX_CHUNKS - 1 };
        if index >= limit {
            return Err(Error::LimitExceeded("C2SP chunk count"));
        }
        let mut nonce = self.base_nonce;
        for (byte, counter) in nonce.iter_mut().rev().zip(index.to_le_bytes()) {
            *byte ^= counter;
        }
        Ok(nonce)
    }

    /// Seals `buf[..plaintext_len]` as chunk `index` and writes the tag right after it.
    /// Returns the sealed length (`plaintext_len + 16`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the length does not match `is_final` (a final chunk is
    /// shorter than 16 KiB, any other is exactly 16 KiB) or `buf` has no room for the tag;
    /// [`Error::LimitExceeded`] when the counter is exhausted.
    pub(crate) fn seal_in_place(
        &self,
        index: u64,
        is_final: bool,
        buf: &mut [u8],
        plaintext_len: usize,
    ) -> Result<usize> {
        check_shape(is_final, plaintext_len).ok_or(Error::InvalidArgument("chunk length"))?;
        let nonce = self.nonce(index, is_final)?;
        let sealed_len = plaintext_len + TAG_LEN;
        let region = buf.get_mut(..sealed_len).ok_or(Error::InvalidArgument("chunk buffer"))?;
        let (body, tag_out) = region.split_at_mut(plaintext_len);
        tag_out.copy_from_slice(&self.aead.seal_in_place(&nonce, b"", body)?);
        Ok(sealed_len)
    }

    /// Opens the sealed chunk `buf` (body then tag) as chunk `index`, in place. On success the
    /// plaintext is `buf[..returned length]`; on failure all of `buf` is zeroized.
    ///
    /// # Errors
    /// [`Error::Truncated`] when `buf` is shorter than a tag; [`Error::AuthFailed`] when the
    /// length does not match `is_final` or the tag does not verify at this index;
    /// [`Error::LimitExceeded`] when the counter is exhausted.
    pub(crate) fn open_in_place(&self, index: u64, is_final: bool, buf: &mut [u8]) -> Result<usize> {
        let result = self.try_open(index, is_final, buf);
        if result.is_err() {
            buf.zeroize();
        }
        result
    }

    fn try_open(&self, index: u64, is_final: bool, buf: &mut [u8]) -> Result<usize> {
        let plaintext_len = buf.len().checked_sub(TAG_LEN).ok_or(Error::Truncated)?;
        check_shape(is_final, plaintext_len).ok_or(Error::AuthFailed)?;
        let nonce = self.nonce(index, is_final)?;
        let (body, tag) = buf.split_at_mut(plaintext_len);
        let tag: &[u8; TAG_LEN] = (&*tag).try_into().map_err(|_| Error::AuthFailed)?;
        self.aead.open_in_place(&nonce, b"", body, tag)?;
        Ok(plaintext_len)
    }
}

/// `Some(())` when a chunk of `plaintext_len` bytes may be final (`is_final`) or not.
fn check_shape(is_final: bool, plaintext_len: usize) -> Option<()> {
    let ok = if is_final { plaintext_len < CHUNK_LEN } else { plaintext_len == CHUNK_LEN };
    ok.then_some(())
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::stream::format::SEALED_CHUNK_LEN;

    fn cipher() -> ChunkCipher {
        ChunkCipher::new(&[7; KEY_LEN], &[0xA5; NONCE_LEN]).unwrap()
    }

    #[test]
    fn nonce_is_base_xor_big_endian_counter() {
        let c = cipher();
        let n = c.nonce(0x01_0203_0405, false).unwrap();
        assert_eq!(&n[..7], &[0xA5; 7]);
        assert_eq!(&n[7..], &[0xA5 ^ 1, 0xA5 ^ 2, 0xA5 ^ 3, 0xA5 ^ 4, 0xA5 ^ 5]);
    }

    #[test]
    fn counter_never_wraps() {
        let c = cipher();
        let mut buf = vec![0u8; SEALED_CHUNK_LEN];
        let over = Err(Error::LimitExceeded("C2SP chunk count"));
        assert_eq!(c.seal_in_place(MAX_CHUNKS, true, &mut buf, 0), over);
        assert_eq!(c.seal_in_place(MAX_CHUNKS - 1, false, &mut buf, CHUNK_LEN), over);
        assert_eq!(c.seal_in_place(u64::MAX, true, &mut buf, 0), over);
        assert_eq!(c.seal_in_place(MAX_CHUNKS - 1, true, &mut buf, 0), Ok(TAG_LEN));
        assert_eq!(c.open_in_place(MAX_CHUNKS - 1, true, &mut buf[..TAG_LEN]), Ok(0));
        assert_eq!(c.open_in_place(MAX_CHUNKS, true, &mut buf[..TAG_LEN]), over);
    }

    #[test]
    fn final_flag_must_match_the_length() {
        let c = cipher();
        let mut buf = vec![0u8; SEALED_CHUNK_LEN];
        let bad = Err(Error::InvalidArgument("chunk length"));
        assert_eq!(c.seal_in_place(0, true, &mut buf, CHUNK_LEN), bad);
        assert_eq!(c.seal_in_place(0, false, &mut buf, 10), bad);
        let sealed = c.seal_in_place(0, false, &mut buf, CHUNK_LEN).unwrap();
        let mut copy = buf.clone();
        assert_eq!(c.open_in_place(0, true, &mut copy[..sealed]), Err(Error::AuthFailed));
        assert_eq!(c.open_in_place(0, false, &mut buf[..sealed]), Ok(CHUNK_LEN));
    }

    #[test]
    fn wrong_index_fails_and_wipes_the_buffer() {
        let c = cipher();
        let mut buf = vec![0x42u8; 100 + TAG_LEN];
        let sealed = c.seal_in_place(3, true, &mut buf, 100).unwrap();
        let mut wrong = buf.clone();
        assert_eq!(c.open_in_place(4, true, &mut wrong[..sealed]), Err(Error::AuthFailed));
        assert!(wrong.iter().all(|&b| b == 0));
        assert_eq!(c.open_in_place(3, true, &mut buf[..sealed]), Ok(100));
        assert!(buf[..100].iter().all(|&b| b == 0x42));
    }

    #[test]
    fn shorter_than_a_tag_is_truncated() {
        assert_eq!(cipher().open_in_place(0, true, &mut [0u8; 15]), Err(Error::Truncated));
    }
}
