// JSON crossing into WebAssembly (docs/RECORDS.md section 1; SECURITY-CHECKLIST "Records"):
// lone surrogates, duplicate keys, numbers beyond 2^53, values JSON cannot represent, nesting
// and size limits, for records given as JSON text and as objects.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeyPair, openRecord, sealRecord, validatePolicy } from "phiseal";
import { assertPhisealError } from "./helpers.mjs";

const clinician = KeyPair.generate();
const research = KeyPair.generate();
const recipients = { clinician: [clinician.publicKey], research: [research.publicKey] };
/** Keeps `/count` and `/note` in the clear for research; everything else only for clinicians. */
const policy = {
  version: 1,
  roles: ["clinician", "research"],
  default: { action: "encrypt", roles: ["clinician"] },
  rules: [
    { path: "/count", action: "keep" },
    { path: "/note", action: "encrypt", roles: ["clinician", "research"] },
  ],
};
const options = { recordId: "r-1" };
const seal = (record) => sealRecord(record, policy, recipients, options);

test("lone surrogates are MALFORMED in record text, object values, object keys and ids", () => {
  for (const bad of ["\ud800", "\udc00", "a\udbffb", "\udc00\ud800"]) {
    assertPhisealError(() => seal(`{"note":"${bad}"}`), "MALFORMED");
    assertPhisealError(() => seal({ note: bad }), "MALFORMED");
    assertPhisealError(() => seal({ [`k${bad}`]: 1 }), "MALFORMED");
    assertPhisealError(() => seal({ nested: [{ deep: bad }] }), "MALFORMED");
    assertPhisealError(() => sealRecord({ note: "ok" }, policy, recipients, { recordId: `r${bad}` }), "MALFORMED");
    assertPhisealError(() => openRecord(`{"_phiseal":"${bad}"}`, clinician), "MALFORMED");
  }
  // The escaped form in text is refused by the strict parser too.
  assertPhisealError(() => seal('{"note":"\\ud800"}'), "MALFORMED");
});

test("a real U+FFFD is text, and does not hide a lone surrogate next to it", () => {
  // The bindings scan code units only when the converted text holds U+FFFD (what a lone
  // surrogate turns into): both sides of that shortcut.
  const record = { note: "replacement \ufffd char" };
  assert.deepEqual(openRecord(seal(record), clinician).record, record);
  assert.deepEqual(JSON.parse(openRecord(seal(JSON.stringify(record)), clinician).record), record);
  for (const bad of ["\ufffd\ud800", "\udc00\ufffd"]) {
    assertPhisealError(() => seal(`{"note":"${bad}"}`), "MALFORMED");
    assertPhisealError(() => seal({ note: bad }), "MALFORMED");
  }
});

test("a changed policy is used at once (the bindings reuse a compiled policy only for the same text)", () => {
  const record = { count: 3, secret: "x" };
  assert.equal(seal(record).count, 3);
  const stricter = { ...policy, rules: policy.rules.filter((rule) => rule.path !== "/count") };
  const sealed = sealRecord(record, stricter, recipients, options);
  assert.ok(sealed.count.startsWith("phs2."), "count is encrypted under the changed policy");
  assert.equal(seal(record).count, 3, "and kept again under the first one");
  assertPhisealError(() => sealRecord(record, { ...policy, version: 2 }, recipients, options), "INVALID_POLICY");
});

test("the same policy object changed in place between seals is used as it is now", () => {
  const record = { count: 3, secret: "x" };
  const mutable = structuredClone(policy);
  assert.equal(sealRecord(record, mutable, recipients, options).count, 3);
  assert.equal(sealRecord(record, mutable, recipients, options).count, 3, "unchanged: the same text");
  mutable.rules[0].action = "redact";
  assert.ok(!("count" in sealRecord(record, mutable, recipients, options)), "a rule's action changed");
  mutable.rules[0] = { action: "keep", path: "/count" };
  assert.equal(sealRecord(record, mutable, recipients, options).count, 3, "members reordered");
  mutable.rules.pop();
  assert.ok(sealRecord({ note: "n" }, mutable, recipients, options).note.startsWith("phs2."));
  const noteForClinicians = sealRecord({ note: "n" }, mutable, recipients, options);
  assertPhisealError(() => openRecord(noteForClinicians, research), "NO_MATCHING_RECIPIENT"); // a rule removed
  mutable.rules[0].extra = undefined;
  assert.equal(sealRecord(record, mutable, recipients, options).count, 3, "an undefined member, left out as JSON.stringify leaves it out");
  mutable.rules[0].path = { toJSON: () => "/secret" };
  assert.equal(sealRecord(record, mutable, recipients, options).secret, "x", "toJSON is honoured as JSON.stringify honours it");
  mutable.rules[0].path = new Map();
  assertPhisealError(() => sealRecord(record, mutable, recipients, options), "INVALID_ARGUMENT");
  mutable.rules[0].path = "/count";
  mutable.version = Number.NaN;
  assertPhisealError(() => sealRecord(record, mutable, recipients, options), "INVALID_ARGUMENT");
});

test("paired surrogates and other non-ASCII text round trip exactly", () => {
  const record = { note: "Zoë 𝄞 👩🏽‍⚕️ 東京", "clé 🔑": ["ß", "\u0000\u001f"] };
  const opened = openRecord(seal(record), clinician);
  assert.deepEqual(opened.record, record);
  assert.equal(openRecord(seal(record), research).record.note, record.note);
  const text = JSON.stringify(record);
  assert.deepEqual(JSON.parse(openRecord(seal(text), clinician).record), record);
});

