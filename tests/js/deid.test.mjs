// De-identification through the built package (docs/DEIDENTIFICATION.md): Safe Harbor on every FHIR
// fixture and the Bundle, reports free of identifier values, idempotence, the options outside
// Safe Harbor, free-text spans in JS string indices (UTF-16) on non-ASCII text, ZIP3, and the
// JSON boundary (lone surrogates, integers beyond 2^53).
import assert from "node:assert/strict";
import { test } from "node:test";
import { DeidKey, deidentify, safeHarbor, scrubText, zip3 } from "phiseal";
import { assertPhisealError, readRepoText } from "./helpers.mjs";

const FIXTURES = [
  "patient.json",
  "observation.json",
  "condition.json",
  "encounter.json",
  "medication_request.json",
  "document_reference.json",
  "questionnaire_response.json",
  "bundle.json",
];

/** Identifying strings of the fixtures, and dates finer than a year. */
const IDENTIFYING = [
  "QX-40921877",
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
  "pat-7f3a9c",
];

const fixtureText = (name) => readRepoText(`tests/fixtures/fhir/${name}`);
const fixture = (name) => JSON.parse(fixtureText(name));

/** Every string leaf and member name of a JSON value. */
function strings(value, out = []) {
  if (typeof value === "string") out.push(value);
  else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      out.push(key);
      strings(child, out);
    }
  }
  return out;
}

test("Safe Harbor output and report of every fixture hold no identifier", () => {
  for (const name of FIXTURES) {
    const { value, report } = safeHarbor(fixture(name), { referenceYear: 2026 });
    const leaks = IDENTIFYING.filter((secret) => JSON.stringify(value).includes(secret));
    assert.deepEqual(leaks, [], `identifiers in the output of ${name}`);
    assert.equal(report.safeHarbor, true);
    assert.equal(report.profile, "safe-harbor");
    assert.deepEqual(report.notSafeHarbor, []);
    assert.equal(report.censusYear, 2010);
    assert.ok(report.changes.length > 0, name);
    // No value of the input reaches the report: only element names, actions and counts.
    const reportText = JSON.stringify(report);
    for (const secret of IDENTIFYING) assert.ok(!reportText.includes(secret), `${secret} in the report of ${name}`);
    // Every value with a digit, a space or punctuation (single words may be element names).
    const values = strings(fixture(name)).filter((s) => s.length >= 4 && !/^[A-Za-z]+$/.test(s));
    for (const original of values) assert.ok(!reportText.includes(original), `"${original}" in the report of ${name}`);
    for (const change of report.changes) {
      assert.deepEqual(Object.keys(change).sort(), ["action", "count", "path"]);
      assert.ok(Number.isInteger(change.count) && change.count > 0);
    }
  }
});

test("an MRN inside a standalone DocumentReference's attachment title is removed", () => {
  const { value } = safeHarbor(fixture("document_reference.json"), { referenceYear: 2026 });
  assert.ok(!JSON.stringify(value).includes("QX-40921877"));
});

test("a Bundle's notes are scrubbed with the identifiers of its Patient", () => {
  // Alone, the Condition's note loses "Cambridge" too: a town before a site word ("Cambridge
  // clinic", docs/DEIDENTIFICATION.md "dev15 rules"); its sister's name goes by its relation.
  const alone = JSON.stringify(safeHarbor(fixture("condition.json"), { referenceYear: 2026 }).value);
  assert.ok(!alone.includes("Cambridge") && !alone.includes("Ysolde"));
  assert.ok(alone.includes("clinic; sister"));
  const { value, report } = safeHarbor(fixture("bundle.json"), { referenceYear: 2026 });
  assert.ok(!JSON.stringify(value).includes("Cambridge"));
  assert.ok(report.textSpans.ADDRESS >= 1, JSON.stringify(report.textSpans));
});

test("the Patient fixture: year-only dates, ZIP3, identifiers and names removed", () => {
  const { value, report } = safeHarbor(fixture("patient.json"), { referenceYear: 2026 });
  assert.equal(value.birthDate, "1984");
  assert.equal(value.address[0].postalCode, "021");
  assert.equal(value.address[0].state, "MA");
  assert.equal(value.identifier, undefined);
  assert.equal(value.name, undefined);
  assert.equal(value.telecom, undefined);
  assert.ok(report.changes.some((c) => c.path === "Patient.address.postalCode" && c.action === "zip3"));
  assert.ok(report.changes.some((c) => c.path === "Patient.birthDate" && c.action === "year-only"));
  const withoutYear = safeHarbor(fixture("patient.json"));
  assert.equal(withoutYear.value.birthDate, undefined, "no reference year: no age can be shown under 90");
});

