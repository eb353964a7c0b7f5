//! Field-level record sealing (docs/RECORDS.md): seal and open the FHIR Patient fixture
//! (`tests/fixtures/fhir/patient.json`) for 3 roles with 2 recipients each, and the HPKE wraps
//! alone, to see how much of a seal is spent outside the wraps (issue #3, "Performance").
//!
//! Each benchmark runs twice: in group `records-cpu`, timed in CPU time of this process
//! (`clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`, which other jobs on a shared machine do not
//! inflate), and in group `records-wall`, timed in wall-clock time. Rows:
//! - `seal/patient-3x2`: `seal_record` (6 HPKE wraps: one per recipient of each role);
//! - `open/patient-clinician`: `open_record` by a clinician (one HPKE unwrap);
//! - `wraps/6x-hpke-seal_base`: the 6 wraps alone (`hpke::seal_base` of a 32-byte data key,
//!   with the slot's `info` and a 64-byte `aad` as in docs/FORMAT.md);
//! - `unwrap/1x-hpke-open_base`: the one unwrap alone;
//! - `key-headers/3x-seal_key_header`: the 3 per-role key headers alone (wraps plus data key,
//!   key ids, commitment and MAC).
//!
//! Last, the seal, the 6 wraps and the 3 key headers are timed alternately, call by call (then
//! the open and its unwrap), and their median CPU times written to
//! `target/criterion/records-share.json`: the shares outside the wraps compare those (the rows
//! above are measured one after the other, and the load of other jobs on a shared machine moves
//! between them).
//!
//! Run with `bash scripts/bench-records.sh` (writes docs/PERFORMANCE.md) or
//! `cargo bench --bench records`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "common/cpu_time.rs"]
mod cpu_time;

use std::collections::BTreeMap;

use cpu_time::{process_cpu_nanos, ProcessCpuTime};
use criterion::measurement::Measurement;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};
use phiseal::envelope;
use phiseal::hpke;
use phiseal::keys::{KeyPair, PublicKey};
use phiseal::records::{self, IndexKey, Policy, SealOptions};
use serde_json::Value;

const PATIENT: &str = include_str!("../tests/fixtures/fhir/patient.json");
const ROLES: [&str; 3] = ["clinician", "billing", "frontdesk"];
const RECIPIENTS_PER_ROLE: usize = 2;
const RECORD_ID: &str = "Patient/pat-7f3a9c";
const SLOT_INFO: &[u8] = b"phiseal/v1 slot";

/// The ready-made Patient policy restricted to the three roles above: `research` is dropped
/// from the role list, from every rule's roles and from `generalizeFor`.
fn patient_policy_three_roles() -> Policy {
    let (_, text) = records::FHIR_POLICIES.iter().find(|(name, _)| *name == "Patient").unwrap();
    let mut spec: Value = serde_json::from_str(text).unwrap();
    let keep_role = |roles: &mut Value| {
        roles.as_array_mut().unwrap().retain(|role| ROLES.contains(&role.as_str().unwrap()));
    };
    keep_role(&mut spec["roles"]);
    keep_role(&mut spec["default"]["roles"]);
    for rule in spec["rules"].as_array_mut().unwrap() {
        let rule = rule.as_object_mut().unwrap();
        for list in ["roles", "encryptFor"] {
            if let Some(roles) = rule.get_mut(list) {
                keep_role(roles);
            }
        }
        if let Some(Value::Object(views)) = rule.get_mut("generalizeFor") {
            views.retain(|role, _| ROLES.contains(&role.as_str()));
            if views.is_empty() {
                rule.remove("generalizeFor");
            }
        }
    }
    Policy::from_value(&spec).unwrap()
}

struct Fixture {
    record: Value,
    policy: Policy,
    recipients: BTreeMap<String, Vec<PublicKey>>,
    clinician: KeyPair,
    index_key: IndexKey,
}

impl Fixture {
    fn new() -> Self {
        let pairs: Vec<Vec<KeyPair>> =
            ROLES.iter().map(|_| (0..RECIPIENTS_PER_ROLE).map(|_| KeyPair::generate().unwrap()).collect()).collect();
        let recipients = ROLES
            .iter()
            .zip(&pairs)
            .map(|(role, pairs)| {
                let keys = pairs.iter().map(|pair| *pair.public_key()).collect();
                ((*role).to_owned(), keys)
            })
            .collect();
        let clinician = pairs.into_iter().next().unwrap().into_iter().next().unwrap();
        Fixture {
            record: serde_json::from_str(PATIENT).unwrap(),
            policy: patient_policy_three_roles(),
            recipients,
            clinician,
            index_key: IndexKey::generate().unwrap(),
        }
    }

    fn seal(&self) -> Value {
        let options = SealOptions { record_id: RECORD_ID, sender: None, index_key: Some(&self.index_key) };
        records::seal_record(&self.record, &self.policy, &self.recipients, &options).unwrap()
    }

    fn all_recipients(&self) -> Vec<PublicKey> {
        self.recipients.values().flatten().copied().collect()
    }
}

