//! Suite identifiers and the labelled KDF calls of RFC 9180 section 4, which bind every
//! derived value to the protocol version, the algorithm suite and the value's purpose.

use crate::error::{Error, Result};
use crate::primitives::hkdf::{self, Prk};

/// `kem_id` of DHKEM(X25519, HKDF-SHA256) (RFC 9180 section 7.1, Table 2).
pub(crate) const KEM_ID: u16 = 0x0020;
/// `kdf_id` of HKDF-SHA256 (RFC 9180 section 7.2, Table 3).
pub(crate) const KDF_ID: u16 = 0x0001;
/// `aead_id` of AES-256-GCM (RFC 9180 section 7.3, Table 5).
pub(crate) const AEAD_ID: u16 = 0x0002;

/// `Nsecret` of DHKEM(X25519, HKDF-SHA256) (Table 2).
pub(crate) const N_SECRET: usize = 32;
/// `Nk` of AES-256-GCM (Table 5).
pub(crate) const N_K: usize = 32;
/// `Nn` of AES-256-GCM (Table 5).
pub(crate) const N_N: usize = 12;
/// `Nh` of HKDF-SHA256 (Table 3).
pub(crate) const N_H: usize = hkdf::HASH_LEN;

/// The version label prefixed to every labelled KDF input (section 4).
const VERSION_LABEL: &[u8] = b"HPKE-v1";

/// `suite_id = concat("KEM", I2OSP(kem_id, 2))`, used inside the KEM (section 4.1).
pub(crate) const KEM_SUITE_ID: [u8; 5] = kem_suite_id(KEM_ID);

/// `suite_id = concat("HPKE", I2OSP(kem_id, 2), I2OSP(kdf_id, 2), I2OSP(aead_id, 2))`, used
/// by the key schedule and the exporter (section 5.1).
pub(crate) const HPKE_SUITE_ID: [u8; 10] = hpke_suite_id(KEM_ID, KDF_ID, AEAD_ID);

/// The KEM suite id for `kem_id`.
pub(crate) const fn kem_suite_id(kem_id: u16) -> [u8; 5] {
    let k = kem_id.to_be_bytes();
    [b'K', b'E', b'M', k[0], k[1]]
}

/// The HPKE suite id for a (KEM, KDF, AEAD) triple. Other triples are only used by the
/// known-answer tests, which check the key schedule against RFC 9180 Appendix A.
pub(crate) const fn hpke_suite_id(kem_id: u16, kdf_id: u16, aead_id: u16) -> [u8; 10] {
    let (k, d, a) = (kem_id.to_be_bytes(), kdf_id.to_be_bytes(), aead_id.to_be_bytes());
    [b'H', b'P', b'K', b'E', k[0], k[1], d[0], d[1], a[0], a[1]]
}

/// Section 4:
///
/// ```text
/// def LabeledExtract(salt, label, ikm):
///   labeled_ikm = concat("HPKE-v1", suite_id, label, ikm)
///   return Extract(salt, labeled_ikm)
/// ```
///
/// `ikm` is given as parts so that `concat(DH(...), DH(...))` in AuthEncap needs no copy.
pub(crate) fn labeled_extract(suite_id: &[u8], salt: &[u8], label: &[u8], ikm: &[&[u8]]) -> Prk {
    let mut parts: Vec<&[u8]> = Vec::with_capacity(3 + ikm.len());
    parts.extend_from_slice(&[VERSION_LABEL, suite_id, label]);
    parts.extend_from_slice(ikm);
    hkdf::extract(salt, &parts)
}

/// Section 4:
///
/// ```text
/// def LabeledExpand(prk, label, info, L):
///   labeled_info = concat(I2OSP(L, 2), "HPKE-v1", suite_id,
///                         label, info)
///   return Expand(prk, labeled_info, L)
/// ```
///
/// `L` is the length of `out`.
///
/// # Errors
/// [`Error::LimitExceeded`] when `L` exceeds `255 * Nh` (which also keeps it within 2 bytes).
pub(crate) fn labeled_expand(suite_id: &[u8], prk: &Prk, label: &[u8], info: &[u8], out: &mut [u8]) -> Result<()> {
    if out.len() > hkdf::MAX_OUTPUT_LEN {
        return Err(Error::LimitExceeded("hpke derived length"));
    }
    let length = u16::try_from(out.len()).map_err(|_| Error::LimitExceeded("hpke derived length"))?;
    prk.expand(&[&length.to_be_bytes(), VERSION_LABEL, suite_id, label, info], out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suite_ids_match_rfc_encoding() {
        assert_eq!(KEM_SUITE_ID, *b"KEM\x00\x20");
        assert_eq!(HPKE_SUITE_ID, *b"HPKE\x00\x20\x00\x01\x00\x02");
    }

    #[test]
    fn expand_length_is_bounded() {
        let prk = hkdf::extract(b"", &[b"ikm"]);
        let mut max = vec![0u8; 255 * N_H];
        labeled_expand(&HPKE_SUITE_ID, &prk, b"sec", b"", &mut max).unwrap();
        let mut over = vec![0u8; 255 * N_H + 1];
        assert_eq!(
            labeled_expand(&HPKE_SUITE_ID, &prk, b"sec", b"", &mut over),
            Err(Error::LimitExceeded("hpke derived length"))
        );
    }

    #[test]
    fn label_and_suite_separate_outputs() {
        let prk = hkdf::extract(b"", &[b"ikm"]);
        let (mut a, mut b, mut c) = ([0u8; 32], [0u8; 32], [0u8; 32]);
        labeled_expand(&HPKE_SUITE_ID, &prk, b"key", b"", &mut a).unwrap();
        labeled_expand(&HPKE_SUITE_ID, &prk, b"exp", b"", &mut b).unwrap();
        labeled_expand(&KEM_SUITE_ID, &prk, b"key", b"", &mut c).unwrap();
        assert_ne!(a, b);
        assert_ne!(a, c);
    }
}
