//! Writes `tests/vectors/records/v2.json`: sealed-record vectors of the current format
//! (version 2) for independent implementations (docs/RECORDS.md). `v1.json` was written by the
//! version 1 sealer of this example and is kept frozen.
//!
//! Sealing is randomized (nonces, HPKE ephemeral keys), so a vector is a sealed record made
//! once with fixed recipient keys, the result each identity must get when opening it, and
//! tampered copies with the error code each must give. Blind-index tokens are deterministic
//! and are given as known answers. Run once per format change:
//! `cargo run --example gen_record_vectors -- tests/vectors/records/v2.json`
//! (committed files are never regenerated in place; without an argument it prints to stdout).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use phiseal::keys::{KeyPair, PublicKey, SecretKey};
use phiseal::records::{
    blind_index, fhir_policy, json, open_record, seal_record, IndexKey, Normalization, Policy, SealOptions,
};
use serde_json::{json, Value};

const POLICY: &str = r#"{"version":1,"roles":["clinician","billing","research"],"default":"deny","rules":[
 {"path":"/resourceType","action":"keep"},
 {"path":"/id","action":"keep"},
 {"path":"Patient.identifier.value","action":"token","encryptFor":["clinician","billing"],"normalize":"mrn","indexName":"mrn"},
 {"path":"/name/*/given","action":"encrypt","roles":["clinician"]},
 {"path":"Patient.name.family","action":"encrypt","roles":["clinician","billing"]},
 {"path":"Patient.birthDate","action":"encrypt","roles":["clinician","billing"],"generalizeFor":{"research":"year"}},
 {"path":"Patient.gender","action":"encrypt","roles":["clinician","research"]},
 {"path":"Patient.address.postalCode","action":"generalize","to":"zip3"},
 {"path":"/extension","action":"encrypt","roles":["research"]},
 {"path":"/active","action":"keep"}
]}"#;

const RECORD: &str = r#"{"resourceType":"Patient","id":"vec-1","active":true,
 "identifier":[{"system":"urn:mrn","value":"mrn-0012a"}],
 "name":[{"family":"Okonkwo-Lindqvist","given":["Adaeze","Mia"]}],
 "gender":"female","birthDate":"1979-02-28",
 "address":[{"city":"Duluth","postalCode":"55802"}],
 "extension":[{"url":"urn:x-score","valueDecimal":9007199254740993}],
 "note":"denied by default"}"#;

fn pair(seed: u8) -> KeyPair {
    KeyPair::from_secret(SecretKey::from_bytes(&[seed; 32]).unwrap()).unwrap()
}

fn identities() -> Vec<(&'static str, KeyPair)> {
    vec![("clinician", pair(0x11)), ("billing", pair(0x22)), ("research", pair(0x33)), ("stranger", pair(0x44))]
}

fn recipients(ids: &[(&str, KeyPair)]) -> BTreeMap<String, Vec<PublicKey>> {
    ids.iter()
        .filter(|(name, _)| *name != "stranger")
        .map(|(name, p)| ((*name).to_owned(), vec![*p.public_key()]))
        .collect()
}

fn expectations(sealed: &Value, ids: &[(&str, KeyPair)]) -> Value {
    let mut out = serde_json::Map::new();
    for (name, identity) in ids {
        let expected = match open_record(sealed, identity) {
            Ok(opened) => {
                json!({"value": opened.value, "sealedPaths": opened.sealed_paths, "roles": opened.roles})
            }
            Err(error) => json!({"error": error.code()}),
        };
        out.insert((*name).to_owned(), expected);
    }
    Value::Object(out)
}

fn failure(name: &str, sealed: &Value, identity: &str, edit: impl FnOnce(&mut Value)) -> Value {
    let mut tampered = sealed.clone();
    edit(&mut tampered);
    let ids = identities();
    let pair = &ids.iter().find(|(n, _)| *n == identity).unwrap().1;
    let error = open_record(&tampered, pair).unwrap_err().code();
    json!({"name": name, "identity": identity, "sealed": tampered, "error": error})
}

