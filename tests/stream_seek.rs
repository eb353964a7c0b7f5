//! Random access with `OpeningReader<R: Read + Seek>`: ranges across chunk boundaries equal
//! the plaintext slice, the length is authenticated before it is used, chunks before a range
//! are never decrypted, and seeks outside the message are refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{self, Cursor, Read, Seek, SeekFrom};

use phiseal::stream::{phiseal_error, seal, OpeningReader, CHUNK_LEN, HEADER_LEN, SEALED_CHUNK_LEN};
use phiseal::Error;
use proptest::prelude::*;

const KEY: [u8; 32] = [0x22; 32];
const CTX: &[u8] = b"ctx";

fn plaintext(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 13 % 241) as u8).collect()
}

fn reader_over(sealed: &[u8]) -> OpeningReader<Cursor<&[u8]>> {
    OpeningReader::new(Cursor::new(sealed), &KEY, CTX).unwrap()
}

fn read_range(reader: &mut impl ReadSeek, start: u64, len: usize) -> io::Result<Vec<u8>> {
    assert_eq!(reader.seek(SeekFrom::Start(start))?, start);
    let mut out = vec![0u8; len];
    reader.read_exact(&mut out)?;
    Ok(out)
}

trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

#[test]
fn ranges_across_chunk_boundaries_equal_the_slice() {
    let data = plaintext(3 * CHUNK_LEN + 1234);
    let sealed = seal(&KEY, CTX, &data).unwrap();
    let mut reader = reader_over(&sealed);
    let c = CHUNK_LEN;
    let ranges = [
        (0, 1),
        (0, data.len()),
        (c - 1, 2),
        (c - 10, c + 20),
        (c, c),
        (2 * c - 1, 1),
        (2 * c + 5, c + 100),
        (3 * c, 1234),
        (data.len() - 1, 1),
        (5, 0),
    ];
    for (start, len) in ranges {
        let got = read_range(&mut reader, start as u64, len).unwrap();
        assert_eq!(got, data[start..start + len], "range {start}+{len}");
    }
    // Backwards too, and relative seeks.
    assert_eq!(reader.seek(SeekFrom::End(-3)).unwrap(), data.len() as u64 - 3);
    let mut tail = Vec::new();
    reader.read_to_end(&mut tail).unwrap();
    assert_eq!(tail, data[data.len() - 3..]);
    reader.seek(SeekFrom::Start(c as u64 + 7)).unwrap();
    assert_eq!(reader.seek(SeekFrom::Current(-10)).unwrap(), c as u64 - 3);
    assert_eq!(reader.stream_position().unwrap(), c as u64 - 3);
    let mut six = [0u8; 6];
    reader.read_exact(&mut six).unwrap();
    assert_eq!(six, data[c - 3..c + 3]);
}

#[test]
fn length_is_authenticated_and_seek_to_end_reads_nothing() {
    for len in [0usize, 1, CHUNK_LEN - 1, CHUNK_LEN, CHUNK_LEN + 1, 2 * CHUNK_LEN] {
        let sealed = seal(&KEY, CTX, &plaintext(len)).unwrap();
        let mut reader = reader_over(&sealed);
        assert_eq!(reader.plaintext_len().unwrap(), len as u64);
        assert_eq!(reader.seek(SeekFrom::End(0)).unwrap(), len as u64);
        assert_eq!(reader.read(&mut [0u8; 8]).unwrap(), 0);
        assert_eq!(reader.read(&mut [0u8; 8]).unwrap(), 0);
    }
}

#[test]
fn seeking_outside_the_message_is_refused_and_keeps_the_position() {
    let data = plaintext(CHUNK_LEN + 10);
    let sealed = seal(&KEY, CTX, &data).unwrap();
    let mut reader = reader_over(&sealed);
    reader.seek(SeekFrom::Start(100)).unwrap();
    let len = data.len() as i64;
    for bad in [SeekFrom::Start(len as u64 + 1), SeekFrom::End(1), SeekFrom::Current(len), SeekFrom::Current(-101)] {
        let err = reader.seek(bad).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{bad:?}");
        assert!(matches!(phiseal_error(&err), Some(Error::InvalidArgument(_))));
    }
    // Not sticky: the position is unchanged and reading goes on.
    assert_eq!(reader.stream_position().unwrap(), 100);
    let mut byte = [0u8; 1];
    reader.read_exact(&mut byte).unwrap();
    assert_eq!(byte[0], data[100]);
}

