// The output side of sealStream / openStream (private to the package): a pull-based
// ReadableStream that frames the input into chunks, keeps up to `depth` chunks in flight, and
// releases their results strictly in order, one per pull.
//
// Why pull-based with highWaterMark 0: every pull enqueues exactly one verified chunk into a
// read that is already waiting, so when a later chunk fails, everything released before the
// error has been delivered (nothing sits in a queue that the error would discard), and nothing
// after it ever is. Backpressure is the consumer's: input is read only as output is read.
//
// Stopping (abort signal, output cancelled, failure, or the end) is one idempotent `stop` that
// cancels the input, wipes results still in flight, and releases the engine and WebAssembly
// handle (`release`).

import { CHUNK_LEN, SEALED_CHUNK_LEN } from "./stream-engines.js";

/**
 * @typedef {{ work: Promise<Uint8Array>, inputBytes: number, last: boolean }} Unit
 * @param {{
 *   input: { cancel(reason?: unknown): Promise<void> },
 *   start: () => Promise<{ bytes?: Uint8Array, inputBytes: number }>,
 *   nextUnit: () => Promise<Unit>,
 *   depth: number,
 *   total: number | undefined,
 *   onProgress?: (bytesDone: number, totalBytes: number | undefined) => void,
 *   signal?: AbortSignal,
 *   release: () => void,
 * }} plan
 * @returns {ReadableStream<Uint8Array>}
 */
export function chunkPipeline(plan) {
  const { input, depth, total, onProgress, signal } = plan;
  /** @type {Unit[]} */
  const queue = [];
  let started = false;
  let submittedLast = false;
  let stopped = false;
  let done = 0;
  let controller;

  function stop(reason, cancelInput) {
    if (stopped) return;
    stopped = true;
    for (const unit of queue.splice(0)) unit.work.then((bytes) => bytes.fill(0), () => {});
    signal?.removeEventListener("abort", onAbort);
    try {
      plan.release();
    } finally {
      if (cancelInput) void input.cancel(reason);
    }
  }

  function onAbort() {
    if (stopped) return;
    controller.error(signal.reason);
    stop(signal.reason, true);
  }

  function progress(bytes) {
    done += bytes;
    onProgress?.(done, total);
  }

  /** Submits chunks until `depth` are in flight or the final one is submitted. */
  async function fill() {
    while (!submittedLast && queue.length < depth) {
      const unit = await plan.nextUnit();
      unit.work.catch(() => {}); // awaited in order below; this only silences early rejections
      queue.push(unit);
      submittedLast = unit.last;
      if (stopped) return;
    }
  }

  /** Delivers exactly one piece of output (or closes) per call. */
  async function step() {
    if (!started) {
      started = true;
      const { bytes, inputBytes } = await plan.start();
      if (stopped) return;
      if (bytes !== undefined) {
        controller.enqueue(bytes);
        progress(inputBytes);
        return;
      }
      done += inputBytes;
    }
    for (;;) {
      await fill();
      if (stopped) return;
      const unit = /** @type {Unit} */ (queue.shift());
      const out = await unit.work;
      if (stopped) return void out.fill(0);
      if (out.length > 0) controller.enqueue(out);
      progress(unit.inputBytes);
      if (unit.last) {
        controller.close();
        stop(undefined, false);
      }
      if (out.length > 0 || unit.last) return;
    }
  }

  return new ReadableStream(
    {
      start(c) {
        controller = c;
        if (signal?.aborted) {
          c.error(signal.reason);
          stop(signal.reason, true);
          return;
        }
        signal?.addEventListener("abort", onAbort, { once: true });
      },
      async pull() {
        try {
          await step();
        } catch (error) {
          if (stopped) return;
          stop(error, true);
          throw error;
        }
      },
      cancel(reason) {
        stop(reason, true);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The chunk framing of each direction, shared by the main thread and the worker. `engine()`
 * returns the engine once `start` has set it up.
 */
export const framing = {
  /** Sealing: every 16 KiB is a non-final chunk; the short rest (maybe empty) is final. */
  seal: (reader, engine) => async () => {
    const piece = await reader.exactly(CHUNK_LEN);
    const last = piece.length < CHUNK_LEN;
    return { work: engine().seal(piece, last), inputBytes: piece.length, last };
  },
  /** Opening: every 16400 bytes is a non-final chunk; what is left at the end is final. */
  open: (reader, engine) => async () => {
    const piece = await reader.exactly(SEALED_CHUNK_LEN);
    if (piece.length === 0) return { work: ended(engine()), inputBytes: 0, last: true };
    const last = piece.length < SEALED_CHUNK_LEN;
    return { work: engine().open(piece, last), inputBytes: piece.length, last };
  },
};

/** The input ended right after a full chunk: `TRUNCATED`, never a clean end. */
async function ended(engine) {
  engine.inputEnded();
  return new Uint8Array(0);
}
