//! Streaming through `std::io`: round trips with `SealingWriter` / `OpeningReader`, and the
//! "Streaming" lines of the security checklist: dropped, reordered, duplicated and altered
//! chunks fail at that chunk; cuts anywhere fail and keep failing; a writer that fails midway
//! or is dropped leaves nothing that opens.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{self, Read, Write};

use phiseal::stream::{
    open, phiseal_error, seal, sealed_len, OpeningReader, SealingWriter, CHUNK_LEN, HEADER_LEN, SEALED_CHUNK_LEN,
};
use phiseal::Error;

const KEY: [u8; 32] = [0x11; 32];
const CTX: &[u8] = b"serialized envelope header";

fn plaintext(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 % 251) as u8).collect()
}

fn seal_streaming(data: &[u8], piece: usize) -> Vec<u8> {
    let mut writer = SealingWriter::new(Vec::new(), &KEY, CTX).unwrap();
    for part in data.chunks(piece.max(1)) {
        writer.write_all(part).unwrap();
    }
    writer.finish().unwrap()
}

/// Reads until the end or an error, `step` bytes at a time.
fn drain(reader: &mut impl Read, step: usize) -> (Vec<u8>, Option<io::Error>) {
    let mut out = Vec::new();
    let mut buf = vec![0u8; step];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return (out, None),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(err) => return (out, Some(err)),
        }
    }
}

/// Streams `sealed` and expects exactly `released` plaintext bytes, then `expected`, sticky.
fn assert_fails_after(sealed: &[u8], original: &[u8], released: usize, expected: Error) {
    let mut reader = OpeningReader::new(sealed, &KEY, CTX).unwrap();
    let (got, err) = drain(&mut reader, 4096);
    assert_eq!(got.len(), released, "released bytes");
    assert_eq!(got, original[..released]);
    assert_eq!(phiseal_error(&err.expect("must not end cleanly")), Some(&expected));
    for _ in 0..3 {
        assert_eq!(phiseal_error(&reader.read(&mut [0u8; 10]).unwrap_err()), Some(&expected));
    }
    assert!(open(&KEY, CTX, sealed).is_err(), "one-shot open must fail too");
}

fn chunk_range(index: usize, sealed: &[u8]) -> std::ops::Range<usize> {
    let start = HEADER_LEN + index * SEALED_CHUNK_LEN;
    start..(start + SEALED_CHUNK_LEN).min(sealed.len())
}

#[test]
fn round_trips_at_chunk_edges_and_3_mib() {
    for len in [0usize, 1, 16383, 16384, 16385, 3 << 20] {
        let data = plaintext(len);
        for piece in [1000usize, 16384, 70_001] {
            if len > 100_000 && piece == 1000 {
                continue;
            }
            let sealed = seal_streaming(&data, piece);
            assert_eq!(sealed.len() as u64, sealed_len(len as u64).unwrap());
            assert_eq!(open(&KEY, CTX, &sealed).unwrap(), data, "one-shot, len {len}");
            let mut reader = OpeningReader::new(&sealed[..], &KEY, CTX).unwrap();
            let (got, err) = drain(&mut reader, 777);
            assert!(err.is_none(), "len {len}: {err:?}");
            assert_eq!(got, data, "len {len} piece {piece}");
        }
    }
}

#[test]
fn one_shot_and_streaming_are_the_same_format() {
    let data = plaintext(40_000);
    let sealed = seal(&KEY, CTX, &data).unwrap();
    let mut out = Vec::new();
    OpeningReader::new(&sealed[..], &KEY, CTX).unwrap().read_to_end(&mut out).unwrap();
    assert_eq!(out, data);
}

/// An inner reader that hands out at most 3 bytes a call and is interrupted now and then.
struct Dribble<'a> {
    data: &'a [u8],
    calls: usize,
}

impl Read for Dribble<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        if self.calls % 5 == 0 {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let n = buf.len().min(3).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn tiny_reads_over_a_dribbling_interrupted_inner_reader_round_trip() {
    let data = plaintext(20_000);
    let sealed = seal_streaming(&data, 5000);
    let mut reader = OpeningReader::new(Dribble { data: &sealed, calls: 1 }, &KEY, CTX).unwrap();
    let mut got = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        match reader.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => got.push(byte[0]),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => panic!("{err}"),
        }
    }
    assert_eq!(got, data);
}

/// An inner reader that fails once, mid-chunk, with its own error, then carries on.
struct FailsOnce<'a> {
    data: &'a [u8],
    fail_at: usize,
    failed: bool,
}

