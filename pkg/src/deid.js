// De-identification under HIPAA Safe Harbor, 45 CFR 164.514(b)(2) (docs/DEIDENTIFICATION.md): FHIR R4
// resources and Bundles, free-text notes and ZIP codes, over bindings/wasm/src/deid*.rs.
//
// Resources cross as JSON text exactly like records (see records.js): text in gives text out,
// an object gives an object. Span offsets are converted in WebAssembly from UTF-8 bytes to
// UTF-16 code units, so `text.slice(span.start, span.end)` is the replaced stretch.

import * as glue from "../dist/phiseal_wasm_bg.js";
import { DeidKey, DeidOptions } from "../dist/phiseal_wasm_bg.js";
import { guardHandles } from "./handles.js";
import { fromJsonText, knownOptions, requireHandle, toJsonText } from "./records.js";
import { PhisealError } from "./errors.js";

guardHandles(DeidKey);

const invalid = (message) => new PhisealError("INVALID_ARGUMENT", `invalid argument: ${message}`);

/** The options handle of one call; the caller frees it. */
function deidOptions(options) {
  const { profile, referenceYear, textMode, dateShiftNotSafeHarbor, pseudonymKeyNotSafeHarbor } = options;
  const handle = new DeidOptions();
  try {
    if (profile !== undefined) handle.setProfile(profile);
    if (referenceYear !== undefined) handle.setReferenceYear(referenceYear);
    if (textMode !== undefined) handle.setTextMode(textMode);
    if (dateShiftNotSafeHarbor !== undefined) {
      const { key, patient, maxDays } = knownOptions(dateShiftNotSafeHarbor, "dateShiftNotSafeHarbor", ["key", "patient", "maxDays"]);
      handle.setDateShiftNotSafeHarbor(requireHandle(key, DeidKey, "dateShiftNotSafeHarbor.key"), patient, maxDays);
    }
    if (pseudonymKeyNotSafeHarbor !== undefined) {
      handle.setPseudonymKeyNotSafeHarbor(requireHandle(pseudonymKeyNotSafeHarbor, DeidKey, "pseudonymKeyNotSafeHarbor"));
    }
    return handle;
  } catch (error) {
    handle.free();
    throw error;
  }
}

/**
 * De-identifies a FHIR R4 resource or Bundle (object or JSON text): `{ value, report }`, the
 * value in the same form as the input. The report holds paths, actions and counts only.
 */
export function safeHarbor(resource, options) {
  const text = toJsonText(resource, "resource");
  const allowed = ["profile", "referenceYear", "textMode", "dateShiftNotSafeHarbor", "pseudonymKeyNotSafeHarbor"];
  const handle = deidOptions(options === undefined ? {} : knownOptions(options, "safeHarbor", allowed));
  try {
    const { value, report } = glue.deidSafeHarbor(text, handle);
    return { value: fromJsonText(value, typeof resource === "string"), report };
  } finally {
    handle.free();
  }
}

/** `{ NAME: ["Maribel"], PHONE: [...] }` as the two parallel arrays the binding takes. */
function knownArrays(known) {
  if (known === undefined) return [[], []];
  if (known === null || typeof known !== "object" || Array.isArray(known)) {
    throw invalid("known must map identifier classes to arrays of strings");
  }
  const types = [];
  const values = [];
  for (const [type, list] of Object.entries(known)) {
    if (!Array.isArray(list)) throw invalid("known must map identifier classes to arrays of strings");
    for (const value of list) {
      types.push(type);
      values.push(value);
    }
  }
  return [types, values];
}

/**
 * Scrubs identifiers from free text: `{ text, spans: [{ type, start, end }] }`, offsets in
 * UTF-16 code units of the input (JS string indices).
 */
/**
 * `deidentify(record, profile, options)`: the name for `safeHarbor` with the profile
 * given positionally (`"safeHarbor"` by default, or `"limitedDataSetNotSafeHarbor"`).
 */
export function deidentify(record, profile = "safeHarbor", options = {}) {
  if (options === null || typeof options !== "object" || "profile" in options) {
    throw new TypeError("deidentify: options must be an object without `profile` (give the profile as the second argument)");
  }
  return safeHarbor(record, { ...options, profile });
}

export function scrubText(text, options) {
  const allowed = ["mode", "keepYear", "referenceYear", "known"];
  const { mode = "tag", keepYear = false, referenceYear, known } = options === undefined ? {} : knownOptions(options, "scrubText", allowed);
  if (typeof keepYear !== "boolean") throw invalid("keepYear must be a boolean");
  const { text: scrubbed, spans } = glue.deidScrubText(text, mode, keepYear, referenceYear, ...knownArrays(known));
  phiTypes ??= glue.deidPhiTypes();
  const list = [];
  for (let i = 0; i < spans.length; i += 3) list.push({ type: phiTypes[spans[i]], start: spans[i + 1], end: spans[i + 2] });
  return { text: scrubbed, spans: list };
}

/** Class labels in the order the binding numbers spans (read once). */
let phiTypes;

/** The Safe Harbor 3-digit form of a US ZIP code, or "000" (small, restricted or unknown area). */
export function zip3(zip) {
  return glue.deidZip3(zip);
}

export { DeidKey };
