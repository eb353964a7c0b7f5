//! Bulk benchmark of the `phiseal` binary: NDJSON of synthetic FHIR R4 resources through
//! `seal-record --fhir --ndjson`, `open-record --ndjson` and `deid --ndjson`, with one worker
//! and with every core; resources/s and MB/s in total and per core. Writes the `cli-bench`
//! section of docs/PERFORMANCE.md.
//!
//! Run with `bash cli/bench.sh` (builds the release binary first). `PHISEAL_BULK_RECORDS`
//! sets the number of resources (default 5000). All data is synthetic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::{json, Value};

const ROLES: [&str; 4] = ["clinician", "billing", "frontdesk", "research"];
const GIVEN: [&str; 6] = ["Maria", "James", "Linda", "Robert", "Aisha", "Wei"];
const FAMILY: [&str; 6] = ["Gonzalez", "Smith", "Johnson", "Brown", "Okafor", "Chen"];

/// Small deterministic generator (xorshift64*), so every run benchmarks the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn patient(i: usize, rng: &mut Rng) -> Value {
    let (given, family) = (rng.pick(&GIVEN), rng.pick(&FAMILY));
    json!({
        "resourceType": "Patient", "id": format!("pat-{i}"), "active": true,
        "identifier": [{"system": "urn:oid:2.16.840.1.113883.19.5", "value": format!("MRN{:07}", rng.next() % 10_000_000)}],
        "name": [{"use": "official", "family": family, "given": [given]}],
        "telecom": [{"system": "phone", "value": format!("617-555-{:04}", rng.next() % 10_000)}],
        "gender": "female", "birthDate": format!("19{:02}-0{}-1{}", 30 + rng.next() % 60, 1 + rng.next() % 9, rng.next() % 10),
        "address": [{"line": [format!("{} Larkspur Terrace", 100 + rng.next() % 9000)], "city": "Springfield", "state": "MA", "postalCode": "01103"}]
    })
}

fn observation(i: usize, rng: &mut Rng) -> Value {
    let (given, family) = (rng.pick(&GIVEN), rng.pick(&FAMILY));
    json!({
        "resourceType": "Observation", "id": format!("obs-{i}"), "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4", "display": "Hemoglobin A1c"}]},
        "subject": {"reference": format!("Patient/pat-{}", i / 5), "display": format!("{given} {family}")},
        "effectiveDateTime": "2025-03-14T09:20:00-04:00",
        "valueQuantity": {"value": (rng.next() % 120) as f64 / 10.0, "unit": "%", "system": "http://unitsofmeasure.org", "code": "%"},
        "note": [{"text": format!("{given} {family} reports missed doses; call back at 617-555-{:04}.", rng.next() % 10_000)}]
    })
}

fn condition(i: usize, _rng: &mut Rng) -> Value {
    json!({
        "resourceType": "Condition", "id": format!("cond-{i}"),
        "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "44054006", "display": "Diabetes mellitus type 2"}]},
        "subject": {"reference": format!("Patient/pat-{}", i / 5)}, "onsetDateTime": "2019-06-02"
    })
}

fn encounter(i: usize, _rng: &mut Rng) -> Value {
    json!({
        "resourceType": "Encounter", "id": format!("enc-{i}"), "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
        "subject": {"reference": format!("Patient/pat-{}", i / 5)},
        "period": {"start": "2025-03-14T09:00:00-04:00", "end": "2025-03-14T09:40:00-04:00"}
    })
}

fn medication_request(i: usize, _rng: &mut Rng) -> Value {
    json!({
        "resourceType": "MedicationRequest", "id": format!("med-{i}"), "status": "active", "intent": "order",
        "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "860975", "display": "metformin 500 MG"}]},
        "subject": {"reference": format!("Patient/pat-{}", i / 5)}, "authoredOn": "2025-03-14",
        "dosageInstruction": [{"text": "500 mg twice daily with meals"}]
    })
}

fn generate(count: usize) -> String {
    let makers: [fn(usize, &mut Rng) -> Value; 5] = [patient, observation, condition, encounter, medication_request];
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut out = String::new();
    for i in 0..count {
        writeln!(out, "{}", makers[i % makers.len()](i, &mut rng)).unwrap();
    }
    out
}

/// Wall-clock and CPU seconds (user + system) of one run of the binary.
#[derive(Clone, Copy)]
struct Timing {
    wall: f64,
    cpu: Option<f64>,
}

fn run(binary: &Path, dir: &Path, args: &[&str]) -> Timing {
    let cpu_before = children_cpu_seconds();
    let started = Instant::now();
    let output = Command::new(binary).args(args).current_dir(dir).output().unwrap();
    let wall = started.elapsed().as_secs_f64();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    let cpu = cpu_before.zip(children_cpu_seconds()).map(|(before, after)| after - before);
    Timing { wall, cpu }
}

