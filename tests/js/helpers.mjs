// Shared helpers of the node:test suite (not a test file itself).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { isPhisealError } from "phiseal";

/** Repository root, for reading vector files. */
export const root = new URL("../../", import.meta.url);

/** Reads a repository file as text. */
export function readRepoText(path) {
  return readFileSync(new URL(path, root), "utf8");
}

/** Hex string to bytes. */
export function hex(text) {
  return new Uint8Array(Buffer.from(text, "hex"));
}

/** Bytes to unpadded base64url. */
export function base64url(bytes) {
  return Buffer.from(bytes).toString("base64url");
}

/** Asserts that `fn` throws a PhisealError with `code`, and returns the error. */
export function assertPhisealError(fn, code) {
  let caught;
  assert.throws(fn, (error) => {
    caught = error;
    return true;
  });
  assert.ok(isPhisealError(caught), `expected a PhisealError, got ${caught}`);
  assert.equal(caught.code, code);
  return caught;
}
