//! `seal-record`, `open-record` and `deid` on single FHIR resources through the binary, with the
//! repository's synthetic fixtures (tests/fixtures/fhir).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{assert_status, stderr, Scratch};
use serde_json::Value;

const ROLES: [&str; 4] = ["clinician", "billing", "frontdesk", "research"];

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../tests/fixtures/fhir/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(path).unwrap()
}

fn with_roles() -> Scratch {
    let s = Scratch::new("records");
    for role in ROLES {
        s.keygen(role);
    }
    s
}

fn role_args() -> Vec<String> {
    ROLES.iter().flat_map(|role| ["-r".to_owned(), format!("{role}={role}.pub.jwk")]).collect()
}

fn seal_record(s: &Scratch, extra: &[&str], input: &[u8]) -> Vec<u8> {
    let roles = role_args();
    let mut args = vec!["seal-record", "--fhir"];
    args.extend(roles.iter().map(String::as_str));
    args.extend_from_slice(extra);
    s.ok(&args, input)
}

#[test]
fn each_role_sees_exactly_its_fields() {
    let s = with_roles();
    let observation = fixture("observation.json");
    let sealed = seal_record(&s, &[], &observation);
    let sealed_text = String::from_utf8(sealed.clone()).unwrap();
    for secret in ["Maribel", "Larkspur", "4548-4"] {
        assert!(!sealed_text.contains(secret), "{secret} left in the clear");
    }
    let original: Value = serde_json::from_slice(&observation).unwrap();
    let clinician: Value = serde_json::from_slice(&s.ok(&["open-record", "-i", "clinician.key.jwk"], &sealed)).unwrap();
    assert_eq!(clinician, original);
    let research: Value = serde_json::from_slice(&s.ok(&["open-record", "-i", "research.key.jwk"], &sealed)).unwrap();
    assert_eq!(research["code"], original["code"]);
    assert_eq!(research["effectiveDateTime"], "2024");
    assert!(research["note"].as_str().unwrap().starts_with("phs2."), "the note stays sealed for research");
}

#[test]
fn record_ids_are_bound() {
    let s = with_roles();
    let sealed = seal_record(&s, &["--record-id", "intake/1"], &fixture("observation.json"));
    s.ok(&["open-record", "-i", "billing.key.jwk", "--record-id", "intake/1"], &sealed);
    let output = s.run(&["open-record", "-i", "billing.key.jwk", "--record-id", "intake/2"], &sealed);
    assert_status(&output, 3);
    assert!(output.stdout.is_empty());
}

#[test]
fn tampering_and_strangers_have_their_exit_codes() {
    let s = with_roles();
    s.keygen("stranger");
    let sealed = seal_record(&s, &[], &fixture("observation.json"));
    assert_status(&s.run(&["open-record", "-i", "stranger.key.jwk"], &sealed), 4);
    let mut value: Value = serde_json::from_slice(&sealed).unwrap();
    let (code, note) = (value["code"].clone(), value["note"].clone());
    value["code"] = note;
    value["note"] = code;
    let swapped = serde_json::to_vec(&value).unwrap();
    let output = s.run(&["open-record", "-i", "clinician.key.jwk"], &swapped);
    assert_status(&output, 3);
    assert!(output.stdout.is_empty());
    assert_status(&s.run(&["open-record", "-i", "clinician.key.jwk"], b"{\"a\":1,\"a\":2}"), 5);
}

#[test]
fn patients_need_an_index_key_and_a_custom_policy_works() {
    let s = with_roles();
    let patient = fixture("patient.json");
    let output = s.run(
        &[
            "seal-record",
            "--fhir",
            "-r",
            "clinician=clinician.pub.jwk",
            "-r",
            "billing=billing.pub.jwk",
            "-r",
            "frontdesk=frontdesk.pub.jwk",
            "-r",
            "research=research.pub.jwk",
        ],
        &patient,
    );
    assert_status(&output, 1);
    s.write("index.key", format!("{}\n", "ab".repeat(32)).as_bytes());
    let sealed = seal_record(&s, &["--index-key", "index.key"], &patient);
    let opened: Value = serde_json::from_slice(&s.ok(&["open-record", "-i", "clinician.key.jwk"], &sealed)).unwrap();
    let original: Value = serde_json::from_slice(&patient).unwrap();
    assert_eq!(opened["name"], original["name"]);
    s.write("policy.json", br#"{"version":1,"roles":["nurse"],"default":{"action":"encrypt","roles":["nurse"]},"rules":[{"path":"/form","action":"keep"}]}"#);
    let record = br#"{"form":"intake","answer":"SYNTHETIC-ANSWER-1"}"#;
    s.keygen("nurse");
    let sealed = s.ok(
        &["seal-record", "--policy", "policy.json", "--record-id", "intake/7", "-r", "nurse=nurse.pub.jwk"],
        record,
    );
    assert!(!String::from_utf8_lossy(&sealed).contains("SYNTHETIC-ANSWER"));
    let opened: Value = serde_json::from_slice(&s.ok(&["open-record", "-i", "nurse.key.jwk"], &sealed)).unwrap();
    assert_eq!(opened["answer"], "SYNTHETIC-ANSWER-1");
    let no_id = s.run(&["seal-record", "--policy", "policy.json", "-r", "nurse=nurse.pub.jwk"], record);
    assert_status(&no_id, 1);
    assert!(stderr(&no_id).contains("--record-id"));
}

#[test]
fn deid_removes_identifiers_and_reports_without_values() {
    let s = Scratch::new("deid");
    let observation = fixture("observation.json");
    let out = s.ok(&["deid", "--reference-year", "2026", "--report", "report.json"], &observation);
    let text = String::from_utf8(out).unwrap();
    for identifier in ["Maribel", "Quintero", "Larkspur", "4471", "pat-7f3a9c", "2024-03-14"] {
        assert!(!text.contains(identifier), "{identifier} survived de-identification");
    }
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["effectiveDateTime"], "2024");
    let report = String::from_utf8(s.read("report.json")).unwrap();
    let parsed: Value = serde_json::from_str(&report).unwrap();
    assert_eq!(parsed["safe_harbor"], true);
    assert!(!report.contains("Maribel") && !report.contains("Larkspur"));
    // Idempotent: a second pass changes nothing.
    assert_eq!(s.ok(&["deid", "--reference-year", "2026"], text.as_bytes()), text.as_bytes());
}

#[test]
fn deid_text_scrubs_notes() {
    let s = Scratch::new("deid-text");
    let note = b"Seen 03/14/2024 with John Smith, phone 617-555-0142, email john.smith@example.org.";
    let out = String::from_utf8(s.ok(&["deid", "--text", "--report", "spans.json"], note)).unwrap();
    for identifier in ["John", "Smith", "555-0142", "example.org", "03/14"] {
        assert!(!out.contains(identifier), "{identifier} in {out}");
    }
    let spans: Value = serde_json::from_slice(&s.read("spans.json")).unwrap();
    assert!(spans["spans"].as_array().unwrap().len() >= 3);
    assert!(!String::from_utf8(s.read("spans.json")).unwrap().contains("Smith"));
}
