//! Bulk NDJSON mode through the binary: order preserved across threads, failing lines reported
//! by number (never by content) and left out, summary on stderr, exit 12 on partial failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{assert_status, stderr, Scratch};
use serde_json::{json, Value};

const NAMES: [(&str, &str); 4] = [("Maria", "Gonzalez"), ("James", "Smith"), ("Linda", "Johnson"), ("Robert", "Brown")];

fn observations(count: usize) -> Vec<Value> {
    (0..count)
        .map(|i| {
            let (given, family) = NAMES[i % NAMES.len()];
            json!({
                "resourceType": "Observation",
                "id": format!("obs-{i}"),
                "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7"}]},
                "subject": {"reference": format!("Patient/p-{i}"), "display": format!("{given} {family}")},
                "effectiveDateTime": "2025-06-01T08:00:00Z",
                "valueQuantity": {"value": i, "unit": "mg/dL"},
                "note": [{"text": format!("{given} {family} called from 617-555-{:04}.", i % 10000)}]
            })
        })
        .collect()
}

fn ndjson(values: &[Value]) -> Vec<u8> {
    values.iter().map(|v| format!("{v}\n")).collect::<String>().into_bytes()
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8(bytes.to_vec()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

const ROLE_ARGS: [&str; 8] = [
    "-r",
    "clinician=clinician.pub.jwk",
    "-r",
    "billing=billing.pub.jwk",
    "-r",
    "frontdesk=frontdesk.pub.jwk",
    "-r",
    "research=research.pub.jwk",
];

fn with_roles() -> Scratch {
    let s = Scratch::new("bulk");
    for role in ["clinician", "billing", "frontdesk", "research"] {
        s.keygen(role);
    }
    s
}

#[test]
fn sealing_an_export_keeps_order_and_prints_a_summary() {
    let s = with_roles();
    let records = observations(300);
    s.write("in.ndjson", &ndjson(&records));
    let mut args = vec!["seal-record", "--fhir", "--ndjson", "--jobs", "3", "-o", "sealed.ndjson", "in.ndjson"];
    args.extend_from_slice(&ROLE_ARGS);
    let output = s.run(&args, b"");
    assert_status(&output, 0);
    let summary = stderr(&output);
    assert!(
        summary.contains("sealed 300 records, 0 errors") && summary.contains("MB/s") && summary.contains("3 jobs"),
        "{summary}"
    );
    let sealed = s.read("sealed.ndjson");
    let ids: Vec<String> = lines(&sealed).iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect();
    let expected: Vec<String> = (0..300).map(|i| format!("obs-{i}")).collect();
    assert_eq!(ids, expected);
    assert!(!String::from_utf8_lossy(&sealed).contains("Gonzalez"));
    let opened = s.ok(&["open-record", "--ndjson", "-q", "-i", "clinician.key.jwk", "-j", "2"], &sealed);
    assert_eq!(lines(&opened), records);
}

#[test]
fn failing_lines_are_reported_by_number_and_left_out() {
    let s = with_roles();
    let records = observations(5);
    let mut input = String::new();
    for (i, record) in records.iter().enumerate() {
        input.push_str(&format!("{record}\n"));
        if i == 1 {
            input.push_str(
                "{\"resourceType\":\"Observation\",\"id\":\"x\",\"secret\":\"SYNTH-LEAK-123\",\"secret\":1}\n\n",
            );
        }
    }
    input.push_str("not json SYNTH-LEAK-456\n");
    let mut args = vec!["seal-record", "--fhir", "--ndjson"];
    args.extend_from_slice(&ROLE_ARGS);
    let output = s.run(&args, input.as_bytes());
    assert_status(&output, 12);
    let err = stderr(&output);
    assert!(err.contains("line 3:") && err.contains("line 8:"), "{err}");
    assert!(err.contains("sealed 5 records, 2 errors"), "{err}");
    assert!(!err.contains("SYNTH-LEAK"), "record content in an error: {err}");
    let ids: Vec<String> = lines(&output.stdout).iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, ["obs-0", "obs-1", "obs-2", "obs-3", "obs-4"]);
    // --fail-fast stops with the failing line's code and writes no output file.
    let mut args = vec!["seal-record", "--fhir", "--ndjson", "--fail-fast", "-o", "out.ndjson"];
    args.extend_from_slice(&ROLE_ARGS);
    let output = s.run(&args, input.as_bytes());
    assert_status(&output, 5);
    assert!(stderr(&output).contains("line 3:"));
    assert!(!s.path("out.ndjson").exists());
}

#[test]
fn deid_over_ndjson_matches_record_by_record_runs() {
    let s = Scratch::new("bulk-deid");
    let records = observations(40);
    let output = s.run(&["deid", "--ndjson", "-j", "4", "--reference-year", "2026"], &ndjson(&records));
    assert_status(&output, 0);
    assert!(stderr(&output).contains("de-identified 40 records, 0 errors"));
    let bulk = lines(&output.stdout);
    assert_eq!(bulk.len(), 40);
    for (i, record) in records.iter().enumerate().step_by(13) {
        let single = s.ok(&["deid", "--reference-year", "2026"], record.to_string().as_bytes());
        assert_eq!(serde_json::from_slice::<Value>(&single).unwrap(), bulk[i]);
    }
    let text = String::from_utf8(output.stdout).unwrap();
    for (given, family) in NAMES {
        assert!(!text.contains(given) && !text.contains(family), "{given} {family} survived");
    }
    assert!(!text.contains("617-555"));
    let quiet = s.run(&["deid", "--ndjson", "-q"], &ndjson(&records));
    assert_status(&quiet, 0);
    assert!(quiet.stderr.is_empty());
}
