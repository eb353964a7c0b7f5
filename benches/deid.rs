//! Throughput of the free-text scrubber `phiseal::deid::scrub_text` (docs/DEIDENTIFICATION.md) on the
//! synthetic evaluation notes (`tests/deid/eval_set.rs`: 14 templates of admission, clinic,
//! discharge, nursing and portal notes with names, dates, phones, addresses, identifiers and
//! hard negatives; one note in four repeated in upper case):
//!
//! - `deid/scrub_text/notes`: every note scrubbed on its own, with the patient's known
//!   identifiers for half of them (as `safe_harbor` does), in tag mode;
//! - `deid/scrub_text/document`: all notes joined into one document, no known identifiers;
//! - `deid/scrub_text/surrogate`: the notes one by one in surrogate mode.
//!
//! Throughput is input bytes per second. Run with `cargo bench --bench deid`, or
//! `bash scripts/bench-deid.sh` to write the table in docs/PERFORMANCE.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../tests/deid/eval_set.rs"]
mod eval_set;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use phiseal::deid::{scrub_text, OutputMode, TextOptions};

fn scrub_all(notes: &[(String, TextOptions)]) -> usize {
    notes.iter().map(|(text, opts)| scrub_text(black_box(text), opts).unwrap().spans.len()).sum()
}

fn bench(c: &mut Criterion) {
    let notes = eval_set::evaluation_set();
    let bytes: usize = notes.iter().map(|n| n.text.len()).sum();
    let with_mode = |mode: OutputMode| -> Vec<(String, TextOptions)> {
        notes
            .iter()
            .map(|n| (n.text.clone(), TextOptions { known: n.known.clone(), mode, ..TextOptions::default() }))
            .collect()
    };
    let tagged = with_mode(OutputMode::Tag);
    let surrogate = with_mode(OutputMode::Surrogate);
    let document: String = notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("\n");

    let mut group = c.benchmark_group("deid/scrub_text");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("notes", |b| b.iter(|| scrub_all(&tagged)));
    group.bench_function("surrogate", |b| b.iter(|| scrub_all(&surrogate)));
    group.throughput(Throughput::Bytes(document.len() as u64));
    group.bench_function("document", |b| {
        b.iter(|| scrub_text(black_box(&document), &TextOptions::default()).unwrap().spans.len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
