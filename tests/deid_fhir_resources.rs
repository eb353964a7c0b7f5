#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Every resource type of the Safe Harbor profile with identifiers planted in the places real
//! records put them; nothing planted may survive. Plus default deny under random extra keys,
//! and Debug snapshots of the option types (no secret, no PHI).

use phiseal::deid::{safe_harbor, DateShiftNotSafeHarbor, DeidKey, DeidOptions, KnownIdentifiers, PhiKind};
use proptest::prelude::*;
use serde_json::{json, Value};

const PLANTED: &[&str] = &[
    "Zebulon",
    "Thistlewood",
    "Q-55120",
    "2023-07-14",
    "617-555-0177",
    "Harrowgate",
    "77 Quarry",
    "MBR-88120044",
    "CLM-7781",
    "ACCT-99120",
    "Dr. Pemberton",
    "Pemberton",
    "SUB-1120",
    "LOT-not-secret",
];

fn resources() -> Vec<Value> {
    let subject = json!({"reference": "Patient/zeb-1", "display": "Zebulon Thistlewood"});
    let note = json!([{"authorString": "Dr. Pemberton", "time": "2023-07-14T08:00:00Z",
                       "text": "Zebulon Thistlewood (MRN Q-55120) called from 617-555-0177 about 77 Quarry Lane, Harrowgate, VT 05401."}]);
    vec![
        json!({"resourceType": "RelatedPerson", "id": "rp-1", "patient": subject, "relationship": [{"coding": [{"code": "DAU"}]}],
               "name": [{"text": "Zebulon Thistlewood"}], "telecom": [{"value": "617-555-0177"}], "birthDate": "1960-01-02",
               "address": [{"line": ["77 Quarry Lane"], "city": "Harrowgate", "postalCode": "05401", "state": "VT"}]}),
        json!({"resourceType": "Procedure", "id": "pr-1", "status": "completed", "subject": subject,
               "code": {"text": "Appendectomy by Dr. Pemberton"}, "performedDateTime": "2023-07-14",
               "performer": [{"actor": {"reference": "Practitioner/pem", "display": "Dr. Pemberton"}}], "note": note,
               "identifier": [{"value": "Q-55120"}]}),
        json!({"resourceType": "MedicationRequest", "status": "active", "intent": "order", "subject": subject,
               "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "197361"}], "text": "Lasix 40 mg"},
               "authoredOn": "2023-07-14", "requester": {"reference": "Practitioner/pem", "display": "Dr. Pemberton"},
               "dosageInstruction": [{"text": "Take 1 tab daily; call Dr. Pemberton at 617-555-0177", "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d", "boundsPeriod": {"start": "2023-07-14"}}}}],
               "note": note}),
        json!({"resourceType": "Immunization", "status": "completed", "vaccineCode": {"coding": [{"code": "208"}]}, "patient": subject,
               "occurrenceDateTime": "2023-07-14", "lotNumber": "LOT-not-secret", "performer": [{"actor": {"reference": "Practitioner/pem"}}], "note": note}),
        json!({"resourceType": "AllergyIntolerance", "patient": subject, "code": {"text": "Penicillin"}, "recordedDate": "2023-07-14",
               "reaction": [{"manifestation": [{"text": "Hives"}], "description": "Zebulon had hives on 2023-07-14", "onset": "2023-07-14"}]}),
        json!({"resourceType": "QuestionnaireResponse", "status": "completed", "subject": subject, "authored": "2023-07-14",
               "questionnaire": "http://example.org/Questionnaire/intake",
               "item": [{"linkId": "1", "text": "Name", "answer": [{"valueString": "Zebulon Thistlewood"}]},
                        {"linkId": "2", "text": "Date of birth", "answer": [{"valueDate": "2023-07-14"}]},
                        {"linkId": "3", "item": [{"linkId": "3.1", "answer": [{"valueString": "Lives at 77 Quarry Lane, Harrowgate"}, {"valueInteger": 3}]}]}]}),
        json!({"resourceType": "Coverage", "status": "active", "beneficiary": subject, "subscriberId": "SUB-1120",
               "identifier": [{"value": "MBR-88120044"}], "class": [{"type": {"text": "group"}, "value": "MBR-88120044", "name": "Zebulon plan"}],
               "period": {"start": "2023-07-14"}, "payor": [{"reference": "Organization/ins", "display": "Harrowgate Mutual"}]}),
        json!({"resourceType": "Claim", "status": "active", "use": "claim", "patient": subject, "created": "2023-07-14",
               "identifier": [{"value": "CLM-7781"}], "provider": {"reference": "Practitioner/pem"},
               "insurance": [{"sequence": 1, "focal": true, "coverage": {"reference": "Coverage/c1"}, "businessArrangement": "ACCT-99120", "preAuthRef": ["ACCT-99120"]}],
               "accident": {"date": "2023-07-14", "locationAddress": {"line": ["77 Quarry Lane"], "city": "Harrowgate", "postalCode": "05401"}},
               "item": [{"sequence": 1, "productOrService": {"coding": [{"code": "99213"}]}, "servicedDate": "2023-07-14", "net": {"value": 120.5, "currency": "USD"}}],
               "total": {"value": 120.5, "currency": "USD"}}),
        json!({"resourceType": "Observation", "status": "final", "code": {"text": "Note"}, "subject": subject,
               "contained": [{"resourceType": "Patient", "id": "c1", "name": [{"family": "Thistlewood"}]}, {"resourceType": "Practitioner", "id": "p", "name": [{"family": "Pemberton"}]}],
               "component": [{"code": {"text": "x"}, "valueString": "Told Zebulon to return 2023-07-14"}]}),
    ]
}

