// Type declarations of phiseal's streaming envelopes (re-exported by index.d.ts).
// Format: docs/FORMAT.md "Streaming" and docs/STREAMING.md; guide: docs/STREAMING.md "JavaScript".

import type { BytesOrText, KeyPair, RecipientKey } from "./index.js";

/** What `sealStream` / `openStream` read: a stream of bytes or something that has one. */
export type StreamInput = ReadableStream<Uint8Array> | Blob | Response | Uint8Array | ArrayBuffer;

/**
 * Progress: `bytesDone` bytes of the input have been turned into output that was released;
 * `totalBytes` is the input's length when known (Blob / File size, Content-Length, bytes, or
 * the `totalBytes` option), else `undefined`. Called once per 16 KiB chunk.
 */
export type StreamProgress = (bytesDone: number, totalBytes: number | undefined) => void;

/** Options shared by both directions. */
export interface StreamOptions {
  /** What the stream is for; bound into every key, never stored. At most 64 KiB. */
  readonly context: BytesOrText;
  readonly onProgress?: StreamProgress;
  /** Aborting errors the output with `signal.reason`, cancels the input and frees all memory. */
  readonly signal?: AbortSignal;
  /**
   * Chunk encryption: `"webcrypto"` (native AES-GCM, several chunks in flight; the default where
   * `crypto.subtle` exists) or `"wasm"` (the reference, and the fallback in insecure contexts).
   * Both produce the same bytes; key work is always in WebAssembly.
   */
  readonly engine?: "webcrypto" | "wasm";
  /**
   * Run the chunk work in a module worker (Node: worker_threads). Needs WebCrypto; only a
   * non-extractable CryptoKey is sent to the worker.
   */
  readonly worker?: boolean;
  /** The input's length, for progress, when the input itself does not say. */
  readonly totalBytes?: number;
}

export interface SealStreamOptions extends StreamOptions {
  /** Authenticate the sender (HPKE auth mode) so recipients can require it. */
  readonly sender?: KeyPair;
}

export interface OpenStreamOptions extends StreamOptions {
  /** Require that this key sealed the stream; otherwise the output errors with AUTH_FAILED. */
  readonly expectedSender?: RecipientKey;
}

/**
 * Seals a stream of plaintext for every recipient (1 to 256) as a streaming envelope, in
 * constant memory. Argument errors throw at once; later errors error the returned stream.
 * The output can be a `fetch` upload body (`duplex: "half"`) or piped to a file.
 * @example
 * const body = sealStream(file, [clinic.publicKey], { context: `upload:${id}`, onProgress });
 * await fetch(url, { method: "PUT", body, duplex: "half" });
 */
export function sealStream(
  input: StreamInput,
  recipients: readonly RecipientKey[],
  options: SealStreamOptions,
): ReadableStream<Uint8Array>;

/**
 * Opens a streaming envelope with `identity`. Each 16 KiB chunk is released only after its tag
 * verified; the stream closes only after the final chunk verified. A truncated or tampered
 * input errors the stream (TRUNCATED, AUTH_FAILED, MALFORMED, NO_MATCHING_RECIPIENT, ...) after
 * the chunks that did verify: treat the data as complete only when the stream closed.
 */
export function openStream(
  input: StreamInput,
  identity: KeyPair,
  options: OpenStreamOptions,
): ReadableStream<Uint8Array>;

/** `sealStream` as a `{ writable, readable }` pair for `pipeThrough`. */
export function sealTransform(
  recipients: readonly RecipientKey[],
  options: SealStreamOptions,
): ReadableWritablePair<Uint8Array, Uint8Array>;

/** `openStream` as a `{ writable, readable }` pair for `pipeThrough`. */
export function openTransform(
  identity: KeyPair,
  options: OpenStreamOptions,
): ReadableWritablePair<Uint8Array, Uint8Array>;
