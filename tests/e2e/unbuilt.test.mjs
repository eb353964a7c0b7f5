// The portal served without a built package (a fresh clone before scripts/build-wasm.sh): it
// must say what to do, keep every panel disabled, and fail no other way.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openDemo } from "./harness.mjs";

let emptyPkg;
let demo;

before(async () => {
  emptyPkg = await mkdtemp(join(tmpdir(), "phiseal-e2e-nopkg-"));
  demo = await openDemo({ pkgDir: emptyPkg });
});

after(async () => {
  await demo?.close();
  await rm(emptyPkg, { recursive: true, force: true });
});

test("says the package is not built and how to build it", () => {
  assert.equal(demo.state, "failed");
  assert.match(demo.statusText, /could not be loaded.*scripts\/build-wasm\.sh/s);
});

test("keeps every panel disabled, each with its note", async () => {
  const parts = await demo.page.$$eval("[data-requires]", (elements) =>
    elements.map((e) => ({ disabled: e.dataset.disabled === "true", note: e.querySelector(":scope > .coming")?.textContent ?? "" })),
  );
  assert.ok(parts.length > 0);
  for (const part of parts) {
    assert.ok(part.disabled);
    assert.equal(part.note, "Needs the phiseal package, which did not load.");
  }
  assert.equal(await demo.page.isDisabled("#generate-keys"), true);
});

test("makes no request outside 127.0.0.1 and throws nothing uncaught", () => {
  assert.deepEqual(demo.problems.externalRequests, []);
  assert.deepEqual(demo.problems.pageErrors, []);
});
