// Unit tests of the leak finder used by the end-to-end checks (no browser needed).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { syntheticIdentifiers } from "../../www/js/synthetic-patient.js";
import { findLeaks } from "./leaks.mjs";

test("finds identifiers case-insensitively", () => {
  assert.deepEqual(findLeaks("seen: QUILLFEATHER, marisol", ["Marisol", "Quillfeather", "Odalys"]), [
    "Marisol",
    "Quillfeather",
  ]);
});

test("finds numbers written with other separators", () => {
  assert.deepEqual(findLeaks("ssn 999 68 4417", ["999-68-4417"]), ["999-68-4417"]);
  assert.deepEqual(findLeaks("call (617) 555.0142", ["+1-617-555-0142"]), []);
  assert.deepEqual(findLeaks("call (617) 555.0142", ["617-555-0142"]), ["617-555-0142"]);
  assert.deepEqual(findLeaks("zip 02139-4307", ["02139"]), ["02139"]);
  assert.deepEqual(findLeaks("MRN 4417 2093", ["MRN-44172093"]), ["MRN-44172093"]);
});

test("finds every identifier of the synthetic patient in its own plaintext", async () => {
  const { defaultIntake, toFhirPatient } = await import("../../www/js/synthetic-patient.js");
  const plaintext = JSON.stringify(toFhirPatient(defaultIntake()));
  assert.deepEqual(findLeaks(plaintext, syntheticIdentifiers).sort(), [...syntheticIdentifiers].sort());
});

test("does not flag random base64url ciphertext", () => {
  for (let i = 0; i < 200; i += 1) {
    const ciphertext = randomBytes(4096).toString("base64url");
    assert.deepEqual(findLeaks(ciphertext, syntheticIdentifiers.filter((s) => /\d/.test(s))), []);
  }
});
