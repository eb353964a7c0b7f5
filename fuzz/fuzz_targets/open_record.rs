//! `open_record_json` on arbitrary text, and on a sealed record with bytes changed: never
//! panics, and a changed record either fails or opens to exactly what was sealed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phiseal::keys::{KeyPair, SecretKey};
use phiseal::records::{fhir_policy, open_record_json, seal_record_json, IndexKey, SealOptions};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const PATIENT: &str = include_str!("../../tests/fixtures/fhir/patient.json");

struct Fixture {
    clinician: KeyPair,
    sealed: String,
    opened: phiseal::records::OpenedRecord,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let key = |b: u8| KeyPair::from_secret(SecretKey::from_bytes(&[b; 32]).unwrap()).unwrap();
        let (clinician, billing) = (key(7), key(9));
        let policy = fhir_policy("Patient").unwrap();
        let mut roles = BTreeMap::new();
        roles.insert("clinician".to_owned(), vec![*clinician.public_key()]);
        roles.insert("billing".to_owned(), vec![*billing.public_key()]);
        roles.insert("frontdesk".to_owned(), vec![*billing.public_key()]);
        roles.insert("research".to_owned(), vec![*billing.public_key()]);
        let index_key = IndexKey::from_bytes(&[3; 32]).unwrap();
        let opts = SealOptions { record_id: "Patient/fuzz", sender: None, index_key: Some(&index_key) };
        let sealed = seal_record_json(PATIENT, &policy, &roles, &opts).unwrap().to_string();
        let opened = open_record_json(&sealed, &clinician).unwrap();
        Fixture { clinician, sealed, opened }
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let Some((&how, rest)) = data.split_first() else { return };
    if how & 1 == 0 {
        if let Ok(text) = std::str::from_utf8(rest) {
            let _ = open_record_json(text, &f.clinician);
        }
        return;
    }
    // Pairs of (position, byte) written into the sealed text.
    let mut bytes = f.sealed.clone().into_bytes();
    for edit in rest.chunks_exact(3) {
        let at = usize::from(u16::from_le_bytes([edit[0], edit[1]])) % bytes.len();
        bytes[at] = edit[2];
    }
    let Ok(text) = String::from_utf8(bytes) else { return };
    // Every value, kept ones too, is authenticated (docs/RECORDS.md): a changed record that
    // still opens must open to exactly what was sealed.
    if let Ok(opened) = open_record_json(&text, &f.clinician) {
        assert_eq!(opened.value, f.opened.value, "a changed record opened to other values");
        assert_eq!(opened.record_id, f.opened.record_id);
        assert_eq!(opened.sealed_paths, f.opened.sealed_paths);
    }
});
