//! Sealing and opening records: per-role views, binding of fields, tamper detection,
//! grant and revoke. Covers the "Records" lines of the security checklist about sealed fields.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod records_common;

use phiseal::records::{
    blind_index, grant_record_access, open_record, open_record_expecting, open_record_json, revoke_record_access,
    seal_record, seal_record_json, Normalization, SealOptions,
};
use records_common::{code, fixture, index_key, seal_patient, test_policy, Team};
use serde_json::json;

const IDENTIFYING: [&str; 9] = [
    "QX-40921877",
    "QX40921877",
    "912-55-0384",
    "Maribel",
    "Quintero",
    "Ysolde",
    "1984-07-21",
    "555-0142",
    "maribel.qa@example.org",
];

#[test]
fn sealed_record_keeps_shape_and_hides_every_encrypted_value() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let text = serde_json::to_string(&sealed).unwrap();
    for secret in IDENTIFYING.iter().chain(&["Larkspur", "Corwin", "female", "generated"]) {
        assert!(!text.contains(secret), "{secret} leaked into the sealed record");
    }
    assert_eq!(sealed["resourceType"], "Patient");
    assert_eq!(sealed["id"], "pat-7f3a9c");
    assert!(sealed["name"][0]["given"].as_str().unwrap().starts_with("phs2."));
    assert_eq!(sealed["name"][0]["given"].as_str().unwrap().matches('.').count(), 1, "one segment per role set");
    let birth_date = sealed["birthDate"].as_str().unwrap();
    assert_eq!(birth_date.matches('.').count(), 2, "the exact value and the research year: two segments");
    assert_eq!(sealed["address"][0]["postalCode"], "021");
    assert!(sealed.get("text").is_none(), "redacted");
    assert!(sealed.get("contact").is_none(), "denied by default");
    assert!(sealed["identifier"][0]["value"]["$token"].as_str().unwrap().starts_with("pht1."));
    let header = &sealed["_phiseal"];
    assert_eq!(header["v"], 2);
    assert_eq!(header["recordId"], "Patient/pat-7f3a9c");
    let roles: Vec<&String> = header["roles"].as_object().unwrap().keys().collect();
    assert_eq!(roles, ["billing", "clinician", "frontdesk", "research"]);
}

#[test]
fn clinician_sees_every_allowed_field_exactly() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let original = fixture("patient.json");
    for clinician in [&team.clinician, &team.clinician2] {
        let opened = open_record(&sealed, clinician).unwrap();
        assert_eq!(opened.roles, ["clinician"]);
        assert!(opened.sealed_paths.is_empty());
        let expected = json!({
            "resourceType": "Patient",
            "id": "pat-7f3a9c",
            "identifier": [
                {"system": "urn:oid:2.16.840.1.113883.19.5", "value": "QX-40921877"},
                {"system": "http://hl7.org/fhir/sid/us-ssn", "value": "912-55-0384"}
            ],
            "name": [
                {"family": "Quintero-Ashdown", "given": ["Maribel", "Ysolde"]},
                {"given": ["Bela"]}
            ],
            "telecom": [{"value": "(617) 555-0142"}, {"value": "maribel.qa@example.org"}],
            "gender": "female",
            "birthDate": original["birthDate"],
            "address": [{"postalCode": "021"}]
        });
        assert_eq!(opened.value, expected);
    }
}

#[test]
fn each_role_sees_exactly_its_fields() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let billing = open_record(&sealed, &team.billing).unwrap();
    assert_eq!(billing.value["name"][0]["family"], "Quintero-Ashdown");
    assert_eq!(billing.value["birthDate"], "1984-07-21");
    assert_eq!(billing.value["identifier"][0]["value"], "QX-40921877");
    assert!(billing.value["name"][0]["given"].as_str().unwrap().starts_with("phs2."));
    assert!(billing.value["gender"].as_str().unwrap().starts_with("phs2."));
    assert_eq!(
        billing.sealed_paths,
        ["/name/0/given", "/name/1/given", "/telecom/0/value", "/telecom/1/value", "/gender"]
    );
    let frontdesk = open_record(&sealed, &team.frontdesk).unwrap();
    assert_eq!(frontdesk.value["telecom"][0]["value"], "(617) 555-0142");
    assert_eq!(frontdesk.sealed_paths, ["/gender"]);
}

#[test]
fn research_sees_no_identifier() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let research = open_record(&sealed, &team.research).unwrap();
    assert_eq!(research.value["gender"], "female");
    assert_eq!(research.value["birthDate"], "1984", "generalized view");
    let text = serde_json::to_string(&research.value).unwrap();
    for secret in IDENTIFYING {
        assert!(!text.contains(secret), "{secret} visible to research");
    }
}

