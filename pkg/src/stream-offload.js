// `worker: true` for sealStream / openStream (private to the package): the chunk work runs in
// a module worker (stream-worker.js; in Node, a worker_threads Worker on the same file).
//
// The main thread keeps the key work in WebAssembly (header, HPKE, commitment), imports the
// per-message AES key as a non-extractable CryptoKey and hands the worker only that CryptoKey
// (structured clone: no key bytes cross) and the base nonce. Messages then carry input pieces
// to the worker on demand ("need") and one output chunk back per request ("pull"), so the
// worker holds at most a few chunks and the release order and failure rules are those of the
// in-thread pipeline (it runs the same chunkPipeline).
//
// Protocol, main -> worker: start {mode, key, baseNonce} | input {bytes} | input-end |
// input-error {message} | pull | cancel. Worker -> main: need | batch {chunks, dones, done, end,
// error}: up to 16 verified chunks in order, then (when `end` or `error`) how the stream ended.
// The main thread hands the chunks out one per read and surfaces the end or the error only
// after the last of them, so the release rules are exactly those of the in-thread pipeline;
// it asks for the next batch while handing out the current one.

import { PhisealError } from "./errors.js";
import { importChunkKey } from "./stream-engines.js";

const NODE_WORKERS = "node:worker_threads";

/** Where the worker script is, from the ESM sources or from the CommonJS bundle in dist/. */
function workerUrl() {
  const here = import.meta.url;
  if (typeof here === "string") return new URL("./stream-worker.js", here);
  // eslint-disable-next-line no-undef
  return new URL("../src/stream-worker.js", `file://${__filename}`);
}

/** A module Worker, written in the `new Worker(new URL(..., import.meta.url))` form that Vite,
 *  webpack 5 and Parcel recognise, so they ship the worker script with the application. */
function moduleWorker() {
  if (typeof import.meta.url === "string") {
    return new Worker(new URL("./stream-worker.js", import.meta.url), { type: "module" });
  }
  return new Worker(workerUrl(), { type: "module" });
}

/** Starts the worker: a module Worker where the platform has one, else worker_threads. */
async function spawn() {
  if (typeof Worker === "function") {
    const worker = moduleWorker();
    return {
      post: (message, transfer) => worker.postMessage(message, transfer ?? []),
      listen: (onMessage, onError) => {
        worker.addEventListener("message", (event) => onMessage(event.data));
        worker.addEventListener("error", (event) => {
          event.preventDefault();
          onError(new Error(`phiseal: the stream worker failed to start (${event.message ?? "error"})`));
        });
      },
      terminate: () => worker.terminate(),
    };
  }
  if (globalThis.process?.versions?.node) {
    const { Worker: NodeWorker } = await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_WORKERS);
    const worker = new NodeWorker(workerUrl());
    return {
      post: (message, transfer) => worker.postMessage(message, transfer ?? []),
      listen: (onMessage, onError) => {
        worker.on("message", onMessage);
        worker.on("error", onError);
      },
      terminate: () => void worker.terminate(),
    };
  }
  throw new PhisealError("INVALID_ARGUMENT", "invalid argument: worker: true needs Web Workers or Node worker_threads");
}

/**
 * The output stream of a worker-backed sealStream / openStream.
 * @param {{ mode: "seal" | "open", source: { stream: ReadableStream<Uint8Array>, total?: number },
 *   header?: Uint8Array, reader: import("./stream-input.js").PieceReader, readHeader?: () => Promise<number>,
 *   exportKey: () => Uint8Array, release: () => void, opts: any }} job
 * @returns {ReadableStream<Uint8Array>}
 */
export function workerPipeline(job) {
  const { mode, opts } = job;
  const signal = opts.signal;
  const reader = job.reader;
  let worker;
  let stopped = false;
  let headerBytes = 0;
  let controller;
  /** The request waiting for the worker's next batch. */
  let waiting = null;
  /** The batch being prepared by the worker (a promise), if any. */
  let nextBatch = null;
  /** Verified chunks received and not yet handed out, with the progress after each. */
  const ready = [];
  let ended = false;
  let failure = null;
  let finalDone = 0;

  function stop(reason) {
    if (stopped) return;
    stopped = true;
    signal?.removeEventListener("abort", onAbort);
    job.release();
    if (worker) {
      worker.post({ type: "cancel" });
      worker.terminate();
    }
    void reader.cancel(reason);
    waiting?.reject(reason);
  }

  function onAbort() {
    if (stopped) return;
    controller.error(signal.reason);
    stop(signal.reason);
  }

  async function feed() {
    try {
      const piece = await reader.some();
      if (stopped) return;
      if (piece === null) return worker.post({ type: "input-end" });
      const copy = piece.slice(); // never transfer (detach) a buffer the caller may still own
      worker.post({ type: "input", bytes: copy }, [copy.buffer]);
    } catch (error) {
      if (!stopped) worker.post({ type: "input-error", message: String(error?.message ?? error) });
    }
  }

  function onMessage(message) {
    if (stopped) return;
    if (message.type === "need") return void feed();
    const pending = waiting;
    waiting = null;
    pending?.resolve(message);
  }

  async function begin() {
    if (mode === "open") headerBytes = await job.readHeader();
    const chunkKey = await importChunkKey(job.exportKey(), mode === "seal" ? "encrypt" : "decrypt");
    job.release(); // the WebAssembly handle has done its part
    const spawned = await spawn();
    if (stopped) return void spawned.terminate();
    worker = spawned;
    worker.listen(onMessage, (error) => {
      if (waiting) return waiting.reject(error);
      controller.error(error);
      stop(error);
    });
    worker.post({ type: "start", mode, key: chunkKey.key, baseNonce: chunkKey.baseNonce });
    chunkKey.baseNonce.fill(0);
  }

  function requestBatch() {
    nextBatch = new Promise((resolve, reject) => {
      waiting = { resolve, reject };
      worker.post({ type: "pull" });
    });
    nextBatch.catch(() => {}); // awaited in step(); this only silences a rejection after a stop
  }

  /** Takes in a batch: its chunks, then how the stream ended, if it did. */
  function absorb(batch) {
    batch.chunks.forEach((bytes, i) => ready.push({ bytes, done: batch.dones[i] }));
    if (batch.error) failure = new PhisealError(batch.error.code, batch.error.message);
    ended = batch.end;
    finalDone = batch.done;
  }

  async function step() {
    if (!worker) {
      await begin();
      if (stopped || worker === undefined) return;
      if (mode === "seal") {
        controller.enqueue(job.header);
        opts.onProgress?.(0, job.source.total);
        return;
      }
    }
    while (ready.length === 0 && !ended && failure === null) {
      if (nextBatch === null) requestBatch();
      const batch = await nextBatch;
      nextBatch = null;
      if (stopped) return;
      absorb(batch);
    }
    const next = ready.shift();
    if (next !== undefined) {
      controller.enqueue(next.bytes);
      opts.onProgress?.(headerBytes + next.done, job.source.total);
      if (ready.length < 4 && nextBatch === null && !ended && failure === null) requestBatch();
      return;
    }
    if (failure !== null) throw failure;
    opts.onProgress?.(headerBytes + finalDone, job.source.total);
    controller.close();
    stop();
  }

  return new ReadableStream(
    {
      start(c) {
        controller = c;
        if (signal?.aborted) {
          c.error(signal.reason);
          stop(signal.reason);
          return;
        }
        signal?.addEventListener("abort", onAbort, { once: true });
      },
      async pull() {
        try {
          await step();
        } catch (error) {
          if (stopped) return;
          stop(error);
          throw error;
        }
      },
      cancel(reason) {
        stop(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
