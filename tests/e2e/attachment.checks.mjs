// Checks of the Attachment panel (needs the "stream" capability). The attachment is generated
// here, in Node, so the digest the page reports is checked against an independent one.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { ensureKeys } from "./keys.checks.mjs";

// Not a multiple of any chunk size, and several MiB so that progress has steps to report.
const attachment = randomBytes(5 * 1024 * 1024 + 12_345);
const attachmentSha256 = createHash("sha256").update(attachment).digest("hex");

async function resultAfter(page, button) {
  await page.click(button);
  await page.waitForFunction(
    (b) => !document.querySelector(b).hasAttribute("aria-busy") && document.querySelector("#attachment-status").dataset.kind !== "busy",
    button,
    { timeout: 120_000 },
  );
  return page.$eval("#attachment-status", (e) => ({ kind: e.dataset.kind, text: e.textContent }));
}

async function ensureEncrypted(page) {
  await ensureKeys(page);
  await page.setInputFiles("#attachment-file", { name: "scan.bin", mimeType: "application/octet-stream", buffer: attachment });
  const result = await resultAfter(page, "#attachment-encrypt");
  assert.equal(result.kind, "ok", result.text);
  return result;
}

export const attachmentChecks = {
  stream: {
    "encrypts a generated attachment with progress and throughput": async ({ page }) => {
      const result = await ensureEncrypted(page);
      assert.match(result.text, /MiB\/s/);
      assert.equal(await page.$eval("#attachment-progress", (p) => p.value), 1);
    },
    "decrypts it and verifies the SHA-256 of the original": async ({ page }) => {
      const result = await resultAfter(page, "#attachment-decrypt");
      assert.equal(result.kind, "ok", result.text);
      assert.ok(result.text.includes(attachmentSha256), `expected SHA-256 ${attachmentSha256} in "${result.text}"`);
    },
    "refuses a ciphertext with one flipped bit": async ({ page }) => {
      const result = await resultAfter(page, "#attachment-tamper");
      assert.equal(result.kind, "ok", result.text);
      assert.match(result.text, /refused \(AUTH_FAILED/);
    },
    "refuses a ciphertext cut at a chunk boundary as TRUNCATED": async ({ page }) => {
      const result = await resultAfter(page, "#attachment-truncate");
      assert.equal(result.kind, "ok", result.text);
      assert.match(result.text, /refused \(TRUNCATED/);
    },
  },
};
