// End-to-end tests of the demo portal in headless Chromium. Each panel's checks run when the
// page reports its capability as live (<html data-features>), and are skipped with the reason
// otherwise; E2E_REQUIRE_FEATURES turns a missing capability into a failure.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { attachmentChecks } from "./attachment.checks.mjs";
import { auditContrast } from "./contrast.mjs";
import { openDemo, requiredFeatures } from "./harness.mjs";
import { intakeChecks } from "./intake.checks.mjs";
import { keysChecks } from "./keys.checks.mjs";
import { pageChecks } from "./page.checks.mjs";

/** @type {Awaited<ReturnType<typeof openDemo>>} */
let demo;

before(async () => {
  demo = await openDemo();
});

after(async () => {
  if (!demo) return;
  try {
    await demo.screenshot("demo.png");
  } finally {
    await demo.close();
  }
});

/**
 * Registers `checks` (name -> async (demo) => void) as tests that need `feature`.
 * @param {string} feature
 * @param {Record<string, (demo: any) => Promise<void>>} checks
 */
function checksFor(feature, checks) {
  for (const [name, check] of Object.entries(checks)) {
    test(name, async (t) => {
      if (!demo.features.has(feature)) return t.skip(`the demo has no "${feature}" capability yet`);
      await check(demo);
    });
  }
}

describe("demo portal", () => {
  test("loads the phiseal package through the import map", () => {
    assert.equal(demo.state, "ready", demo.statusText);
  });

  test("offers every required capability", () => {
    const missing = requiredFeatures().filter((feature) => !demo.features.has(feature));
    assert.deepEqual(missing, [], `live features: ${[...demo.features].join(" ") || "none"}`);
  });

  for (const [name, check] of Object.entries(pageChecks)) test(name, () => check(demo));
});

describe("keys panel", () => {
  checksFor("keys", keysChecks.keys);
  checksFor("fingerprint", keysChecks.fingerprint);
  checksFor("jwk", keysChecks.jwk);
  checksFor("backup", keysChecks.backup);
});

describe("intake panel", () => {
  checksFor("records", intakeChecks.records);
  checksFor("deid", intakeChecks.deid);
});

describe("attachment panel", () => {
  checksFor("stream", attachmentChecks.stream);
});

describe("after every panel ran", () => {
  test("text contrast still holds with every output shown", async () => {
    assert.deepEqual(await demo.page.evaluate(auditContrast), []);
  });
});

describe("privacy", () => {
  test("no request left 127.0.0.1 and nothing failed", () => {
    assert.deepEqual(demo.problems.externalRequests, []);
    assert.deepEqual(demo.problems.failedRequests, []);
  });

  test("no console error, CSP violation or uncaught exception", () => {
    assert.deepEqual(demo.problems.consoleErrors, []);
    assert.deepEqual(demo.problems.pageErrors, []);
  });
});
