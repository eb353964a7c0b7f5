// The package's runtime exports match its hand-written declarations (pkg/index.d.ts), in
// every entry point: Node ESM, Node CommonJS, and the browser/bundler entry.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { test } from "node:test";
import * as esm from "phiseal";
import { readRepoText } from "./helpers.mjs";

/** Value exports declared in index.d.ts and the files it re-exports (`export * from`). */
const declarationText = (path) => {
  const text = readRepoText(path);
  const nested = [...text.matchAll(/^export \* from "\.\/(\w[\w-]*)\.js";/gm)];
  return [text, ...nested.map((m) => declarationText(`pkg/${m[1]}.d.ts`))].join("\n");
};
/** Overloaded functions are counted once. */
const declared = [...new Set([...declarationText("pkg/index.d.ts").matchAll(/^export (?:function|class|const) (\w+)/gm)].map((m) => m[1]))]
  .sort();

const runtimeNames = (namespace) => Object.keys(namespace).filter((n) => n !== "default").sort();

test("the Node ESM entry exports exactly the declared values", () => {
  assert.ok(declared.length >= 15, `parsed ${declared.length} declarations`);
  assert.deepEqual(runtimeNames(esm), declared);
});

test("the CommonJS entry exports the same values and works", () => {
  const cjs = createRequire(import.meta.url)("phiseal");
  assert.deepEqual(runtimeNames(cjs), declared);
  const pair = cjs.KeyPair.generate();
  const sealed = cjs.seal(new Uint8Array([1, 2, 3]), [pair.publicKey], { context: "cjs" });
  assert.deepEqual(cjs.open(sealed, pair, { context: "cjs" }), new Uint8Array([1, 2, 3]));
  // Errors from the second copy of the module are still recognised by the ESM type guard.
  assert.throws(() => cjs.PublicKey.fromBytes(new Uint8Array(1)), (e) => esm.isPhisealError(e) && e.code === "INVALID_KEY");
});

test("the browser entry exports the same values, refuses use before initAsync, then works", () => {
  // A fresh process: the browser entry must not share the module graph Node's entry set up.
  const script = `
    import { readFileSync } from "node:fs";
    import * as p from ${JSON.stringify(new URL("../../pkg/index.js", import.meta.url).href)};
    let before = "no error";
    try { p.KeyPair.generate(); } catch (e) { before = e.message; }
    const wasm = readFileSync(new URL("../../pkg/dist/phiseal_wasm_bg.wasm", ${JSON.stringify(import.meta.url)}));
    await Promise.all([p.initAsync(wasm), p.initAsync(wasm)]);
    const pair = p.KeyPair.generate();
    const ok = p.open(p.seal(new Uint8Array([9]), [pair.publicKey], { context: "web" }), pair, { context: "web" })[0] === 9;
    console.log(JSON.stringify({ names: Object.keys(p).sort(), before, ok }));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  const { names, before, ok } = JSON.parse(out);
  assert.deepEqual(names, declared);
  assert.match(before, /call `await initAsync\(\)` first/);
  assert.ok(ok);
});
