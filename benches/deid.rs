//! Throughput of de-identification (docs/DEIDENTIFICATION.md, issue #4 "Performance"):
//!
//! - `scrub_text/notes`: `phiseal::deid::scrub_text` on every synthetic evaluation note
//!   (`tests/deid/eval_set.rs`: 14 templates of admission, clinic, discharge, nursing and portal
//!   notes with names, dates, phones, addresses, identifiers and hard negatives; one note in
//!   four repeated in upper case) on its own, with the patient's known identifiers for half of
//!   them (as `safe_harbor` does), in tag mode;
//! - `scrub_text/surrogate`: the same in surrogate mode;
//! - `scrub_text/document`: all notes joined into one document, no known identifiers;
//! - `scrub_text/held_out`: the 900 hand-written held-out notes (`tests/deid/holdout/`, written
//!   without reading the scrubber; an identifier every 50 bytes or so), each alone, tag mode,
//!   no known identifiers;
//! - `scrub_text/scrubbed`: the tag-mode notes once scrubbed, scrubbed again (no identifier is
//!   left, so one detection pass finds nothing): what plain clinical text costs per byte, for
//!   comparison with the notes, which hold an identifier every 35 bytes or so;
//! - `safe_harbor/resources`: `phiseal::deid::safe_harbor` on each of the 7 single-resource
//!   FHIR fixtures (`tests/fixtures/fhir/`), reference year 2026;
//! - `safe_harbor/bundle`: the same on the fixture Bundle (7 entries).
//!
//! Each row runs twice: in group `deid-cpu`, timed in CPU time of this process, and in group
//! `deid-wall`, in wall-clock time. Throughput is input bytes per second for text and calls per
//! second for resources. The bench also writes the notes and their known identifiers to
//! `target/tmp/deid-bench-notes.json`, so that `benches/js/deid-bench.mjs` measures the
//! WebAssembly package on exactly the same input.
//!
//! Run with `bash scripts/bench-deid.sh` (writes docs/PERFORMANCE.md) or `cargo bench --bench deid`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "common/cpu_time.rs"]
mod cpu_time;
#[path = "../tests/deid/eval_set.rs"]
mod eval_set;
#[path = "../tests/deid/holdout.rs"]
mod holdout;