#[test]
fn nothing_planted_survives_in_any_resource_type() {
    let opts = DeidOptions { reference_year: Some(2026), ..DeidOptions::default() };
    // The identifiers come from the record, as a Bundle gives them.
    let mut entries: Vec<Value> = resources().into_iter().map(|r| json!({"resource": r})).collect();
    entries.push(json!({"resource": {"resourceType": "Patient", "id": "zeb-1", "name": [{"given": ["Zebulon"], "family": "Thistlewood"}],
                                      "identifier": [{"value": "Q-55120"}], "telecom": [{"value": "617-555-0177"}],
                                      "address": [{"line": ["77 Quarry Lane"], "city": "Harrowgate"}]}}));
    let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": entries});
    let out = safe_harbor(&bundle, &opts).unwrap();
    let text = serde_json::to_string(&out.value).unwrap();
    let report = serde_json::to_string(&out.report).unwrap();
    for p in PLANTED {
        if *p == "LOT-not-secret" {
            assert!(text.contains(p), "lot numbers identify a batch, not a person: kept");
            continue;
        }
        assert!(!text.contains(p), "{p} survived: {text}");
        assert!(!report.contains(p), "{p} in report");
    }
    // Clinical content survives.
    for kept in
        ["Penicillin", "Hives", "Lasix 40 mg", "197361", "99213", "120.5", "Appendectomy by Dr. [NAME]", "\"2023\""]
    {
        assert!(text.contains(kept), "{kept} lost: {text}");
    }
    // Each resource is de-identified on its own too.
    for r in resources() {
        let one = safe_harbor(&r, &opts).unwrap();
        let s = serde_json::to_string(&one.value).unwrap();
        for p in [
            "2023-07-14",
            "617-555-0177",
            "Dr. Pemberton",
            "MBR-88120044",
            "CLM-7781",
            "ACCT-99120",
            "SUB-1120",
            "05401",
        ] {
            assert!(!s.contains(p), "{p} survived alone in {}", r["resourceType"]);
        }
    }
}

fn marker() -> impl Strategy<Value = String> {
    "[a-z]{3}".prop_map(|s| format!("zq{s}7731x"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Unlisted keys at any level, and listed identifier fields, never reach the output.
    #[test]
    fn default_deny_under_random_extra_keys(keys in prop::collection::vec(("[a-zA-Z]{1,12}", marker()), 1..12)) {
        let mut patient = json!({"resourceType": "Patient", "gender": "other", "address": [{"state": "VT"}]});
        for (k, m) in &keys {
            if ["gender", "address", "resourceType"].contains(&k.as_str()) {
                continue;
            }
            patient[k] = json!(m);
            patient["address"][0][k] = json!({ "nested": m });
            patient["name"] = json!([{ "family": m }]);
        }
        let out = safe_harbor(&patient, &DeidOptions::default()).unwrap();
        let s = serde_json::to_string(&out.value).unwrap();
        for (_, m) in &keys {
            prop_assert!(!s.contains(m.as_str()));
        }
        prop_assert!(!serde_json::to_string(&out.report).unwrap().contains("zq"));
    }
}

#[test]
fn debug_snapshots_hold_no_secret_or_phi() {
    let mut known = KnownIdentifiers::new();
    known.add(PhiKind::Name, "Zebulon").unwrap();
    assert_eq!(format!("{known:?}"), "KnownIdentifiers { 1 values redacted }");
    let key = DeidKey::from_bytes(&mut [0x42; 32]);
    assert_eq!(format!("{key:?}"), "DeidKey(<redacted>)");
    let shift = DateShiftNotSafeHarbor { key: key.clone(), patient: "zeb-1".into(), max_days: 30 };
    assert_eq!(format!("{shift:?}"), "DateShiftNotSafeHarbor { key: <redacted>, patient: <redacted>, max_days: 30 }");
    let opts =
        DeidOptions { date_shift: Some(shift), pseudonym_key_not_safe_harbor: Some(key), ..DeidOptions::default() };
    let dbg = format!("{opts:?}");
    assert!(!dbg.contains("zeb-1") && !dbg.contains("42") && !dbg.contains("66"), "{dbg}");
}
