//! The only source of randomness in phiseal: the operating system's CSPRNG via `getrandom`.
//!
//! On wasm32 the backend is `wasm_js` (`crypto.getRandomValues`), selected by the binding
//! crate, never here. A failure is an error; there is no fallback to a weaker source.

use crate::error::{Error, Result};

/// Fills `buf` with random bytes.
///
/// # Errors
/// [`Error::RandomUnavailable`] when the random source fails.
pub fn fill(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|_| Error::RandomUnavailable)
}

/// A random array.
///
/// # Errors
/// [`Error::RandomUnavailable`] when the random source fails.
pub fn array<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    fill(&mut out)?;
    Ok(out)
}

/// `len` random bytes (for tests that need random inputs).
#[cfg(test)]
pub(crate) fn test_vec(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    #[allow(clippy::unwrap_used)]
    fill(&mut bytes).unwrap();
    bytes
}
