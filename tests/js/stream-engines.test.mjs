// The WebCrypto chunk engine against the WebAssembly reference: byte-identical ciphertext for
// random sizes across chunk boundaries (same key material, taken from the stream's own header
// through the package's private layer), and the C2SP nonce schedule.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeyPair, sealStream } from "phiseal";
import { StreamOpener } from "../../pkg/dist/phiseal_wasm_bg.js";
import { CHUNK_LEN, WebCryptoSealer, chunkNonce, importChunkKey } from "../../pkg/src/stream-engines.js";
import { CHUNK, SEALED_CHUNK, collect, pattern } from "./stream-helpers.mjs";

const alice = KeyPair.generate();
const context = "engines";

/** A small deterministic PRNG (mulberry32), so a failing size can be reproduced. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reads the headers of `sealed` with a fresh opener and returns it plus the header length. */
function unlockHeaders(sealed) {
  const opener = new StreamOpener(alice, context, undefined);
  const headerLength = opener.pushHeader(sealed);
  assert.ok(opener.headerDone);
  return { opener, headerLength };
}

test("WebCrypto chunks are byte-identical to the wasm reference on random sizes", async () => {
  const next = random(0x5eed);
  const sizes = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 1];
  for (let i = 0; i < 12; i++) sizes.push(Math.floor(next() * 6 * CHUNK));
  for (const size of sizes) {
    const data = pattern(size).map((b, i) => b ^ (i >> 8));
    const reference = await collect(sealStream(data, [alice.publicKey], { context, engine: "wasm" }));
    const { opener, headerLength } = unlockHeaders(reference);
    const sealer = new WebCryptoSealer(await importChunkKey(opener.dangerousExportChunkKey(), "encrypt"));
    opener.free();
    const parts = [];
    let offset = 0;
    for (;;) {
      const piece = data.subarray(offset, offset + CHUNK_LEN);
      const last = piece.length < CHUNK_LEN;
      parts.push(await sealer.seal(piece, last));
      offset += piece.length;
      if (last) break;
    }
    const body = new Uint8Array(await new Blob(parts).arrayBuffer());
    assert.equal(body.length, reference.length - headerLength, `size ${size}`);
    assert.deepEqual(body, reference.subarray(headerLength), `size ${size}: WebCrypto and wasm differ`);
  }
});

test("a key can be exported only once, before any chunk, and the JS copy is wiped", async () => {
  const sealed = await collect(sealStream(pattern(3 * CHUNK), [alice.publicKey], { context, engine: "wasm" }));
  const { opener, headerLength } = unlockHeaders(sealed);
  const exported = opener.dangerousExportChunkKey();
  assert.equal(exported.length, 44);
  const imported = await importChunkKey(exported, "decrypt");
  assert.ok(exported.every((b) => b === 0), "the exported bytes are wiped");
  assert.equal(imported.key.extractable, false);
  assert.deepEqual(imported.key.usages, ["decrypt"]);
  assert.throws(() => opener.dangerousExportChunkKey(), /INVALID_ARGUMENT|invalid argument/);
  assert.throws(() => opener.openChunk(sealed.subarray(headerLength, headerLength + SEALED_CHUNK), false));
  opener.free();
  const second = unlockHeaders(sealed).opener;
  second.openChunk(sealed.subarray(headerLength, headerLength + SEALED_CHUNK), false);
  assert.throws(() => second.dangerousExportChunkKey(), (e) => e.code === "INVALID_ARGUMENT");
  second.free();
});

test("the nonce of chunk k is the base nonce XOR k, big-endian", () => {
  const base = new Uint8Array(12).fill(0xa5);
  assert.deepEqual(chunkNonce(base, 0), base);
  const n = chunkNonce(base, 0x01_0203_0405);
  assert.deepEqual([...n.subarray(0, 7)], new Array(7).fill(0xa5));
  assert.deepEqual([...n.subarray(7)], [0xa5 ^ 1, 0xa5 ^ 2, 0xa5 ^ 3, 0xa5 ^ 4, 0xa5 ^ 5]);
  assert.deepEqual(chunkNonce(base, 2 ** 38 - 1).subarray(7), new Uint8Array([0xa5 ^ 0x3f, 0x5a, 0x5a, 0x5a, 0x5a]));
  assert.deepEqual(base, new Uint8Array(12).fill(0xa5), "the base nonce is not modified");
});

test("the WebCrypto engine refuses wrong chunk shapes and anything after the final chunk", async () => {
  const key = await crypto.subtle.importKey("raw", new Uint8Array(32), "AES-GCM", false, ["encrypt"]);
  const sealer = new WebCryptoSealer({ key, baseNonce: new Uint8Array(12) });
  await assert.rejects(sealer.seal(new Uint8Array(10), false), (e) => e.code === "INVALID_ARGUMENT");
  await assert.rejects(sealer.seal(new Uint8Array(CHUNK), true), (e) => e.code === "INVALID_ARGUMENT");
  await sealer.seal(new Uint8Array(5), true);
  await assert.rejects(sealer.seal(new Uint8Array(5), true), (e) => e.code === "INVALID_ARGUMENT");
  const limited = new WebCryptoSealer({ key, baseNonce: new Uint8Array(12) });
  limited.counter.next = 2 ** 38 - 1;
  await assert.rejects(limited.seal(new Uint8Array(CHUNK), false), (e) => e.code === "LIMIT_EXCEEDED");
  assert.equal((await limited.seal(new Uint8Array(1), true)).length, 17, "the final chunk may use index 2^38 - 1");
});