fn bench_rows<M: Measurement>(group: &mut BenchmarkGroup<'_, M>, fixture: &Fixture) {
    let sealed = fixture.seal();
    let roles = sealed["_phiseal"]["roles"].as_object().unwrap();
    assert_eq!(roles.len(), ROLES.len(), "every role must get a key header");
    group.bench_function("seal/patient-3x2", |b| b.iter(|| fixture.seal()));
    group.bench_function("open/patient-clinician", |b| {
        b.iter(|| records::open_record(&sealed, &fixture.clinician).unwrap())
    });

    let recipients = fixture.all_recipients();
    assert_eq!(recipients.len(), ROLES.len() * RECIPIENTS_PER_ROLE);
    let data_key = [0x5au8; 32];
    let aad = [0xa5u8; 64];
    group.bench_function("wraps/6x-hpke-seal_base", |b| {
        b.iter(|| {
            for recipient in &recipients {
                hpke::seal_base(recipient, SLOT_INFO, &aad, &data_key).unwrap();
            }
        })
    });
    let clinician = fixture.clinician.public_key();
    let (enc, wrapped) = hpke::seal_base(clinician, SLOT_INFO, &aad, &data_key).unwrap();
    let secret = fixture.clinician.secret_key();
    group.bench_function("unwrap/1x-hpke-open_base", |b| {
        b.iter(|| hpke::open_base(enc.as_bytes(), secret, SLOT_INFO, &aad, &wrapped).unwrap())
    });
    group.bench_function("key-headers/3x-seal_key_header", |b| {
        b.iter(|| {
            for keys in fixture.recipients.values() {
                envelope::seal_key_header(keys, None, b"phiseal bench header context").unwrap();
            }
        })
    });
}

fn bench_cpu(c: &mut Criterion<ProcessCpuTime>) {
    let fixture = Fixture::new();
    let mut group = c.benchmark_group("records-cpu");
    bench_rows(&mut group, &fixture);
    group.finish();
}

fn bench_wall(c: &mut Criterion) {
    let fixture = Fixture::new();
    let mut group = c.benchmark_group("records-wall");
    bench_rows(&mut group, &fixture);
    group.finish();
}

/// Median CPU time (ns) of each routine, the routines run in turn `rounds` times (one call
/// each per round), so that load from other jobs weighs on all of them alike.
fn interleaved_medians(routines: &mut [&mut dyn FnMut()], rounds: usize) -> Vec<f64> {
    let mut times: Vec<Vec<u64>> = routines.iter().map(|_| Vec::with_capacity(rounds)).collect();
    for _ in 0..rounds {
        for (routine, spent) in routines.iter_mut().zip(&mut times) {
            let start = process_cpu_nanos();
            routine();
            spent.push(process_cpu_nanos() - start);
        }
    }
    times
        .into_iter()
        .map(|mut spent| {
            spent.sort_unstable();
            spent[spent.len() / 2] as f64
        })
        .collect()
}

/// Times the seal, the 6 wraps and the 3 key headers alternately, then the open and its one
/// unwrap, and writes the medians (ns) where `benches/js/records-bench.mjs` reads them: the
/// shares outside the wraps compare these.
fn share(_: &mut Criterion) {
    let fixture = Fixture::new();
    let recipients = fixture.all_recipients();
    let (data_key, aad) = ([0x5au8; 32], [0xa5u8; 64]);
    let mut seal = || drop(std::hint::black_box(fixture.seal()));
    let mut wraps = || {
        for recipient in &recipients {
            std::hint::black_box(hpke::seal_base(recipient, SLOT_INFO, &aad, &data_key).unwrap());
        }
    };
    let mut headers = || {
        for keys in fixture.recipients.values() {
            std::hint::black_box(envelope::seal_key_header(keys, None, b"phiseal bench header context").unwrap());
        }
    };
    let sealing = interleaved_medians(&mut [&mut seal, &mut wraps, &mut headers], 2000);
    let sealed = fixture.seal();
    let (enc, wrapped) = hpke::seal_base(fixture.clinician.public_key(), SLOT_INFO, &aad, &data_key).unwrap();
    let mut open = || drop(std::hint::black_box(records::open_record(&sealed, &fixture.clinician).unwrap()));
    let secret = fixture.clinician.secret_key();
    let mut unwrap =
        || drop(std::hint::black_box(hpke::open_base(enc.as_bytes(), secret, SLOT_INFO, &aad, &wrapped).unwrap()));
    let opening = interleaved_medians(&mut [&mut open, &mut unwrap], 2000);
    let json = format!(
        "{{\"sealNanos\": {}, \"wrapsNanos\": {}, \"headersNanos\": {}, \"openNanos\": {}, \"unwrapNanos\": {}}}\n",
        sealing[0], sealing[1], sealing[2], opening[0], opening[1]
    );
    let dir = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".to_owned());
    let path = std::path::Path::new(&dir).join("criterion").join("records-share.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &json).unwrap();
    println!("records, interleaved medians (ns): {json}");
}

criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ProcessCpuTime);
    targets = bench_cpu
}
criterion_group!(wall, bench_wall);
criterion_group!(interleaved, share);
criterion_main!(cpu, wall, interleaved);
