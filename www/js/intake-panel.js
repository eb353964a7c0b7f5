// Panel 2, Intake: a pre-filled synthetic FHIR Patient and a free-text note. "Seal and upload"
// shows what the cloud stores (the sealed record), what analytics receives (the Safe Harbor
// copy and its report) and what each role opens.
import { byId, el, prettyJson } from "./dom.js";
import { defaultIntake, intakeFields, toFhirPatient } from "./synthetic-patient.js";

/** Reads the form into an object keyed by field name (plus `note`). */
export function readIntake() {
  const form = /** @type {HTMLFormElement} */ (byId("intake-form"));
  const values = {};
  for (const field of intakeFields) values[field.name] = form.elements.namedItem(field.name).value.trim();
  values.note = byId("intake-note").value.trim();
  return values;
}

function renderFields() {
  const defaults = defaultIntake();
  const rows = intakeFields.map((field) => {
    const id = `intake-${field.name}`;
    const control = field.options
      ? el("select", { id, name: field.name }, ...field.options.map((o) => el("option", { value: o }, o)))
      : el("input", { id, name: field.name, type: field.type ?? "text", autocomplete: field.autocomplete ?? "off", spellcheck: "false" });
    control.value = defaults[field.name];
    return el("div", { class: field.wide ? "field wide" : "field" }, el("label", { for: id }, field.label), control);
  });
  byId("intake-fields").replaceChildren(...rows);
  byId("intake-note").value = defaults.note;
}

function updatePreview() {
  byId("fhir-preview").textContent = prettyJson(toFhirPatient(readIntake()));
}

/**
 * @param {{ phiseal: any, features: Set<string>, keyRing: import("./roles.js").KeyRing }} context
 */
export function setupIntakePanel(context) {
  renderFields();
  updatePreview();
  byId("intake-form").addEventListener("input", updatePreview);
  byId("intake-form").addEventListener("submit", (event) => event.preventDefault());
  // Sealing is wired here once the package offers record sealing (sealRecord/openRecord) and
  // de-identification (safeHarbor/scrubText); until then main.js keeps the controls disabled.
  void context;
}
