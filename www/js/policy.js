// The clinic's record policy for the intake Patient (phiseal policy language, version 1):
// which role opens which field. Fields no rule names are removed ("deny"). Rules are tried
// from the root down and the first rule that selects a node decides its whole subtree, so the
// address is listed element by element.
const clinicalStaff = ["clinician", "billing"];

export const intakePolicy = {
  version: 1,
  roles: ["clinician", "billing", "researcher"],
  default: "deny",
  rules: [
    { action: "keep", path: "/resourceType" },
    { action: "encrypt", path: "Patient.extension", roles: ["clinician"] },
    { action: "encrypt", path: "Patient.identifier", roles: clinicalStaff },
    { action: "encrypt", path: "Patient.name", roles: clinicalStaff },
    { action: "encrypt", path: "Patient.telecom", roles: clinicalStaff },
    { action: "encrypt", path: "Patient.gender", roles: ["clinician", "billing", "researcher"] },
    { action: "encrypt", path: "Patient.birthDate", roles: clinicalStaff, generalizeFor: { researcher: "year" } },
    { action: "encrypt", path: "Patient.address.line", roles: clinicalStaff },
    { action: "encrypt", path: "Patient.address.city", roles: clinicalStaff },
    { action: "encrypt", path: "Patient.address.state", roles: ["clinician", "billing", "researcher"] },
    { action: "encrypt", path: "Patient.address.postalCode", roles: clinicalStaff, generalizeFor: { researcher: "zip3" } },
    { action: "keep", path: "Patient.address.use" },
    { action: "keep", path: "Patient.address.country" },
  ],
};
