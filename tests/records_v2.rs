//! Sealed-record format version 2 (docs/RECORDS.md, "Format version 2"): one segment per role
//! set, set keys wrapped per member role, the manifest hashed once. Each security property of
//! version 1 is checked again on version 2 records.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod records_common;

use std::collections::BTreeSet;

use phiseal::records::{
    grant_record_access, open_record, open_record_expecting, revoke_record_access, RECORD_FORMAT_VERSION, SEALED_PREFIX,
};
use records_common::{code, seal_patient, Team};
use serde_json::{json, Value};

fn segments(value: &str) -> Vec<String> {
    value.strip_prefix(SEALED_PREFIX).unwrap().split('.').map(str::to_owned).collect()
}

/// Every compact string of a sealed record, with its path.
fn compact_strings(sealed: &Value) -> Vec<(String, String)> {
    let legend = sealed["_phiseal"]["legend"].as_array().unwrap();
    legend
        .iter()
        .filter(|entry| entry.get("roles").is_some())
        .map(|entry| {
            let path = entry["path"].as_str().unwrap().to_owned();
            let value = sealed.pointer(&path).unwrap();
            (path, value.as_str().or_else(|| value["$sealed"].as_str()).unwrap().to_owned())
        })
        .collect()
}

#[test]
fn new_records_are_version_2_with_one_segment_per_plaintext_group() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    assert_eq!(RECORD_FORMAT_VERSION, 2);
    assert_eq!(sealed["_phiseal"]["v"], 2);
    // family: clinician, billing, frontdesk get the same value: one segment.
    assert_eq!(segments(sealed["name"][0]["family"].as_str().unwrap()).len(), 1);
    // birthDate: the exact value for three roles, the year for research: two segments.
    assert_eq!(segments(sealed["birthDate"].as_str().unwrap()).len(), 2);
    for role in sealed["_phiseal"]["roles"].as_object().unwrap().values() {
        assert_eq!(role.as_object().unwrap().len(), 3, "keys, mac and sets");
        assert!(!role["sets"].as_str().unwrap().is_empty());
    }
}

#[test]
fn equal_plaintexts_never_give_equal_ciphertexts_and_nonces_never_repeat() {
    let team = Team::new();
    let first = seal_patient(&team, "Patient/pat-7f3a9c");
    let second = seal_patient(&team, "Patient/pat-7f3a9c");
    let mut all = Vec::new();
    for (path, compact) in compact_strings(&first).into_iter().chain(compact_strings(&second)) {
        for segment in segments(&compact) {
            all.push((path.clone(), segment));
        }
    }
    let distinct: BTreeSet<&String> = all.iter().map(|(_, segment)| segment).collect();
    assert_eq!(distinct.len(), all.len(), "the same record sealed twice shares no segment");
    let nonces: BTreeSet<String> = all.iter().map(|(_, segment)| segment[..16].to_owned()).collect();
    assert_eq!(nonces.len(), all.len(), "every segment starts with its own random nonce");
    assert_ne!(first["_phiseal"]["roles"]["billing"]["sets"], second["_phiseal"]["roles"]["billing"]["sets"]);
}

#[test]
fn moved_swapped_copied_and_deleted_fields_are_detected() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let other = seal_patient(&team, "Patient/pat-7f3a9c");
    let mut moved = sealed.clone();
    moved["telecom"][1]["value"] = sealed["telecom"][0]["value"].clone();
    assert_eq!(code(open_record(&moved, &team.clinician)), "AUTH_FAILED", "moved to another path");
    let mut swapped = sealed.clone();
    swapped["telecom"][0]["value"] = sealed["telecom"][1]["value"].clone();
    swapped["telecom"][1]["value"] = sealed["telecom"][0]["value"].clone();
    assert_eq!(code(open_record(&swapped, &team.frontdesk)), "AUTH_FAILED", "swapped");
    let mut copied = sealed.clone();
    copied["gender"] = other["gender"].clone();
    assert_eq!(code(open_record(&copied, &team.research)), "AUTH_FAILED", "copied from another sealing");
    let mut deleted = sealed.clone();
    deleted.as_object_mut().unwrap().remove("gender");
    assert_eq!(code(open_record(&deleted, &team.billing)), "MALFORMED", "deleted, even for a role that cannot read it");
    let mut groups = sealed.clone();
    let parts = segments(sealed["birthDate"].as_str().unwrap());
    groups["birthDate"] = json!(format!("{SEALED_PREFIX}{}.{}", parts[1], parts[0]));
    assert_eq!(code(open_record(&groups, &team.research)), "AUTH_FAILED", "segments of two groups swapped");
    assert_eq!(code(open_record_expecting(&sealed, &team.clinician, "Patient/other")), "AUTH_FAILED");
}

