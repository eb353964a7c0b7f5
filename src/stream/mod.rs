//! Chunked streaming encryption: C2SP chunked encryption (c2sp.org/chunked-encryption),
//! instantiation **Cobblestone-256** (HKDF-SHA-512, AES-256-GCM, 16 KiB chunks, 32-byte key
//! commitment). The byte format, keying and guarantees are in `docs/STREAMING.md`.
//!
//! Two tiers over one format:
//! - [`seal`] / [`open`]: a whole message in memory; `open` returns all or nothing.
//! - [`SealingWriter`] / [`OpeningReader`]: `std::io` streaming in constant memory (one
//!   16 KiB chunk), and random access when the ciphertext is `Seek`.
//! - [`ChunkSealer`] / [`ChunkOpener`]: one chunk per call, for callers that frame the
//!   stream themselves (the JS face); same bytes, same release and failure rules.
//!
//! The input key is 32 uniformly random bytes (the envelope's data key); `context` is any
//! bytes the message is bound to (the envelope uses its preamble and commitment).

mod chunk;
mod derive;
mod format;
mod incremental;
mod io_error;
mod oneshot;
mod reader;
mod seek;
mod writer;

#[cfg(test)]
mod kat_tests;

pub use format::{sealed_len, CHUNK_LEN, HEADER_LEN, SEALED_CHUNK_LEN};
pub use incremental::{ChunkKey, ChunkOpener, ChunkSealer};
pub use io_error::phiseal_error;
pub use oneshot::{open, seal};
pub use reader::OpeningReader;
pub use writer::SealingWriter;
