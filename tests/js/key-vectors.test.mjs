// The project's key vectors (tests/vectors/keys/, docs/KEYS.md) through the built package:
// strict JWK import, password-protected backups, fingerprints.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeyPair, PublicKey, isPhisealError, readKeyBackup } from "phiseal";
import { hex, readRepoText } from "./helpers.mjs";

const load = (name) => JSON.parse(readRepoText(`tests/vectors/keys/${name}.json`));

/** `{ ok: { publicKeyHex, keyId } }` or `{ error: code }` for one import. */
function outcome(importKey) {
  try {
    const key = importKey();
    return { ok: { publicKeyHex: Buffer.from(key.bytes ?? key.publicKey).toString("hex"), keyId: key.keyId } };
  } catch (error) {
    assert.ok(isPhisealError(error), String(error));
    return { error: error.code };
  }
}

function expectedOutcome(expected) {
  return expected.result === "ok"
    ? { ok: { publicKeyHex: expected.public_key_hex, keyId: expected.key_id } }
    : { error: expected.error };
}

test("every JWK vector imports or fails as expected", () => {
  const { cases } = load("jwk");
  for (const c of cases) {
    const importKey = c.operation === "import_private" ? () => KeyPair.fromPrivateJwk(c.jwk) : () => PublicKey.fromJwk(c.jwk);
    assert.deepEqual(outcome(importKey), expectedOutcome(c.expected), c.name);
  }
  assert.equal(cases.length, 27);
});

test("every backup vector unlocks or fails as expected", () => {
  const { cases } = load("backup");
  for (const c of cases) {
    const password = new TextEncoder().encode(c.password_utf8);
    const result = outcome(() => KeyPair.importWithPassword(c.backup, password));
    assert.deepEqual(result, expectedOutcome(c.expected), c.name);
    if (c.expected.result === "ok") {
      const pair = KeyPair.importWithPassword(c.backup, password);
      assert.equal(Buffer.from(pair.dangerousExportRaw()).toString("hex"), c.expected.secret_key_hex, c.name);
      assert.equal(readKeyBackup(c.backup).keyId, c.expected.key_id, c.name);
    }
  }
  assert.equal(cases.length, 17);
});

test("every fingerprint vector matches", () => {
  const { cases } = load("fingerprint");
  for (const c of cases) assert.equal(PublicKey.fromBytes(hex(c.public_key_hex)).fingerprint, c.fingerprint, c.name);
  assert.equal(cases.length, 4);
});
