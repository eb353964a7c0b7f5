// The project's envelope v1 vectors (tests/vectors/envelope/v1.json, docs/FORMAT.md) through
// the built package: every sealed-envelope and text-form case opens to the expected plaintext
// or fails with the expected stable error code.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeyPair, PublicKey, isPhisealError, open } from "phiseal";
import { hex, readRepoText } from "./helpers.mjs";

const vectors = JSON.parse(readRepoText("tests/vectors/envelope/v1.json"));
const keys = Object.fromEntries(
  Object.entries(vectors.keys).map(([name, k]) => [name, KeyPair.fromRaw(hex(k.secretKey))]),
);
// Key-only headers carry a data key for sealed records and have no JS entry point: the Rust
// suite checks them. Everything else is checked here.
const cases = vectors.cases.filter((c) => c.keyHeader === undefined);
const keyOnly = vectors.cases.length - cases.length;

function run(c) {
  const envelope = c.text ?? hex(c.envelope);
  const options = { context: hex(c.context) };
  if (c.expectSender !== undefined) options.expectedSender = keys[c.expectSender].toPublicKey();
  try {
    return { plaintext: open(envelope, keys[c.openAs], options) };
  } catch (error) {
    assert.ok(isPhisealError(error), `${c.name}: ${error}`);
    return { error: error.code };
  }
}

test("the vector keys match their published public keys and ids", () => {
  for (const [name, k] of Object.entries(vectors.keys)) {
    assert.deepEqual(keys[name].publicKey, hex(k.publicKey), name);
    assert.equal(keys[name].keyId, k.keyId, name);
    assert.equal(PublicKey.fromBytes(hex(k.publicKey)).keyId, k.keyId, name);
  }
});

test("every envelope vector gives its expected plaintext or error code", () => {
  let plaintexts = 0;
  let errors = 0;
  for (const c of cases) {
    const result = run(c);
    if (c.expect.plaintext !== undefined) {
      assert.deepEqual(result, { plaintext: hex(c.expect.plaintext) }, c.name);
      plaintexts += 1;
    } else {
      assert.deepEqual(result, { error: c.expect.error }, c.name);
      errors += 1;
    }
  }
  assert.equal(plaintexts + errors + keyOnly, vectors.cases.length);
  assert.ok(plaintexts >= 7 && errors >= 25, `ran ${plaintexts} successes and ${errors} failures`);
});
