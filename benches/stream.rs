//! Throughput of C2SP Cobblestone-256 streaming (docs/STREAMING.md): one-shot `seal` / `open`
//! at 1 MiB, and the `SealingWriter` / `OpeningReader` pair at 1 MiB and (with
//! `PHISEAL_BENCH_LARGE=1`, as `scripts/bench-native.sh` sets it) 1 GiB, in constant memory on
//! the sealing side.
//!
//! Timed in CPU time of this process (`common/cpu_time.rs`), as `openssl speed` is, so that the
//! report can set the two side by side on a shared machine (issue #5: at least 70% of OpenSSL's
//! AES-256-GCM on 16 KiB blocks).
//!
//! Run with `bash scripts/bench-native.sh` or `cargo bench --bench stream`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "common/cpu_time.rs"]
mod cpu_time;

use std::io::{self, Read, Write};

use cpu_time::ProcessCpuTime;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use phiseal::stream::{open, seal, OpeningReader, SealingWriter};

const KEY: [u8; 32] = [0x42; 32];
const CTX: &[u8] = b"bench context";
const MIB: usize = 1 << 20;
const GIB: usize = 1 << 30;

fn seal_streaming(data: &[u8], sink: impl Write) -> impl Write {
    let mut writer = SealingWriter::new(sink, &KEY, CTX).unwrap();
    for part in data.chunks(64 * 1024) {
        writer.write_all(part).unwrap();
    }
    writer.finish().unwrap()
}

fn open_streaming(sealed: &[u8]) -> u64 {
    let mut reader = OpeningReader::new(sealed, &KEY, CTX).unwrap();
    io::copy(&mut reader.by_ref(), &mut io::sink()).unwrap()
}

fn one_shot(c: &mut Criterion<ProcessCpuTime>, size: usize) {
    let data = vec![0x5Au8; size];
    let sealed = seal(&KEY, CTX, &data).unwrap();
    let mut group = c.benchmark_group("stream/one-shot");
    group.throughput(Throughput::Bytes(size as u64));
    group.bench_with_input(BenchmarkId::new("seal", size), &data, |b, d| b.iter(|| seal(&KEY, CTX, d).unwrap()));
    group.bench_with_input(BenchmarkId::new("open", size), &sealed, |b, s| b.iter(|| open(&KEY, CTX, s).unwrap()));
    group.finish();
}

fn streaming(c: &mut Criterion<ProcessCpuTime>, size: usize) {
    let data = vec![0x5Au8; size];
    let sealed = seal(&KEY, CTX, &data).unwrap();
    let mut group = c.benchmark_group("stream/io");
    group.throughput(Throughput::Bytes(size as u64));
    if size >= GIB {
        group.sample_size(10);
    }
    group.bench_with_input(BenchmarkId::new("SealingWriter", size), &data, |b, d| {
        b.iter(|| seal_streaming(d, io::sink()))
    });
    group.bench_with_input(BenchmarkId::new("OpeningReader", size), &sealed, |b, s| b.iter(|| open_streaming(s)));
    group.finish();
}

fn benches(c: &mut Criterion<ProcessCpuTime>) {
    one_shot(c, MIB);
    streaming(c, MIB);
    if std::env::var("PHISEAL_BENCH_LARGE").as_deref() == Ok("1") {
        streaming(c, GIB);
    }
}

criterion_group! {
    name = stream_benches;
    config = Criterion::default().with_measurement(ProcessCpuTime);
    targets = benches
}
criterion_main!(stream_benches);
