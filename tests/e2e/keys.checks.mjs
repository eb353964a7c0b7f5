// Checks of the Keys panel, grouped by the capability they need.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

const roles = ["clinician", "billing", "researcher"];
const base64url = /^[A-Za-z0-9_-]+$/;

/** Reads the key ID and fingerprint shown on each role card. */
async function roleCards(page) {
  return page.$$eval("#role-cards [data-role]", (cards) =>
    cards.map((card) => ({
      role: card.dataset.role,
      hasKey: card.dataset.hasKey === "true",
      keyId: card.querySelector('[data-field="keyId"]').textContent,
      fingerprint: card.querySelector('[data-field="fingerprint"]').textContent,
    })),
  );
}

/** Generates keys (once per demo) and returns the cards. */
export async function ensureKeys(page) {
  let cards = await roleCards(page);
  if (!cards.every((card) => card.hasKey)) {
    await page.click("#generate-keys");
    await page.waitForFunction(() => document.querySelectorAll('#role-cards [data-has-key="true"]').length === 3);
    cards = await roleCards(page);
  }
  return cards;
}

/** RFC 7638 thumbprint of an OKP public JWK, computed independently of phiseal. */
function thumbprint(jwk) {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash("sha256").update(canonical).digest("base64url");
}

async function waitForResult(page, selector) {
  await page.waitForFunction((s) => {
    const kind = document.querySelector(s)?.dataset.kind;
    return kind === "ok" || kind === "error";
  }, selector, { timeout: 60_000 });
  return page.$eval(selector, (element) => ({ kind: element.dataset.kind, text: element.textContent }));
}

export const keysChecks = {
  keys: {
    "generates a distinct key for each role, shown by its RFC 7638 key ID": async ({ page }) => {
      const cards = await ensureKeys(page);
      assert.deepEqual(cards.map((card) => card.role), roles);
      for (const card of cards) {
        assert.match(card.keyId, base64url, `${card.role} key ID`);
        assert.equal(card.keyId.length, 43, `${card.role} key ID is a base64url SHA-256`);
      }
      assert.equal(new Set(cards.map((card) => card.keyId)).size, 3, "key IDs are distinct");
    },
    "generating again replaces every key": async ({ page }) => {
      const before = await ensureKeys(page);
      await page.click("#generate-keys");
      await page.waitForFunction(
        (old) => [...document.querySelectorAll('#role-cards [data-field="keyId"]')].every((dd, i) => dd.textContent !== old[i]),
        before.map((card) => card.keyId),
      );
      const after = await roleCards(page);
      for (const [i, card] of after.entries()) assert.notEqual(card.keyId, before[i].keyId);
    },
  },

  fingerprint: {
    "shows a distinct fingerprint for each role": async ({ page }) => {
      const cards = await ensureKeys(page);
      for (const card of cards) {
        assert.ok(card.fingerprint.length >= 16, `${card.role} fingerprint "${card.fingerprint}"`);
        assert.doesNotMatch(card.fingerprint, /^(—|Coming)/);
        assert.notEqual(card.fingerprint, card.keyId);
      }
      assert.equal(new Set(cards.map((card) => card.fingerprint)).size, 3);
    },
  },

  jwk: {
    "exports the selected role's public key as an X25519 JWK with no private member": async ({ page }) => {
      const cards = await ensureKeys(page);
      await page.selectOption("#jwk-role", "billing");
      await page.click("#export-jwk");
      await page.waitForFunction(() => document.querySelector("#jwk-output").value.includes("{"));
      const jwk = JSON.parse(await page.inputValue("#jwk-output"));
      assert.equal(jwk.kty, "OKP");
      assert.equal(jwk.crv, "X25519");
      assert.match(jwk.x, base64url);
      assert.equal(Buffer.from(jwk.x, "base64url").length, 32);
      assert.equal(jwk.d, undefined, "a public JWK must not carry the private key");
      const billing = cards.find((card) => card.role === "billing");
      assert.equal(thumbprint(jwk), billing.keyId, "the JWK's RFC 7638 thumbprint is the billing key ID");
    },
  },

  backup: {
    "refuses to back up under a password shorter than 12 characters": async ({ page }) => {
      await ensureKeys(page);
      const previous = await page.inputValue("#backup-output");
      await page.fill("#backup-password", "short pw");
      await page.click("#backup-key");
      const result = await waitForResult(page, "#backup-status");
      assert.equal(result.kind, "error");
      assert.match(result.text, /at least 12 characters/);
      assert.equal(await page.inputValue("#backup-output"), previous, "no backup is written");
    },
    "backs a private key up with a password and restores the same key": async ({ page }) => {
      const cards = await ensureKeys(page);
      const clinician = cards.find((card) => card.role === "clinician");
      await page.selectOption("#backup-role", "clinician");
      await page.fill("#backup-password", "correct horse battery staple");
      await page.click("#backup-key");
      const backedUp = await waitForResult(page, "#backup-status");
      assert.equal(backedUp.kind, "ok", backedUp.text);
      assert.match(backedUp.text, /Argon2id: \d+ MiB/);
      const backup = await page.inputValue("#backup-output");
      assert.ok(backup.length > 43, "the backup holds a wrapped key");

      await page.click("#restore-key");
      await page.waitForFunction(() => /^Restored|failed/.test(document.querySelector("#backup-status").textContent));
      const restored = await waitForResult(page, "#backup-status");
      assert.equal(restored.kind, "ok", restored.text);
      assert.match(restored.text, /matches/);
      const after = (await roleCards(page)).find((card) => card.role === "clinician");
      assert.equal(after.keyId, clinician.keyId);
    },
    "rejects a wrong password with WRONG_PASSWORD, keeps the key, then accepts the right one": async ({ page }) => {
      const before = (await ensureKeys(page)).find((card) => card.role === "clinician");
      assert.ok((await page.inputValue("#backup-output")).length > 0, "runs after the backup check");
      await page.selectOption("#backup-role", "clinician");
      await page.fill("#backup-password", "not the right password");
      await page.click("#restore-key");
      await page.waitForFunction(() => /failed/.test(document.querySelector("#backup-status").textContent), null, {
        timeout: 60_000,
      });
      const result = await waitForResult(page, "#backup-status");
      assert.equal(result.kind, "error");
      assert.match(result.text, /WRONG_PASSWORD/);
      const after = (await roleCards(page)).find((card) => card.role === "clinician");
      assert.equal(after.keyId, before.keyId);

      await page.fill("#backup-password", "correct horse battery staple");
      await page.click("#restore-key");
      const retried = await waitForResult(page, "#backup-status");
      assert.equal(retried.kind, "ok", retried.text);
      assert.match(retried.text, /matches/);
    },
  },
};
