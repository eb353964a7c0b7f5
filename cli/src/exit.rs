//! Exit statuses a script can rely on, and the one error type of the command-line tool.
//!
//! Every failure ends as a [`CliError`]: a [`Status`] (the process exit code) and a message
//! written by this tool. Messages name files, flags and `phiseal::Error` codes, never a key,
//! a password, plaintext or a record value. The table is documented in `docs/CLI.md` and in
//! `phiseal --help`; the numbers never change meaning.

use std::fmt;
use std::io;
use std::path::Path;

/// The exit code of the process, one per class of failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Success.
    Ok = 0,
    /// Bad command line, or arguments the library refuses (`INVALID_ARGUMENT`).
    Usage = 1,
    /// A file or stream could not be read or written.
    Io = 2,
    /// Authentication failed: tampered or truncated data, wrong context, wrong sender
    /// (`AUTH_FAILED`, `TRUNCATED`).
    AuthFailed = 3,
    /// No recipient slot is addressed to the identity (`NO_MATCHING_RECIPIENT`).
    NoMatchingRecipient = 4,
    /// The input is not well-formed (`MALFORMED`).
    Malformed = 5,
    /// Unknown format version or suite (`UNSUPPORTED_VERSION`).
    UnsupportedVersion = 6,
    /// A password-protected key could not be unlocked (`WRONG_PASSWORD`).
    WrongPassword = 7,
    /// A key is unusable (`INVALID_KEY`).
    InvalidKey = 8,
    /// A documented size or count limit was exceeded (`LIMIT_EXCEEDED`).
    LimitExceeded = 9,
    /// A record policy is invalid (`INVALID_POLICY`).
    InvalidPolicy = 10,
    /// The system random source failed (`RANDOM_UNAVAILABLE`).
    RandomUnavailable = 11,
    /// Bulk mode: some records failed (each reported on stderr by line number).
    PartialFailure = 12,
    /// An error code this build of the tool does not know (newer library).
    Internal = 70,
}

impl Status {
    /// The status for a `phiseal::Error`, chosen by its stable code string.
    #[must_use]
    pub fn of_code(code: &str) -> Self {
        match code {
            "INVALID_ARGUMENT" => Status::Usage,
            "AUTH_FAILED" | "TRUNCATED" => Status::AuthFailed,
            "NO_MATCHING_RECIPIENT" => Status::NoMatchingRecipient,
            "MALFORMED" => Status::Malformed,
            "UNSUPPORTED_VERSION" => Status::UnsupportedVersion,
            "WRONG_PASSWORD" => Status::WrongPassword,
            "INVALID_KEY" => Status::InvalidKey,
            "LIMIT_EXCEEDED" => Status::LimitExceeded,
            "INVALID_POLICY" => Status::InvalidPolicy,
            "RANDOM_UNAVAILABLE" => Status::RandomUnavailable,
            _ => Status::Internal,
        }
    }

    /// The numeric exit code.
    #[must_use]
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// A failure of one command: what to print and how to exit.
#[derive(Debug)]
pub struct CliError {
    /// How the process exits.
    pub status: Status,
    /// One line for stderr, without the `phiseal: error:` prefix.
    pub message: String,
}

impl CliError {
    /// A usage error with a message written by this tool.
    #[must_use]
    pub fn usage(message: impl Into<String>) -> Self {
        Self { status: Status::Usage, message: message.into() }
    }

    /// A library error, prefixed with what was being done (e.g. `opening input.phsl`).
    #[must_use]
    pub fn library(doing: &str, err: &phiseal::Error) -> Self {
        Self { status: Status::of_code(err.code()), message: format!("{doing}: {err} [{}]", err.code()) }
    }

    /// An I/O error on `path` (`-` for stdin or stdout). Only the OS error kind and text
    /// are kept, never data.
    #[must_use]
    pub fn io(doing: &str, path: &Path, err: &io::Error) -> Self {
        if let Some(inner) = phiseal::stream::phiseal_error(err) {
            return Self::library(&format!("{doing} {}", path.display()), inner);
        }
        Self { status: Status::Io, message: format!("{doing} {}: {err} [IO]", path.display()) }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Result of a command.
pub type CliResult<T = ()> = Result<T, CliError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_code_has_its_own_status() {
        let codes = [
            ("INVALID_ARGUMENT", 1),
            ("AUTH_FAILED", 3),
            ("TRUNCATED", 3),
            ("NO_MATCHING_RECIPIENT", 4),
            ("MALFORMED", 5),
            ("UNSUPPORTED_VERSION", 6),
            ("WRONG_PASSWORD", 7),
            ("INVALID_KEY", 8),
            ("LIMIT_EXCEEDED", 9),
            ("INVALID_POLICY", 10),
            ("RANDOM_UNAVAILABLE", 11),
            ("SOMETHING_NEW", 70),
        ];
        for (code, status) in codes {
            assert_eq!(Status::of_code(code).code(), status, "{code}");
        }
    }

    #[test]
    fn library_errors_keep_the_stable_code() {
        let err = CliError::library("opening x", &phiseal::Error::AuthFailed);
        assert_eq!(err.status, Status::AuthFailed);
        assert_eq!(err.message, "opening x: authentication failed [AUTH_FAILED]");
    }
}