impl Read for FailsOnce<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.failed && self.data.len() <= self.fail_at {
            self.failed = true;
            return Err(io::Error::other("network hiccup"));
        }
        let limit = if self.failed { self.data.len() } else { self.data.len() - self.fail_at };
        let n = buf.len().min(limit).min(1000);
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn inner_reader_errors_pass_through_and_are_not_sticky() {
    let data = plaintext(40_000);
    let sealed = seal_streaming(&data, 40_000);
    let inner = FailsOnce { data: &sealed, fail_at: sealed.len() - 20_000, failed: false };
    let mut reader = OpeningReader::new(inner, &KEY, CTX).unwrap();
    let (first, err) = drain(&mut reader, 4096);
    let err = err.expect("the inner error surfaces");
    assert_eq!(phiseal_error(&err), None, "inner errors are not phiseal errors");
    assert_eq!(err.to_string(), "network hiccup");
    assert_eq!(first.len() % CHUNK_LEN, 0, "only whole authenticated chunks were released");
    let (rest, err) = drain(&mut reader, 4096);
    assert!(err.is_none());
    assert_eq!([first, rest].concat(), data);
}

#[test]
fn wrong_key_or_context_fails_before_any_read() {
    let sealed = seal(&KEY, CTX, b"PHI").unwrap();
    for (key, ctx) in [([0x12; 32], CTX), (KEY, &b"serialized envelope headeR"[..]), (KEY, &b""[..])] {
        let err = OpeningReader::new(&sealed[..], &key, ctx).unwrap_err();
        assert_eq!(phiseal_error(&err), Some(&Error::AuthFailed));
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }
}

/// 4 full chunks and a 100-byte final chunk.
fn five_chunks() -> (Vec<u8>, Vec<u8>) {
    let data = plaintext(4 * CHUNK_LEN + 100);
    let sealed = seal_streaming(&data, 10_000);
    assert_eq!(sealed.len(), HEADER_LEN + 4 * SEALED_CHUNK_LEN + 116);
    (data, sealed)
}

#[test]
fn dropped_chunk_fails_at_that_chunk() {
    let (data, sealed) = five_chunks();
    for k in 0..4 {
        let mut bad = sealed.clone();
        bad.drain(chunk_range(k, &sealed));
        assert_fails_after(&bad, &data, k * CHUNK_LEN, Error::AuthFailed);
    }
    let mut no_final = sealed.clone();
    no_final.drain(chunk_range(4, &sealed));
    assert_fails_after(&no_final, &data, 4 * CHUNK_LEN, Error::Truncated);
}

#[test]
fn reordered_chunks_fail_at_the_first_moved_chunk() {
    let (data, sealed) = five_chunks();
    for k in 0..3 {
        let mut bad = sealed.clone();
        let (a, b) = (chunk_range(k, &sealed), chunk_range(k + 1, &sealed));
        bad[a.clone()].copy_from_slice(&sealed[b.clone()]);
        bad[b].copy_from_slice(&sealed[a]);
        assert_fails_after(&bad, &data, k * CHUNK_LEN, Error::AuthFailed);
    }
}

#[test]
fn duplicated_chunk_fails_where_it_was_inserted() {
    let (data, sealed) = five_chunks();
    for k in 0..4 {
        let chunk = sealed[chunk_range(k, &sealed)].to_vec();
        let mut inserted = sealed.clone();
        let at = chunk_range(k + 1, &sealed).start;
        inserted.splice(at..at, chunk.iter().copied());
        assert_fails_after(&inserted, &data, (k + 1) * CHUNK_LEN, Error::AuthFailed);
        if k < 3 {
            let mut replaced = sealed.clone();
            replaced[chunk_range(k + 1, &sealed)].copy_from_slice(&chunk);
            assert_fails_after(&replaced, &data, (k + 1) * CHUNK_LEN, Error::AuthFailed);
        }
    }
}

#[test]
fn altered_byte_fails_at_that_chunk() {
    let (data, sealed) = five_chunks();
    for k in 0..5 {
        let range = chunk_range(k, &sealed);
        for offset in [range.start, range.start + 50, range.end - 16, range.end - 1] {
            let mut bad = sealed.clone();
            bad[offset] ^= 0x80;
            assert_fails_after(&bad, &data, k * CHUNK_LEN, Error::AuthFailed);
        }
    }
}

#[test]
fn appended_bytes_fail() {
    let (data, sealed) = five_chunks();
    for extra in [&[0u8][..], &[0u8; 16], &[0xAA; 100], &sealed[chunk_range(4, &sealed)]] {
        let bad = [&sealed[..], extra].concat();
        assert_fails_after(&bad, &data, 4 * CHUNK_LEN, Error::AuthFailed);
    }
}

/// The error class a cut at `cut` bytes must produce.
fn expected_cut_error(cut: usize) -> Error {
    let into_chunk = (cut - HEADER_LEN) % SEALED_CHUNK_LEN;
    // Less than a tag left: the end is provably missing. A longer remainder is read as a
    // short final chunk whose tag cannot verify: indistinguishable from tampering.
    if into_chunk < 16 {
        Error::Truncated
    } else {
        Error::AuthFailed
    }
}