#[test]
fn identity_in_several_roles_gets_the_union_and_the_exact_view() {
    let team = Team::new();
    let mut recipients = team.recipients();
    recipients.get_mut("research").unwrap().push(*team.frontdesk.public_key());
    let key = index_key();
    let options = SealOptions { record_id: "r", sender: None, index_key: Some(&key) };
    let sealed = seal_record(&fixture("patient.json"), &test_policy(), &recipients, &options).unwrap();
    let opened = open_record(&sealed, &team.frontdesk).unwrap();
    assert_eq!(opened.roles, ["frontdesk", "research"]);
    assert!(opened.sealed_paths.is_empty());
    assert_eq!(opened.value["gender"], "female");
    assert_eq!(opened.value["birthDate"], "1984-07-21");
}

#[test]
fn strangers_get_no_matching_recipient() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    assert_eq!(code(open_record(&sealed, &records_common::pair(99))), "NO_MATCHING_RECIPIENT");
}

#[test]
fn equal_plaintexts_give_unequal_ciphertexts() {
    let team = Team::new();
    let a = seal_patient(&team, "same");
    let b = seal_patient(&team, "same");
    assert_ne!(a["name"][0]["family"], b["name"][0]["family"]);
    assert_ne!(a["_phiseal"]["roles"]["clinician"]["keys"], b["_phiseal"]["roles"]["clinician"]["keys"]);
    // Tokens are deterministic by design, and match a query built separately.
    assert_eq!(a["identifier"][0]["value"]["$token"], b["identifier"][0]["value"]["$token"]);
    let query = blind_index(&index_key(), "mrn", Normalization::Mrn, "qx 40921877", 16).unwrap();
    assert_eq!(a["identifier"][0]["value"]["$token"], query.as_str());
}

#[test]
fn moved_and_swapped_fields_are_detected() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let mut swapped = sealed.clone();
    let given = swapped["name"][0]["given"].clone();
    swapped["name"][0]["given"] = swapped["name"][1]["given"].clone();
    swapped["name"][1]["given"] = given;
    assert_eq!(code(open_record(&swapped, &team.clinician)), "AUTH_FAILED");
    let mut moved = sealed.clone();
    moved["telecom"][0]["value"] = sealed["name"][0]["family"].clone();
    assert_eq!(code(open_record(&moved, &team.frontdesk)), "AUTH_FAILED");
    // From another record, same path: the record id is bound in.
    let other = seal_patient(&team, "Patient/other");
    let mut foreign = sealed.clone();
    foreign["name"][0]["family"] = other["name"][0]["family"].clone();
    assert_eq!(code(open_record(&foreign, &team.billing)), "AUTH_FAILED");
    // A whole sealed record presented as another one.
    assert_eq!(code(open_record_expecting(&other, &team.billing, "Patient/pat-7f3a9c")), "AUTH_FAILED");
    assert!(open_record_expecting(&sealed, &team.billing, "Patient/pat-7f3a9c").is_ok());
}

#[test]
fn deleted_or_added_fields_are_detected() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let mut deleted = sealed.clone();
    deleted.as_object_mut().unwrap().remove("gender");
    // Even a role that cannot open the deleted field notices.
    assert_eq!(code(open_record(&deleted, &team.billing)), "MALFORMED");
    let mut added = sealed.clone();
    added["note"] = json!("injected");
    assert_eq!(code(open_record(&added, &team.clinician)), "MALFORMED");
    let mut clear_edit = sealed.clone();
    clear_edit["address"][0]["postalCode"] = json!("100");
    assert_eq!(code(open_record(&clear_edit, &team.research)), "AUTH_FAILED");
    let mut token_edit = sealed.clone();
    token_edit["identifier"][0]["value"]["$token"] = json!("pht1.AAAAAAAAAAAAAAAAAAAAAA");
    assert_eq!(code(open_record(&token_edit, &team.research)), "AUTH_FAILED");
}