fn main() {
    let ids = identities();
    let index_key = IndexKey::from_bytes(&[0x5a; 32]).unwrap();
    let policy = Policy::from_json(POLICY).unwrap();
    let record = json::parse(RECORD).unwrap();
    let portal = pair(0x55);

    let base = SealOptions { record_id: "Patient/vec-1", sender: None, index_key: Some(&index_key) };
    let sealed = seal_record(&record, &policy, &recipients(&ids), &base).unwrap();
    let authed = SealOptions { sender: Some(&portal), ..base };
    let sealed_auth = seal_record(&record, &policy, &recipients(&ids), &authed).unwrap();

    let observation = json::parse(&std::fs::read_to_string("tests/fixtures/fhir/observation.json").unwrap()).unwrap();
    let fhir_options = SealOptions { record_id: "Observation/obs-hba1c-1", sender: None, index_key: None };
    let roles4 = BTreeMap::from([
        ("clinician".to_owned(), vec![*ids[0].1.public_key()]),
        ("billing".to_owned(), vec![*ids[1].1.public_key()]),
        ("frontdesk".to_owned(), vec![*ids[3].1.public_key()]),
        ("research".to_owned(), vec![*ids[2].1.public_key()]),
    ]);
    let sealed_fhir = seal_record(&observation, &fhir_policy("Observation").unwrap(), &roles4, &fhir_options).unwrap();

    let cases = vec![
        json!({"name": "patient, base mode", "policy": json::parse(POLICY).unwrap(), "recordId": "Patient/vec-1",
               "record": record, "sealed": sealed, "expected": expectations(&sealed, &ids)}),
        json!({"name": "patient, sender-authenticated", "policy": json::parse(POLICY).unwrap(), "recordId": "Patient/vec-1",
               "sender": hex::encode(portal.public_key().as_bytes()), "record": record, "sealed": sealed_auth,
               "expected": expectations(&sealed_auth, &ids)}),
        json!({"name": "FHIR Observation, ready-made policy", "policy": "fhir:Observation",
               "recordId": "Observation/obs-hba1c-1", "record": observation, "sealed": sealed_fhir,
               "expected": expectations(&sealed_fhir, &ids)}),
    ];

    let failures = vec![
        failure("given names moved to family", &sealed, "clinician", |v| {
            v["name"][0]["family"] = v["name"][0]["given"].clone()
        }),
        failure("field copied from another record", &sealed, "clinician", |v| {
            v["name"][0]["family"] = sealed_auth["name"][0]["family"].clone()
        }),
        failure("encrypted field deleted", &sealed, "billing", |v| {
            v.as_object_mut().unwrap().remove("gender");
        }),
        failure("field added outside the legend", &sealed, "research", |v| v["note"] = json!("x")),
        failure("kept value edited", &sealed, "research", |v| v["active"] = json!(false)),
        failure("generalized value edited", &sealed, "research", |v| v["address"][0]["postalCode"] = json!("100")),
        failure("legend roles edited", &sealed, "billing", |v| {
            v["_phiseal"]["legend"][3]["roles"] = json!(["billing"])
        }),
        failure("legend entry and field removed", &sealed, "clinician", |v| {
            let at = v["_phiseal"]["legend"].as_array().unwrap().iter().position(|e| e["path"] == "/gender").unwrap();
            v["_phiseal"]["legend"].as_array_mut().unwrap().remove(at);
            v.as_object_mut().unwrap().remove("gender");
        }),
        failure("record id changed", &sealed, "clinician", |v| v["_phiseal"]["recordId"] = json!("Patient/vec-2")),
        failure("MAC flipped", &sealed, "billing", |v| {
            let mac = v["_phiseal"]["roles"]["billing"]["mac"].as_str().unwrap().to_owned();
            let flipped = if mac.starts_with('A') { mac.replacen('A', "B", 1) } else { format!("A{}", &mac[1..]) };
            v["_phiseal"]["roles"]["billing"]["mac"] = json!(flipped);
        }),
        failure("key headers of two roles swapped", &sealed, "billing", |v| {
            let billing = v["_phiseal"]["roles"]["billing"]["keys"].clone();
            v["_phiseal"]["roles"]["billing"]["keys"] = v["_phiseal"]["roles"]["clinician"]["keys"].clone();
            v["_phiseal"]["roles"]["clinician"]["keys"] = billing;
        }),
        failure("unknown format version", &sealed, "clinician", |v| v["_phiseal"]["v"] = json!(3)),
        failure("relabelled as version 1", &sealed, "clinician", |v| v["_phiseal"]["v"] = json!(1)),
        failure("set keys removed from a role", &sealed, "billing", |v| {
            v["_phiseal"]["roles"]["billing"].as_object_mut().unwrap().remove("sets");
        }),
        failure("set keys of a role flipped", &sealed, "clinician", |v| {
            let sets = v["_phiseal"]["roles"]["clinician"]["sets"].as_str().unwrap().to_owned();
            let flipped = if sets.starts_with('A') { sets.replacen('A', "B", 1) } else { format!("A{}", &sets[1..]) };
            v["_phiseal"]["roles"]["clinician"]["sets"] = json!(flipped);
        }),
        failure("set keys of two roles swapped", &sealed, "research", |v| {
            let research = v["_phiseal"]["roles"]["research"]["sets"].clone();
            v["_phiseal"]["roles"]["research"]["sets"] = v["_phiseal"]["roles"]["billing"]["sets"].clone();
            v["_phiseal"]["roles"]["billing"]["sets"] = research;
        }),
        failure("exact and generalized segments swapped", &sealed, "clinician", |v| {
            let text = v["birthDate"].as_str().unwrap().strip_prefix("phs2.").unwrap().to_owned();
            let (exact, year) = text.split_once('.').unwrap();
            v["birthDate"] = json!(format!("phs2.{year}.{exact}"));
        }),
        failure("token object altered", &sealed, "clinician", |v| {
            v["identifier"][0]["value"]["$token"] = json!("pht1.AAAAAAAAAAAAAAAAAAAAAA")
        }),
    ];

    let tokens: Vec<Value> = [
        ("mrn", Normalization::Mrn, "mrn-0012a", 16),
        ("mrn", Normalization::Mrn, "MRN 0012A", 8),
        ("Patient.name.family", Normalization::Text, "  Okonkwo-LINDQVIST ", 16),
        ("phone", Normalization::Phone, "(218) 555-0107", 32),
        ("dob", Normalization::Date, "2/28/1979", 12),
        ("exact", Normalization::Exact, "Adaeze", 16),
    ]
    .into_iter()
    .map(|(index, normalize, value, length)| {
        let token = blind_index(&index_key, index, normalize, value, length).unwrap();
        json!({"indexName": index, "normalize": normalize, "value": value, "length": length, "token": token})
    })
    .collect();

    let vectors = json!({
        "description": "phiseal sealed records, format v2 (docs/RECORDS.md). Secret keys are 32 bytes repeated from one seed byte.",
        "identities": ids.iter().map(|(n, p)| ((*n).to_owned(), json!(hex::encode(p.secret_key().dangerous_export_bytes().expose())))).collect::<serde_json::Map<_, _>>(),
        "indexKey": hex::encode([0x5a; 32]),
        "cases": cases,
        "failures": failures,
        "blindIndex": tokens,
    });
    let text = serde_json::to_string_pretty(&vectors).unwrap() + "\n";
    match std::env::args().nth(1) {
        Some(path) => std::fs::write(path, text).unwrap(),
        None => print!("{text}"),
    }
}
