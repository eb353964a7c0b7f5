//! How phiseal errors travel through `std::io::Read` / `Write`.
//!
//! The streaming types speak `std::io::Result`, so a [`crate::Error`] is wrapped in an
//! [`io::Error`] whose kind says what class of failure it is (`InvalidData` for tampering,
//! `UnexpectedEof` for truncation) and whose inner error is the phiseal error itself, which
//! [`phiseal_error`] gets back. Errors of the inner reader or writer pass through unchanged.

use std::io;

use crate::error::Error;

/// Wraps a phiseal error for the `std::io` face.
pub(crate) fn to_io(err: Error) -> io::Error {
    let kind = match err {
        Error::Truncated => io::ErrorKind::UnexpectedEof,
        Error::AuthFailed | Error::Malformed(_) => io::ErrorKind::InvalidData,
        Error::InvalidArgument(_) => io::ErrorKind::InvalidInput,
        _ => io::ErrorKind::Other,
    };
    io::Error::new(kind, err)
}

/// The phiseal error inside an `io::Error` returned by [`super::OpeningReader`] or
/// [`super::SealingWriter`], or `None` when the error came from the inner reader or writer.
///
/// ```
/// use std::io::Read;
/// use phiseal::stream::{phiseal_error, seal, OpeningReader};
///
/// let key = [7u8; 32];
/// let mut sealed = seal(&key, b"ctx", b"hello").unwrap();
/// let last = sealed.len() - 1;
/// sealed[last] ^= 1; // tamper with the final tag
/// let mut reader = OpeningReader::new(&sealed[..], &key, b"ctx").unwrap();
/// let err = reader.read_to_end(&mut Vec::new()).unwrap_err();
/// assert_eq!(phiseal_error(&err), Some(&phiseal::Error::AuthFailed));
/// ```
#[must_use]
pub fn phiseal_error(err: &io::Error) -> Option<&Error> {
    err.get_ref().and_then(|inner| inner.downcast_ref::<Error>())
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_failure_class() {
        assert_eq!(to_io(Error::Truncated).kind(), io::ErrorKind::UnexpectedEof);
        assert_eq!(to_io(Error::AuthFailed).kind(), io::ErrorKind::InvalidData);
        let wrapped = to_io(Error::LimitExceeded("C2SP chunk count"));
        assert_eq!(phiseal_error(&wrapped), Some(&Error::LimitExceeded("C2SP chunk count")));
        assert_eq!(phiseal_error(&io::Error::other("disk on fire")), None);
    }
}
