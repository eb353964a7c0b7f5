// The synthetic patient of the intake form. Every value is invented: the SSN uses area 999
// (never issued), the phone numbers are in the fictional 555-01xx range, the e-mail domain is
// reserved (RFC 2606). Also imported by the end-to-end tests (tests/e2e/), which check that no
// identifier below appears in what leaves the device.

/** The editable fields of the intake form, in display order. */
export const intakeFields = [
  { name: "given", label: "Given names", value: "Marisol Anneliese", autocomplete: "off" },
  { name: "family", label: "Family name", value: "Quillfeather", autocomplete: "off" },
  { name: "birthDate", label: "Date of birth", value: "1961-03-14", type: "date" },
  { name: "gender", label: "Administrative gender", value: "female", options: ["female", "male", "other", "unknown"] },
  { name: "mrn", label: "Medical record number", value: "MRN-44172093" },
  { name: "ssn", label: "Social Security number", value: "999-68-4417" },
  { name: "phone", label: "Phone", value: "+1-617-555-0142", type: "tel" },
  { name: "email", label: "E-mail", value: "marisol.quillfeather@example.org", type: "email" },
  { name: "line", label: "Street address", value: "4417 Larkspur Hollow Road", wide: true },
  { name: "city", label: "City", value: "Wrenfield" },
  { name: "state", label: "State", value: "MA" },
  { name: "postalCode", label: "ZIP code", value: "02139" },
];

export const intakeNote =
  "Marisol Quillfeather (DOB 03/14/1961, MRN-44172093) seen on 2026-11-28 for follow-up of type 2 " +
  "diabetes. Reports better glucose control on metformin 500 mg twice daily; no hypoglycaemia. " +
  "Her daughter can be reached at 617-555-0199 or odalys.q@example.org. " +
  "Plan: HbA1c in 3 months, retinal screening referral.";

/** The FHIR extension that carries the intake note on the Patient resource. */
export const intakeNoteExtension = "https://clinic.example/fhir/StructureDefinition/intake-note";

/**
 * Builds the FHIR R4 Patient resource from the form values (an object keyed by field name);
 * the free-text note travels in an extension (Patient has no note element).
 * @param {Record<string, string>} v
 */
export function toFhirPatient(v) {
  return {
    resourceType: "Patient",
    extension: [{ url: intakeNoteExtension, valueString: v.note }],
    identifier: [
      { system: "https://clinic.example/fhir/mrn", value: v.mrn },
      { system: "http://hl7.org/fhir/sid/us-ssn", value: v.ssn },
    ],
    name: [{ use: "official", family: v.family, given: v.given.split(/\s+/).filter(Boolean) }],
    telecom: [
      { system: "phone", value: v.phone, use: "home" },
      { system: "email", value: v.email },
    ],
    gender: v.gender,
    birthDate: v.birthDate,
    address: [{ use: "home", line: [v.line], city: v.city, state: v.state, postalCode: v.postalCode, country: "US" }],
  };
}

/** The default form values, keyed by field name (plus `note`). */
export function defaultIntake() {
  return Object.fromEntries([...intakeFields.map((f) => [f.name, f.value]), ["note", intakeNote]]);
}

/**
 * Strings that identify the synthetic patient and must not occur in anything that leaves the
 * device in the clear (the sealed record, the de-identified copy). Includes the variants a
 * leak would take (digits only, other date formats).
 */
export const syntheticIdentifiers = [
  "Marisol",
  "Anneliese",
  "Quillfeather",
  "Odalys",
  "MRN-44172093",
  "44172093",
  "999-68-4417",
  "999684417",
  "617-555-0142",
  "6175550142",
  "555-0142",
  "617-555-0199",
  "555-0199",
  "marisol.quillfeather@example.org",
  "odalys.q@example.org",
  "4417 Larkspur Hollow Road",
  "Larkspur",
  "Wrenfield",
  "02139",
  "1961-03-14",
  "03/14/1961",
  "2026-11-28",
];
