// Tests of scripts/serve-demo.mjs over plain HTTP (no browser): MIME types, the two roots,
// refusal of anything outside them, and the fallback to a free port.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";
import { repoRoot } from "./harness.mjs";

let pkgDir;
let server;

/** Starts the demo server with `env`; resolves to { url, child }. */
function serve(env) {
  const child = spawn(process.execPath, [join(repoRoot, "scripts", "serve-demo.mjs")], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolveServe, rejectServe) => {
    child.once("exit", (code) => rejectServe(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /^phiseal demo: (http:\/\/127\.0\.0\.1:(\d+)\/)$/.exec(line);
      if (match) resolveServe({ url: match[1], port: Number(match[2]), child });
    });
  });
}

/** Raw GET/HEAD/POST (no URL normalisation, unlike fetch) -> { status, type, body }. */
function get(path, method = "GET") {
  return new Promise((resolveGet, rejectGet) => {
    const req = request({ host: "127.0.0.1", port: server.port, path, method }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () =>
        resolveGet({ status: res.statusCode, type: res.headers["content-type"], headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", rejectGet);
    req.end();
  });
}

before(async () => {
  // A stand-in package so these tests do not need the WebAssembly build.
  pkgDir = await mkdtemp(join(tmpdir(), "phiseal-serve-test-"));
  await mkdir(join(pkgDir, "dist"));
  await mkdir(join(pkgDir, "node_modules"));
  await writeFile(join(pkgDir, "index.js"), "export {};\n");
  await writeFile(join(pkgDir, "node.mjs"), "export {};\n");
  await writeFile(join(pkgDir, "dist", "core.wasm"), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await writeFile(join(pkgDir, "node_modules", "secret.js"), "no\n");
  await writeFile(join(pkgDir, ".npmrc"), "no\n");
  server = await serve({ PORT: "0", PHISEAL_PKG_DIR: pkgDir });
});

after(async () => {
  server?.child.kill("SIGTERM");
  await rm(pkgDir, { recursive: true, force: true });
});

test("serves the portal at / with security headers", async () => {
  const res = await get("/");
  assert.equal(res.status, 200);
  assert.equal(res.type, "text/html; charset=utf-8");
  assert.match(res.body.toString(), /<script type="importmap">/);
  assert.equal(res.headers["x-content-type-options"], "nosniff");
  assert.equal(res.headers["referrer-policy"], "no-referrer");
});

test("serves the package under /vendor/phiseal/ with the right MIME types", async () => {
  const wasm = await get("/vendor/phiseal/dist/core.wasm");
  assert.equal(wasm.status, 200);
  assert.equal(wasm.type, "application/wasm");
  assert.deepEqual([...wasm.body.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
  assert.equal((await get("/vendor/phiseal/index.js")).type, "text/javascript; charset=utf-8");
  assert.equal((await get("/vendor/phiseal/node.mjs")).type, "text/javascript; charset=utf-8");
  assert.equal((await get("/js/main.js")).type, "text/javascript; charset=utf-8");
  assert.equal((await get("/css/portal.css")).type, "text/css; charset=utf-8");
});

test("refuses paths outside the roots, dotfiles, node_modules and directories", async () => {
  for (const path of [
    "/../package.json",
    "/%2e%2e/scripts/serve-demo.mjs",
    "/vendor/phiseal/../../Cargo.toml",
    "/vendor/phiseal/%2e%2e/%2e%2e/Cargo.toml",
    "/vendor/phiseal/.npmrc",
    "/vendor/phiseal/node_modules/secret.js",
    "/vendor/phiseal/dist",
    "/js",
    "/%00",
    "/%E0%A4%A",
    "/missing.html",
  ]) {
    assert.equal((await get(path)).status, 404, path);
  }
});

test("answers only GET and HEAD", async () => {
  assert.equal((await get("/", "POST")).status, 405);
  const head = await get("/", "HEAD");
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
});

test("falls back to a free port when PORT is taken", async () => {
  const blocker = createServer();
  await new Promise((resolveListen) => blocker.listen(0, "127.0.0.1", resolveListen));
  const taken = blocker.address().port;
  const second = await serve({ PORT: String(taken), PHISEAL_PKG_DIR: pkgDir });
  try {
    assert.notEqual(second.port, taken);
    assert.ok(second.port > 0);
  } finally {
    second.child.kill("SIGTERM");
    blocker.close();
  }
});
