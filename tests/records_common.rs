//! Shared fixtures of the records tests.
#![allow(
    dead_code,
    clippy::new_without_default,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use phiseal::keys::{KeyPair, PublicKey, SecretKey};
use phiseal::records::{seal_record, IndexKey, Policy, SealOptions};
use serde_json::Value;

pub const ROLES: [&str; 4] = ["clinician", "billing", "frontdesk", "research"];

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/fhir/{name}", env!("CARGO_MANIFEST_DIR"));
    phiseal::records::json::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A key pair from a fixed seed byte (tests and vectors only).
pub fn pair(seed: u8) -> KeyPair {
    KeyPair::from_secret(SecretKey::from_bytes(&[seed; 32]).unwrap()).unwrap()
}

/// One team: clinician (two people), billing, frontdesk, research.
pub struct Team {
    pub clinician: KeyPair,
    pub clinician2: KeyPair,
    pub billing: KeyPair,
    pub frontdesk: KeyPair,
    pub research: KeyPair,
}

impl Team {
    pub fn new() -> Self {
        Team { clinician: pair(1), clinician2: pair(2), billing: pair(3), frontdesk: pair(4), research: pair(5) }
    }

    pub fn recipients(&self) -> BTreeMap<String, Vec<PublicKey>> {
        BTreeMap::from([
            ("clinician".to_owned(), vec![*self.clinician.public_key(), *self.clinician2.public_key()]),
            ("billing".to_owned(), vec![*self.billing.public_key()]),
            ("frontdesk".to_owned(), vec![*self.frontdesk.public_key()]),
            ("research".to_owned(), vec![*self.research.public_key()]),
        ])
    }
}

pub fn index_key() -> IndexKey {
    IndexKey::from_bytes(&[0x42; 32]).unwrap()
}

pub const TEST_POLICY: &str = r#"{
  "version": 1,
  "roles": ["clinician", "billing", "frontdesk", "research"],
  "default": "deny",
  "rules": [
    {"path": "/resourceType", "action": "keep"},
    {"path": "/id", "action": "keep"},
    {"path": "Patient.identifier.value", "action": "token", "encryptFor": ["clinician", "billing", "frontdesk"], "normalize": "mrn", "indexName": "mrn"},
    {"path": "Patient.identifier.system", "action": "keep"},
    {"path": "/name/*/given", "action": "encrypt", "roles": ["clinician", "frontdesk"]},
    {"path": "Patient.name.family", "action": "encrypt", "roles": ["clinician", "frontdesk", "billing"]},
    {"path": "Patient.telecom.value", "action": "encrypt", "roles": ["clinician", "frontdesk"]},
    {"path": "Patient.gender", "action": "encrypt", "roles": ["clinician", "research"]},
    {"path": "Patient.birthDate", "action": "encrypt", "roles": ["clinician", "frontdesk", "billing"], "generalizeFor": {"research": "year"}},
    {"path": "Patient.address.postalCode", "action": "generalize", "to": "zip3"},
    {"path": "Patient.text", "action": "redact"}
  ]
}"#;

pub fn test_policy() -> Policy {
    Policy::from_json(TEST_POLICY).unwrap()
}

impl Team {
    pub fn recipients_clinician_only(&self) -> BTreeMap<String, Vec<PublicKey>> {
        BTreeMap::from([("clinician".to_owned(), vec![*self.clinician.public_key()])])
    }
}

/// The Patient fixture sealed under [`test_policy`] for `team`, with [`index_key`].
pub fn seal_patient(team: &Team, record_id: &str) -> Value {
    let key = index_key();
    let options = SealOptions { record_id, sender: None, index_key: Some(&key) };
    seal_record(&fixture("patient.json"), &test_policy(), &team.recipients(), &options).unwrap()
}

/// The error code of a result that must be an error.
pub fn code(result: phiseal::Result<impl Sized>) -> &'static str {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(error) => error.code(),
    }
}