/// CPU time of waited-for children (`cutime + cstime` of /proc/self/stat, at 100 ticks/s).
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(13)?.parse::<f64>().ok()? + fields.get(14)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let count: usize = std::env::var("PHISEAL_BULK_RECORDS").ok().and_then(|v| v.parse().ok()).unwrap_or(5000);
    let exe = std::env::current_exe().unwrap();
    let binary = exe.parent().and_then(Path::parent).unwrap().join("phiseal");
    assert!(binary.exists(), "build the binary first: cargo build --release -p phiseal-cli");
    let dir = std::env::temp_dir().join(format!("phiseal-bulk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for role in ROLES {
        run(
            &binary,
            &dir,
            &["keygen", "-q", "-o", &format!("{role}.key.jwk"), "--public-out", &format!("{role}.pub.jwk")],
        );
    }
    std::fs::write(dir.join("index.key"), "5a".repeat(32)).unwrap();
    let input = generate(count);
    std::fs::write(dir.join("in.ndjson"), &input).unwrap();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut rows = Vec::new();
    for jobs in if cores > 1 { vec![1, cores] } else { vec![1] } {
        let j = jobs.to_string();
        let recipients: Vec<String> =
            ROLES.iter().flat_map(|r| ["-r".to_owned(), format!("{r}={r}.pub.jwk")]).collect();
        let mut seal: Vec<&str> = vec![
            "seal-record",
            "--fhir",
            "--ndjson",
            "-q",
            "-j",
            &j,
            "--index-key",
            "index.key",
            "-o",
            "sealed.ndjson",
            "in.ndjson",
        ];
        seal.extend(recipients.iter().map(String::as_str));
        rows.push(("seal-record --fhir", jobs, input.len(), run(&binary, &dir, &seal)));
        let sealed_len = std::fs::metadata(dir.join("sealed.ndjson")).unwrap().len() as usize;
        let open = [
            "open-record",
            "--ndjson",
            "-q",
            "-j",
            &j,
            "-i",
            "clinician.key.jwk",
            "-o",
            "opened.ndjson",
            "sealed.ndjson",
        ];
        rows.push(("open-record (clinician)", jobs, sealed_len, run(&binary, &dir, &open)));
        let deid = ["deid", "--ndjson", "-q", "-j", &j, "--reference-year", "2026", "-o", "deid.ndjson", "in.ndjson"];
        rows.push(("deid (Safe Harbor)", jobs, input.len(), run(&binary, &dir, &deid)));
    }
    std::fs::remove_dir_all(&dir).unwrap();
    let section = report(count, input.len(), cores, &rows);
    print!("{section}");
    write_section(&section);
}

fn report(count: usize, bytes: usize, cores: usize, rows: &[(&str, usize, usize, Timing)]) -> String {
    let mut out = String::new();
    writeln!(out, "## CLI bulk mode (NDJSON of synthetic FHIR R4 resources)\n").unwrap();
    writeln!(
        out,
        "Command: `bash cli/bench.sh` (release build; `PHISEAL_BULK_RECORDS` = {count}). Input: {count} resources"
    )
    .unwrap();
    writeln!(
        out,
        "({:.2} MB) cycling Patient, Observation, Condition, Encounter, MedicationRequest; four roles with",
        bytes as f64 / 1e6
    )
    .unwrap();
    writeln!(out, "one recipient each (one HPKE wrap per role per record). Wall-clock time of the whole process,")
        .unwrap();
    let load =
        std::fs::read_to_string("/proc/loadavg").ok().and_then(|l| l.split_whitespace().next().map(str::to_owned));
    writeln!(
        out,
        "including start-up and key loading; MB = 10^6 input bytes. Machine: {cores} cores, {}, 1-minute load",
        cpu_name()
    )
    .unwrap();
    writeln!(out, "average {} at the end of the run.", load.unwrap_or_else(|| "unknown".to_owned())).unwrap();
    writeln!(out, "\"Per core\" divides by the CPU time the process used (user + system), which stays meaningful when")
        .unwrap();
    writeln!(out, "the machine is shared; the wall-clock columns are lower bounds on a busy machine.\n").unwrap();
    writeln!(out, "| operation | jobs | wall s | resources/s | MB/s | CPU s | resources/s per core | MB/s per core |")
        .unwrap();
    writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |").unwrap();
    for (name, jobs, input_bytes, timing) in rows {
        let megabytes = *input_bytes as f64 / 1e6;
        let cpu = timing.cpu.filter(|cpu| *cpu > 0.0);
        let per_cpu =
            |amount: f64, digits: usize| cpu.map_or("n/a".to_owned(), |cpu| format!("{:.digits$}", amount / cpu));
        writeln!(
            out,
            "| {name} | {jobs} | {:.2} | {:.0} | {:.2} | {} | {} | {} |",
            timing.wall,
            count as f64 / timing.wall,
            megabytes / timing.wall,
            cpu.map_or("n/a".to_owned(), |cpu| format!("{cpu:.2}")),
            per_cpu(count as f64, 0),
            per_cpu(megabytes, 2),
        )
        .unwrap();
    }
    out
}

fn cpu_name() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned())
}

fn write_section(body: &str) {
    let doc: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/PERFORMANCE.md");
    let (start, end) = ("<!-- cli-bench:start -->", "<!-- cli-bench:end -->");
    let text = std::fs::read_to_string(&doc).unwrap_or_else(|_| {
        "# Performance\n\nEvery number here is written by a command anyone can rerun.\n".to_owned()
    });
    let block = format!("{start}\n{}\n{end}", body.trim_end());
    let updated = match (text.find(start), text.find(end)) {
        (Some(a), Some(b)) if a < b => format!("{}{block}{}", &text[..a], &text[b + end.len()..]),
        _ => format!("{}\n\n{block}\n", text.trim_end()),
    };
    std::fs::write(&doc, updated).unwrap();
}
