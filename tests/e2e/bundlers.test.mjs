// Packaging tests for bundlers (issue #6): `npm pack` the package, install the tarball into
// throwaway web projects built the way a web developer would build them, serve each build on
// 127.0.0.1 and run a seal/open round trip in headless Chromium:
//   1. esbuild (`--bundle --format=esm`), the .wasm copied next to the bundle and its URL passed
//      to initAsync();
//   2. Vite (`vite build`), the default initAsync(): Vite emits the .wasm that index.js names
//      with `new URL(..., import.meta.url)`;
//   3. a TypeScript consumer type-checked with `strict` against the installed declarations.
// Each page must show the opened text, log no console error and request nothing off 127.0.0.1.
// esbuild, Vite and tsc come from the repository's node_modules; nothing is downloaded.
//
// Run after scripts/build-wasm.sh: node --test tests/e2e/bundlers.test.mjs (scripts/e2e.sh runs it)
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const pkgDir = join(repoRoot, "pkg");
const bin = (name) => join(repoRoot, "node_modules", ".bin", name);
const work = mkdtempSync(join(tmpdir(), "phiseal-bundlers-"));
let tarball;

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function run(cmd, args, cwd) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${error.stdout}\n${error.stderr}`);
  }
}

/** A project with the tarball installed offline (the package has no dependencies). */
function project(name, files) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--no-package-lock", tarball], dir);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), source);
  }
  return dir;
}

// The page each project builds: two recipients, an envelope sealed for both and opened by
// one, the result written into the DOM (or the error code, so a failure says what broke).
const mainSource = (init) => `import { initAsync, KeyPair, seal, open, toText, isPhisealError } from "phiseal";
const out = document.getElementById("result");
try {
  await ${init};
  const clinic = KeyPair.generate();
  const billing = KeyPair.generate();
  const sealed = seal(new TextEncoder().encode("lab result: HbA1c 7.2"), [clinic.publicKey, billing.publicKey], { context: "record:42" });
  const opened = new TextDecoder().decode(open(toText(sealed), billing, { context: "record:42" }));
  let code = "none";
  try { open(sealed, KeyPair.generate(), { context: "record:42" }); } catch (e) { code = isPhisealError(e) ? e.code : "not-phiseal"; }
  out.textContent = JSON.stringify({ opened, code });
} catch (error) {
  out.textContent = "failed: " + (error && error.message);
}
out.dataset.done = "true";
`;
const expected = { opened: "lab result: HbA1c 7.2", code: "NO_MATCHING_RECIPIENT" };
const html = (script) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>phiseal bundler test</title></head>` +
  `<body><output id="result"></output><script type="module" src="${script}"></script></body></html>\n`;

const mimeTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

/** A minimal static file server for `root` on 127.0.0.1; resolves to { url, close }. */
async function serve(root) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": mimeTypes[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(done)) };
}

/** Loads `root` in a fresh headless Chromium profile; returns the page result and problems. */
async function runInBrowser(root) {
  const server = await serve(root);
  const origin = new URL(server.url).origin;
  const profile = mkdtempSync(join(work, "profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: chromiumArgs,
    serviceWorkers: "block",
  });
  const problems = { externalRequests: [], consoleErrors: [], pageErrors: [], failedRequests: [] };
  try {
    await context.route("**/*", (route) =>
      new URL(route.request().url()).origin === origin ? route.continue() : route.abort("blockedbyclient"),
    );
    context.on("request", (request) => {
      const { protocol, origin: requestOrigin } = new URL(request.url());
      if (protocol !== "data:" && protocol !== "blob:" && requestOrigin !== origin) {
        problems.externalRequests.push(request.url());
      }
    });
    context.on("requestfailed", (request) => problems.failedRequests.push(request.url()));
    context.on("response", (response) => {
      if (response.status() >= 400) problems.failedRequests.push(`${response.status()} ${response.url()}`);
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (message) => {
      if (message.type() === "error") problems.consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => problems.pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector("#result[data-done]", { timeout: 20_000 });
    const text = await page.textContent("#result");
    const wasmRequests = await page.evaluate(() =>
      performance.getEntriesByType("resource").filter((entry) => entry.name.endsWith(".wasm")).length,
    );
    return { text, wasmRequests, problems };
  } finally {
    await context.close();
    await server.close();
  }
}

function assertCleanRoundTrip({ text, wasmRequests, problems }) {
  assert.doesNotMatch(text, /^failed/, text);
  assert.deepEqual(JSON.parse(text), expected);
  assert.equal(wasmRequests, 1, "the page fetches the .wasm exactly once");
  assert.deepEqual(problems, { externalRequests: [], consoleErrors: [], pageErrors: [], failedRequests: [] });
}

before(() => {
  const [info] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], pkgDir));
  tarball = join(work, info.filename);
});

