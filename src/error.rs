//! The one error type of phiseal.
//!
//! Every failure has a stable machine-readable [`Error::code`] that the JS face exposes
//! unchanged. Messages are fixed strings chosen by this crate: no variant ever carries
//! plaintext, key material or a value taken from a record, so an error can be logged.

use core::fmt;

/// Result alias used across the crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Everything that can go wrong in phiseal.
///
/// The payload of each variant is a `&'static str` written by this crate (never input data),
/// so `Display` and `Debug` are safe to log.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Authentication failed: wrong context, tampered bytes, or a bad tag. Deliberately opaque.
    AuthFailed,
    /// None of the recipient slots is addressed to the identity that tried to open.
    NoMatchingRecipient,
    /// The input is not well-formed (truncated, trailing bytes, non-canonical encoding...).
    Malformed(&'static str),
    /// The version or suite identifier is not one this build supports. No fallback is tried.
    UnsupportedVersion,
    /// A password-protected key could not be unlocked with the given password.
    WrongPassword,
    /// A key has the wrong length, is all-zero or low-order, or is otherwise unusable.
    InvalidKey(&'static str),
    /// A documented limit (recipients, header size, payload size, depth...) was exceeded.
    LimitExceeded(&'static str),
    /// The caller passed arguments that cannot be honoured (e.g. zero recipients).
    InvalidArgument(&'static str),
    /// A policy failed validation. The text names the rule, never a record value.
    InvalidPolicy(String),
    /// The operating system's random source failed. No weaker source is ever substituted.
    RandomUnavailable,
    /// A stream ended before its final chunk, or is being read after a failure.
    Truncated,
}

impl Error {
    /// Stable code string, identical in the Rust and JS faces.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Error::AuthFailed => "AUTH_FAILED",
            Error::NoMatchingRecipient => "NO_MATCHING_RECIPIENT",
            Error::Malformed(_) => "MALFORMED",
            Error::UnsupportedVersion => "UNSUPPORTED_VERSION",
            Error::WrongPassword => "WRONG_PASSWORD",
            Error::InvalidKey(_) => "INVALID_KEY",
            Error::LimitExceeded(_) => "LIMIT_EXCEEDED",
            Error::InvalidArgument(_) => "INVALID_ARGUMENT",
            Error::InvalidPolicy(_) => "INVALID_POLICY",
            Error::RandomUnavailable => "RANDOM_UNAVAILABLE",
            Error::Truncated => "TRUNCATED",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::AuthFailed => f.write_str("authentication failed"),
            Error::NoMatchingRecipient => f.write_str("no recipient slot matches this identity"),
            Error::Malformed(why) => write!(f, "malformed input: {why}"),
            Error::UnsupportedVersion => f.write_str("unsupported version or suite"),
            Error::WrongPassword => f.write_str("wrong password"),
            Error::InvalidKey(why) => write!(f, "invalid key: {why}"),
            Error::LimitExceeded(what) => write!(f, "limit exceeded: {what}"),
            Error::InvalidArgument(why) => write!(f, "invalid argument: {why}"),
            Error::InvalidPolicy(why) => write!(f, "invalid policy: {why}"),
            Error::RandomUnavailable => f.write_str("the system random source is unavailable"),
            Error::Truncated => f.write_str("input ended early"),
        }
    }
}

impl std::error::Error for Error {}
