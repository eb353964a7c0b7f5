// Module worker of sealStream / openStream with `worker: true` (shipped in the package; the
// main-thread side and the message protocol are in stream-offload.js). Runs in a browser
// module Worker or a Node worker_threads Worker.
//
// It receives a non-extractable CryptoKey (never key bytes) and the base nonce, pulls input
// pieces from the main thread on demand, and runs the same framing, WebCrypto engines and
// ordered, one-chunk-per-request pipeline as the main thread does without a worker. It loads
// no WebAssembly: the key work stayed on the main thread.

import { WebCryptoOpener, WebCryptoSealer } from "./stream-engines.js";
import { PieceReader } from "./stream-input.js";
import { chunkPipeline, framing } from "./stream-pipeline.js";

/** Chunks kept in flight, as on the main thread. */
const DEPTH = 8;
/** Chunks sent back per message (256 KiB): one message per chunk would cost more than the AES. */
const BATCH = 16;
const NODE_WORKERS = "node:worker_threads";

/** The channel to the main thread, or null in Node until worker_threads has loaded. */
let port = null;
let job = null;

/** Starts handling the main thread's messages on `channel`. */
function serve(channel) {
  port = channel;
  port.listen((message) => {
    if (message.type === "start") job = startJob(message);
    else job?.handle(message);
  });
}

// No top-level await: bundlers build workers as classic scripts by default (Vite's "iife").
// In a browser the channel exists at once; in Node, parentPort queues messages until a
// listener is attached, so loading worker_threads asynchronously loses nothing.
if (typeof self === "object" && self !== null && typeof self.postMessage === "function" && typeof importScripts === "function") {
  serve({
    post: (message, transfer) => self.postMessage(message, transfer ?? []),
    listen: (onMessage) => self.addEventListener("message", (event) => onMessage(event.data)),
  });
} else {
  import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_WORKERS).then(({ parentPort }) =>
    serve({
      post: (message, transfer) => parentPort.postMessage(message, transfer ?? []),
      listen: (onMessage) => parentPort.on("message", onMessage),
    }),
  );
}

/** One stream's worth of chunk work. */
function startJob({ mode, key, baseNonce }) {
  let inputWaiting = null;
  const inputStream = new ReadableStream(
    {
      pull(controller) {
        return new Promise((resolve) => {
          inputWaiting = { controller, resolve };
          port.post({ type: "need" });
        });
      },
    },
    { highWaterMark: 0 },
  );
  const reader = new PieceReader(inputStream);
  const engine = mode === "seal" ? new WebCryptoSealer({ key, baseNonce }) : new WebCryptoOpener({ key, baseNonce });
  let done = 0;
  const output = chunkPipeline({
    input: reader,
    depth: DEPTH,
    total: undefined,
    onProgress: (bytesDone) => {
      done = bytesDone;
    },
    start: async () => ({ inputBytes: 0 }),
    nextUnit: framing[mode](reader, () => engine),
    release: () => engine.close(),
  }).getReader();

  function deliverInput(message) {
    const waiting = inputWaiting;
    inputWaiting = null;
    if (waiting === null) return;
    if (message.type === "input") waiting.controller.enqueue(message.bytes);
    else if (message.type === "input-end") waiting.controller.close();
    else waiting.controller.error(new Error(message.message));
    waiting.resolve();
  }

  /** Sends the next verified chunks, in order, with the progress after each; then the end or
   *  the error that followed them. */
  async function pull() {
    const chunks = [];
    const dones = [];
    let end = false;
    let error = null;
    try {
      while (chunks.length < BATCH) {
        const { done: finished, value } = await output.read();
        if (finished) {
          end = true;
          break;
        }
        chunks.push(value);
        dones.push(done);
      }
    } catch (caught) {
      const code = typeof caught?.code === "string" ? caught.code : "MALFORMED";
      error = { code, message: String(caught?.message ?? caught) };
    }
    port.post({ type: "batch", chunks, dones, done, end, error }, chunks.map((chunk) => chunk.buffer));
  }

  return {
    handle(message) {
      if (message.type === "pull") void pull();
      else if (message.type === "cancel") void output.cancel();
      else deliverInput(message);
    },
  };
}
