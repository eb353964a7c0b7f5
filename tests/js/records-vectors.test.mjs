// The record vectors of both format versions (tests/vectors/records/v1.json and v2.json,
// docs/RECORDS.md section 13) through the built package, mirroring tests/records_vectors.rs:
// every identity opens every case to exactly the stored result, every tampered copy fails with
// the stored code, blind-index tokens match, and what the package seals now is version 2.
// Sealed records are fed as their exact JSON text (sliced from the file, so integers beyond
// 2^53 reach the core digit for digit) and as objects.
import assert from "node:assert/strict";
import { test } from "node:test";
import { IndexKey, KeyPair, blindIndex, openRecord, sealRecord } from "phiseal";
import { assertPhisealError, hex, readRepoText } from "./helpers.mjs";

/** Every version's vector file: version 1 records must keep opening after version 2 replaced it. */
const VERSIONS = ["v1", "v2"];

/** End of the JSON value starting at `i` (after white space) in `source`. */
function valueEnd(source, i) {
  let depth = 0;
  for (let j = i; j < source.length; j += 1) {
    const c = source[j];
    if (c === '"') {
      j += 1;
      while (source[j] !== '"') j += source[j] === "\\" ? 2 : 1;
      if (depth === 0) return j + 1;
    } else if (c === "{" || c === "[") {
      depth += 1;
    } else if (c === "}" || c === "]") {
      depth -= 1;
      if (depth === 0) return j + 1;
      if (depth < 0) return j;
    } else if (depth === 0 && (c === "," || /\s/.test(c))) {
      return j;
    }
  }
  return source.length;
}

/** The exact source text of the members named `name` of the `list` array's objects, in order. */
function rawMembers(text, list, name) {
  const start = text.indexOf(`"${list}"`);
  const listStart = text.indexOf("[", start);
  const listEnd = valueEnd(text, listStart);
  const out = [];
  let from = listStart;
  for (;;) {
    const key = text.indexOf(`"${name}"`, from);
    if (key < 0 || key > listEnd) return out;
    let valueStart = text.indexOf(":", key) + 1;
    while (/\s/.test(text[valueStart])) valueStart += 1;
    const end = valueEnd(text, valueStart);
    out.push(text.slice(valueStart, end));
    from = end;
  }
}

for (const version of VERSIONS) {
  const text = readRepoText(`tests/vectors/records/${version}.json`);
  const vectors = JSON.parse(text);
  const identities = Object.fromEntries(
    Object.entries(vectors.identities).map(([name, secret]) => [name, KeyPair.fromRaw(hex(secret))]),
  );
  const sealedTexts = rawMembers(text, "cases", "sealed");


  test(`${version}: the raw slices are the vector's sealed records`, () => {
    assert.equal(sealedTexts.length, vectors.cases.length);
    sealedTexts.forEach((raw, i) => assert.deepEqual(JSON.parse(raw), vectors.cases[i].sealed));
    assert.ok(sealedTexts.some((raw) => raw.includes("9007199254740993")) || text.includes("9007199254740993"));
  });

  test(`${version}: every identity opens every case as recorded, from text and from objects`, () => {
    let opened = 0;
    vectors.cases.forEach((testCase, i) => {
      for (const [who, expected] of Object.entries(testCase.expected)) {
        for (const input of [sealedTexts[i], testCase.sealed]) {
          const label = `${testCase.name} / ${who} / ${typeof input}`;
          if (expected.error !== undefined) {
            assertPhisealError(() => openRecord(input, identities[who]), expected.error);
            continue;
          }
          const result = openRecord(input, identities[who]);
          const record = typeof input === "string" ? JSON.parse(result.record) : result.record;
          assert.deepEqual(record, expected.value, label);
          assert.deepEqual(result.sealedPaths, expected.sealedPaths, label);
          assert.deepEqual(result.roles, expected.roles, label);
          assert.equal(result.recordId, testCase.recordId, label);
          const sender = result.sender === undefined ? undefined : Buffer.from(result.sender.bytes).toString("hex");
          assert.equal(sender, testCase.sender, label);
          result.sender?.free();
          opened += 1;
        }
      }
    });
    assert.ok(opened >= 16, `opened ${opened}`);
  });

  test(`${version}: integers beyond 2^53 come back exactly when the record is given as text`, () => {
    const research = openRecord(sealedTexts[0], identities.research);
    assert.match(research.record, /9007199254740993/);
    assert.equal(JSON.parse(research.record).birthDate, "1979");
    const asObject = openRecord(vectors.cases[0].sealed, identities.research);
    assert.ok(!JSON.stringify(asObject.record).includes("9007199254740993"), "a JS number cannot hold it");
  });

  test(`${version}: every tampered copy fails with its code`, () => {
    const failures = rawMembers(text, "failures", "sealed");
    assert.equal(failures.length, vectors.failures.length);
    assert.ok(failures.length >= 10);
    vectors.failures.forEach((failure, i) => {
      assertPhisealError(() => openRecord(failures[i], identities[failure.identity]), failure.error);
      assertPhisealError(() => openRecord(failure.sealed, identities[failure.identity]), failure.error);
    });
  });

  test(`${version}: blind-index known answers`, () => {
    const key = IndexKey.fromBytes(hex(vectors.indexKey));
    assert.ok(vectors.blindIndex.length >= 5);
    for (const token of vectors.blindIndex) {
      assert.equal(blindIndex(key, token.indexName, token.normalize, token.value, token.length), token.token);
    }
    key.free();
  });
}

{
  const vectors = JSON.parse(readRepoText("tests/vectors/records/v2.json"));
  const identities = Object.fromEntries(
    Object.entries(vectors.identities).map(([name, secret]) => [name, KeyPair.fromRaw(hex(secret))]),
  );
  test("the cases are version 2, and what the package seals now opens like them", () => {
    for (const testCase of vectors.cases) assert.equal(testCase.sealed._phiseal.v, 2);
    const [first] = vectors.cases;
    const recipients = { clinician: [identities.clinician.toPublicKey()], billing: [identities.billing.toPublicKey()], research: [identities.research.toPublicKey()] };
    const indexKey = IndexKey.fromBytes(hex(vectors.indexKey));
    const sealed = sealRecord(first.record, first.policy, recipients, { recordId: first.recordId, indexKey });
    assert.equal(sealed._phiseal.v, 2);
    assert.ok(sealed.birthDate.startsWith("phs2.") && sealed.birthDate.split(".").length === 3, "exact value and research year");
    assert.notEqual(sealed.birthDate, first.sealed.birthDate, "sealing is randomized");
    for (const [who, expected] of Object.entries(first.expected)) {
      if (expected.error !== undefined) {
        assertPhisealError(() => openRecord(sealed, identities[who]), expected.error);
        continue;
      }
      const opened = openRecord(sealed, identities[who]);
      assert.deepEqual(opened.sealedPaths, expected.sealedPaths, who);
      assert.deepEqual(opened.roles, expected.roles, who);
    }
    indexKey.free();
  });
}
