// Compile-time checks of the streaming declarations (pkg/stream.d.ts), run by `tsc --strict`
// in scripts/test.sh: a consumer's typical calls type-check, wrong ones do not.
import { KeyPair, PhisealError, openStream, openTransform, sealStream, sealTransform } from "phiseal";
import type { OpenStreamOptions, SealStreamOptions, StreamInput, StreamProgress } from "phiseal";

declare const file: File;
declare const response: Response;
const clinic = KeyPair.generate();
const sender = KeyPair.generate();
const controller = new AbortController();
const progress: StreamProgress = (done: number, total: number | undefined) => void (total === undefined ? done : done / total);

const sealOptions: SealStreamOptions = { context: "attachment:1", sender, onProgress: progress, signal: controller.signal, engine: "webcrypto" };
const body: ReadableStream<Uint8Array> = sealStream(file, [clinic.publicKey, clinic.toPublicKey()], sealOptions);
void fetch("https://example.invalid/upload", { method: "PUT", body });

const openOptions: OpenStreamOptions = { context: new Uint8Array([1]), expectedSender: sender.publicKey, worker: true };
const plain: ReadableStream<Uint8Array> = openStream(response, clinic, openOptions);
const inputs: StreamInput[] = [file, response, new Uint8Array(1), new ArrayBuffer(1), plain];
void inputs;

const piped: ReadableStream<Uint8Array> = file
  .stream()
  .pipeThrough(sealTransform([clinic.publicKey], { context: "x" }))
  .pipeThrough(openTransform(clinic, { context: "x", engine: "wasm" }));
void piped;

// @ts-expect-error the context is required
sealStream(file, [clinic.publicKey], {});
// @ts-expect-error engines are "webcrypto" or "wasm"
openStream(file, clinic, { context: "x", engine: "openssl" });
// @ts-expect-error the identity is a KeyPair handle, not raw bytes
openStream(file, new Uint8Array(32), { context: "x" });
// @ts-expect-error a string is not a stream input
sealStream("text", [clinic.publicKey], { context: "x" });

export function isStreamFailure(error: unknown): boolean {
  return error instanceof PhisealError && (error.code === "AUTH_FAILED" || error.code === "TRUNCATED");
}
