//! Human-comparable fingerprints of public keys, for checking out of band (read aloud on a
//! call, compared on two screens, printed on paper) that a key really is the recipient's.
//!
//! Forty decimal digits in eight groups of five, as in Signal's safety numbers: digits read
//! out the same in every language and keyboard layout. Each group is a 40-bit big-endian
//! slice of a domain-separated SHA-512 digest reduced modulo 100000, so the groups are
//! uniform to within 1e-7 and the fingerprint carries about 132 bits:
//!
//! ```text
//! digest  = SHA-512("phiseal fingerprint v1" || public key)
//! group i = uint40_be(digest[5i .. 5i+5]) mod 100000, for i = 0..8, written as 5 digits
//! ```

use core::fmt;

use sha2::{Digest, Sha512};

use crate::error::{Error, Result};
use crate::keys::PublicKey;

/// Domain separation: these bytes are hashed only to make fingerprints.
const DOMAIN: &[u8] = b"phiseal fingerprint v1";
/// Number of five-digit groups.
const GROUPS: usize = 8;
/// Bytes of the digest behind each group.
const BYTES_PER_GROUP: usize = 5;
/// Five decimal digits.
const GROUP_MODULUS: u64 = 100_000;

/// The fingerprint of a public key: eight groups of five decimal digits.
///
/// `Display` writes the groups separated by single spaces, e.g.
/// `"12345 67890 12345 67890 12345 67890 12345 67890"`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u32; GROUPS]);

impl Fingerprint {
    /// The fingerprint of `public`.
    #[must_use]
    pub fn of(public: &PublicKey) -> Self {
        let digest = Sha512::new().chain_update(DOMAIN).chain_update(public.as_bytes()).finalize();
        let mut groups = [0u32; GROUPS];
        for (group, chunk) in groups.iter_mut().zip(digest.chunks_exact(BYTES_PER_GROUP)) {
            let value = chunk.iter().fold(0u64, |acc, &byte| (acc << 8) | u64::from(byte));
            // The remainder is below 100000, so it always fits.
            *group = u32::try_from(value % GROUP_MODULUS).unwrap_or_default();
        }
        Self(groups)
    }

    /// Parses a fingerprint typed or pasted by a person: exactly 40 decimal digits, in any
    /// grouping by ASCII spaces or hyphens.
    ///
    /// # Errors
    /// [`Error::Malformed`] for any other character or another number of digits.
    pub fn from_text(text: &str) -> Result<Self> {
        let mut digits = text.bytes().filter(|byte| !matches!(byte, b' ' | b'-'));
        let mut groups = [0u32; GROUPS];
        for group in &mut groups {
            for _ in 0..5 {
                let digit = digits.next().filter(u8::is_ascii_digit).ok_or(Error::Malformed("fingerprint"))?;
                *group = *group * 10 + u32::from(digit - b'0');
            }
        }
        if digits.next().is_some() {
            return Err(Error::Malformed("fingerprint"));
        }
        Ok(Self(groups))
    }

    /// The eight groups as numbers below 100000.
    #[must_use]
    pub fn groups(&self) -> [u32; GROUPS] {
        self.0
    }
}

impl PublicKey {
    /// This key's human-comparable fingerprint.
    #[must_use]
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(self)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, group) in self.0.iter().enumerate() {
            let separator = if i == 0 { "" } else { " " };
            write!(f, "{separator}{group:05}")?;
        }
        Ok(())
    }
}

/// A fingerprint is public; `Debug` shows it like `Display`.
impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_documented_recipe() {
        let public = PublicKey::from_bytes(&[9u8; 32]).unwrap();
        let mut input = b"phiseal fingerprint v1".to_vec();
        input.extend_from_slice(&[9u8; 32]);
        let digest = Sha512::digest(&input);
        let first = u64::from_be_bytes([0, 0, 0, digest[0], digest[1], digest[2], digest[3], digest[4]]);
        let last = u64::from_be_bytes([0, 0, 0, digest[35], digest[36], digest[37], digest[38], digest[39]]);
        let groups = public.fingerprint().groups();
        assert_eq!(u64::from(groups[0]), first % 100_000);
        assert_eq!(u64::from(groups[7]), last % 100_000);
    }

    #[test]
    fn text_round_trip_and_lenient_grouping() {
        let fingerprint = PublicKey::from_bytes(&[9u8; 32]).unwrap().fingerprint();
        let text = fingerprint.to_string();
        assert_eq!(text.len(), 47);
        assert_eq!(Fingerprint::from_text(&text).unwrap(), fingerprint);
        assert_eq!(Fingerprint::from_text(&text.replace(' ', "")).unwrap(), fingerprint);
        assert_eq!(Fingerprint::from_text(&text.replace(' ', "-")).unwrap(), fingerprint);
        for bad in [&text[1..], &format!("{text}0"), &text.replacen(' ', "x", 1), ""] {
            assert!(Fingerprint::from_text(bad).is_err(), "{bad}");
        }
    }
}
