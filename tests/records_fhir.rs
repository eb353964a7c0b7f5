//! The ready-made FHIR R4 policies on synthetic resources, and Bundles.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod records_common;

use phiseal::records::{
    fhir_policies, fhir_policy, open_bundle, open_record, seal_bundle, seal_record, BundleOptions, SealOptions,
    FHIR_POLICIES,
};
use records_common::{fixture, index_key, Team};
use serde_json::Value;

const FIXTURES: [&str; 7] = [
    "patient.json",
    "observation.json",
    "condition.json",
    "encounter.json",
    "medication_request.json",
    "document_reference.json",
    "questionnaire_response.json",
];

/// Strings in the fixtures that identify the patient (or relatives), or dates finer than a year.
const IDENTIFYING: [&str; 16] = [
    "QX-40921877",
    "QX40921877",
    "912-55-0384",
    "Maribel",
    "Quintero",
    "Ysolde",
    "Corwin",
    "555-0142",
    "555-0199",
    "Larkspur",
    "Inman",
    "maribel.qa",
    "02139",
    "1984-07-21",
    "2024-03-14",
    "TWFyaWJlbC",
];

fn seal_fixture(team: &Team, name: &str) -> Value {
    let resource = fixture(name);
    let policy = fhir_policy(resource["resourceType"].as_str().unwrap()).unwrap();
    let key = index_key();
    let record_id = format!("{}/{}", resource["resourceType"].as_str().unwrap(), resource["id"].as_str().unwrap());
    let options = SealOptions { record_id: &record_id, sender: None, index_key: Some(&key) };
    seal_record(&resource, &policy, &team.recipients(), &options).unwrap()
}

fn assert_no_identifier(text: &str, who: &str) {
    for secret in IDENTIFYING {
        assert!(!text.contains(secret), "{secret} visible to {who}");
    }
}

#[test]
fn every_embedded_policy_loads_with_the_four_roles() {
    let policies = fhir_policies().unwrap();
    assert_eq!(policies.len(), FHIR_POLICIES.len());
    for policy in policies.values() {
        assert_eq!(policy.roles(), ["clinician", "billing", "frontdesk", "research"]);
    }
    assert_eq!(fhir_policy("Practitioner").unwrap_err().code(), "INVALID_ARGUMENT");
}

#[test]
fn clinicians_get_every_resource_back_exactly() {
    let team = Team::new();
    for name in FIXTURES {
        let sealed = seal_fixture(&team, name);
        let opened = open_record(&sealed, &team.clinician2).unwrap();
        assert_eq!(opened.value, fixture(name), "{name}");
        assert!(opened.sealed_paths.is_empty(), "{name}");
    }
}

#[test]
fn the_server_and_research_see_no_identifier() {
    let team = Team::new();
    for name in FIXTURES {
        let sealed = seal_fixture(&team, name);
        assert_no_identifier(&serde_json::to_string(&sealed).unwrap(), &format!("the server ({name})"));
        let research = open_record(&sealed, &team.research).unwrap();
        assert_no_identifier(&serde_json::to_string(&research.value).unwrap(), &format!("research ({name})"));
    }
}

#[test]
fn research_gets_clinical_content_with_coarse_dates() {
    let team = Team::new();
    let observation = open_record(&seal_fixture(&team, "observation.json"), &team.research).unwrap();
    assert_eq!(observation.value["code"], fixture("observation.json")["code"]);
    assert_eq!(observation.value["valueQuantity"]["value"], 7.2);
    assert_eq!(observation.value["effectiveDateTime"], "2024");
    assert!(observation.sealed_paths.contains(&"/note".to_owned()));
    let patient = open_record(&seal_fixture(&team, "patient.json"), &team.research).unwrap();
    assert_eq!(patient.value["birthDate"], "1984");
    assert_eq!(patient.value["address"][0]["postalCode"], "021");
    assert_eq!(patient.value["address"][0]["state"], "MA");
    assert_eq!(patient.value["gender"], "female");
}

