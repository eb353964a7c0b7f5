//! HPKE single-shot throughput: `seal_base` / `open_base` of a 1 KiB message
//! (`cargo bench --bench hpke`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use phiseal::hpke;
use phiseal::keys::KeyPair;

const INFO: &[u8] = b"phiseal bench";
const AAD: &[u8] = b"header";

fn seal_open_1kib(c: &mut Criterion) {
    let recipient = KeyPair::generate().unwrap();
    let pt = vec![0x42u8; 1024];
    let mut group = c.benchmark_group("hpke");
    group.throughput(Throughput::Bytes(pt.len() as u64));
    group.bench_function("seal_base 1 KiB", |b| {
        b.iter(|| hpke::seal_base(recipient.public_key(), INFO, AAD, &pt).unwrap());
    });
    let (enc, ct) = hpke::seal_base(recipient.public_key(), INFO, AAD, &pt).unwrap();
    group.bench_function("open_base 1 KiB", |b| {
        b.iter(|| hpke::open_base(enc.as_bytes(), recipient.secret_key(), INFO, AAD, &ct).unwrap());
    });
    group.finish();
}

criterion_group!(benches, seal_open_1kib);
criterion_main!(benches);
