//! Envelope seal/open throughput: 1, 3 and 10 recipients at 1 KiB and 1 MiB.
//! Run with `cargo bench --bench envelope`; results go to docs/PERFORMANCE.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use phiseal::envelope;
use phiseal::keys::{KeyPair, PublicKey};

fn bench_envelope(c: &mut Criterion) {
    let mut group = c.benchmark_group("envelope");
    for recipients in [1usize, 3, 10] {
        let pairs: Vec<KeyPair> = (0..recipients).map(|_| KeyPair::generate().unwrap()).collect();
        let publics: Vec<PublicKey> = pairs.iter().map(|pair| *pair.public_key()).collect();
        for size in [1024usize, 1 << 20] {
            let plaintext = vec![0x42u8; size];
            let label = format!("{recipients}r/{}", if size == 1024 { "1KiB" } else { "1MiB" });
            group.throughput(Throughput::Bytes(size as u64));
            group.bench_with_input(BenchmarkId::new("seal", &label), &plaintext, |b, pt| {
                b.iter(|| envelope::seal(pt, &publics, b"ctx").unwrap());
            });
            let sealed = envelope::seal(&plaintext, &publics, b"ctx").unwrap();
            group.bench_with_input(BenchmarkId::new("open", &label), &sealed, |b, sealed| {
                b.iter(|| envelope::open(sealed, &pairs[recipients - 1], b"ctx").unwrap());
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_envelope);
criterion_main!(benches);