test("de-identifying twice gives the same output", () => {
  for (const name of FIXTURES) {
    const once = safeHarbor(fixture(name), { referenceYear: 2026 }).value;
    assert.deepEqual(safeHarbor(once, { referenceYear: 2026 }).value, once, name);
  }
  const note = "Pt Maria Lopez, DOB 03/14/1931, MRN 4471-22, seen 2021-03-14 at 77 W. 42nd St., call (617) 555-0134.";
  for (const mode of ["tag", "surrogate", "mask"]) {
    const once = scrubText(note, { mode, referenceYear: 2026 }).text;
    assert.equal(scrubText(once, { mode, referenceYear: 2026 }).text, once, mode);
  }
});

test("JSON text in gives JSON text out, integers beyond 2^53 kept exactly", () => {
  const text = fixtureText("observation.json").replace('"value": 7.2', '"value": 9007199254740993');
  assert.ok(text.includes("9007199254740993"), "the fixture was edited");
  const { value, report } = safeHarbor(text, { referenceYear: 2026 });
  assert.equal(typeof value, "string");
  assert.ok(value.includes("9007199254740993"), value);
  assert.equal(report.safeHarbor, true);
  assertPhisealError(() => safeHarbor('{"resourceType":"Patient","gender":"female","gender":"male"}'), "MALFORMED");
});

test("lone surrogates are MALFORMED everywhere", () => {
  for (const bad of ["\ud800", "x\udfff"]) {
    assertPhisealError(() => scrubText(`note ${bad}`), "MALFORMED");
    assertPhisealError(() => safeHarbor({ resourceType: "Patient", gender: bad }), "MALFORMED");
    assertPhisealError(() => safeHarbor(`{"resourceType":"Patient","gender":"${bad}"}`), "MALFORMED");
    assertPhisealError(() => zip3(`0213${bad}`), "MALFORMED");
    assertPhisealError(() => scrubText("note", { known: { NAME: [`Zo${bad}`] } }), "MALFORMED");
  }
});

test("span offsets are JS string indices, also after non-ASCII text", () => {
  const note = "Zoë 👩🏽‍⚕️ née Ødegård: Dr. Alvarez saw Zoë on 03/14/2021 — call (617) 555-0134 or zoe@example.org. 東京.";
  const { text, spans } = scrubText(note, { known: { NAME: ["Zoë", "Ødegård"] } });
  const found = spans.map((s) => [s.type, note.slice(s.start, s.end)]);
  for (const expected of [
    ["NAME", "Zoë"],
    ["NAME", "Ødegård"],
    ["NAME", "Alvarez"],
    ["DATE", "03/14/2021"],
    ["PHONE", "(617) 555-0134"],
    ["EMAIL", "zoe@example.org"],
  ]) {
    assert.ok(found.some(([type, slice]) => type === expected[0] && slice === expected[1]), `${expected} in ${JSON.stringify(found)}`);
  }
  // Replacing each span of the input by its tag rebuilds the output exactly.
  let rebuilt = "";
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    assert.ok(span.start >= at && span.end > span.start && span.end <= note.length);
    rebuilt += `${note.slice(at, span.start)}[${span.type}]`;
    at = span.end;
  }
  assert.equal(rebuilt + note.slice(at), text);
  assert.ok(text.includes("👩🏽‍⚕️") && text.includes("東京"), "non-identifying text is untouched");
});

test("scrubText modes and options", () => {
  const note = "Maria Lopez called; Maria Lopez asked for Dr. Smith. Patient is a 93-year-old.";
  assert.match(scrubText(note, { mode: "surrogate" }).text, /\[NAME-1\] called; \[NAME-1\] asked for Dr\. \[NAME-2\]/);
  const masked = scrubText("call (617) 555-0134", { mode: "mask" }).text;
  assert.equal(masked, "call **************");
  assert.match(scrubText(note).text, /90\+/);
  assert.equal(scrubText("seen 03/14/2021", { keepYear: true }).text, "seen 2021");
  assert.deepEqual(scrubText(""), { text: "", spans: [] });
  assertPhisealError(() => scrubText(note, { mode: "redact" }), "INVALID_ARGUMENT");
  assertPhisealError(() => scrubText(note, { known: { NICKNAME: ["Bela"] } }), "INVALID_ARGUMENT");
  assertPhisealError(() => scrubText(note, { known: { NAME: "Bela" } }), "INVALID_ARGUMENT");
  assertPhisealError(() => scrubText(note, { known: { NAME: ["x".repeat(600)] } }), "LIMIT_EXCEEDED");
  assertPhisealError(() => scrubText(note, { keepYear: "yes" }), "INVALID_ARGUMENT");
  assertPhisealError(() => scrubText(note, { referenceYear: 20.5 }), "INVALID_ARGUMENT");
  assertPhisealError(() => scrubText(42), "INVALID_ARGUMENT");
  assertPhisealError(() => scrubText(note, { Mode: "mask" }), "INVALID_ARGUMENT");
});

