//! Argon2id (RFC 9106) cost parameters for password-protected key backups, and the limits
//! every backup must respect.
//!
//! Limits apply on export and, before any Argon2id work, on import: a backup that asks for
//! more than the ceiling is refused (an attacker cannot make an importer allocate gigabytes or
//! spin for minutes), and one below the floor is refused too (an attacker who can replace a
//! stored backup cannot downgrade it to parameters that make guessing the password cheap).

use crate::error::{Error, Result};

/// Argon2id costs: memory in KiB, passes over memory, and lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackupParams {
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
}

impl BackupParams {
    /// Least memory accepted: 8 MiB.
    pub const MIN_MEMORY_KIB: u32 = 8 * 1024;
    /// Most memory accepted: 1 GiB.
    pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
    /// Most passes accepted.
    pub const MAX_ITERATIONS: u32 = 10;
    /// Most lanes accepted (RFC 9106 section 4 recommends 4 in its second option).
    pub const MAX_PARALLELISM: u32 = 4;
    /// Least total work accepted, memory (KiB) times passes: 32 MiB-passes. Every OWASP
    /// Argon2id configuration (19 MiB x 2, 12 MiB x 3, 9 MiB x 4, 46 MiB x 1) is above it.
    pub const MIN_MEMORY_KIB_TIMES_ITERATIONS: u64 = 32 * 1024;

    /// The default: 19 MiB, 2 passes, 1 lane (the OWASP password storage cheat sheet's first
    /// Argon2id configuration), chosen so a single-threaded browser unlocks in well under
    /// two seconds. See `docs/KEYS.md` for measured times.
    pub const INTERACTIVE: Self = Self { memory_kib: 19 * 1024, iterations: 2, parallelism: 1 };

    /// RFC 9106 section 4, second recommended option: 64 MiB, 3 passes, 4 lanes. About four
    /// to five times the work of [`BackupParams::INTERACTIVE`]; for native apps and
    /// high-value keys.
    pub const STRONG: Self = Self { memory_kib: 64 * 1024, iterations: 3, parallelism: 4 };

    /// Custom parameters.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] when a value is outside the documented limits (see the
    /// associated constants).
    pub fn new(memory_kib: u32, iterations: u32, parallelism: u32) -> Result<Self> {
        let params = Self { memory_kib, iterations, parallelism };
        params.check()?;
        Ok(params)
    }

    /// Memory cost in KiB (Argon2 `m`).
    #[must_use]
    pub fn memory_kib(&self) -> u32 {
        self.memory_kib
    }

    /// Number of passes (Argon2 `t`).
    #[must_use]
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// Number of lanes (Argon2 `p`).
    #[must_use]
    pub fn parallelism(&self) -> u32 {
        self.parallelism
    }

    /// Checks the floor and the ceiling.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] naming the violated limit.
    pub(crate) fn check(&self) -> Result<()> {
        if self.memory_kib > Self::MAX_MEMORY_KIB
            || self.iterations > Self::MAX_ITERATIONS
            || self.parallelism > Self::MAX_PARALLELISM
        {
            return Err(Error::LimitExceeded("Argon2id parameters above the maximum"));
        }
        let work = u64::from(self.memory_kib) * u64::from(self.iterations);
        if self.memory_kib < Self::MIN_MEMORY_KIB
            || self.iterations == 0
            || self.parallelism == 0
            || work < Self::MIN_MEMORY_KIB_TIMES_ITERATIONS
        {
            return Err(Error::LimitExceeded("Argon2id parameters below the minimum"));
        }
        Ok(())
    }
}

impl Default for BackupParams {
    /// [`BackupParams::INTERACTIVE`].
    fn default() -> Self {
        Self::INTERACTIVE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_within_limits() {
        for params in [BackupParams::INTERACTIVE, BackupParams::STRONG, BackupParams::default()] {
            assert_eq!(params.check(), Ok(()));
        }
        assert_eq!(BackupParams::default(), BackupParams::new(19456, 2, 1).unwrap());
    }

    #[test]
    fn limits_are_inclusive_bounds() {
        let below = Error::LimitExceeded("Argon2id parameters below the minimum");
        let above = Error::LimitExceeded("Argon2id parameters above the maximum");
        assert!(BackupParams::new(8192, 4, 1).is_ok());
        assert!(BackupParams::new(32768, 1, 1).is_ok());
        assert!(BackupParams::new(1024 * 1024, 10, 4).is_ok());
        assert_eq!(BackupParams::new(8191, 10, 1), Err(below.clone()));
        assert_eq!(BackupParams::new(8192, 3, 1), Err(below.clone()));
        assert_eq!(BackupParams::new(32767, 1, 1), Err(below.clone()));
        assert_eq!(BackupParams::new(19456, 0, 1), Err(below.clone()));
        assert_eq!(BackupParams::new(19456, 2, 0), Err(below));
        assert_eq!(BackupParams::new(1024 * 1024 + 1, 2, 1), Err(above.clone()));
        assert_eq!(BackupParams::new(19456, 11, 1), Err(above.clone()));
        assert_eq!(BackupParams::new(19456, 2, 5), Err(above.clone()));
        assert_eq!(BackupParams::new(u32::MAX, u32::MAX, u32::MAX), Err(above));
    }

    #[test]
    fn debug_shows_only_the_costs() {
        assert_eq!(
            format!("{:?}", BackupParams::default()),
            "BackupParams { memory_kib: 19456, iterations: 2, parallelism: 1 }"
        );
    }
}
