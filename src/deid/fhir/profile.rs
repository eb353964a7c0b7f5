//! The Safe Harbor profile for FHIR R4: for each resource type, the elements that may appear in
//! the output and what happens to each. Anything not named here is removed (default deny).
//! Element names follow the FHIR R4 specification (hl7.org/fhir/R4); choice elements (`[x]`)
//! are listed once per allowed type.

/// What to do with one element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Copy a code, flag, number or status unchanged.
    Keep,
    /// Copy a numeric structure (Quantity, Range, Ratio, Coding) minus extensions and ids.
    Data,
    /// Remove.
    Drop,
    /// `Resource.id`: a surrogate (sequential, or keyed when pseudonyms are on).
    Id,
    /// `Identifier` arrays: removed (kept as keyed pseudonyms only outside Safe Harbor).
    Identifier,
    /// date/dateTime/instant: year only (Safe Harbor), shifted, or kept (limited data set).
    Date,
    /// instant: removed (an instant cannot hold a year alone), shifted, or kept.
    Instant,
    /// `birthDate`: year only, removed when it implies an age over 89.
    BirthDate,
    /// `Period`: start/end as [`Action::Date`].
    Period,
    /// Age quantity: values over 89 become `>= 90`.
    Age,
    /// `postalCode`: ZIP3 or `000` (kept in the limited data set).
    Zip,
    /// `Address.city` / `district`: removed (kept in the limited data set).
    City,
    /// Free text through the scrubber.
    Text,
    /// CodeableConcept: codings kept, `text` scrubbed.
    Concept,
    /// Reference: `reference` rewritten to a surrogate, `display` and `identifier` removed.
    Reference,
    /// `Bundle.entry.fullUrl`: surrogate.
    FullUrl,
    /// `text` (Narrative): the XHTML is reduced to its scrubbed text content.
    Narrative,
    /// `extension` / `modifierExtension`: url kept, value handled by type, nested extensions
    /// recursively.
    Extension,
    /// `Annotation`: time → year, text scrubbed, author removed.
    Annotation,
    /// `Attachment`: text data scrubbed, image and other binary data removed.
    Attachment,
    /// `QuestionnaireResponse.item` (recursive).
    QrItem,
    /// A nested resource (`contained`, `Bundle.entry.resource`).
    Resource,
    /// A nested element with its own rules.
    Object(&'static [Rule]),
}