#[test]
fn tampered_legend_is_detected() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let legend_index =
        sealed["_phiseal"]["legend"].as_array().unwrap().iter().position(|e| e["path"] == "/gender").unwrap();
    let mut edited = sealed.clone();
    edited["_phiseal"]["legend"][legend_index]["roles"] = json!(["clinician", "research", "billing"]);
    assert!(open_record(&edited, &team.billing).is_err());
    let mut dropped = sealed.clone();
    dropped["_phiseal"]["legend"].as_array_mut().unwrap().remove(legend_index);
    dropped.as_object_mut().unwrap().remove("gender");
    assert_eq!(code(open_record(&dropped, &team.clinician)), "AUTH_FAILED");
    let mut relabeled = sealed.clone();
    relabeled["_phiseal"]["legend"][legend_index]["action"] = json!("keep");
    relabeled["_phiseal"]["legend"][legend_index].as_object_mut().unwrap().remove("roles");
    assert!(open_record(&relabeled, &team.clinician).is_err());
    let mut version = sealed.clone();
    version["_phiseal"]["v"] = json!(3);
    assert_eq!(code(open_record(&version, &team.clinician)), "UNSUPPORTED_VERSION");
    version["_phiseal"]["v"] = json!(1);
    assert_eq!(code(open_record(&version, &team.clinician)), "MALFORMED", "version 1 has no set keys");
    let mut extra = sealed.clone();
    extra["_phiseal"]["note"] = json!(1);
    assert_eq!(code(open_record(&extra, &team.clinician)), "MALFORMED");
    let mut header = sealed.clone();
    header["_phiseal"]["roles"]["clinician"]["keys"] = sealed["_phiseal"]["roles"]["billing"]["keys"].clone();
    assert!(open_record(&header, &team.billing).is_err(), "a header moved to another role");
}

#[test]
fn grant_and_revoke_rewrite_one_header() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let auditor = records_common::pair(77);
    assert_eq!(code(open_record(&sealed, &auditor)), "NO_MATCHING_RECIPIENT");
    let granted = grant_record_access(&sealed, &team.billing, "billing", auditor.public_key()).unwrap();
    assert_eq!(granted["name"], sealed["name"], "fields untouched");
    assert_ne!(granted["_phiseal"]["roles"]["billing"]["keys"], sealed["_phiseal"]["roles"]["billing"]["keys"]);
    assert_eq!(granted["_phiseal"]["roles"]["clinician"], sealed["_phiseal"]["roles"]["clinician"]);
    let opened = open_record(&granted, &auditor).unwrap();
    assert_eq!(opened.value["name"][0]["family"], "Quintero-Ashdown");
    assert_eq!(
        code(grant_record_access(&sealed, &team.billing, "clinician", auditor.public_key())),
        "NO_MATCHING_RECIPIENT"
    );
    let revoked = revoke_record_access(&granted, &team.billing, "billing", &auditor.public_key().key_id()).unwrap();
    assert_eq!(code(open_record(&revoked, &auditor)), "NO_MATCHING_RECIPIENT");
    assert!(open_record(&revoked, &team.billing).is_ok());
    // The copy read before the revocation stays readable: true revocation means re-sealing.
    assert!(open_record(&granted, &auditor).is_ok());
}