test("integers beyond 2^53 and huge exponents survive exactly when given as text", () => {
  const text = '{"count":9007199254740993,"note":{"big":-123456789012345678901234567890,"tiny":1e-400,"huge":1E400,"zero":-0,"frac":0.1000}}';
  const sealed = seal(text);
  assert.equal(typeof sealed, "string");
  assert.ok(sealed.includes('"count":9007199254740993'), "kept in the clear, digit for digit");
  for (const who of [clinician, research]) {
    const opened = openRecord(sealed, who).record;
    assert.equal(typeof opened, "string");
    for (const literal of ["9007199254740993", "-123456789012345678901234567890", "1e-400", "1e+400", "-0", "0.1000"]) {
      assert.ok(opened.includes(literal), `${literal} in ${opened}`);
    }
  }
  // The same record as an object: JS has already rounded the number before phiseal sees it.
  assert.equal(openRecord(seal({ count: 9007199254740993, note: "n" }), clinician).record.count, 9007199254740992);
});

test("duplicate member names are MALFORMED (detectable only in text)", () => {
  assertPhisealError(() => seal('{"note":1,"note":2}'), "MALFORMED");
  assertPhisealError(() => seal('{"a":{"b":1,"b":1}}'), "MALFORMED");
  assertPhisealError(() => seal('{"note":1,"n\\u006fte":2}'), "MALFORMED");
  assertPhisealError(() => sealRecord({ note: 1 }, '{"version":1,"version":1,"roles":["clinician"],"rules":[]}', recipients, options), "MALFORMED");
  const sealed = JSON.stringify(seal({ note: "x" }));
  const duplicated = sealed.replace('"_phiseal":', '"note":"y","_phiseal":');
  assertPhisealError(() => openRecord(duplicated, clinician), "MALFORMED");
});

test("text outside RFC 8259 is MALFORMED", () => {
  for (const bad of ['{"note":1,}', '{"note":01}', '{"note":NaN}', '{"note":1} x', "\ufeff{}", '{"note":1 /* c */}', "", "{"]) {
    assertPhisealError(() => seal(bad), "MALFORMED");
  }
});

test("values JSON cannot represent are refused instead of changed", () => {
  for (const bad of [NaN, Infinity, -Infinity]) assertPhisealError(() => seal({ note: bad }), "INVALID_ARGUMENT");
  const error = assertPhisealError(() => seal({ note: 2n ** 64n }), "INVALID_ARGUMENT");
  assert.match(error.message, /JSON text/);
  assertPhisealError(() => seal({ note: () => 1 }), "INVALID_ARGUMENT");
  assertPhisealError(() => seal({ note: Symbol("s") }), "INVALID_ARGUMENT");
  assertPhisealError(() => seal({ note: [1, undefined] }), "INVALID_ARGUMENT");
  assertPhisealError(() => seal({ note: new Map([["a", 1]]) }), "INVALID_ARGUMENT");
  assertPhisealError(() => seal({ note: new Uint8Array(2) }), "INVALID_ARGUMENT");
  const cyclic = { note: {} };
  cyclic.note.self = cyclic;
  assertPhisealError(() => seal(cyclic), "INVALID_ARGUMENT");
  assertPhisealError(() => seal(null), "INVALID_ARGUMENT");
  assertPhisealError(() => seal("[1]"), "INVALID_ARGUMENT");
  assertPhisealError(() => validatePolicy({ ...policy, version: NaN }), "INVALID_ARGUMENT");
  // `undefined` members are absent, as with JSON.stringify; Dates become their ISO text.
  const opened = openRecord(seal({ note: "x", gone: undefined, when: new Date(0) }), clinician).record;
  assert.deepEqual(opened, { note: "x", when: "1970-01-01T00:00:00.000Z" });
});

test("nesting and size limits are LIMIT_EXCEEDED, for text and for objects", () => {
  const deepText = `{"note":${"[".repeat(200)}${"]".repeat(200)}}`;
  assertPhisealError(() => seal(deepText), "LIMIT_EXCEEDED");
  let deep = [];
  for (let i = 0; i < 200; i += 1) deep = [deep];
  assertPhisealError(() => seal({ note: deep }), "LIMIT_EXCEEDED");
  let veryDeep = {};
  for (let i = 0; i < 200_000; i += 1) veryDeep = { a: veryDeep };
  assertPhisealError(() => seal({ note: veryDeep }), "LIMIT_EXCEEDED");
  const huge = `{"note":"${"x".repeat(17 * 1024 * 1024)}"}`;
  assertPhisealError(() => seal(huge), "LIMIT_EXCEEDED");
  assertPhisealError(() => seal({ note: "x".repeat(2 * 1024 * 1024) }), "LIMIT_EXCEEDED");
  // Just inside the depth limit works.
  let ok = "x";
  for (let i = 0; i < 100; i += 1) ok = [ok];
  assert.deepEqual(openRecord(seal({ note: ok }), clinician).record.note, ok);
});

test("the caller's record is never modified", () => {
  const freeze = (value) => {
    if (value !== null && typeof value === "object") Object.values(Object.freeze(value)).forEach(freeze);
    return value;
  };
  const record = freeze({ note: "n", count: 3, list: [{ a: 1 }, "b"] });
  const copy = structuredClone(record);
  const sealed = freeze(seal(record));
  assert.deepEqual(record, copy);
  const sealedCopy = structuredClone(sealed);
  openRecord(sealed, clinician);
  assert.deepEqual(sealed, sealedCopy);
});
