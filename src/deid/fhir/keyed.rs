//! Keyed transforms that are NOT Safe Harbor: HMAC-SHA256 pseudonyms (RFC 2104, FIPS 180-4)
//! and per-patient date shifting. A keyed hash of an identifier is derived from PHI, so output
//! that uses either is pseudonymised, not de-identified under 45 CFR 164.514(b)(2); reports
//! say so. Outputs are domain-separated by a label so one key serves both purposes.

use crate::primitives::{base64, secret::SecretBytes};
use crate::Result;
use core::fmt;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A 256-bit key for pseudonyms and date shifts. Zeroized on drop; `Debug` is redacted.
#[derive(Clone)]
pub struct DeidKey(SecretBytes<32>);

impl fmt::Debug for DeidKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DeidKey(<redacted>)")
    }
}

impl DeidKey {
    /// Takes a 32-byte key; the caller's array is zeroized.
    #[must_use]
    pub fn from_bytes(bytes: &mut [u8; 32]) -> Self {
        DeidKey(SecretBytes::from_array(bytes))
    }

    /// A fresh random key.
    ///
    /// # Errors
    /// [`crate::Error::RandomUnavailable`] if the system random source fails.
    pub fn generate() -> Result<Self> {
        Ok(DeidKey(SecretBytes::random()?))
    }

    /// HMAC-SHA256(key, label || 0x00 || value).
    pub(crate) fn mac(&self, label: &str, value: &str) -> [u8; 32] {
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(self.0.expose()) else {
            return [0u8; 32]; // unreachable: HMAC accepts any key length
        };
        mac.update(label.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// A pseudonym: the first 16 bytes of the MAC in unpadded base64url (22 characters).
    pub(crate) fn pseudonym(&self, label: &str, value: &str) -> String {
        let mac = self.mac(label, value);
        base64::encode(mac.get(..16).unwrap_or(&mac))
    }

    /// A day offset in `-max_days..=max_days`, never 0, the same for the same patient key.
    pub(crate) fn day_offset(&self, patient: &str, max_days: u16) -> i64 {
        let mac = self.mac("phiseal deid date shift v1", patient);
        let mut first = [0u8; 8];
        first.copy_from_slice(mac.get(..8).unwrap_or(&[0; 8]));
        let span = u64::from(max_days.max(1));
        let r = u64::from_be_bytes(first) % (2 * span);
        // 0..span-1 → -span..-1, span..2span-1 → 1..span
        let r = i64::try_from(r).unwrap_or(0);
        let span = i64::try_from(span).unwrap_or(1);
        if r < span {
            r - span
        } else {
            r - span + 1
        }
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn offsets_are_keyed_bounded_and_nonzero() {
        let k = DeidKey::from_bytes(&mut [7u8; 32]);
        let k2 = DeidKey::from_bytes(&mut [8u8; 32]);
        let o = k.day_offset("patient-a", 30);
        assert_eq!(o, k.day_offset("patient-a", 30));
        assert!(o != 0 && o.abs() <= 30);
        let diff = (0..20).any(|i| k.day_offset(&format!("p{i}"), 30) != k2.day_offset(&format!("p{i}"), 30));
        assert!(diff);
        assert_eq!(format!("{k:?}"), "DeidKey(<redacted>)");
        assert_eq!(k.pseudonym("id", "x").len(), 22);
        assert_ne!(k.pseudonym("id", "x"), k.pseudonym("identifier", "x"));
    }
}
