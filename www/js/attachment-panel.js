// Panel 3, Attachment: encrypts a file for the clinician as a stream of authenticated chunks
// (memory stays flat), with a progress bar and throughput; then decrypts it and verifies it
// against the original (SHA-256), and shows that a flipped bit or a truncated upload is refused.
import { byId, describeError, formatBytes, setResult, whileBusy } from "./dom.js";

const syntheticSize = 16 * 1024 * 1024;
const attachmentContext = "clinic.example/attachments/v1";
const chunkSize = 16 * 1024;
const tagLength = 16;

/** A synthetic "scan": deterministic pseudo-random bytes, no patient data. */
export function syntheticScan(size = syntheticSize) {
  const bytes = new Uint8Array(size);
  let state = 0x9e3779b9;
  for (let i = 0; i < size; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return new File([bytes], "synthetic-scan.bin", { type: "application/octet-stream" });
}

/** Reads a stream to the end into a Blob (the "upload" or the "download" of this demo). */
async function collect(stream) {
  const parts = [];
  await stream.pipeTo(new WritableStream({ write: (chunk) => void parts.push(chunk) }));
  return new Blob(parts);
}

/**
 * Runs `makeStream(onProgress)` to the end; reports progress and throughput of the input.
 * @returns {Promise<{ output: Blob, seconds: number }>}
 */
async function run(inputSize, makeStream, progress) {
  const started = performance.now();
  const onProgress = (done) => {
    const seconds = Math.max((performance.now() - started) / 1000, 1e-3);
    progress(done / inputSize, `${formatBytes(done)} of ${formatBytes(inputSize)} · ${(done / 1048576 / seconds).toFixed(1)} MiB/s`);
  };
  const output = await collect(makeStream(onProgress));
  return { output, seconds: (performance.now() - started) / 1000 };
}

async function sha256Hex(blob) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await blob.arrayBuffer()));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A copy of `blob` with one bit flipped at `offset`. */
async function flipBit(blob, offset) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  bytes[offset] ^= 0x01;
  return new Blob([bytes]);
}

/**
 * @param {{ phiseal: any, features: Set<string>, keyRing: import("./roles.js").KeyRing }} context
 */
export function setupAttachmentPanel({ phiseal, features, keyRing }) {
  const state = { file: null, sealed: null };
  const chosen = byId("attachment-chosen");
  const status = byId("attachment-status");
  const bar = /** @type {HTMLProgressElement} */ (byId("attachment-progress"));
  const progress = (fraction, text) => {
    bar.value = fraction;
    setResult(status, "busy", text);
  };
  const choose = (file) => {
    state.file = file;
    state.sealed = null;
    chosen.textContent = file ? `${file.name} · ${formatBytes(file.size)}` : "No file chosen.";
  };
  byId("attachment-file").addEventListener("change", (event) => choose(event.target.files?.[0] ?? null));
  byId("attachment-generate").addEventListener("click", () => choose(syntheticScan()));
  if (!features.has("stream")) return;

  const clinician = () => keyRing.get("clinician");

  const encrypt = byId("attachment-encrypt");
  encrypt.addEventListener("click", () =>
    whileBusy(encrypt, async () => {
      if (!state.file) return setResult(status, "error", "Choose a file or use the synthetic scan first.");
      if (!clinician()) return setResult(status, "error", "Generate keys first (panel 1).");
      const recipient = clinician().toPublicKey();
      try {
        const { output, seconds } = await run(state.file.size, (onProgress) =>
          phiseal.sealStream(state.file, [recipient], { context: attachmentContext, onProgress }), progress);
        state.sealed = output;
        setResult(
          status,
          "ok",
          `Encrypted ${formatBytes(state.file.size)} in ${seconds.toFixed(2)} s (${(state.file.size / 1048576 / seconds).toFixed(1)} MiB/s): ${formatBytes(output.size)} to upload.`,
        );
      } catch (error) {
        setResult(status, "error", `Encryption failed: ${describeError(error)}`);
      } finally {
        recipient.free();
      }
    }),
  );

  /** Decrypts `sealed` with the clinician key and compares it with the original. */
  async function decryptAndVerify(sealed) {
    const { output, seconds } = await run(sealed.size, (onProgress) =>
      phiseal.openStream(sealed, clinician(), { context: attachmentContext, onProgress }), progress);
    const [expected, actual] = await Promise.all([sha256Hex(state.file), sha256Hex(output)]);
    if (expected !== actual || output.size !== state.file.size) {
      return setResult(status, "error", "Decrypted data differs from the original.");
    }
    setResult(status, "ok", `Decrypted and verified ${formatBytes(output.size)} in ${seconds.toFixed(2)} s: SHA-256 ${actual} matches the original.`);
  }

  const decrypt = byId("attachment-decrypt");
  decrypt.addEventListener("click", () =>
    whileBusy(decrypt, async () => {
      if (!state.sealed) return setResult(status, "error", "Encrypt a file first.");
      try {
        await decryptAndVerify(state.sealed);
      } catch (error) {
        setResult(status, "error", `Decryption failed: ${describeError(error)}`);
      }
    }),
  );

  // Tampering: what the clinic's server would face after corruption or a cut-off upload.
  const tamper = async (button, damage, what) =>
    whileBusy(button, async () => {
      if (!state.sealed) return setResult(status, "error", "Encrypt a file first.");
      try {
        await decryptAndVerify(await damage(state.sealed));
        setResult(status, "error", `The ${what} copy was accepted: this must not happen.`);
      } catch (error) {
        bar.value = 0;
        setResult(status, "ok", `The ${what} copy was refused (${describeError(error)}); nothing was released.`);
      }
    });
  const flip = byId("attachment-tamper");
  flip.addEventListener("click", () => tamper(flip, (sealed) => flipBit(sealed, Math.floor(sealed.size / 2)), "tampered"));
  const cut = byId("attachment-truncate");
  // Cut at a chunk boundary, dropping the final chunk (docs/STREAMING.md: 16 KiB chunks, the
  // final one always short, 16-byte tags): every remaining chunk verifies, the end is missing.
  const finalChunkLength = () => (state.file.size % chunkSize) + tagLength;
  cut.addEventListener("click", () => tamper(cut, async (sealed) => sealed.slice(0, sealed.size - finalChunkLength()), "truncated"));
}
