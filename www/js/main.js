// Entry point of the demo portal: loads the `phiseal` package through the page's import map
// (exactly as an application would), detects which capabilities it offers, and wires the panels.
// Test hooks: <html data-state="loading|ready|failed" data-features="keys jwk ...">.
import { byId, describeError } from "./dom.js";
import { detectFeatures, featureLabel, featureNames, gateByFeatures } from "./features.js";
import { setupAttachmentPanel } from "./attachment-panel.js";
import { setupIntakePanel } from "./intake-panel.js";
import { setupKeysPanel } from "./keys-panel.js";
import { KeyRing } from "./roles.js";

/** The capabilities whose panels are implemented in this version of the demo. */
const wiredInDemo = new Set(["keys", "jwk", "backup", "fingerprint", "records", "deid", "stream"]);

async function loadPackage() {
  const phiseal = await import("phiseal");
  await phiseal.initAsync();
  return phiseal;
}

function showStatus(kind, text) {
  const banner = byId("package-status");
  banner.dataset.kind = kind;
  banner.textContent = text;
}

async function boot() {
  const root = document.documentElement;
  let phiseal;
  try {
    phiseal = await loadPackage();
  } catch (error) {
    gateByFeatures(document, new Set(), () => "Needs the phiseal package, which did not load.");
    showStatus(
      "error",
      `The phiseal package could not be loaded (${describeError(error)}). Build it with scripts/build-wasm.sh and reload.`,
    );
    root.dataset.state = "failed";
    return;
  }
  // A capability is live when the package offers it and this demo already wires it up.
  const offered = detectFeatures(phiseal);
  const features = new Set([...offered].filter((name) => wiredInDemo.has(name)));
  gateByFeatures(document, features);
  const missing = featureNames.filter((name) => !offered.has(name));
  showStatus(
    "ok",
    missing.length === 0
      ? "phiseal loaded: every capability is available."
      : `phiseal loaded. Not in this version of the package yet: ${missing.map(featureLabel).join(", ")}.`,
  );

  const context = { phiseal, features, keyRing: new KeyRing() };
  setupKeysPanel(context);
  setupIntakePanel(context);
  setupAttachmentPanel(context);
  root.dataset.features = [...features].join(" ");
  root.dataset.state = "ready";
}

boot();