#[test]
fn a_cut_anywhere_is_an_error_never_a_clean_end() {
    let (data, sealed) = five_chunks();
    let boundaries: Vec<usize> = (0..=5).map(|k| HEADER_LEN + k * SEALED_CHUNK_LEN).collect();
    let mut cuts: Vec<usize> = (0..sealed.len()).step_by(613).collect();
    for b in &boundaries {
        cuts.extend(b.saturating_sub(20)..(b + 20).min(sealed.len()));
    }
    for cut in cuts {
        let prefix = &sealed[..cut];
        assert!(open(&KEY, CTX, prefix).is_err(), "one-shot open of a {cut}-byte cut");
        let mut reader = match OpeningReader::new(prefix, &KEY, CTX) {
            Ok(reader) => reader,
            Err(err) => {
                assert!(cut < HEADER_LEN, "cut {cut}");
                assert_eq!(phiseal_error(&err), Some(&Error::Truncated));
                continue;
            }
        };
        let (got, err) = drain(&mut reader, 10_000);
        let whole_chunks = (cut - HEADER_LEN) / SEALED_CHUNK_LEN;
        assert_eq!(got, data[..whole_chunks * CHUNK_LEN], "cut {cut}");
        let expected = expected_cut_error(cut);
        assert_eq!(phiseal_error(&err.expect("clean end after a cut")), Some(&expected));
        assert_eq!(phiseal_error(&reader.read(&mut [0u8; 1]).unwrap_err()), Some(&expected));
    }
}

/// A sink that accepts `budget` bytes, then fails every write.
struct FailingSink {
    written: Vec<u8>,
    budget: usize,
}

impl Write for FailingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = buf.len().min(self.budget - self.written.len());
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::WriteZero, "disk full"));
        }
        self.written.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Shares the sink so the test can look at it after the writer is gone.
struct Shared<'a>(&'a std::cell::RefCell<FailingSink>);

impl Write for Shared<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

#[test]
fn writer_failing_midway_leaves_nothing_that_opens() {
    let data = plaintext(3 * CHUNK_LEN + 500);
    let total = sealed_len(data.len() as u64).unwrap() as usize;
    for budget in [0, 10, 56, 57, 100, 16456, 16457, 32856, 40_000, total - 17, total - 1] {
        let sink = std::cell::RefCell::new(FailingSink { written: Vec::new(), budget });
        let failed = match SealingWriter::new(Shared(&sink), &KEY, CTX) {
            Err(_) => true,
            Ok(mut writer) => {
                let wrote = data.chunks(5000).try_for_each(|part| writer.write_all(part));
                wrote.is_err() || writer.finish().is_err()
            }
        };
        assert!(failed, "budget {budget}: the failure must be reported");
        let output = sink.borrow().written.clone();
        assert!(output.len() < total);
        assert!(open(&KEY, CTX, &output).is_err(), "budget {budget}: output opened");
        if let Ok(mut reader) = OpeningReader::new(&output[..], &KEY, CTX) {
            assert!(drain(&mut reader, 4096).1.is_some(), "budget {budget}: clean end");
        }
    }
}

#[test]
fn a_poisoned_writer_writes_nothing_more() {
    let sink = std::cell::RefCell::new(FailingSink { written: Vec::new(), budget: 20_000 });
    let mut writer = SealingWriter::new(Shared(&sink), &KEY, CTX).unwrap();
    assert!(writer.write_all(&plaintext(2 * CHUNK_LEN)).is_err());
    sink.borrow_mut().budget = usize::MAX; // the disk has room again
    assert!(writer.write_all(b"more").is_err());
    assert!(writer.flush().is_err());
    assert!(writer.finish().is_err());
    assert_eq!(sink.borrow().written.len(), 20_000, "nothing written after the failure");
}

#[test]
fn dropped_writer_leaves_a_truncated_message() {
    for len in [0usize, 100, CHUNK_LEN, 2 * CHUNK_LEN + 5] {
        let mut out = Vec::new();
        {
            let mut writer = SealingWriter::new(&mut out, &KEY, CTX).unwrap();
            writer.write_all(&plaintext(len)).unwrap();
            writer.flush().unwrap();
        } // dropped without finish()
        let full = len / CHUNK_LEN;
        assert_eq!(out.len(), HEADER_LEN + full * SEALED_CHUNK_LEN, "only full chunks were written");
        assert_eq!(open(&KEY, CTX, &out), Err(Error::Truncated));
        let data = plaintext(len);
        let mut reader = OpeningReader::new(&out[..], &KEY, CTX).unwrap();
        let (got, err) = drain(&mut reader, 4096);
        assert_eq!(got, data[..full * CHUNK_LEN]);
        assert_eq!(phiseal_error(&err.unwrap()), Some(&Error::Truncated));
    }
}

#[test]
fn debug_output_holds_no_plaintext() {
    let sealed = seal(&KEY, CTX, b"Jane Doe, DOB 1970-01-01").unwrap();
    let mut reader = OpeningReader::new(&sealed[..], &KEY, CTX).unwrap();
    let mut first = [0u8; 4];
    reader.read_exact(&mut first).unwrap();
    let shown = format!("{reader:?}");
    assert_eq!(shown, "OpeningReader { position: 4, failed: false, .. }");
}
