// Chunk engines of sealStream / openStream (private to the package). Both implement the C2SP
// Cobblestone-256 chunk rules of docs/STREAMING.md; the framing (which chunk is final) is done by
// the caller, the counter is owned by the engine:
//
// - wasm: chunks go through the StreamSealer / StreamOpener handle (the reference path).
// - webcrypto: the per-message AES-256-GCM key is exported once from WebAssembly, imported as a
//   non-extractable CryptoKey, and the JS copy is wiped at once; chunk k is then sealed with
//   `crypto.subtle.encrypt({ name: "AES-GCM", iv: baseNonce XOR k })` and no AAD, several chunks in
//   flight. WebCrypto checks the tag before it returns any plaintext, so opening still releases
//   a chunk only after it authenticated.
//
// Both engines are also used by the module worker (stream-worker.js), which gets the CryptoKey
// by structured clone and never sees key bytes.

import { PhisealError } from "./errors.js";

/** Plaintext bytes of every chunk but the final one. */
export const CHUNK_LEN = 16384;
/** AES-GCM tag length. */
export const TAG_LEN = 16;
/** A full sealed chunk. */
export const SEALED_CHUNK_LEN = CHUNK_LEN + TAG_LEN;
/** Chunk counters stay below 2^38 (docs/STREAMING.md, "Limits"). */
const MAX_CHUNKS = 2 ** 38;

/** Errors with the core's codes and messages. */
export const streamErrors = {
  authFailed: () => new PhisealError("AUTH_FAILED", "authentication failed"),
  truncated: () => new PhisealError("TRUNCATED", "input ended early"),
  limit: () => new PhisealError("LIMIT_EXCEEDED", "limit exceeded: C2SP chunk count"),
  shape: () => new PhisealError("INVALID_ARGUMENT", "invalid argument: chunk length"),
  finished: () => new PhisealError("INVALID_ARGUMENT", "invalid argument: stream already finished"),
};

/** The WebCrypto API when this context has it (absent in insecure contexts and old runtimes). */
export function subtleCrypto() {
  return globalThis.crypto?.subtle;
}

/**
 * Imports the 44 bytes `key || baseNonce` exported by WebAssembly as a non-extractable AES-GCM
 * key for `usage`, wiping `exported` before the first await (importKey copies its input
 * synchronously).
 * @param {Uint8Array} exported
 * @param {"encrypt" | "decrypt"} usage
 */
export async function importChunkKey(exported, usage) {
  const baseNonce = exported.slice(32, 44);
  let imported;
  try {
    imported = subtleCrypto().importKey("raw", exported.subarray(0, 32), { name: "AES-GCM" }, false, [usage]);
  } finally {
    exported.fill(0);
  }
  return { key: await imported, baseNonce };
}

/** `baseNonce XOR index` (index big-endian in the last bytes), as C2SP specifies. */
export function chunkNonce(baseNonce, index) {
  const nonce = baseNonce.slice();
  let rest = index;
  for (let i = 11; rest > 0 && i >= 0; i--) {
    nonce[i] ^= rest % 256;
    rest = Math.floor(rest / 256);
  }
  return nonce;
}

/** Counter and state shared by both engines: indexes never repeat, nothing after the end. */
class Counter {
  constructor() {
    this.next = 0;
    this.finished = false;
  }

  /** The index for the next chunk, checking the limits and the final-chunk shape rule. */
  claim(isFinal) {
    if (this.finished) throw streamErrors.finished();
    const limit = isFinal ? MAX_CHUNKS : MAX_CHUNKS - 1;
    if (this.next >= limit) throw streamErrors.limit();
    if (isFinal) this.finished = true;
    return this.next++;
  }
}

/** Seals chunks with WebCrypto under an imported chunk key. */
export class WebCryptoSealer {
  /** @param {{ key: CryptoKey, baseNonce: Uint8Array }} chunkKey */
  constructor(chunkKey) {
    this.chunkKey = chunkKey;
    this.counter = new Counter();
  }

  /** @returns {Promise<Uint8Array>} ciphertext || tag */
  async seal(plaintext, isFinal) {
    const ok = isFinal ? plaintext.length < CHUNK_LEN : plaintext.length === CHUNK_LEN;
    if (!ok) throw streamErrors.shape();
    const iv = chunkNonce(this.chunkKey.baseNonce, this.counter.claim(isFinal));
    const sealed = await subtleCrypto().encrypt({ name: "AES-GCM", iv, tagLength: 128 }, this.chunkKey.key, plaintext);
    return new Uint8Array(sealed);
  }

  close() {
    this.chunkKey.baseNonce.fill(0);
  }
}

/** Opens chunks with WebCrypto; a chunk's plaintext exists only once its tag verified. */
export class WebCryptoOpener {
  /** @param {{ key: CryptoKey, baseNonce: Uint8Array }} chunkKey */
  constructor(chunkKey) {
    this.chunkKey = chunkKey;
    this.counter = new Counter();
  }

  /** @returns {Promise<Uint8Array>} the verified plaintext */
  async open(sealed, isFinal) {
    if (isFinal && sealed.length < TAG_LEN) throw streamErrors.truncated();
    const ok = isFinal ? sealed.length < SEALED_CHUNK_LEN : sealed.length === SEALED_CHUNK_LEN;
    if (!ok) throw streamErrors.authFailed();
    const iv = chunkNonce(this.chunkKey.baseNonce, this.counter.claim(isFinal));
    let plaintext;
    try {
      plaintext = await subtleCrypto().decrypt({ name: "AES-GCM", iv, tagLength: 128 }, this.chunkKey.key, sealed);
    } catch {
      throw streamErrors.authFailed();
    }
    return new Uint8Array(plaintext);
  }

  /** The input ended right after a full chunk (or inside the header): never a clean end. */
  inputEnded() {
    if (!this.counter.finished) throw streamErrors.truncated();
  }

  close() {
    this.chunkKey.baseNonce.fill(0);
  }
}

/** Seals chunks in WebAssembly through a StreamSealer handle. */
export class WasmSealer {
  constructor(handle) {
    this.handle = handle;
  }

  async seal(plaintext, isFinal) {
    return this.handle.sealChunk(plaintext, isFinal);
  }

  close() {}
}

/** Opens chunks in WebAssembly through a StreamOpener handle. */
export class WasmOpener {
  constructor(handle) {
    this.handle = handle;
  }

  async open(sealed, isFinal) {
    return this.handle.openChunk(sealed, isFinal);
  }

  inputEnded() {
    this.handle.inputEnded();
  }

  close() {}
}