use cpu_time::ProcessCpuTime;
use criterion::measurement::Measurement;
use criterion::{black_box, criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use phiseal::deid::{safe_harbor, scrub_text, DeidOptions, OutputMode, TextOptions};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The single-resource FHIR fixtures (every resource type the fixtures have).
const RESOURCES: [&str; 7] = [
    include_str!("../tests/fixtures/fhir/patient.json"),
    include_str!("../tests/fixtures/fhir/observation.json"),
    include_str!("../tests/fixtures/fhir/condition.json"),
    include_str!("../tests/fixtures/fhir/encounter.json"),
    include_str!("../tests/fixtures/fhir/medication_request.json"),
    include_str!("../tests/fixtures/fhir/document_reference.json"),
    include_str!("../tests/fixtures/fhir/questionnaire_response.json"),
];
const BUNDLE: &str = include_str!("../tests/fixtures/fhir/bundle.json");
const REFERENCE_YEAR: u16 = 2026;

struct Inputs {
    tagged: Vec<(String, TextOptions)>,
    surrogate: Vec<(String, TextOptions)>,
    /// The held-out notes (both halves), tag mode, no known identifiers.
    held_out: Vec<(String, TextOptions)>,
    /// `tagged`'s notes after one scrub, with the same options.
    scrubbed: Vec<(String, TextOptions)>,
    document: String,
    note_bytes: u64,
    resources: Vec<Value>,
    bundle: Value,
}

impl Inputs {
    fn new() -> Self {
        let notes = eval_set::evaluation_set();
        let with_mode = |mode: OutputMode| -> Vec<(String, TextOptions)> {
            notes
                .iter()
                .map(|n| (n.text.clone(), TextOptions { known: n.known.clone(), mode, ..TextOptions::default() }))
                .collect()
        };
        let held_out: Vec<eval_set::Note> = holdout::SETS.iter().flat_map(|name| holdout::notes(name)).collect();
        write_notes_json(&notes, &held_out);
        let tagged = with_mode(OutputMode::Tag);
        let scrubbed = tagged.iter().map(|(text, opts)| (scrub_text(text, opts).unwrap().text, opts.clone())).collect();
        Inputs {
            tagged,
            scrubbed,
            surrogate: with_mode(OutputMode::Surrogate),
            held_out: held_out.into_iter().map(|n| (n.text, TextOptions::default())).collect(),
            document: notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("\n"),
            note_bytes: notes.iter().map(|n| n.text.len() as u64).sum(),
            resources: RESOURCES.iter().map(|r| serde_json::from_str(r).unwrap()).collect(),
            bundle: serde_json::from_str(BUNDLE).unwrap(),
        }
    }
}

/// The notes as JSON for the WebAssembly bench: text and known identifiers by class label, and
/// the held-out notes' texts.
fn write_notes_json(notes: &[eval_set::Note], held_out: &[eval_set::Note]) {
    let notes: Vec<Value> = notes
        .iter()
        .map(|n| {
            let mut known: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for (kind, value) in &n.known_values {
                known.entry(kind.label()).or_default().push(value);
            }
            json!({ "text": n.text, "known": known })
        })
        .collect();
    let path = concat!(env!("CARGO_TARGET_TMPDIR"), "/deid-bench-notes.json");
    let held_out: Vec<&str> = held_out.iter().map(|n| n.text.as_str()).collect();
    std::fs::write(path, serde_json::to_string(&json!({ "notes": notes, "heldOut": held_out })).unwrap()).unwrap();
}

fn scrub_all(notes: &[(String, TextOptions)]) -> usize {
    notes.iter().map(|(text, opts)| scrub_text(black_box(text), opts).unwrap().spans.len()).sum()
}

fn bench_rows<M: Measurement>(group: &mut BenchmarkGroup<'_, M>, inputs: &Inputs) {
    let opts = DeidOptions { reference_year: Some(REFERENCE_YEAR), ..DeidOptions::default() };
    group.throughput(Throughput::Bytes(inputs.note_bytes));
    group.bench_function("scrub_text/notes", |b| b.iter(|| scrub_all(&inputs.tagged)));
    group.bench_function("scrub_text/surrogate", |b| b.iter(|| scrub_all(&inputs.surrogate)));
    group.throughput(Throughput::Bytes(inputs.document.len() as u64));
    group.bench_function("scrub_text/document", |b| {
        b.iter(|| scrub_text(black_box(&inputs.document), &TextOptions::default()).unwrap().spans.len())
    });
    group.throughput(Throughput::Bytes(inputs.held_out.iter().map(|(text, _)| text.len() as u64).sum()));
    group.bench_function("scrub_text/held_out", |b| b.iter(|| scrub_all(&inputs.held_out)));
    group.throughput(Throughput::Bytes(inputs.scrubbed.iter().map(|(text, _)| text.len() as u64).sum()));
    group.bench_function("scrub_text/scrubbed", |b| b.iter(|| scrub_all(&inputs.scrubbed)));
    group.throughput(Throughput::Elements(inputs.resources.len() as u64));
    group.bench_function("safe_harbor/resources", |b| {
        b.iter(|| {
            inputs
                .resources
                .iter()
                .map(|r| safe_harbor(black_box(r), &opts).unwrap().report.changes.len())
                .sum::<usize>()
        })
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("safe_harbor/bundle", |b| b.iter(|| safe_harbor(black_box(&inputs.bundle), &opts).unwrap()));
}

fn bench_cpu(c: &mut Criterion<ProcessCpuTime>) {
    let inputs = Inputs::new();
    let mut group = c.benchmark_group("deid-cpu");
    bench_rows(&mut group, &inputs);
    group.finish();
}

fn bench_wall(c: &mut Criterion) {
    let inputs = Inputs::new();
    let mut group = c.benchmark_group("deid-wall");
    bench_rows(&mut group, &inputs);
    group.finish();
}

criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ProcessCpuTime);
    targets = bench_cpu
}
criterion_group!(wall, bench_wall);
criterion_main!(cpu, wall);
