// Panel 3, Attachment: encrypts a file as a stream of authenticated chunks with a progress bar
// and throughput, then decrypts it and verifies it byte for byte (SHA-256).
import { byId, formatBytes } from "./dom.js";

const syntheticSize = 16 * 1024 * 1024;

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

/**
 * @param {{ phiseal: any, features: Set<string>, keyRing: import("./roles.js").KeyRing }} context
 */
export function setupAttachmentPanel(context) {
  const state = { file: null };
  const chosen = byId("attachment-chosen");
  const choose = (file) => {
    state.file = file;
    chosen.textContent = file ? `${file.name} · ${formatBytes(file.size)}` : "No file chosen.";
  };
  byId("attachment-file").addEventListener("change", (event) => choose(event.target.files?.[0] ?? null));
  byId("attachment-generate").addEventListener("click", () => choose(syntheticScan()));
  // Encryption is wired here once the package offers streaming (sealStream/openStream); until
  // then main.js keeps the controls disabled.
  void context;
}
