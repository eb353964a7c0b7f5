// Envelopes through the built package: round trips, the text form, sender authentication,
// rewrap, inspect, and the error codes a caller switches on.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeyPair, fromText, inspect, open, rewrap, seal, toText } from "phiseal";
import { assertPhisealError } from "./helpers.mjs";

const encoder = new TextEncoder();
const record = encoder.encode(JSON.stringify({ resourceType: "Observation", code: "4548-4", value: 6.1 }));
const context = "record:8f14e45f|purpose:lab-result";

test("seal and open for several recipients, bytes and text form", () => {
  const clinic = KeyPair.generate();
  const billing = KeyPair.generate();
  const sealed = seal(record, [clinic.toPublicKey(), billing.publicKey], { context });
  assert.ok(sealed instanceof Uint8Array);
  assert.deepEqual(open(sealed, clinic, { context }), record);
  assert.deepEqual(open(sealed, billing, { context: encoder.encode(context) }), record);
  const text = toText(sealed);
  assert.match(text, /^phsl1\.[A-Za-z0-9_-]+$/);
  assert.deepEqual(fromText(text), sealed);
  assert.deepEqual(open(text, billing, { context }), record);
  assert.deepEqual(open(seal(new Uint8Array(0), [clinic.publicKey], { context: "" }), clinic, { context: "" }), new Uint8Array(0));
});

test("the error codes callers switch on", () => {
  const alice = KeyPair.generate();
  const sealed = seal(record, [alice.publicKey], { context });
  assertPhisealError(() => open(sealed, KeyPair.generate(), { context }), "NO_MATCHING_RECIPIENT");
  assertPhisealError(() => open(sealed, alice, { context: "record:other" }), "AUTH_FAILED");
  const flipped = sealed.slice();
  flipped[flipped.length - 1] ^= 0x80;
  assertPhisealError(() => open(flipped, alice, { context }), "AUTH_FAILED");
  assertPhisealError(() => open(sealed.subarray(0, 20), alice, { context }), "MALFORMED");
  assertPhisealError(() => open(new Uint8Array(0), alice, { context }), "MALFORMED");
  const future = sealed.slice();
  future[4] = 2; // version byte
  assertPhisealError(() => open(future, alice, { context }), "UNSUPPORTED_VERSION");
  assertPhisealError(() => open(`phsl2.${toText(sealed).slice(6)}`, alice, { context }), "UNSUPPORTED_VERSION");
  assertPhisealError(() => fromText(`${toText(sealed)}=`), "MALFORMED");
  assertPhisealError(() => seal(record, [], { context }), "INVALID_ARGUMENT");
  assertPhisealError(() => seal(record, [alice.publicKey, alice.publicKey], { context }), "INVALID_ARGUMENT");
  assertPhisealError(() => seal(record, [new Uint8Array(32)], { context }), "INVALID_KEY");
  assertPhisealError(() => seal("not bytes", [alice.publicKey], { context }), "INVALID_ARGUMENT");
  assertPhisealError(() => seal(record, [alice.publicKey], { context: "lone \ud800 surrogate" }), "INVALID_ARGUMENT");
  assertPhisealError(() => seal(record, [alice.publicKey]), "INVALID_ARGUMENT");
  assertPhisealError(() => seal(record, alice.publicKey, { context }), "INVALID_ARGUMENT");
});

test("a failed open leaves the caller's envelope bytes unchanged", () => {
  const alice = KeyPair.generate();
  const sealed = seal(record, [alice.publicKey], { context });
  const copy = sealed.slice();
  assertPhisealError(() => open(sealed, alice, { context: "wrong" }), "AUTH_FAILED");
  assert.deepEqual(sealed, copy);
});

test("sender authentication: required sender, another sender, anonymous envelope", () => {
  const clinic = KeyPair.generate();
  const device = KeyPair.generate();
  const sealed = seal(record, [clinic.publicKey], { context, sender: device });
  assert.deepEqual(open(sealed, clinic, { context, expectedSender: device.toPublicKey() }), record);
  assert.deepEqual(open(sealed, clinic, { context, expectedSender: device.publicKey }), record);
  assert.deepEqual(open(sealed, clinic, { context }), record);
  assertPhisealError(() => open(sealed, clinic, { context, expectedSender: KeyPair.generate().publicKey }), "AUTH_FAILED");
  const anonymous = seal(record, [clinic.publicKey], { context });
  assertPhisealError(() => open(anonymous, clinic, { context, expectedSender: device.publicKey }), "AUTH_FAILED");
  assert.deepEqual(inspect(sealed).sender.bytes, device.publicKey);
  assert.equal(inspect(anonymous).sender, null);
});

test("rewrap adds and removes recipients without touching the payload", () => {
  const alice = KeyPair.generate();
  const bob = KeyPair.generate();
  const carol = KeyPair.generate();
  const sealed = seal(record, [alice.publicKey, bob.publicKey], { context });
  const rewrapped = rewrap(sealed, alice, { context, add: [carol.toPublicKey()], remove: [bob.keyId] });
  assert.deepEqual(open(rewrapped, carol, { context }), record);
  assert.deepEqual(open(rewrapped, alice, { context }), record);
  assertPhisealError(() => open(rewrapped, bob, { context }), "NO_MATCHING_RECIPIENT");
  assert.deepEqual(rewrapped.subarray(rewrapped.length - 38), sealed.subarray(sealed.length - 38));
  const info = inspect(rewrapped);
  assert.deepEqual(info.recipients, [alice.keyId, carol.keyId]);
  assert.equal(info.kind, "sealed");
  assert.equal(info.payloadLength, record.length + 16);
  assertPhisealError(() => rewrap(sealed, carol, { context, remove: [bob] }), "NO_MATCHING_RECIPIENT");
  assertPhisealError(() => rewrap(sealed, alice, { context, remove: [carol.keyId] }), "INVALID_ARGUMENT");
});

test("every recipient sees the same plaintext, for many sizes", () => {
  const recipients = Array.from({ length: 5 }, () => KeyPair.generate());
  for (const size of [0, 1, 15, 16, 17, 1024, 65537]) {
    const plaintext = new Uint8Array(size).map((_, i) => (i * 31) & 0xff);
    const sealed = seal(plaintext, recipients.map((r) => r.publicKey), { context: `size:${size}` });
    for (const r of recipients) assert.deepEqual(open(sealed, r, { context: `size:${size}` }), plaintext);
  }
});
