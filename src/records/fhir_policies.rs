//! Ready-made policies for HL7 FHIR R4 resources (docs/RECORDS.md, "FHIR policies").
//!
//! Roles: `clinician` (everything: fields no rule names are encrypted for clinicians),
//! `billing` (what a claim needs: names, identifiers, codes, dates), `frontdesk` (demographics
//! and scheduling), `research` (clinical content without identifiers: no names, identifiers,
//! contact details, street addresses; dates reduced to the year, ZIP codes to 3 digits).
//! `resourceType`, `id`, `meta`, workflow status and every reference between resources stay in
//! the clear, so a server can route records and references inside a Bundle stay resolvable.
//! The Patient policy makes blind-index tokens of identifiers and family names (indexes
//! `Patient.identifier` and `Patient.name.family`), so sealing a Patient needs an index key.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::records::policy::Policy;

/// The resource types that have a ready-made policy, with their policy text.
pub const FHIR_POLICIES: [(&str, &str); 7] = [
    ("Patient", include_str!("fhir/patient.json")),
    ("Observation", include_str!("fhir/observation.json")),
    ("Condition", include_str!("fhir/condition.json")),
    ("Encounter", include_str!("fhir/encounter.json")),
    ("MedicationRequest", include_str!("fhir/medication_request.json")),
    ("DocumentReference", include_str!("fhir/document_reference.json")),
    ("QuestionnaireResponse", include_str!("fhir/questionnaire_response.json")),
];

/// The ready-made policy for one FHIR R4 resource type.
///
/// # Errors
/// [`Error::InvalidArgument`] for a resource type without a ready-made policy.
pub fn fhir_policy(resource_type: &str) -> Result<Policy> {
    let (_, text) = FHIR_POLICIES
        .iter()
        .find(|(name, _)| *name == resource_type)
        .ok_or(Error::InvalidArgument("no ready-made policy for this resource type"))?;
    Policy::from_json(text)
}

/// Every ready-made policy, by resource type (for [`crate::records::seal_bundle`]).
///
/// # Errors
/// Never for the embedded policies (they are validated by the test suite).
pub fn fhir_policies() -> Result<BTreeMap<String, Policy>> {
    FHIR_POLICIES.iter().map(|(name, text)| Ok(((*name).to_owned(), Policy::from_json(text)?))).collect()
}