after(() => rmSync(work, { recursive: true, force: true }));

test("an esbuild bundle with the .wasm copied beside it seals and opens in Chromium", async () => {
  const dir = project("esbuild-app", {
    // The documented pattern for bundlers that do not emit `new URL()` assets: copy the .wasm
    // and tell initAsync() where it is.
    "src/main.js": mainSource(`initAsync(new URL("./phiseal_wasm_bg.wasm", import.meta.url))`),
  });
  const www = join(dir, "www");
  run(bin("esbuild"), ["src/main.js", "--bundle", "--format=esm", "--platform=browser", "--outfile=www/app.js"], dir);
  copyFileSync(join(dir, "node_modules", "phiseal", "dist", "phiseal_wasm_bg.wasm"), join(www, "phiseal_wasm_bg.wasm"));
  writeFileSync(join(www, "index.html"), html("./app.js"));
  const bundle = readFileSync(join(www, "app.js"), "utf8");
  assert.doesNotMatch(bundle, /phiseal\.cjs|from "node:/, "esbuild picked the browser entry");
  assertCleanRoundTrip(await runInBrowser(www));
});

test("a Vite build with the default initAsync() seals and opens in Chromium", async () => {
  const dir = project("vite-app", {
    "index.html": html("/src/main.js"),
    "src/main.js": mainSource("initAsync()"),
    // The streaming worker (src/stream-worker.js) uses top-level await, which Vite's default
    // worker format ("iife") rejects; module workers need worker.format "es".
    "vite.config.js": `export default { logLevel: "warn", build: { target: "es2022" } };\n`,
  });
  run(bin("vite"), ["build"], dir);
  const dist = join(dir, "dist");
  assertCleanRoundTrip(await runInBrowser(dist));
});

test("a strict TypeScript consumer type-checks against the installed declarations", () => {
  const consumer = `import { initAsync, KeyPair, seal, open, isPhisealError } from "phiseal";
export async function roundTrip(text: string): Promise<string> {
  await initAsync(new URL("./phiseal_wasm_bg.wasm", import.meta.url));
  const clinic: KeyPair = KeyPair.generate();
  const sealed: Uint8Array = seal(new TextEncoder().encode(text), [clinic.publicKey], { context: "ctx" });
  try {
    return new TextDecoder().decode(open(sealed, clinic, { context: "ctx" }));
  } catch (error: unknown) {
    if (isPhisealError(error)) return error.code;
    throw error;
  }
}
`;
  // The declarations name Symbol.dispose, so consumers need lib "esnext.disposable" (or esnext).
  // A misuse the declarations must reject, so the check cannot pass vacuously.
  const misuse = `import { seal } from "phiseal";\nexport const bad = seal(42, [], { context: "x" });\n`;
  const tsconfig = (file) =>
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022", "esnext.disposable", "dom"], skipLibCheck: false },
      files: [file],
    });
  const dir = project("ts-app", {
    "src/consumer.ts": consumer,
    "src/misuse.ts": misuse,
    "tsconfig.json": tsconfig("src/consumer.ts"),
    "tsconfig.misuse.json": tsconfig("src/misuse.ts"),
  });
  run(bin("tsc"), ["-p", "tsconfig.json"], dir);
  assert.throws(() => run(bin("tsc"), ["-p", "tsconfig.misuse.json"], dir), /error TS2345/);
});
