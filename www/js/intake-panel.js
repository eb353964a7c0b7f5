// Panel 2, Intake: a pre-filled synthetic FHIR Patient and a free-text note. "Seal and upload"
// shows what the cloud stores (the sealed record), what analytics receives (the Safe Harbor
// copy and its report) and what each role opens.
import { byId, describeError, el, prettyJson, setResult, whileBusy } from "./dom.js";
import { intakePolicy } from "./policy.js";
import { roles } from "./roles.js";
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
  byId("policy-preview").textContent = prettyJson(intakePolicy);
}

/** Replaces the value at each JSON Pointer (RFC 6901) in `paths` with `marker`, in place. */
function markSealed(value, paths, marker) {
  for (const path of paths) {
    const tokens = path.split("/").slice(1).map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"));
    const last = tokens.pop();
    let parent = value;
    for (const token of tokens) parent = parent?.[token];
    if (parent && last !== undefined && last in parent) parent[last] = marker;
  }
  return value;
}

/**
 * Seals the record for every role's public key, as the device does before upload.
 * @returns {object} the sealed record (what the cloud stores)
 */
function sealIntake(phiseal, keyRing, record) {
  const publicKeys = roles.map((role) => [role.id, keyRing.get(role.id).toPublicKey()]);
  try {
    const recipients = Object.fromEntries(publicKeys.map(([role, key]) => [role, [key]]));
    return phiseal.sealRecord(record, intakePolicy, recipients, { recordId: `Patient/${crypto.randomUUID()}` });
  } finally {
    for (const [, key] of publicKeys) key.free();
  }
}

/** Shows what one role opens from the uploaded text. */
function renderRoleView(phiseal, keyRing, role, uploaded) {
  const view = el("section", { class: "role-view", "data-role": role.id, "aria-labelledby": `view-${role.id}` });
  const heading = el("h4", { id: `view-${role.id}` }, role.label);
  try {
    // The sealed record as the cloud returns it (JSON text), opened with this role's key.
    const opened = phiseal.openRecord(uploaded, keyRing.get(role.id));
    const record = JSON.parse(opened.record);
    const sealedPaths = [...opened.sealedPaths];
    view.dataset.opened = opened.record;
    view.dataset.sealedPaths = JSON.stringify(sealedPaths);
    const shown = markSealed(record, sealedPaths, "[sealed]");
    const summary =
      sealedPaths.length === 0
        ? "Opens every field."
        : `${sealedPaths.length} ${sealedPaths.length === 1 ? "field stays" : "fields stay"} sealed for this role.`;
    view.append(
      heading,
      el("p", { class: "hint" }, summary),
      el("pre", { class: "code output small", tabindex: "0", "aria-label": `What the ${role.label.toLowerCase()} opens` }, prettyJson(shown)),
    );
  } catch (error) {
    view.dataset.error = describeError(error);
    view.append(heading, el("p", { class: "result", "data-kind": "error" }, describeError(error)));
  }
  return view;
}

/** The Safe Harbor copy for analytics: the record de-identified (the note scrubbed too). */
function renderAnalytics(phiseal, record) {
  // With the reference year, birth dates keep their year (ages over 89 are still aggregated).
  const result = phiseal.safeHarbor(record, { referenceYear: new Date().getUTCFullYear() });
  byId("analytics-output").textContent = prettyJson(result.value);
  renderReport(result.report);
}

/** The de-identification report as a table (it holds paths and counts, never a value). */
function renderReport(report) {
  const spans = Object.entries(report.textSpans ?? {}).map(([type, count]) => `${type} ${count}`);
  const summary = el(
    "p",
    { class: "hint" },
    `${report.safeHarbor ? "Safe Harbor" : "Not Safe Harbor"} (${report.profile}); ZIP3 table: ${report.censusYear} Census.` +
      (spans.length ? ` Identifiers found in free text: ${spans.join(", ")}.` : ""),
  );
  const rows = report.changes.map((change) =>
    el("tr", {}, el("td", { class: "mono" }, change.path), el("td", {}, change.action), el("td", { class: "num" }, String(change.count))),
  );
  const table = el(
    "table",
    { class: "report" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Field"), el("th", { scope: "col" }, "Action"), el("th", { scope: "col" }, "Count"))),
    el("tbody", {}, ...rows),
  );
  byId("deid-report").replaceChildren(summary, table);
}

function sealAndUpload({ phiseal, features, keyRing }) {
  const status = byId("intake-status");
  if (!keyRing.complete) return setResult(status, "error", "Generate keys for all roles first (panel 1).");
  const record = toFhirPatient(readIntake());
  let uploaded;
  try {
    const sealed = sealIntake(phiseal, keyRing, record);
    uploaded = typeof sealed === "string" ? sealed : JSON.stringify(sealed);
    byId("cloud-output").textContent = prettyJson(JSON.parse(uploaded));
  } catch (error) {
    return setResult(status, "error", `Sealing failed: ${describeError(error)}`);
  }
  byId("role-views").replaceChildren(...roles.map((role) => renderRoleView(phiseal, keyRing, role, uploaded)));
  if (features.has("deid")) {
    try {
      renderAnalytics(phiseal, record);
    } catch (error) {
      return setResult(status, "error", `De-identification failed: ${describeError(error)}`);
    }
  }
  setResult(status, "ok", `Sealed ${new Blob([uploaded]).size.toLocaleString("en-US")} bytes for upload.`);
}

/**
 * @param {{ phiseal: any, features: Set<string>, keyRing: import("./roles.js").KeyRing }} context
 */
export function setupIntakePanel(context) {
  renderFields();
  updatePreview();
  const form = byId("intake-form");
  form.addEventListener("input", updatePreview);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!context.features.has("records")) return;
    whileBusy(byId("seal-upload"), () => sealAndUpload(context));
  });
}
