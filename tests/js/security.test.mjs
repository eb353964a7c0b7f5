// Security checklist cases that concern the JS face (shared/SECURITY-CHECKLIST.md), run
// against the built package under WebAssembly.
import assert from "node:assert/strict";
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import { inspect as nodeInspect } from "node:util";
import { KeyPair, hpke, isPhisealError, open, seal } from "phiseal";
import { assertPhisealError, base64url } from "./helpers.mjs";

const context = "record:1|purpose:test";
const plaintext = new TextEncoder().encode("HbA1c 6.1%");

test("a failing random source is RANDOM_UNAVAILABLE, never a weaker source", () => {
  const original = globalThis.crypto.getRandomValues;
  const recipient = KeyPair.generate();
  globalThis.crypto.getRandomValues = () => {
    throw new Error("entropy source unavailable");
  };
  try {
    assertPhisealError(() => KeyPair.generate(), "RANDOM_UNAVAILABLE");
    assertPhisealError(() => seal(plaintext, [recipient.publicKey], { context }), "RANDOM_UNAVAILABLE");
    assertPhisealError(() => hpke.seal({ publicKey: recipient.publicKey, plaintext }), "RANDOM_UNAVAILABLE");
  } finally {
    globalThis.crypto.getRandomValues = original;
  }
  assert.equal(KeyPair.generate().publicKey.length, 32, "works again once the source is back");
});

test("handles print and serialise no key material", () => {
  const pair = KeyPair.generate();
  const secret = pair.dangerousExportRaw();
  const secretForms = [Buffer.from(secret).toString("hex"), base64url(secret), Array.from(secret).join(",")];
  for (const shown of [nodeInspect(pair, { showHidden: true, depth: 5 }), JSON.stringify(pair), String(pair)]) {
    for (const form of secretForms) assert.ok(!shown.includes(form), `leaked in ${shown}`);
  }
});

test("one bit flipped anywhere in an envelope: an error, never plaintext", () => {
  const recipient = KeyPair.generate();
  const sealed = seal(plaintext, [recipient.publicKey], { context, sender: KeyPair.generate() });
  const codes = new Set();
  for (let i = 0; i < sealed.length; i += 1) {
    const tampered = sealed.slice();
    tampered[i] ^= 1 << (i % 8);
    try {
      open(tampered, recipient, { context });
      assert.fail(`byte ${i}: a tampered envelope opened`);
    } catch (error) {
      assert.ok(isPhisealError(error), `byte ${i}: ${error}`);
      codes.add(error.code);
    }
  }
  assert.ok(codes.has("AUTH_FAILED"));
  for (const code of codes) assert.ok(["AUTH_FAILED", "MALFORMED", "UNSUPPORTED_VERSION", "NO_MATCHING_RECIPIENT", "INVALID_KEY", "LIMIT_EXCEEDED"].includes(code), code);
});

test("an envelope cut at every offset is an error, never a shorter plaintext", () => {
  const recipient = KeyPair.generate();
  const sealed = seal(plaintext, [recipient.publicKey], { context });
  for (let length = 0; length < sealed.length; length += 1) {
    assert.throws(() => open(sealed.subarray(0, length), recipient, { context }), (e) => isPhisealError(e), `length ${length}`);
  }
});

test("lone surrogates are refused, also on engines without String.prototype.isWellFormed", () => {
  const recipient = KeyPair.generate();
  for (const bad of ["\ud800", "a\udc00b", "\udbff\udbff"]) {
    assertPhisealError(() => seal(plaintext, [recipient.publicKey], { context: bad }), "INVALID_ARGUMENT");
  }
  assert.deepEqual(open(seal(plaintext, [recipient.publicKey], { context: "emoji \ud83e\ude7a ok" }), recipient, { context: "emoji 🩺 ok" }), plaintext);
  const script = `
    delete String.prototype.isWellFormed;
    const p = await import("phiseal");
    const k = p.KeyPair.generate();
    let code = "accepted";
    try { p.seal(new Uint8Array(1), [k.publicKey], { context: "x\\ud800" }); } catch (e) { code = e.code; }
    const ok = p.open(p.seal(new Uint8Array([5]), [k.publicKey], { context: "🩺" }), k, { context: "🩺" })[0] === 5;
    console.log(JSON.stringify({ code, ok }));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", cwd: new URL(".", import.meta.url) });
  assert.deepEqual(JSON.parse(out), { code: "INVALID_ARGUMENT", ok: true });
});