/// An element name and its action.
pub(crate) type Rule = (&'static str, Action);

use Action::*;

/// Elements every resource may carry.
pub(crate) const COMMON: &[Rule] = &[
    ("resourceType", Keep),
    ("id", Id),
    ("meta", Object(META)),
    ("language", Keep),
    ("text", Narrative),
    ("contained", Resource),
    ("extension", Extension),
    ("modifierExtension", Extension),
    ("identifier", Identifier),
];
pub(crate) const ELEMENT_COMMON: &[Rule] = &[("extension", Extension), ("modifierExtension", Extension)];
const META: &[Rule] = &[("lastUpdated", Instant), ("profile", Keep), ("security", Data), ("tag", Data)];

/// Period: both ends as dates.
pub(crate) const PERIOD: &[Rule] = &[("start", Date), ("end", Date)];
/// CodeableConcept: codings kept, text scrubbed.
pub(crate) const CONCEPT: &[Rule] = &[("coding", Data), ("text", Text)];
/// Annotation: author reference rewritten, author string removed, time to year, text scrubbed.
pub(crate) const ANNOTATION: &[Rule] = &[("authorReference", Reference), ("time", Date), ("text", Text)];

pub(crate) const ADDRESS: &[Rule] = &[
    ("use", Keep),
    ("type", Keep),
    ("city", City),
    ("district", City),
    ("state", Keep),
    ("postalCode", Zip),
    ("country", Keep),
    ("period", Period),
];
const COMMUNICATION: &[Rule] = &[("language", Concept), ("preferred", Keep)];
const PATIENT_CONTACT: &[Rule] = &[
    ("name", Drop),
    ("telecom", Drop),
    ("relationship", Concept),
    ("address", Object(ADDRESS)),
    ("gender", Keep),
    ("organization", Reference),
    ("period", Period),
];

const PATIENT: &[Rule] = &[
    ("name", Drop),
    ("telecom", Drop),
    ("photo", Drop),
    ("link", Drop),
    ("active", Keep),
    ("gender", Keep),
    ("birthDate", BirthDate),
    ("deceasedBoolean", Keep),
    ("deceasedDateTime", Date),
    ("address", Object(ADDRESS)),
    ("maritalStatus", Concept),
    ("multipleBirthBoolean", Keep),
    ("multipleBirthInteger", Keep),
    ("contact", Object(PATIENT_CONTACT)),
    ("communication", Object(COMMUNICATION)),
    ("generalPractitioner", Reference),
    ("managingOrganization", Reference),
];
const RELATED_PERSON: &[Rule] = &[
    ("name", Drop),
    ("telecom", Drop),
    ("photo", Drop),
    ("active", Keep),
    ("patient", Reference),
    ("relationship", Concept),
    ("gender", Keep),
    ("birthDate", BirthDate),
    ("address", Object(ADDRESS)),
    ("period", Period),
    ("communication", Object(COMMUNICATION)),
];

const REFERENCE_RANGE: &[Rule] =
    &[("low", Data), ("high", Data), ("type", Concept), ("appliesTo", Concept), ("text", Text)];
const OBS_COMPONENT: &[Rule] = &[
    ("code", Concept),
    ("valueQuantity", Data),
    ("valueCodeableConcept", Concept),
    ("valueString", Text),
    ("valueBoolean", Keep),
    ("valueInteger", Keep),
    ("valueRange", Data),
    ("valueRatio", Data),
    ("valueTime", Keep),
    ("valueDateTime", Date),
    ("valuePeriod", Period),
    ("dataAbsentReason", Concept),
    ("interpretation", Concept),
    ("referenceRange", Object(REFERENCE_RANGE)),
];
const OBSERVATION: &[Rule] = &[
    ("basedOn", Reference),
    ("partOf", Reference),
    ("status", Keep),
    ("category", Concept),
    ("code", Concept),
    ("subject", Reference),
    ("focus", Reference),
    ("encounter", Reference),
    ("effectiveDateTime", Date),
    ("effectivePeriod", Period),
    ("effectiveInstant", Instant),
    ("issued", Instant),
    ("performer", Reference),
    ("valueQuantity", Data),
    ("valueCodeableConcept", Concept),
    ("valueString", Text),
    ("valueBoolean", Keep),
    ("valueInteger", Keep),
    ("valueRange", Data),
    ("valueRatio", Data),
    ("valueTime", Keep),
    ("valueDateTime", Date),
    ("valuePeriod", Period),
    ("dataAbsentReason", Concept),
    ("interpretation", Concept),
    ("note", Annotation),
    ("bodySite", Concept),
    ("method", Concept),
    ("specimen", Reference),
    ("device", Reference),
    ("referenceRange", Object(REFERENCE_RANGE)),
    ("hasMember", Reference),
    ("derivedFrom", Reference),
    ("component", Object(OBS_COMPONENT)),
];

const CONDITION_STAGE: &[Rule] = &[("summary", Concept), ("assessment", Reference), ("type", Concept)];
const CONDITION_EVIDENCE: &[Rule] = &[("code", Concept), ("detail", Reference)];
const CONDITION: &[Rule] = &[
    ("clinicalStatus", Concept),
    ("verificationStatus", Concept),
    ("category", Concept),
    ("severity", Concept),
    ("code", Concept),
    ("bodySite", Concept),
    ("subject", Reference),
    ("encounter", Reference),
    ("onsetDateTime", Date),
    ("onsetAge", Age),
    ("onsetPeriod", Period),
    ("onsetString", Text),
    ("abatementDateTime", Date),
    ("abatementAge", Age),
    ("abatementPeriod", Period),
    ("abatementString", Text),
    ("abatementBoolean", Keep),
    ("recordedDate", Date),
    ("recorder", Reference),
    ("asserter", Reference),
    ("stage", Object(CONDITION_STAGE)),
    ("evidence", Object(CONDITION_EVIDENCE)),
    ("note", Annotation),
];

const STATUS_HISTORY: &[Rule] = &[("status", Keep), ("period", Period)];
const PARTICIPANT: &[Rule] = &[("type", Concept), ("period", Period), ("individual", Reference)];
const ENC_DIAGNOSIS: &[Rule] = &[("condition", Reference), ("use", Concept), ("rank", Keep)];
const HOSPITALIZATION: &[Rule] = &[
    ("origin", Reference),
    ("admitSource", Concept),
    ("reAdmission", Concept),
    ("dietPreference", Concept),
    ("specialCourtesy", Concept),
    ("specialArrangement", Concept),
    ("destination", Reference),
    ("dischargeDisposition", Concept),
];
const ENC_LOCATION: &[Rule] =
    &[("location", Reference), ("status", Keep), ("physicalType", Concept), ("period", Period)];
const ENCOUNTER: &[Rule] = &[
    ("status", Keep),
    ("statusHistory", Object(STATUS_HISTORY)),
    ("class", Data),
    ("type", Concept),
    ("serviceType", Concept),
    ("priority", Concept),
    ("subject", Reference),
    ("episodeOfCare", Reference),
    ("basedOn", Reference),
    ("participant", Object(PARTICIPANT)),
    ("appointment", Reference),
    ("period", Period),
    ("length", Data),
    ("reasonCode", Concept),
    ("reasonReference", Reference),
    ("diagnosis", Object(ENC_DIAGNOSIS)),
    ("account", Reference),
    ("hospitalization", Object(HOSPITALIZATION)),
    ("location", Object(ENC_LOCATION)),
    ("serviceProvider", Reference),
    ("partOf", Reference),
];

const PERFORMER: &[Rule] = &[("function", Concept), ("actor", Reference), ("onBehalfOf", Reference)];
const FOCAL_DEVICE: &[Rule] = &[("action", Concept), ("manipulated", Reference)];
const PROCEDURE: &[Rule] = &[
    ("basedOn", Reference),
    ("partOf", Reference),
    ("status", Keep),
    ("statusReason", Concept),
    ("category", Concept),
    ("code", Concept),
    ("subject", Reference),
    ("encounter", Reference),
    ("performedDateTime", Date),
    ("performedPeriod", Period),
    ("performedString", Text),
    ("performedAge", Age),
    ("recorder", Reference),
    ("asserter", Reference),
    ("performer", Object(PERFORMER)),
    ("location", Reference),
    ("reasonCode", Concept),
    ("reasonReference", Reference),
    ("bodySite", Concept),
    ("outcome", Concept),
    ("report", Reference),
    ("complication", Concept),
    ("complicationDetail", Reference),
    ("followUp", Concept),
    ("note", Annotation),
    ("focalDevice", Object(FOCAL_DEVICE)),
    ("usedReference", Reference),
    ("usedCode", Concept),
];

const TIMING_REPEAT: &[Rule] = &[
    ("boundsPeriod", Period),
    ("boundsDuration", Data),
    ("boundsRange", Data),
    ("count", Keep),
    ("countMax", Keep),
    ("duration", Keep),
    ("durationMax", Keep),
    ("durationUnit", Keep),
    ("frequency", Keep),
    ("frequencyMax", Keep),
    ("period", Keep),
    ("periodMax", Keep),
    ("periodUnit", Keep),
    ("dayOfWeek", Keep),
    ("timeOfDay", Keep),
    ("when", Keep),
    ("offset", Keep),
];
const TIMING: &[Rule] = &[("event", Date), ("repeat", Object(TIMING_REPEAT)), ("code", Concept)];
const DOSAGE: &[Rule] = &[
    ("sequence", Keep),
    ("text", Text),
    ("additionalInstruction", Concept),
    ("patientInstruction", Text),
    ("timing", Object(TIMING)),
    ("asNeededBoolean", Keep),
    ("asNeededCodeableConcept", Concept),
    ("site", Concept),
    ("route", Concept),
    ("method", Concept),
    ("doseAndRate", Data),
    ("maxDosePerPeriod", Data),
    ("maxDosePerAdministration", Data),
    ("maxDosePerLifetime", Data),
];
const INITIAL_FILL: &[Rule] = &[("quantity", Data), ("duration", Data)];
const DISPENSE_REQUEST: &[Rule] = &[
    ("initialFill", Object(INITIAL_FILL)),
    ("dispenseInterval", Data),
    ("validityPeriod", Period),
    ("numberOfRepeatsAllowed", Keep),
    ("quantity", Data),
    ("expectedSupplyDuration", Data),
    ("performer", Reference),
];
const SUBSTITUTION: &[Rule] = &[("allowedBoolean", Keep), ("allowedCodeableConcept", Concept), ("reason", Concept)];
const MEDICATION_REQUEST: &[Rule] = &[
    ("status", Keep),
    ("statusReason", Concept),
    ("intent", Keep),
    ("category", Concept),
    ("priority", Keep),
    ("doNotPerform", Keep),
    ("reportedBoolean", Keep),
    ("reportedReference", Reference),
    ("medicationCodeableConcept", Concept),
    ("medicationReference", Reference),
    ("subject", Reference),
    ("encounter", Reference),
    ("supportingInformation", Reference),
    ("authoredOn", Date),
    ("requester", Reference),
    ("performer", Reference),
    ("performerType", Concept),
    ("recorder", Reference),
    ("reasonCode", Concept),
    ("reasonReference", Reference),
    ("basedOn", Reference),
    ("courseOfTherapyType", Concept),
    ("insurance", Reference),
    ("note", Annotation),
    ("dosageInstruction", Object(DOSAGE)),
    ("dispenseRequest", Object(DISPENSE_REQUEST)),
    ("substitution", Object(SUBSTITUTION)),
    ("priorPrescription", Reference),
];

const IMM_PERFORMER: &[Rule] = &[("function", Concept), ("actor", Reference)];
const IMM_REACTION: &[Rule] = &[("date", Date), ("detail", Reference), ("reported", Keep)];
const PROTOCOL_APPLIED: &[Rule] = &[
    ("series", Keep),
    ("authority", Reference),
    ("targetDisease", Concept),
    ("doseNumberPositiveInt", Keep),
    ("doseNumberString", Keep),
    ("seriesDosesPositiveInt", Keep),
    ("seriesDosesString", Keep),
];
const IMMUNIZATION: &[Rule] = &[
    ("status", Keep),
    ("statusReason", Concept),
    ("vaccineCode", Concept),
    ("patient", Reference),
    ("encounter", Reference),
    ("occurrenceDateTime", Date),
    ("occurrenceString", Text),
    ("recorded", Date),
    ("primarySource", Keep),
    ("reportOrigin", Concept),
    ("location", Reference),
    ("manufacturer", Reference),
    ("lotNumber", Keep),
    ("expirationDate", Keep),
    ("site", Concept),
    ("route", Concept),
    ("doseQuantity", Data),
    ("performer", Object(IMM_PERFORMER)),
    ("note", Annotation),
    ("reasonCode", Concept),
    ("reasonReference", Reference),
    ("isSubpotent", Keep),
    ("subpotentReason", Concept),
    ("programEligibility", Concept),
    ("fundingSource", Concept),
    ("reaction", Object(IMM_REACTION)),
    ("protocolApplied", Object(PROTOCOL_APPLIED)),
];

const ALLERGY_REACTION: &[Rule] = &[
    ("substance", Concept),
    ("manifestation", Concept),
    ("description", Text),
    ("onset", Date),
    ("severity", Keep),
    ("exposureRoute", Concept),
    ("note", Annotation),
];
const ALLERGY: &[Rule] = &[
    ("clinicalStatus", Concept),
    ("verificationStatus", Concept),
    ("type", Keep),
    ("category", Keep),
    ("criticality", Keep),
    ("code", Concept),
    ("patient", Reference),
    ("encounter", Reference),
    ("onsetDateTime", Date),
    ("onsetAge", Age),
    ("onsetPeriod", Period),
    ("onsetString", Text),
    ("recordedDate", Date),
    ("recorder", Reference),
    ("asserter", Reference),
    ("lastOccurrence", Date),
    ("note", Annotation),
    ("reaction", Object(ALLERGY_REACTION)),
];

const RELATES_TO: &[Rule] = &[("code", Keep), ("target", Reference)];
const DOC_CONTENT: &[Rule] = &[("attachment", Attachment), ("format", Data)];
const DOC_CONTEXT: &[Rule] = &[
    ("encounter", Reference),
    ("event", Concept),
    ("period", Period),
    ("facilityType", Concept),
    ("practiceSetting", Concept),
    ("sourcePatientInfo", Reference),
    ("related", Reference),
];
const DOCUMENT_REFERENCE: &[Rule] = &[
    ("status", Keep),
    ("docStatus", Keep),
    ("type", Concept),
    ("category", Concept),
    ("subject", Reference),
    ("date", Date),
    ("author", Reference),
    ("authenticator", Reference),
    ("custodian", Reference),
    ("relatesTo", Object(RELATES_TO)),
    ("description", Text),
    ("securityLabel", Concept),
    ("content", Object(DOC_CONTENT)),
    ("context", Object(DOC_CONTEXT)),
];

/// `QuestionnaireResponse.item.answer`; `item` recursion is [`Action::QrItem`].
pub(crate) const QR_ANSWER: &[Rule] = &[
    ("valueBoolean", Keep),
    ("valueDecimal", Keep),
    ("valueInteger", Keep),
    ("valueDate", Date),
    ("valueDateTime", Date),
    ("valueTime", Keep),
    ("valueString", Text),
    ("valueAttachment", Attachment),
    ("valueCoding", Data),
    ("valueQuantity", Data),
    ("valueReference", Reference),
    ("item", QrItem),
];
pub(crate) const QR_ITEM: &[Rule] =
    &[("linkId", Keep), ("definition", Keep), ("text", Text), ("answer", Object(QR_ANSWER)), ("item", QrItem)];
const QUESTIONNAIRE_RESPONSE: &[Rule] = &[
    ("questionnaire", Keep),
    ("basedOn", Reference),
    ("partOf", Reference),
    ("status", Keep),
    ("subject", Reference),
    ("encounter", Reference),
    ("authored", Date),
    ("author", Reference),
    ("source", Reference),
    ("item", QrItem),
];

const COVERAGE_CLASS: &[Rule] = &[("type", Concept)];
const COST_EXCEPTION: &[Rule] = &[("type", Concept), ("period", Period)];
const COST: &[Rule] =
    &[("type", Concept), ("valueQuantity", Data), ("valueMoney", Data), ("exception", Object(COST_EXCEPTION))];
const COVERAGE: &[Rule] = &[
    ("status", Keep),
    ("type", Concept),
    ("policyHolder", Reference),
    ("subscriber", Reference),
    ("beneficiary", Reference),
    ("relationship", Concept),
    ("period", Period),
    ("payor", Reference),
    ("class", Object(COVERAGE_CLASS)),
    ("order", Keep),
    ("costToBeneficiary", Object(COST)),
    ("subrogation", Keep),
    ("contract", Reference),
];

const PAYEE: &[Rule] = &[("type", Concept), ("party", Reference)];
const CARE_TEAM: &[Rule] = &[
    ("sequence", Keep),
    ("provider", Reference),
    ("responsible", Keep),
    ("role", Concept),
    ("qualification", Concept),
];
const SUPPORTING_INFO: &[Rule] = &[
    ("sequence", Keep),
    ("category", Concept),
    ("code", Concept),
    ("timingDate", Date),
    ("timingPeriod", Period),
    ("valueBoolean", Keep),
    ("valueString", Text),
    ("valueQuantity", Data),
    ("valueAttachment", Attachment),
    ("valueReference", Reference),
    ("reason", Concept),
];
const CLAIM_DIAGNOSIS: &[Rule] = &[
    ("sequence", Keep),
    ("diagnosisCodeableConcept", Concept),
    ("diagnosisReference", Reference),
    ("type", Concept),
    ("onAdmission", Concept),
    ("packageCode", Concept),
];
const CLAIM_PROCEDURE: &[Rule] = &[
    ("sequence", Keep),
    ("type", Concept),
    ("date", Date),
    ("procedureCodeableConcept", Concept),
    ("procedureReference", Reference),
    ("udi", Reference),
];
const CLAIM_INSURANCE: &[Rule] =
    &[("sequence", Keep), ("focal", Keep), ("coverage", Reference), ("claimResponse", Reference)];
const ACCIDENT: &[Rule] =
    &[("date", Date), ("type", Concept), ("locationAddress", Object(ADDRESS)), ("locationReference", Reference)];
const CLAIM_ITEM: &[Rule] = &[
    ("sequence", Keep),
    ("careTeamSequence", Keep),
    ("diagnosisSequence", Keep),
    ("procedureSequence", Keep),
    ("informationSequence", Keep),
    ("revenue", Concept),
    ("category", Concept),
    ("productOrService", Concept),
    ("modifier", Concept),
    ("programCode", Concept),
    ("servicedDate", Date),
    ("servicedPeriod", Period),
    ("locationCodeableConcept", Concept),
    ("locationAddress", Object(ADDRESS)),
    ("locationReference", Reference),
    ("quantity", Data),
    ("unitPrice", Data),
    ("factor", Keep),
    ("net", Data),
    ("udi", Reference),
    ("bodySite", Concept),
    ("subSite", Concept),
    ("encounter", Reference),
];
const CLAIM: &[Rule] = &[
    ("status", Keep),
    ("type", Concept),
    ("subType", Concept),
    ("use", Keep),
    ("patient", Reference),
    ("billablePeriod", Period),
    ("created", Date),
    ("enterer", Reference),
    ("insurer", Reference),
    ("provider", Reference),
    ("priority", Concept),
    ("fundsReserve", Concept),
    ("prescription", Reference),
    ("originalPrescription", Reference),
    ("payee", Object(PAYEE)),
    ("referral", Reference),
    ("facility", Reference),
    ("careTeam", Object(CARE_TEAM)),
    ("supportingInfo", Object(SUPPORTING_INFO)),
    ("diagnosis", Object(CLAIM_DIAGNOSIS)),
    ("procedure", Object(CLAIM_PROCEDURE)),
    ("insurance", Object(CLAIM_INSURANCE)),
    ("accident", Object(ACCIDENT)),
    ("item", Object(CLAIM_ITEM)),
    ("total", Data),
];

const BUNDLE_REQUEST: &[Rule] = &[("method", Keep)];
const BUNDLE_ENTRY: &[Rule] = &[("fullUrl", FullUrl), ("resource", Resource), ("request", Object(BUNDLE_REQUEST))];
const BUNDLE: &[Rule] = &[("type", Keep), ("timestamp", Instant), ("total", Keep), ("entry", Object(BUNDLE_ENTRY))];

/// The resource types the profile names; any other type keeps only `resourceType` and a
/// surrogate `id` (default deny).
pub(crate) const RESOURCES: &[(&str, &[Rule])] = &[
    ("Patient", PATIENT),
    ("RelatedPerson", RELATED_PERSON),
    ("Observation", OBSERVATION),
    ("Condition", CONDITION),
    ("Encounter", ENCOUNTER),
    ("Procedure", PROCEDURE),
    ("MedicationRequest", MEDICATION_REQUEST),
    ("Immunization", IMMUNIZATION),
    ("AllergyIntolerance", ALLERGY),
    ("DocumentReference", DOCUMENT_REFERENCE),
    ("QuestionnaireResponse", QUESTIONNAIRE_RESPONSE),
    ("Coverage", COVERAGE),
    ("Claim", CLAIM),
    ("Bundle", BUNDLE),
];

/// Rules for one resource type (without [`COMMON`]), if the profile names it.
pub(crate) fn rules_for(resource_type: &str) -> Option<&'static [Rule]> {
    RESOURCES.iter().find(|(t, _)| *t == resource_type).map(|(_, r)| *r)
}

/// The action for `name` in `rules`, or `None` (removed).
pub(crate) fn action_in(rules: &[Rule], name: &str) -> Option<Action> {
    rules.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

/// The static name equal to `name` in `rules` (so reports only hold names from this table).
pub(crate) fn static_name(rules: &[Rule], name: &str) -> Option<&'static str> {
    rules.iter().find(|(n, _)| *n == name).map(|(n, _)| *n)
}
