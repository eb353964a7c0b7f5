// Shared helpers of the streaming tests (not a test file itself).
import assert from "node:assert/strict";
import { isPhisealError } from "phiseal";

/** The package's chunk sizes (docs/STREAMING.md). */
export const CHUNK = 16384;
export const SEALED_CHUNK = 16400;

/** Deterministic plaintext: byte i = (13 * i) mod 256, as in the vectors. */
export function pattern(length) {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (13 * i) & 0xff;
  return out;
}

/** A ReadableStream over `bytes` in pieces of `size` (copies, so each piece owns its buffer). */
export function piecesOf(bytes, size) {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

/** Reads a whole stream into one array. */
export async function collect(stream) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Reads a stream until it ends or errors; returns what was released and how it ended.
 * @returns {Promise<{ released: Uint8Array, error: unknown }>}
 */
export async function drain(stream) {
  const reader = stream.getReader();
  const parts = [];
  let error = null;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (caught) {
    error = caught;
  }
  const released = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    released.set(part, offset);
    offset += part.length;
  }
  return { released, error };
}

/** Asserts that `error` is a PhisealError with `code`. */
export function assertCode(error, code, what = "") {
  assert.ok(isPhisealError(error), `${what}: expected a PhisealError ${code}, got ${error}`);
  assert.equal(error.code, code, what);
}

/** Both chunk engines. */
export const ENGINES = ["wasm", "webcrypto"];
