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
  "dist/phiseal_wasm_bg.wasm",
  "index.d.ts",
  "index.js",
  "node.cjs",
  "node.js",
  "package.json",
  "src/api.js",
  "src/errors.js",
  "src/handles.js",
  "src/instance.js",
  "src/internal.js",
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

// The round trip each project runs. Replaced by envelope seal/open once the core has it.
const roundTrip = `
const pair = KeyPair.generate();
const again = KeyPair.fromRaw(pair.dangerousExportRaw());
const same = PublicKey.fromBytes(again.publicKey).equals(pair.toPublicKey());
let code = "none";
try { PublicKey.fromBytes(new Uint8Array(32)); } catch (e) { code = isPhisealError(e) ? e.code : "not-phiseal"; }
await initAsync();
console.log(JSON.stringify({ same, code, keyId: pair.keyId.length }));
`;

before(() => {
  const out = run("npm", ["pack", "--json", "--pack-destination", work], pkgDir);
  const [info] = JSON.parse(out);
  tarball = join(work, info.filename);
  packedFiles = info.files.map((f) => f.path).sort();
  console.log(`# packed ${info.filename}: ${info.size} bytes, ${packedFiles.length} files`);
});

after(() => rmSync(work, { recursive: true, force: true }));

test("the packed package works from a Node ESM project", () => {
  const source = `import { KeyPair, PublicKey, isPhisealError, initAsync } from "phiseal";\n${roundTrip}`;
  const result = JSON.parse(project("esm-app", "module", "main.mjs", source));
  assert.deepEqual(result, { same: true, code: "INVALID_KEY", keyId: 43 });
});

test("the packed package works from a Node CommonJS project", () => {
  const source = `const { KeyPair, PublicKey, isPhisealError, initAsync } = require("phiseal");
(async () => {${roundTrip}})().catch((e) => { console.error(e); process.exit(1); });`;
  const result = JSON.parse(project("cjs-app", "commonjs", "main.cjs", source));
  assert.deepEqual(result, { same: true, code: "INVALID_KEY", keyId: 43 });
});

test("the tarball holds exactly the package files", () => {
  assert.deepEqual(packedFiles, [...expectedFiles].sort());
});