#[test]
fn billing_and_frontdesk_views() {
    let team = Team::new();
    let condition = open_record(&seal_fixture(&team, "condition.json"), &team.billing).unwrap();
    assert_eq!(condition.value["code"]["coding"][0]["code"], "44054006");
    assert_eq!(condition.value["onsetDateTime"], "2019-11-02");
    assert!(condition.sealed_paths.contains(&"/note".to_owned()));
    let patient = open_record(&seal_fixture(&team, "patient.json"), &team.frontdesk).unwrap();
    assert_eq!(patient.value["name"][0]["family"], "Quintero-Ashdown");
    assert_eq!(patient.value["telecom"][0]["value"], "(617) 555-0142");
    assert!(patient.sealed_paths.contains(&"/text".to_owned()));
    assert!(patient.sealed_paths.contains(&"/maritalStatus".to_owned()));
    let questionnaire = seal_fixture(&team, "questionnaire_response.json");
    assert_eq!(open_record(&questionnaire, &team.billing).unwrap_err().code(), "NO_MATCHING_RECIPIENT");
}

#[test]
fn bundle_entries_are_separate_records_with_resolvable_references() {
    let team = Team::new();
    let key = index_key();
    let bundle = fixture("bundle.json");
    let options = BundleOptions { sender: None, index_key: Some(&key) };
    let sealed = seal_bundle(&bundle, &fhir_policies().unwrap(), &team.recipients(), &options).unwrap();
    assert_no_identifier(&serde_json::to_string(&sealed).unwrap(), "the server (bundle)");
    for (sealed_entry, entry) in sealed["entry"].as_array().unwrap().iter().zip(bundle["entry"].as_array().unwrap()) {
        assert_eq!(sealed_entry["resource"]["_phiseal"]["recordId"], entry["fullUrl"]);
        assert_eq!(sealed_entry["request"], entry["request"]);
    }
    let observation = &sealed["entry"][2]["resource"];
    assert_eq!(observation["subject"]["reference"], "Patient/pat-7f3a9c");
    assert_eq!(sealed["entry"][0]["resource"]["id"], "pat-7f3a9c");

    let clinician = open_bundle(&sealed, &team.clinician).unwrap();
    assert_eq!(clinician.value, bundle);
    let research = open_bundle(&sealed, &team.research).unwrap();
    assert_no_identifier(&serde_json::to_string(&research.value).unwrap(), "research (bundle)");
    let billing = open_bundle(&sealed, &team.billing).unwrap();
    assert!(billing.entries.iter().any(|status| status.opened.is_none()), "questionnaire stays sealed");

    let mut swapped = sealed.clone();
    let first = swapped["entry"][3]["resource"].clone();
    swapped["entry"][3]["resource"] = swapped["entry"][4]["resource"].clone();
    swapped["entry"][4]["resource"] = first;
    assert_eq!(open_bundle(&swapped, &team.clinician).unwrap_err().code(), "AUTH_FAILED");
}

#[test]
fn bundle_input_checks() {
    let team = Team::new();
    let key = index_key();
    let options = BundleOptions { sender: None, index_key: Some(&key) };
    let policies = fhir_policies().unwrap();
    let patient = fixture("patient.json");
    assert_eq!(seal_bundle(&patient, &policies, &team.recipients(), &options).unwrap_err().code(), "INVALID_ARGUMENT");
    let mut duplicate = fixture("bundle.json");
    duplicate["entry"][1]["fullUrl"] = duplicate["entry"][0]["fullUrl"].clone();
    assert_eq!(
        seal_bundle(&duplicate, &policies, &team.recipients(), &options).unwrap_err().code(),
        "INVALID_ARGUMENT"
    );
    let mut unknown = fixture("bundle.json");
    unknown["entry"][1]["resource"]["resourceType"] = "Practitioner".into();
    assert_eq!(seal_bundle(&unknown, &policies, &team.recipients(), &options).unwrap_err().code(), "INVALID_ARGUMENT");
}
