// Large files: streaming envelopes (docs/FORMAT.md "Streaming", docs/STREAMING.md) as web
// streams. `sealStream` turns a plaintext stream (File.stream(), Blob, a fetch body) into a
// streaming envelope; `openStream` turns one back, releasing each 16 KiB chunk only after its
// tag verified, and ending cleanly only after the short final chunk verified.
//
// Key work (data key, HPKE slots, header MAC, C2SP salt and commitment) is always done in
// WebAssembly. Chunk encryption runs either in WebAssembly (`engine: "wasm"`, the reference)
// or with WebCrypto's native AES-GCM (`engine: "webcrypto"`, the default where crypto.subtle
// exists), several chunks in flight; both give the same bytes. `worker: true` moves the chunk
// work into a module worker.

import { StreamOpener, StreamSealer } from "../dist/phiseal_wasm_bg.js";
import { publicKeyBytes, requireOptions } from "./bytes.js";
import { PhisealError } from "./errors.js";
import { guardHandles } from "./handles.js";
import { WasmOpener, WasmSealer, WebCryptoOpener, WebCryptoSealer, importChunkKey, subtleCrypto } from "./stream-engines.js";
import { PieceReader, resolveInput } from "./stream-input.js";
import { track, untrack } from "./stream-live.js";
import { chunkPipeline, framing } from "./stream-pipeline.js";
import { workerPipeline } from "./stream-offload.js";

guardHandles(StreamSealer, StreamOpener);

/** Chunks kept in flight by the WebCrypto engine. */
const WEBCRYPTO_DEPTH = 8;

const invalid = (message) => new PhisealError("INVALID_ARGUMENT", `invalid argument: ${message}`);

/** Checks the options shared by both directions; returns whether to use WebCrypto. */
function commonOptions({ onProgress, signal, engine, worker }) {
  if (onProgress !== undefined && typeof onProgress !== "function") throw invalid("onProgress must be a function");
  if (signal !== undefined && !(typeof AbortSignal === "function" && signal instanceof AbortSignal)) {
    throw invalid("signal must be an AbortSignal");
  }
  if (worker !== undefined && typeof worker !== "boolean") throw invalid("worker must be a boolean");
  if (engine !== undefined && engine !== "webcrypto" && engine !== "wasm") {
    throw invalid('engine must be "webcrypto" or "wasm"');
  }
  const available = subtleCrypto() !== undefined;
  if ((engine === "webcrypto" || worker) && !available) {
    throw invalid("WebCrypto (crypto.subtle) is not available here (insecure context?); use engine: \"wasm\"");
  }
  if (worker && engine === "wasm") throw invalid('worker: true runs the "webcrypto" engine');
  return engine === "webcrypto" || (engine === undefined && available);
}

/**
 * Seals a stream of plaintext into a streaming envelope for `recipients`.
 * @param {ReadableStream<Uint8Array> | Blob | Response | Uint8Array | ArrayBuffer} input
 * @param {Array<import("../index.js").PublicKey | Uint8Array>} recipients
 * @param {object} options `{ context, sender?, onProgress?, signal?, engine?, worker?, totalBytes? }`
 * @returns {ReadableStream<Uint8Array>}
 */
export function sealStream(input, recipients, options) {
  const opts = requireOptions(options, "sealStream");
  const webCrypto = commonOptions(opts);
  const source = resolveInput(input, opts.totalBytes);
  if (!Array.isArray(recipients)) throw invalid("recipients must be an array");
  const keys = recipients.map(publicKeyBytes);
  const reader = new PieceReader(source.stream);
  const handle = beforeStart(reader, () =>
    opts.sender === undefined ? StreamSealer.begin(keys, opts.context) : StreamSealer.beginFrom(keys, opts.context, opts.sender),
  );
  const release = () => untrack(handle);
  if (opts.worker) {
    return workerPipeline({ mode: "seal", source, reader, header: handle.header, exportKey: () => handle.dangerousExportChunkKey(), release, opts });
  }
  let engine;
  return chunkPipeline({
    input: reader,
    depth: webCrypto ? WEBCRYPTO_DEPTH : 1,
    total: source.total,
    onProgress: opts.onProgress,
    signal: opts.signal,
    async start() {
      const header = handle.header;
      engine = webCrypto
        ? new WebCryptoSealer(await importChunkKey(handle.dangerousExportChunkKey(), "encrypt"))
        : new WasmSealer(handle);
      return { bytes: header, inputBytes: 0 };
    },
    nextUnit: framing.seal(reader, () => engine),
    release() {
      engine?.close();
      release();
    },
  });
}