#[test]
fn chunks_before_the_range_are_never_decrypted() {
    let data = plaintext(4 * CHUNK_LEN + 10);
    let mut sealed = seal(&KEY, CTX, &data).unwrap();
    // Corrupt chunks 0 and 1: a range inside chunks 2..=4 still reads fine.
    sealed[HEADER_LEN + 5] ^= 1;
    sealed[HEADER_LEN + SEALED_CHUNK_LEN + 5] ^= 1;
    let mut reader = reader_over(&sealed);
    let start = 2 * CHUNK_LEN + 100;
    assert_eq!(read_range(&mut reader, start as u64, CHUNK_LEN).unwrap(), data[start..start + CHUNK_LEN]);
    // A range that covers a corrupted chunk fails, and the failure is sticky.
    let err = read_range(&mut reader, CHUNK_LEN as u64, 10).unwrap_err();
    assert_eq!(phiseal_error(&err), Some(&Error::AuthFailed));
    assert!(reader.seek(SeekFrom::Start(start as u64)).is_err());
    assert!(reader.read(&mut [0u8; 1]).is_err());
}

#[test]
fn a_message_whose_end_is_missing_or_extended_cannot_seek() {
    let data = plaintext(2 * CHUNK_LEN + 10);
    let sealed = seal(&KEY, CTX, &data).unwrap();
    let at_boundary = &sealed[..HEADER_LEN + 2 * SEALED_CHUNK_LEN];
    let mid_chunk = &sealed[..sealed.len() - 3];
    let extended = [&sealed[..], &[0u8; 40]].concat();
    let extended_by_chunk = [&sealed[..], &sealed[HEADER_LEN..HEADER_LEN + SEALED_CHUNK_LEN]].concat();
    let cases: [(&[u8], Error); 4] = [
        (at_boundary, Error::Truncated),
        (mid_chunk, Error::AuthFailed),
        (&extended, Error::AuthFailed),
        (&extended_by_chunk, Error::AuthFailed),
    ];
    for (bytes, expected) in cases {
        let mut reader = reader_over(bytes);
        let err = reader.seek(SeekFrom::Start(0)).unwrap_err();
        assert_eq!(phiseal_error(&err), Some(&expected));
        assert_eq!(phiseal_error(&reader.read(&mut [0u8; 1]).unwrap_err()), Some(&expected));
        assert!(reader.plaintext_len().is_err());
    }
}

#[test]
fn a_message_that_does_not_start_at_offset_zero() {
    let data = plaintext(CHUNK_LEN + 300);
    let sealed = seal(&KEY, CTX, &data).unwrap();
    let file = [&b"outer container header"[..], &sealed].concat();
    let mut cursor = Cursor::new(&file[..]);
    cursor.seek(SeekFrom::Start(22)).unwrap();
    let mut reader = OpeningReader::new(cursor, &KEY, CTX).unwrap();
    let mut first = [0u8; 50];
    reader.read_exact(&mut first).unwrap();
    assert_eq!(reader.plaintext_len().unwrap(), data.len() as u64);
    let got = read_range(&mut reader, CHUNK_LEN as u64 - 5, 200).unwrap();
    assert_eq!(got, data[CHUNK_LEN - 5..CHUNK_LEN + 195]);
    // Sequential reading continues from where a length check left it.
    let mut reader = OpeningReader::new(Cursor::new(&sealed[..]), &KEY, CTX).unwrap();
    reader.read_exact(&mut first).unwrap();
    reader.plaintext_len().unwrap();
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    assert_eq!([&first[..], &rest].concat(), data);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_ranges_equal_the_slice(
        len in 0usize..(3 * CHUNK_LEN + 500),
        picks in prop::collection::vec((any::<prop::sample::Index>(), 0usize..40_000), 1..6),
    ) {
        let data = plaintext(len);
        let sealed = seal(&KEY, CTX, &data).unwrap();
        let mut reader = reader_over(&sealed);
        prop_assert_eq!(reader.plaintext_len().unwrap(), len as u64);
        for (start, want) in picks {
            let start = if len == 0 { 0 } else { start.index(len + 1) };
            let take = want.min(len - start);
            let got = read_range(&mut reader, start as u64, take).unwrap();
            prop_assert_eq!(&got[..], &data[start..start + take]);
        }
    }
}
