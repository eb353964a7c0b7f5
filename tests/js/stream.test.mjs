// sealStream / openStream through the built package: round trips at the chunk boundaries and
// several MiB with both chunk engines and every input form, the checked-in vectors
// (tests/vectors/envelope/stream-v1.json, released-before-error counts included), and the
// checklist's streaming cases: chunks altered, dropped, reordered, duplicated; cuts at and
// between boundaries; errors that stay errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeyPair, openStream, sealStream } from "phiseal";
import { hex, readRepoText } from "./helpers.mjs";
import { CHUNK, ENGINES, SEALED_CHUNK, assertCode, collect, drain, pattern, piecesOf } from "./stream-helpers.mjs";

const alice = KeyPair.generate();
const bob = KeyPair.generate();
const context = "attachment:scan-0042|purpose:radiology";
/** Envelope header for one anonymous recipient, then the C2SP salt and commitment. */
const PREFIX = 9 + 32 + 2 + 112 + 64 + 56;

const sealBytes = (data, options = {}) => collect(sealStream(data, [alice.publicKey], { context, ...options }));

test("round trips at 0, 1, 16383, 16384, 16385 bytes and 3 MiB, across both engines", async () => {
  for (const length of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * 1024 * 1024 + 5]) {
    const data = pattern(length);
    for (const sealEngine of ENGINES) {
      const sealed = await sealBytes(new Blob([data]), { engine: sealEngine });
      const chunks = Math.floor(length / CHUNK);
      assert.equal(sealed.length, PREFIX + chunks * SEALED_CHUNK + (length % CHUNK) + 16, `${length} ${sealEngine}`);
      for (const openEngine of ENGINES) {
        const opened = await collect(openStream(sealed, alice, { context, engine: openEngine }));
        assert.deepEqual(opened, data, `${length} bytes sealed by ${sealEngine}, opened by ${openEngine}`);
      }
    }
  }
});

test("every input form and piece size frames the same message", async () => {
  const data = pattern(2 * CHUNK + 777);
  const inputs = {
    bytes: data,
    arrayBuffer: data.slice().buffer,
    blob: new Blob([data]),
    response: new Response(data),
    "7-byte pieces": piecesOf(data, 7),
    "1000-byte pieces": piecesOf(data, 1000),
    "70000-byte pieces": piecesOf(data, 70000),
  };
  for (const [name, input] of Object.entries(inputs)) {
    const sealed = await sealBytes(input);
    for (const size of [1, 999, SEALED_CHUNK, 100000]) {
      const opened = await collect(openStream(piecesOf(sealed, size), alice, { context }));
      assert.deepEqual(opened, data, `${name}, ciphertext in ${size}-byte pieces`);
    }
  }
});

test("sealing is randomized and binds the recipients, the context and the sender", async () => {
  const sender = KeyPair.generate();
  const data = pattern(100);
  const a = await sealBytes(data);
  const b = await sealBytes(data);
  assert.notDeepEqual(a, b);
  const signed = await collect(sealStream(data, [alice.publicKey, bob.publicKey], { context, sender }));
  assert.deepEqual(await collect(openStream(signed, bob, { context, expectedSender: sender.publicKey })), data);
  const wrongSender = await drain(openStream(signed, bob, { context, expectedSender: alice.toPublicKey() }));
  assertCode(wrongSender.error, "AUTH_FAILED", "another expected sender");
  const anonymous = await drain(openStream(a, alice, { context, expectedSender: sender.publicKey }));
  assertCode(anonymous.error, "AUTH_FAILED", "anonymous stream with an expected sender");
  assertCode((await drain(openStream(a, alice, { context: "other" }))).error, "AUTH_FAILED", "wrong context");
  assertCode((await drain(openStream(a, bob, { context }))).error, "NO_MATCHING_RECIPIENT", "not a recipient");
  for (const engine of ENGINES) assert.equal((await drain(openStream(a, bob, { context, engine }))).released.length, 0);
});

test("the streaming envelope vectors open with both engines, releasing exactly what they allow", async () => {
  const doc = JSON.parse(readRepoText("tests/vectors/envelope/stream-v1.json"));
  const keys = Object.fromEntries(Object.entries(doc.keys).map(([name, k]) => [name, KeyPair.fromRaw(hex(k.secretKey))]));
  assert.equal(doc.cases.length, 15);
  for (const engine of ENGINES) {
    for (const vector of doc.cases) {
      const what = `${vector.name} (${engine})`;
      const options = { context: hex(vector.context), engine };
      if (vector.expectSender) options.expectedSender = keys[vector.expectSender].publicKey;
      // Small input pieces, so that header and chunk framing are exercised piece by piece.
      const { released, error } = await drain(openStream(piecesOf(hex(vector.envelope), 4099), keys[vector.openAs], options));
      if (vector.expect.error) {
        assertCode(error, vector.expect.error, what);
        assert.equal(released.length, vector.expect.releasedBeforeError ?? 0, what);
        assert.deepEqual(released, pattern(released.length), what);
      } else {
        assert.equal(error, null, what);
        const want = vector.expect.plaintext ? hex(vector.expect.plaintext) : pattern(vector.expect.plaintextLength);
        assert.deepEqual(released, want, what);
      }
    }
  }
});