/**
 * Opens a streaming envelope addressed to `identity`.
 * @param {ReadableStream<Uint8Array> | Blob | Response | Uint8Array | ArrayBuffer} input
 * @param {import("../index.js").KeyPair} identity
 * @param {object} options `{ context, expectedSender?, onProgress?, signal?, engine?, worker?, totalBytes? }`
 * @returns {ReadableStream<Uint8Array>}
 */
export function openStream(input, identity, options) {
  const opts = requireOptions(options, "openStream");
  const webCrypto = commonOptions(opts);
  const source = resolveInput(input, opts.totalBytes);
  const expected = opts.expectedSender === undefined ? undefined : publicKeyBytes(opts.expectedSender);
  const reader = new PieceReader(source.stream);
  const handle = beforeStart(reader, () => new StreamOpener(identity, opts.context, expected));
  const release = () => untrack(handle);
  const readHeader = () => consumeHeader(handle, reader);
  if (opts.worker) {
    return workerPipeline({ mode: "open", source, reader, readHeader, exportKey: () => handle.dangerousExportChunkKey(), release, opts });
  }
  let engine;
  return chunkPipeline({
    input: reader,
    depth: webCrypto ? WEBCRYPTO_DEPTH : 1,
    total: source.total,
    onProgress: opts.onProgress,
    signal: opts.signal,
    async start() {
      const inputBytes = await readHeader();
      engine = webCrypto
        ? new WebCryptoOpener(await importChunkKey(handle.dangerousExportChunkKey(), "decrypt"))
        : new WasmOpener(handle);
      return { inputBytes };
    },
    nextUnit: framing.open(reader, () => engine),
    release() {
      engine?.close();
      release();
    },
  });
}

/** Creates and tracks the WebAssembly handle; on an argument error, unlocks the input again. */
function beforeStart(reader, create) {
  try {
    return track(create());
  } catch (error) {
    reader.releaseLock();
    throw error;
  }
}

/** Feeds input to the opener until both headers are verified; returns the header length. */
async function consumeHeader(handle, reader) {
  let consumed = 0;
  while (!handle.headerDone) {
    const piece = await reader.some();
    if (piece === null) {
      handle.inputEnded(); // throws MALFORMED (envelope header) or TRUNCATED (C2SP header)
      throw new PhisealError("TRUNCATED", "input ended early");
    } else {
      const used = handle.pushHeader(piece);
      consumed += used;
      if (used < piece.length) reader.unread(piece.subarray(used));
    }
  }
  return consumed;
}

/**
 * `{ writable, readable }` for `pipeThrough`: plaintext in, streaming envelope out.
 * @returns {{ writable: WritableStream<Uint8Array>, readable: ReadableStream<Uint8Array> }}
 */
export function sealTransform(recipients, options) {
  const pass = new TransformStream();
  return { writable: pass.writable, readable: sealStream(pass.readable, recipients, options) };
}

/**
 * `{ writable, readable }` for `pipeThrough`: streaming envelope in, verified plaintext out.
 * @returns {{ writable: WritableStream<Uint8Array>, readable: ReadableStream<Uint8Array> }}
 */
export function openTransform(identity, options) {
  const pass = new TransformStream();
  return { writable: pass.writable, readable: openStream(pass.readable, identity, options) };
}