#[test]
fn bad_inputs_are_refused() {
    let team = Team::new();
    let key = index_key();
    let policy = test_policy();
    let options = SealOptions { record_id: "r", sender: None, index_key: Some(&key) };
    let recipients = team.recipients();
    assert_eq!(code(seal_record(&json!([1]), &policy, &recipients, &options)), "INVALID_ARGUMENT");
    assert_eq!(code(seal_record(&json!({"_phiseal": 1}), &policy, &recipients, &options)), "INVALID_ARGUMENT");
    let no_key = SealOptions { index_key: None, ..options };
    assert_eq!(code(seal_record(&fixture("patient.json"), &policy, &recipients, &no_key)), "INVALID_ARGUMENT");
    let mut missing = recipients.clone();
    missing.remove("research");
    assert_eq!(code(seal_record(&fixture("patient.json"), &policy, &missing, &options)), "INVALID_ARGUMENT");
    let mut unknown = recipients.clone();
    unknown.insert("nurse".into(), vec![*team.clinician.public_key()]);
    assert_eq!(code(seal_record(&fixture("patient.json"), &policy, &unknown, &options)), "INVALID_ARGUMENT");
    let empty_id = SealOptions { record_id: "", ..options };
    assert_eq!(code(seal_record(&fixture("patient.json"), &policy, &recipients, &empty_id)), "INVALID_ARGUMENT");
    let mut bad_date = fixture("patient.json");
    bad_date["birthDate"] = json!("sometime in July");
    assert_eq!(code(seal_record(&bad_date, &policy, &recipients, &options)), "INVALID_ARGUMENT");
    assert_eq!(
        code(seal_record_json(r#"{"resourceType":"Patient","id":"a","id":"b"}"#, &policy, &recipients, &options)),
        "MALFORMED"
    );
    assert_eq!(code(open_record_json(r#"{"a":1,"a":2}"#, &team.clinician)), "MALFORMED");
    assert_eq!(code(open_record(&json!({"resourceType": "Patient"}), &team.clinician)), "MALFORMED");
}

#[test]
fn deep_records_are_refused_without_overflow() {
    let team = Team::new();
    let policy = phiseal::records::Policy::from_json(
        r#"{"version":1,"roles":["clinician"],"default":{"action":"encrypt","roles":["clinician"]},"rules":[]}"#,
    )
    .unwrap();
    let options = SealOptions { record_id: "r", sender: None, index_key: None };
    let mut deep = json!(1);
    for _ in 0..phiseal::records::MAX_RECORD_DEPTH {
        deep = json!({"a": deep});
    }
    let sealed = seal_record(&deep, &policy, &team.recipients_clinician_only(), &options).unwrap();
    assert_eq!(open_record(&sealed, &team.clinician).unwrap().value, deep);
    let deeper = json!({"a": deep});
    assert_eq!(code(seal_record(&deeper, &policy, &team.recipients_clinician_only(), &options)), "LIMIT_EXCEEDED");
    std::mem::forget(deeper); // dropping is recursive in serde_json; keep the test about sealing
}

#[test]
fn large_numbers_survive_exactly() {
    let team = Team::new();
    let policy = phiseal::records::Policy::from_json(
        r#"{"version":1,"roles":["clinician"],"rules":[{"path":"/n","action":"encrypt","roles":["clinician"]},{"path":"/k","action":"keep"}]}"#,
    )
    .unwrap();
    let options = SealOptions { record_id: "r", sender: None, index_key: None };
    let record = r#"{"n": [9007199254740993, 1e400, -0, 0.1000], "k": 18446744073709551617}"#;
    let sealed = seal_record_json(record, &policy, &team.recipients_clinician_only(), &options).unwrap();
    let opened = open_record_json(&serde_json::to_string(&sealed).unwrap(), &team.clinician).unwrap();
    assert_eq!(
        serde_json::to_string(&opened.value).unwrap(),
        r#"{"n":[9007199254740993,1e+400,-0,0.1000],"k":18446744073709551617}"#
    );
}

#[test]
fn debug_output_holds_no_phi() {
    let team = Team::new();
    let sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let opened = open_record(&sealed, &team.research).unwrap();
    assert_eq!(
        format!("{opened:?}"),
        "OpenedRecord { value: \"[redacted]\", record_id: \"[redacted]\", roles: [\"research\"], \
         sealed_paths: [\"/identifier/0/value\", \"/identifier/1/value\", \"/name/0/family\", \
         \"/name/0/given\", \"/name/1/given\", \"/telecom/0/value\", \"/telecom/1/value\"], sender: None }"
    );
    assert_eq!(format!("{:?}", index_key()), "IndexKey([redacted])");
}

#[test]
fn authenticated_sender_is_reported_and_needed_to_grant() {
    let team = Team::new();
    let portal = records_common::pair(60);
    let key = index_key();
    let options = SealOptions { record_id: "r", sender: Some(&portal), index_key: Some(&key) };
    let sealed = seal_record(&fixture("patient.json"), &test_policy(), &team.recipients(), &options).unwrap();
    let opened = open_record(&sealed, &team.research).unwrap();
    assert_eq!(opened.sender, Some(*portal.public_key()));
    assert_eq!(open_record(&seal_patient(&team, "r"), &team.research).unwrap().sender, None);
    let auditor = records_common::pair(61);
    assert_eq!(code(grant_record_access(&sealed, &team.billing, "billing", auditor.public_key())), "INVALID_ARGUMENT");
    let add = [*auditor.public_key()];
    let changes = phiseal::envelope::RecipientChanges { add: &add, remove: &[], sender: Some(&portal) };
    let granted = phiseal::records::change_record_access(&sealed, &team.billing, "billing", &changes).unwrap();
    assert_eq!(open_record(&granted, &auditor).unwrap().sender, Some(*portal.public_key()));
}

#[test]
fn too_many_roles_are_refused_before_any_key_agreement() {
    let team = Team::new();
    let mut sealed = seal_patient(&team, "Patient/pat-7f3a9c");
    let header = sealed["_phiseal"]["roles"]["clinician"].clone();
    for i in 0..40 {
        sealed["_phiseal"]["roles"][format!("role{i}")] = header.clone();
    }
    assert_eq!(code(open_record(&sealed, &team.clinician)), "LIMIT_EXCEEDED");
}

#[test]
fn built_values_are_held_to_the_parser_limits() {
    let team = Team::new();
    let policy = phiseal::records::Policy::from_json(
        r#"{"version":1,"roles":["clinician"],"default":{"action":"encrypt","roles":["clinician"]},"rules":[]}"#,
    )
    .unwrap();
    let options = SealOptions { record_id: "r", sender: None, index_key: None };
    let wide = json!({"a": vec![0; phiseal::records::json::MAX_CONTAINER_LEN + 1]});
    assert_eq!(code(seal_record(&wide, &policy, &team.recipients_clinician_only(), &options)), "LIMIT_EXCEEDED");
}
