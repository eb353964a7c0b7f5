// Input side of sealStream / openStream (private to the package): accepts a ReadableStream, a
// Blob or File, a fetch Response or bytes, and hands out pieces of exactly the size the
// chunk framing asks for. Holds at most one input piece plus one partial chunk.

import { PhisealError } from "./errors.js";

const invalid = (message) => new PhisealError("INVALID_ARGUMENT", `invalid argument: ${message}`);

/**
 * The stream of bytes behind `input`, and its total length when the input tells it.
 * @param {unknown} input ReadableStream<Uint8Array> | Blob | Response | Uint8Array | ArrayBuffer
 * @param {number | undefined} totalBytes the caller's length, overriding what the input says
 * @returns {{ stream: ReadableStream<Uint8Array>, total: number | undefined }}
 */
export function resolveInput(input, totalBytes) {
  if (totalBytes !== undefined && !(Number.isSafeInteger(totalBytes) && totalBytes >= 0)) {
    throw invalid("totalBytes must be a whole number of bytes");
  }
  const found = describe(input);
  if (found.stream.locked) throw invalid("the input stream is locked (already being read)");
  return { stream: found.stream, total: totalBytes ?? found.total };
}

function describe(input) {
  if (typeof ReadableStream === "function" && input instanceof ReadableStream) return { stream: input, total: undefined };
  if (typeof Blob === "function" && input instanceof Blob) return { stream: input.stream(), total: input.size };
  if (typeof Response === "function" && input instanceof Response) {
    if (input.body === null) return { stream: bytesStream(new Uint8Array(0)), total: 0 };
    const length = Number(input.headers.get("Content-Length") ?? NaN);
    const identity = (input.headers.get("Content-Encoding") ?? "identity") === "identity";
    return { stream: input.body, total: identity && Number.isSafeInteger(length) ? length : undefined };
  }
  if (input instanceof Uint8Array) return { stream: bytesStream(input), total: input.length };
  if (input instanceof ArrayBuffer) return { stream: bytesStream(new Uint8Array(input)), total: input.byteLength };
  throw invalid("input must be a ReadableStream, Blob, Response, Uint8Array or ArrayBuffer");
}

/** A stream over in-memory bytes, handed out in 64 KiB views (no copy). */
function bytesStream(bytes) {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const end = Math.min(offset + 65536, bytes.length);
      controller.enqueue(bytes.subarray(offset, end));
      offset = end;
    },
  });
}

/** Reads pieces of an exact size from a ReadableStream of Uint8Array. */
export class PieceReader {
  /** @param {ReadableStream<Uint8Array>} stream */
  constructor(stream) {
    this.reader = stream.getReader();
    /** @type {Uint8Array} unread bytes of the current input piece */
    this.pending = new Uint8Array(0);
    this.ended = false;
  }

  /** Reads one more input piece into `pending`; false at the end of input. */
  async fill() {
    if (this.ended) return false;
    const { done, value } = await this.reader.read();
    if (done) {
      this.ended = true;
      return false;
    }
    if (!(value instanceof Uint8Array)) throw invalid("the input stream must yield Uint8Array chunks");
    this.pending = this.pending.length === 0 ? value : concat([this.pending, value]);
    return true;
  }

  /** The unread bytes, reading one more piece when none are left; null at the end of input. */
  async some() {
    while (this.pending.length === 0) {
      if (!(await this.fill())) return null;
    }
    const piece = this.pending;
    this.pending = new Uint8Array(0);
    return piece;
  }

  /** Gives back bytes that `some()` returned but were not used. */
  unread(bytes) {
    this.pending = this.pending.length === 0 ? bytes : concat([bytes, this.pending]);
  }

  /**
   * Exactly `size` bytes, or fewer only at the end of input (possibly none).
   * @param {number} size
   * @returns {Promise<Uint8Array>}
   */
  async exactly(size) {
    if (this.pending.length >= size) return this.take(size);
    const parts = [];
    let have = 0;
    while (have < size) {
      if (this.pending.length === 0 && !(await this.fill())) break;
      const part = this.take(Math.min(size - have, this.pending.length));
      parts.push(part);
      have += part.length;
    }
    return parts.length === 1 ? parts[0] : concat(parts);
  }

  take(size) {
    const part = this.pending.subarray(0, size);
    this.pending = this.pending.subarray(size);
    return part;
  }

  /** Gives the input back to the caller untouched (a call that failed before it started). */
  releaseLock() {
    this.reader.releaseLock();
  }

  /** Stops reading and cancels the input (abort, output cancelled, or failure). */
  async cancel(reason) {
    this.pending = new Uint8Array(0);
    this.ended = true;
    try {
      await this.reader.cancel(reason);
    } catch {
      // The input may already be errored or closed: nothing more to release.
    }
  }
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
