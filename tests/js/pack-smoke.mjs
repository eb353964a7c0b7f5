// Packaging smoke test: `npm pack` the package, install the tarball into throwaway Node ESM
// and CommonJS projects in a temporary directory, and seal/open through each exactly as a
// user would (import by package name, no access to the repository).
//
// Run after scripts/build-wasm.sh: node tests/js/pack-smoke.mjs
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "phiseal-pack-"));
let tarball;
let packedFiles = [];

// Exactly what the tarball must contain: loaders, types, the safe JS layer, generated glue.
const expectedFiles = [
  "README.md",
  "dist/phiseal.cjs",
  "dist/phiseal_wasm_bg.js",
  "deid.d.ts",
  "dist/phiseal_wasm_bg.wasm",
  "index.d.ts",
  "index.js",
  "node.cjs",
  "node.js",
  "package.json",
  "records.d.ts",
  "src/api.js",
  "src/bytes.js",
  "src/deid.js",
  "src/envelope.js",
  "src/errors.js",
  "src/handles.js",
  "src/hpke.js",
  "src/instance.js",
  "src/internal.js",
  "src/records.js",
  "src/stream-engines.js",
  "src/stream-input.js",
  "src/stream-live.js",
  "src/stream-offload.js",
  "src/stream-pipeline.js",
  "src/stream-worker.js",
  "src/stream.js",
  "stream.d.ts",
];

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A project with one script, the tarball installed offline (the package has no dependencies). */
function project(name, type, file, source) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--no-package-lock", tarball], dir);
  writeFileSync(join(dir, file), source);
  return run("node", [file], dir).trim();
}

// The round trip each project runs: keys, an envelope sealed for two recipients and opened
// by one, the text form, and an error code through the type guard.
const roundTrip = `
const clinic = KeyPair.generate();
const billing = KeyPair.generate();
const plaintext = new TextEncoder().encode("lab result");
const sealed = seal(plaintext, [clinic.publicKey, billing.toPublicKey()], { context: "record:42" });
const opened = new TextDecoder().decode(open(toText(sealed), billing, { context: "record:42" }));
let code = "none";
try { open(sealed, KeyPair.generate(), { context: "record:42" }); } catch (e) { code = isPhisealError(e) ? e.code : "not-phiseal"; }
await initAsync();
const roles = { clinician: [clinic.publicKey], billing: [billing.publicKey], frontdesk: [billing.publicKey], research: [billing.publicKey] };
const observation = { resourceType: "Observation", id: "o1", status: "final", valueQuantity: { value: 7.2 } };
const record = sealRecord(observation, fhirPolicy("Observation"), roles, { recordId: "Observation/o1" });
const value = openRecord(record, clinic).record.valueQuantity.value;
const deid = [zip3("02139"), scrubText("call (617) 555-0134").text, safeHarbor(observation).value.id];
console.log(JSON.stringify({ opened, code, keyId: clinic.keyId.length, value, deid }));
`;
const expected = {
  opened: "lab result",
  code: "NO_MATCHING_RECIPIENT",
  keyId: 43,
  value: 7.2,
  deid: ["021", "call [PHONE]", "deid-1"],
};
const names = "KeyPair, seal, open, toText, isPhisealError, initAsync, sealRecord, openRecord, fhirPolicy, zip3, scrubText, safeHarbor";

before(() => {
  const out = run("npm", ["pack", "--json", "--pack-destination", work], pkgDir);
  const [info] = JSON.parse(out);
  tarball = join(work, info.filename);
  packedFiles = info.files.map((f) => f.path).sort();
  console.log(`# packed ${info.filename}: ${info.size} bytes, ${packedFiles.length} files`);
});

after(() => rmSync(work, { recursive: true, force: true }));

test("the packed package works from a Node ESM project", () => {
  const source = `import { ${names} } from "phiseal";\n${roundTrip}`;
  assert.deepEqual(JSON.parse(project("esm-app", "module", "main.mjs", source)), expected);
});

test("the packed package works from a Node CommonJS project", () => {
  const source = `const { ${names} } = require("phiseal");
(async () => {${roundTrip}})().catch((e) => { console.error(e); process.exit(1); });`;
  assert.deepEqual(JSON.parse(project("cjs-app", "commonjs", "main.cjs", source)), expected);
});

test("the tarball holds exactly the package files", () => {
  assert.deepEqual(packedFiles, [...expectedFiles].sort());
});