test("options outside Safe Harbor are labelled in the report", () => {
  const key = DeidKey.fromBytes(new Uint8Array(32).fill(7));
  const patient = fixture("patient.json");
  const pseudonymized = safeHarbor(patient, { referenceYear: 2026, pseudonymKeyNotSafeHarbor: key });
  assert.equal(pseudonymized.report.safeHarbor, false);
  assert.deepEqual(pseudonymized.report.notSafeHarbor, ["keyed-pseudonyms"]);
  assert.deepEqual(safeHarbor(patient, { referenceYear: 2026, pseudonymKeyNotSafeHarbor: key }).value, pseudonymized.value, "stable across calls");
  const otherKey = DeidKey.fromBytes(new Uint8Array(32).fill(8));
  assert.notDeepEqual(safeHarbor(patient, { referenceYear: 2026, pseudonymKeyNotSafeHarbor: otherKey }).value, pseudonymized.value);

  const shifted = safeHarbor(patient, { referenceYear: 2026, dateShiftNotSafeHarbor: { key, patient: "internal-17", maxDays: 30 } });
  assert.deepEqual(shifted.report.notSafeHarbor, ["keyed-date-shift"]);
  assert.match(shifted.value.birthDate, /^1984-0[67]-\d\d$/);
  assert.notEqual(shifted.value.birthDate, "1984-07-21");

  const limited = safeHarbor(patient, { profile: "limitedDataSetNotSafeHarbor", referenceYear: 2026 });
  assert.equal(limited.report.profile, "limited-data-set");
  assert.equal(limited.value.address[0].postalCode, "02139");
  assert.equal(limited.value.name, undefined);

  assertPhisealError(() => DeidKey.fromBytes(new Uint8Array(31)), "INVALID_KEY");
  assertPhisealError(() => safeHarbor(patient, { profile: "expert" }), "INVALID_ARGUMENT");
  const misspelt = assertPhisealError(() => safeHarbor(patient, { referenceyear: 2026 }), "INVALID_ARGUMENT");
  assert.match(misspelt.message, /no option "referenceyear"/);
  assertPhisealError(() => safeHarbor(patient, { dateShiftNotSafeHarbor: { key, patient: "p", maxdays: 3 } }), "INVALID_ARGUMENT");
  assertPhisealError(() => safeHarbor(patient, { textMode: "blank" }), "INVALID_ARGUMENT");
  assertPhisealError(() => safeHarbor(patient, { dateShiftNotSafeHarbor: { key, patient: "p", maxDays: 0 } }), "INVALID_ARGUMENT");
  assertPhisealError(() => safeHarbor(patient, { pseudonymKeyNotSafeHarbor: new Uint8Array(32) }), "INVALID_ARGUMENT");
  key.free();
  key.free();
  assertPhisealError(() => safeHarbor(patient, { pseudonymKeyNotSafeHarbor: key }), "INVALID_ARGUMENT");
  otherKey.free();
});

test("inputs outside the profile are refused; the caller's resource is not modified", () => {
  assertPhisealError(() => safeHarbor({ resourceType: "Practitioner", name: [{ family: "Smith" }] }), "INVALID_ARGUMENT");
  assertPhisealError(() => safeHarbor({ name: "no resourceType" }), "INVALID_ARGUMENT");
  assertPhisealError(() => safeHarbor(7), "INVALID_ARGUMENT");
  let deep = {};
  for (let i = 0; i < 100; i += 1) deep = { extension: [deep] };
  assertPhisealError(() => safeHarbor({ resourceType: "Patient", extension: [deep] }), "LIMIT_EXCEEDED");
  const bundle = fixture("bundle.json");
  const copy = structuredClone(bundle);
  safeHarbor(bundle, { referenceYear: 2026 });
  assert.deepEqual(bundle, copy);
});

test("zip3 follows the Census table and the HHS list", () => {
  assert.equal(zip3("02139"), "021");
  assert.equal(zip3("02139-4307"), "021");
  assert.equal(zip3("036 01"), "000");
  assert.equal(zip3("03601"), "000", "036 is on the HHS list");
  assert.equal(zip3("89001"), "000", "890 is on the HHS list");
  assert.equal(zip3("not a zip"), "000");
  assert.equal(zip3(""), "000");
  assertPhisealError(() => zip3(2139), "INVALID_ARGUMENT");
});

test("deidentify(record, profile) is safeHarbor with the profile given positionally", () => {
  const patient = fixture("patient.json");
  assert.deepEqual(deidentify(patient, "safeHarbor", { referenceYear: 2026 }), safeHarbor(patient, { referenceYear: 2026 }));
  const limited = deidentify(patient, "limitedDataSetNotSafeHarbor", { referenceYear: 2026 });
  assert.equal(limited.report.safeHarbor, false);
  assert.throws(() => deidentify(patient, "safeHarbor", { profile: "safeHarbor" }), TypeError);
});
