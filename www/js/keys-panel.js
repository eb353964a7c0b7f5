// Panel 1, Keys: generates a key pair per role, shows key IDs (RFC 7638 thumbprints) and
// fingerprints, exports a public key as JWK, and backs a private key up with a password.
import { byId, describeError, el, setResult, whileBusy } from "./dom.js";
import { roles } from "./roles.js";

/**
 * @param {{ phiseal: any, features: Set<string>, keyRing: import("./roles.js").KeyRing }} context
 */
export function setupKeysPanel({ phiseal, features, keyRing }) {
  renderRoleCards();
  for (const select of document.querySelectorAll("[data-role-select]")) {
    select.replaceChildren(...roles.map((role) => el("option", { value: role.id }, role.label)));
  }
  keyRing.addEventListener("change", (event) => updateRoleCard(event.detail.roleId, { phiseal, features, keyRing }));

  if (!features.has("keys")) return;
  const generate = byId("generate-keys");
  generate.addEventListener("click", () =>
    whileBusy(generate, () => {
      for (const role of roles) keyRing.set(role.id, phiseal.KeyPair.generate());
      generate.textContent = "Generate new keys for all roles";
    }),
  );

  if (features.has("jwk")) setupJwkExport({ phiseal, keyRing });
  if (features.has("backup")) setupBackup({ phiseal, keyRing });
}

function renderRoleCards() {
  const cards = roles.map((role) =>
    el(
      "li",
      { class: "role-card", id: `role-${role.id}`, "data-role": role.id, "aria-labelledby": `role-${role.id}-name` },
      el("h3", { id: `role-${role.id}-name` }, role.label),
      el("p", { class: "role-reads" }, role.reads),
      el(
        "dl",
        { class: "key-facts" },
        el("dt", {}, "Key ID"),
        el("dd", { "data-field": "keyId", class: "mono" }, "No key yet"),
        el("dt", {}, "Fingerprint"),
        el("dd", { "data-field": "fingerprint", class: "mono" }, "—"),
      ),
    ),
  );
  byId("role-cards").replaceChildren(...cards);
}

function updateRoleCard(roleId, { features, keyRing }) {
  const card = byId(`role-${roleId}`);
  const keyPair = keyRing.get(roleId);
  card.dataset.hasKey = String(Boolean(keyPair));
  card.querySelector('[data-field="keyId"]').textContent = keyPair ? keyPair.keyId : "No key yet";
  const fingerprint = card.querySelector('[data-field="fingerprint"]');
  if (!keyPair) fingerprint.textContent = "—";
  else if (!features.has("fingerprint")) fingerprint.textContent = "Coming with key fingerprints";
  else {
    const publicKey = keyPair.toPublicKey();
    try {
      fingerprint.textContent = String(publicKey.fingerprint);
    } finally {
      publicKey.free();
    }
  }
}

/** Exports the selected role's public key as a JWK and proves it re-imports to the same key. */
function setupJwkExport({ phiseal, keyRing }) {
  const button = byId("export-jwk");
  const output = byId("jwk-output");
  button.addEventListener("click", () => {
    const keyPair = keyRing.get(byId("jwk-role").value);
    if (!keyPair) {
      output.value = "Generate keys first.";
      return;
    }
    const publicKey = keyPair.toPublicKey();
    try {
      const jwk = publicKey.toJwk();
      output.value = typeof jwk === "string" ? JSON.stringify(JSON.parse(jwk), null, 2) : JSON.stringify(jwk, null, 2);
    } catch (error) {
      output.value = describeError(error);
    } finally {
      publicKey.free();
    }
  });
}

/** Backs the selected role's private key up with a password, and restores it from the text. */
function setupBackup({ phiseal, keyRing }) {
  const status = byId("backup-status");
  const output = byId("backup-output");
  const password = byId("backup-password");
  const roleSelect = byId("backup-role");

  const backup = byId("backup-key");
  backup.addEventListener("click", () =>
    whileBusy(backup, async () => {
      const keyPair = keyRing.get(roleSelect.value);
      if (!keyPair) return setResult(status, "error", "Generate keys first.");
      if ([...password.value].length < minPasswordLength) {
        return setResult(status, "error", `Choose a password of at least ${minPasswordLength} characters.`);
      }
      setResult(status, "busy", "Deriving the wrapping key with Argon2id…");
      await nextFrame(); // exportWithPassword blocks: let the message paint first
      try {
        output.value = keyPair.exportWithPassword(password.value);
        setResult(status, "ok", `Backed up the ${label(roleSelect.value)} key (${keyPair.keyId}). ${describeBackup(phiseal, output.value)}`);
      } catch (error) {
        setResult(status, "error", `Backup failed: ${describeError(error)}`);
      }
    }),
  );

  const restore = byId("restore-key");
  restore.addEventListener("click", () =>
    whileBusy(restore, async () => {
      setResult(status, "busy", "Restoring…");
      await nextFrame();
      try {
        const restored = phiseal.KeyPair.importWithPassword(output.value.trim(), password.value);
        const current = keyRing.get(roleSelect.value);
        const matches = current ? current.keyId === restored.keyId : false;
        keyRing.set(roleSelect.value, restored);
        setResult(
          status,
          "ok",
          matches
            ? `Restored the ${label(roleSelect.value)} key: key ID ${restored.keyId} matches.`
            : `Restored key ${restored.keyId} as the ${label(roleSelect.value)} key.`,
        );
      } catch (error) {
        setResult(status, "error", `Restore failed: ${describeError(error)}`);
      }
    }),
  );
}

const minPasswordLength = 12;

const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

/** "Argon2id: 19 MiB, 2 passes, 1 lane." from the backup's (unauthenticated) header. */
function describeBackup(phiseal, backup) {
  if (typeof phiseal.readKeyBackup !== "function") return "";
  const { memoryKib, iterations, parallelism } = phiseal.readKeyBackup(backup).params;
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  return `Argon2id: ${Math.round(memoryKib / 1024)} MiB, ${count(iterations, "pass", "passes")}, ${count(parallelism, "lane", "lanes")}.`;
}

function label(roleId) {
  return roles.find((role) => role.id === roleId)?.label.toLowerCase() ?? roleId;
}
