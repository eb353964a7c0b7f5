// Key handles through the built package: generation, raw round trips, RFC 7638 key ids
// recomputed independently with node:crypto, validation errors, and freed handles.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { KeyPair, PublicKey, PhisealError, isPhisealError, readKeyBackup } from "phiseal";
import { assertPhisealError, base64url, hex } from "./helpers.mjs";

/** RFC 7638 thumbprint of an X25519 key, computed from the RFC's recipe. */
function thumbprint(publicBytes) {
  const canonical = `{"crv":"X25519","kty":"OKP","x":"${base64url(publicBytes)}"}`;
  return base64url(createHash("sha256").update(canonical).digest());
}

test("generate gives distinct 32-byte keys with RFC 7638 key ids", () => {
  const a = KeyPair.generate();
  const b = KeyPair.generate();
  assert.equal(a.publicKey.length, 32);
  assert.notDeepEqual(a.publicKey, b.publicKey);
  assert.equal(a.keyId, thumbprint(a.publicKey));
  assert.equal(a.toPublicKey().keyId, a.keyId);
  a.free();
  b.free();
});

test("RFC 7748 section 6.1 key pair derives the published public key", () => {
  const secret = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const pair = KeyPair.fromRaw(secret);
  assert.deepEqual(pair.publicKey, hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
  assert.deepEqual(pair.dangerousExportRaw(), secret);
  pair.free();
});

test("PublicKey round trips and compares", () => {
  const pair = KeyPair.generate();
  const key = PublicKey.fromBytes(pair.publicKey);
  assert.deepEqual(key.bytes, pair.publicKey);
  assert.equal(key.keyId, thumbprint(key.bytes));
  assert.ok(key.equals(pair.toPublicKey()));
  assert.ok(!key.equals(KeyPair.generate().toPublicKey()));
});

test("degenerate public keys are refused with INVALID_KEY", () => {
  assertPhisealError(() => PublicKey.fromBytes(new Uint8Array(32)), "INVALID_KEY");
  assertPhisealError(() => PublicKey.fromBytes(new Uint8Array(31).fill(9)), "INVALID_KEY");
  // A low-order point of Curve25519 (order 8), from Wycheproof's x25519 "ZeroSharedSecret" cases.
  const lowOrder = hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
  assertPhisealError(() => PublicKey.fromBytes(lowOrder), "INVALID_KEY");
  assertPhisealError(() => KeyPair.fromRaw(new Uint8Array(16)), "INVALID_KEY");
});

test("errors are PhisealError instances with name, code and a secret-free message", () => {
  const secretLooking = new Uint8Array(31).fill(0xab);
  const error = assertPhisealError(() => PublicKey.fromBytes(secretLooking), "INVALID_KEY");
  assert.ok(error instanceof PhisealError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, "PhisealError");
  assert.match(error.message, /^invalid key: /);
  assert.ok(!error.message.includes("ab"), "the message must not echo input bytes");
  assert.ok(typeof error.stack === "string");
});

test("isPhisealError recognises only phiseal errors", () => {
  assert.ok(isPhisealError(new PhisealError("AUTH_FAILED", "authentication failed")));
  assert.ok(!isPhisealError(new Error("plain")));
  assert.ok(!isPhisealError({ name: "PhisealError", code: "AUTH_FAILED", message: "forged" }));
  assert.ok(!isPhisealError(undefined));
  assert.ok(!isPhisealError("AUTH_FAILED"));
});

test("a freed handle throws INVALID_ARGUMENT and other handles keep working", () => {
  const pair = KeyPair.generate();
  const other = KeyPair.generate();
  pair.free();
  const error = assertPhisealError(() => pair.publicKey, "INVALID_ARGUMENT");
  assert.match(error.message, /KeyPair was freed/);
  assertPhisealError(() => pair.dangerousExportRaw(), "INVALID_ARGUMENT");
  assertPhisealError(() => pair.toPublicKey(), "INVALID_ARGUMENT");
  assertPhisealError(() => pair.keyId, "INVALID_ARGUMENT");
  pair.free(); // a second free is harmless
  const key = other.toPublicKey();
  const freedKey = KeyPair.generate().toPublicKey();
  freedKey.free();
  assertPhisealError(() => key.equals(freedKey), "INVALID_ARGUMENT");
  assert.equal(other.publicKey.length, 32);
  assert.equal(KeyPair.generate().publicKey.length, 32);
});

test("handles support explicit resource management (Symbol.dispose)", () => {
  const pair = KeyPair.generate();
  assert.equal(typeof pair[Symbol.dispose], "function");
  pair[Symbol.dispose]();
  assertPhisealError(() => pair.publicKey, "INVALID_ARGUMENT");
  pair.free();
});

test("JWK export and strict import round trip, as object or as text", () => {
  const pair = KeyPair.generate();
  const jwk = pair.toPublicJwk();
  assert.deepEqual(Object.keys(jwk), ["kty", "crv", "x", "kid"]);
  assert.equal(jwk.kid, pair.keyId);
  assert.equal(jwk.x, base64url(pair.publicKey));
  assert.deepEqual(pair.toPublicKey().toJwk(), jwk);
  assert.ok(PublicKey.fromJwk(jwk).equals(pair.toPublicKey()));
  assert.ok(PublicKey.fromJwk(JSON.stringify(jwk)).equals(pair.toPublicKey()));
  const privateJwk = pair.dangerousExportPrivateJwk();
  assert.equal(privateJwk.d, base64url(pair.dangerousExportRaw()));
  assert.equal(KeyPair.fromPrivateJwk(privateJwk).keyId, pair.keyId);
  assertPhisealError(() => PublicKey.fromJwk(privateJwk), "INVALID_ARGUMENT");
  assertPhisealError(() => PublicKey.fromJwk('{"kty":"OKP","kty":"OKP","crv":"X25519","x":"' + jwk.x + '"}'), "MALFORMED");
  assertPhisealError(() => PublicKey.fromJwk(42), "INVALID_ARGUMENT");
});

test("fingerprints are eight groups of five digits, equal for both handles", () => {
  const pair = KeyPair.generate();
  assert.match(pair.fingerprint, /^\d{5}( \d{5}){7}$/);
  assert.equal(pair.toPublicKey().fingerprint, pair.fingerprint);
  assert.notEqual(KeyPair.generate().fingerprint, pair.fingerprint);
});

test("password backups: NFC-normalised text passwords, parameters, wrong password", () => {
  const pair = KeyPair.generate();
  const minimum = { memoryKib: 8192, iterations: 4, parallelism: 1 };
  const backup = pair.exportWithPassword("Crème brûlée", minimum);
  assert.match(backup, /^phiseal-key1\./);
  assert.deepEqual(readKeyBackup(backup), { keyId: pair.keyId, params: minimum });
  // The same password typed with combining accents (NFD) unlocks it.
  const nfd = "Crème brûlée".normalize("NFD");
  assert.equal(KeyPair.importWithPassword(backup, nfd).keyId, pair.keyId);
  assert.equal(KeyPair.importWithPassword(backup, new TextEncoder().encode("Crème brûlée")).keyId, pair.keyId);
  assertPhisealError(() => KeyPair.importWithPassword(backup, "creme brulee"), "WRONG_PASSWORD");
  assertPhisealError(() => KeyPair.importWithPassword(backup, ""), "INVALID_ARGUMENT");
  assertPhisealError(() => KeyPair.importWithPassword(backup, "bad \udc00 password"), "INVALID_ARGUMENT");
  assertPhisealError(() => pair.exportWithPassword("pw", { memoryKib: 1024, iterations: 1, parallelism: 1 }), "LIMIT_EXCEEDED");
  assertPhisealError(() => pair.exportWithPassword("pw", "fastest"), "INVALID_ARGUMENT");
  assertPhisealError(() => pair.exportWithPassword("pw", { memoryKib: 8192.5, iterations: 4, parallelism: 1 }), "INVALID_ARGUMENT");
  assert.deepEqual(readKeyBackup(pair.exportWithPassword("pw")).params, { memoryKib: 19456, iterations: 2, parallelism: 1 });
});