/** A 3-chunk-and-a-bit message and the offsets of its chunks. */
async function sample() {
  const data = pattern(3 * CHUNK + 100);
  const sealed = await sealBytes(data);
  const at = (k) => PREFIX + k * SEALED_CHUNK;
  return { data, sealed, at };
}

const join = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
};

test("altered, dropped, reordered and duplicated chunks fail at that chunk, with both engines", async () => {
  const { data, sealed, at } = await sample();
  const chunk = (k) => sealed.subarray(at(k), at(k + 1));
  const head = sealed.subarray(0, PREFIX);
  const cases = [];
  for (let k = 0; k <= 3; k++) {
    const altered = sealed.slice();
    altered[at(k) + 5] ^= 0x01;
    cases.push([`chunk ${k} altered`, altered, k * CHUNK]);
  }
  cases.push(["chunk 1 dropped", join(head, chunk(0), chunk(2), sealed.subarray(at(3))), CHUNK]);
  cases.push(["chunks 1 and 2 swapped", join(head, chunk(0), chunk(2), chunk(1), sealed.subarray(at(3))), CHUNK]);
  cases.push(["chunk 1 duplicated", join(head, chunk(0), chunk(1), chunk(1), chunk(2), sealed.subarray(at(3))), 2 * CHUNK]);
  cases.push(["a byte appended", join(sealed, new Uint8Array([0])), 3 * CHUNK]);
  cases.push(["C2SP commitment altered", (() => { const b = sealed.slice(); b[PREFIX - 1] ^= 0x80; return b; })(), 0]);
  cases.push(["envelope header MAC altered", (() => { const b = sealed.slice(); b[PREFIX - 57] ^= 0x80; return b; })(), 0]);
  for (const engine of ENGINES) {
    for (const [name, bytes, releasedBefore] of cases) {
      const { released, error } = await drain(openStream(bytes, alice, { context, engine }));
      assertCode(error, "AUTH_FAILED", `${name} (${engine})`);
      assert.deepEqual(released, data.subarray(0, releasedBefore), `${name} (${engine})`);
    }
  }
});

test("cuts never end cleanly: inside the header, at and between boundaries, inside the tag", async () => {
  const { data, sealed, at } = await sample();
  const cuts = [
    ["empty input", 0, "MALFORMED", 0],
    ["inside the envelope header", 100, "MALFORMED", 0],
    ["inside the C2SP header", PREFIX - 10, "TRUNCATED", 0],
    ["right after the headers", PREFIX, "TRUNCATED", 0],
    ["at the chunk 2 boundary", at(2), "TRUNCATED", 2 * CHUNK],
    ["at the last full chunk boundary", at(3), "TRUNCATED", 3 * CHUNK],
    ["in the middle of chunk 1", at(1) + 5000, "AUTH_FAILED", CHUNK],
    ["inside the final tag", sealed.length - 1, "AUTH_FAILED", 3 * CHUNK],
    ["15 bytes after a boundary", at(3) + 15, "TRUNCATED", 3 * CHUNK],
  ];
  for (const engine of ENGINES) {
    for (const [name, length, code, releasedBefore] of cuts) {
      const { released, error } = await drain(openStream(sealed.subarray(0, length), alice, { context, engine }));
      assertCode(error, code, `${name} (${engine})`);
      assert.deepEqual(released, data.subarray(0, releasedBefore), `${name} (${engine})`);
    }
  }
});

test("a failed stream keeps failing: every later read rejects with the same error", async () => {
  const { sealed, at } = await sample();
  for (const engine of ENGINES) {
    const reader = openStream(sealed.subarray(0, at(2)), alice, { context, engine }).getReader();
    await reader.read();
    await reader.read();
    const first = await reader.read().then(() => null, (error) => error);
    assertCode(first, "TRUNCATED", engine);
    for (let i = 0; i < 3; i++) {
      const again = await reader.read().then(() => null, (error) => error);
      assert.equal(again, first, `read ${i} after the failure (${engine})`);
    }
  }
});

test("random sizes and piece sizes round trip; any single flipped byte errors, never closes", async () => {
  let seed = 0x2545f491;
  const next = (n) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  for (let i = 0; i < 12; i++) {
    const length = next(5 * CHUNK);
    const data = pattern(length).map((b) => b ^ i);
    const engine = ENGINES[i % 2];
    const sealed = await collect(sealStream(piecesOf(data, 1 + next(40000)), [alice.publicKey], { context, engine }));
    const other = ENGINES[(i + 1) % 2];
    assert.deepEqual(await collect(openStream(piecesOf(sealed, 1 + next(40000)), alice, { context, engine: other })), data, `length ${length}`);
    const flipped = sealed.slice();
    const at = next(sealed.length);
    flipped[at] ^= 1 << next(8);
    const { released, error } = await drain(openStream(flipped, alice, { context, engine: other }));
    assert.ok(error !== null, `byte ${at} of ${sealed.length} flipped: the stream must not close`);
    assert.ok(["AUTH_FAILED", "MALFORMED", "UNSUPPORTED_VERSION", "INVALID_KEY", "NO_MATCHING_RECIPIENT"].includes(error.code), `${error.code}`);
    assert.ok(released.length % CHUNK === 0 && released.length <= Math.max(0, at - PREFIX), "only chunks before the flipped byte");
    assert.deepEqual(released, data.subarray(0, released.length));
  }
});