#[test]
fn legend_and_set_key_tampering_is_detected() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let at = sealed["_phiseal"]["legend"].as_array().unwrap().iter().position(|e| e["path"] == "/gender").unwrap();
    let mut roles = sealed.clone();
    roles["_phiseal"]["legend"][at]["roles"] = json!(["clinician", "billing", "research"]);
    assert!(open_record(&roles, &team.research).is_err(), "legend roles edited");
    let mut views = sealed.clone();
    let birth =
        sealed["_phiseal"]["legend"].as_array().unwrap().iter().position(|e| e["path"] == "/birthDate").unwrap();
    views["_phiseal"]["legend"][birth]["views"] = json!({"research": "yearMonth"});
    assert_eq!(code(open_record(&views, &team.research)), "AUTH_FAILED", "legend views edited");
    let mut wraps = sealed.clone();
    wraps["_phiseal"]["roles"]["research"]["sets"] = sealed["_phiseal"]["roles"]["billing"]["sets"].clone();
    assert_eq!(code(open_record(&wraps, &team.clinician)), "AUTH_FAILED", "set keys moved between roles");
    let mut removed = sealed.clone();
    removed["_phiseal"]["roles"]["billing"].as_object_mut().unwrap().remove("sets");
    assert_eq!(code(open_record(&removed, &team.billing)), "UNSUPPORTED_VERSION", "a v2 header without set keys");
    let mut short = sealed.clone();
    let text = sealed["_phiseal"]["roles"]["billing"]["sets"].as_str().unwrap();
    short["_phiseal"]["roles"]["billing"]["sets"] = json!(text[..text.len() - 43].to_owned());
    assert!(open_record(&short, &team.billing).is_err(), "one wrap missing");
    let mut v1 = sealed.clone();
    v1["_phiseal"]["v"] = json!(1);
    assert_eq!(code(open_record(&v1, &team.clinician)), "MALFORMED");
}

#[test]
fn a_role_opens_only_the_fields_of_its_role_sets() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let billing = open_record(&sealed, &team.billing).unwrap();
    assert_eq!(billing.roles, ["billing"]);
    assert_eq!(billing.value["birthDate"], "1984-07-21", "the exact group");
    assert!(billing.value["gender"].as_str().unwrap().starts_with(SEALED_PREFIX), "gender is not for billing");
    let research = open_record(&sealed, &team.research).unwrap();
    assert_eq!(research.value["birthDate"], "1984", "research opens its own group: the year");
    assert!(research.sealed_paths.contains(&"/name/0/family".to_owned()));
    let clinician = open_record(&sealed, &team.clinician).unwrap();
    assert!(clinician.sealed_paths.is_empty());
    assert_eq!(clinician.value["birthDate"], "1984-07-21");
}

#[test]
fn a_corrupt_segment_fails_the_whole_open() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let mut corrupt = sealed.clone();
    let family = sealed["name"][0]["family"].as_str().unwrap();
    let mut chars: Vec<char> = family.chars().collect();
    chars[12] = if chars[12] == 'A' { 'B' } else { 'A' };
    let flipped: String = chars.into_iter().collect();
    corrupt["name"][0]["family"] = json!(flipped);
    for identity in [&team.clinician, &team.billing, &team.research] {
        assert_eq!(code(open_record(&corrupt, identity)), "AUTH_FAILED", "never a partly opened record");
    }
}

#[test]
fn grant_and_revoke_rewrite_one_header_and_keep_the_set_keys() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let auditor = records_common::pair(77);
    let granted = grant_record_access(&sealed, &team.frontdesk, "frontdesk", auditor.public_key()).unwrap();
    let before = &sealed["_phiseal"]["roles"]["frontdesk"];
    let after = &granted["_phiseal"]["roles"]["frontdesk"];
    assert_ne!(after["keys"], before["keys"]);
    assert_eq!((&after["mac"], &after["sets"]), (&before["mac"], &before["sets"]));
    let opened = open_record(&granted, &auditor).unwrap();
    assert_eq!(opened.roles, ["frontdesk"]);
    assert_eq!(opened.value["telecom"][0]["value"], "(617) 555-0142");
    let key_id = phiseal::keys::KeyId::of(auditor.public_key());
    let revoked = revoke_record_access(&granted, &team.frontdesk, "frontdesk", &key_id).unwrap();
    assert_eq!(code(open_record(&revoked, &auditor)), "NO_MATCHING_RECIPIENT");
    assert_eq!(
        open_record(&revoked, &team.frontdesk).unwrap().value,
        open_record(&sealed, &team.frontdesk).unwrap().value
    );
}
