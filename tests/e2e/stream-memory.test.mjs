// Streaming in headless Chromium (Debian's /usr/bin/chromium through playwright-core):
// - sealStream over a generated 256 MiB Blob keeps the page's memory bounded: while it runs,
//   the JS heap (CDP Performance.getMetrics), the WebAssembly linear memory and the renderer's
//   resident memory (Linux /proc) are sampled. JS heap and wasm memory must grow by less than
//   64 MiB, the renderer must keep less than 64 MiB after a GC, and its peak (which includes
//   released buffers V8 has not collected yet) must stay well below the input size. Memory
//   bounds, not timing assertions. STREAM_MIB=64 runs it on a smaller Blob.
// - the module worker (`worker: true`) seals and opens, and reports tampering with its code;
// - the WebCrypto and wasm engines open each other's output.
// Serves pkg/ (built by scripts/build-wasm.sh) and the test page itself on 127.0.0.1, with
// COOP/COEP headers. Run: node --test tests/e2e/stream-memory.test.mjs
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { rendererRss } from "./stream-memory.probe.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const MiB = 1024 * 1024;
const BOUND = 64 * MiB;
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

let server;
let browserServer;
let browser;
let page;
let baseUrl;

/** Serves /pkg/* from pkg/ and / as the test page. */
function serve() {
  return createServer(async (request, response) => {
    const path = new URL(request.url, "http://x").pathname;
    const file = path === "/" ? join(repo, "tests/e2e/stream-memory.html") : normalize(join(repo, path));
    if (!file.startsWith(join(repo, "pkg")) && path !== "/") return void response.writeHead(404).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Embedder-Policy": "require-corp",
        "Cache-Control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
}

before(async () => {
  server = serve();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
  browserServer = await chromium.launchServer({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  browser = await chromium.connect(browserServer.wsEndpoint());
  page = await browser.newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
  await page.goto(baseUrl);
  await page.waitForFunction(() => document.getElementById("state")?.textContent === "ready", null, { timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  await browserServer?.close();
  server?.close();
});

test("sealing a generated 256 MiB Blob keeps the page's memory bounded", async () => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const heap = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "JSHeapUsedSize").value;
  const pid = browserServer.process().pid;
  const inputMib = Number(process.env.STREAM_MIB ?? 256);
  assert.equal(await page.evaluate((n) => window.generate(n), inputMib), inputMib * MiB);
  await cdp.send("HeapProfiler.collectGarbage");
  await new Promise((resolve) => setTimeout(resolve, 500));
  const baseline = { rss: await rendererRss(pid), heap: await heap(), wasm: await page.evaluate(() => window.wasmMemoryBytes()) };
  const peak = { ...baseline };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak.rss = Math.max(peak.rss, await rendererRss(pid));
      peak.heap = Math.max(peak.heap, await heap());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await page.evaluate(() => window.sealGenerated("webcrypto"));
  sampling = false;
  await sampler;
  peak.wasm = await page.evaluate(() => window.wasmMemoryBytes());
  await cdp.send("HeapProfiler.collectGarbage");
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const settled = await rendererRss(pid);
  console.log(`after GC: renderer RSS ${((settled - baseline.rss) / MiB).toFixed(1)} MiB over the baseline`);
  const growth = { rss: peak.rss - baseline.rss, heap: peak.heap - baseline.heap, wasm: peak.wasm - baseline.wasm };
  const mib = (n) => `${(n / MiB).toFixed(1)} MiB`;
  console.log(
    `${inputMib} MiB sealed in ${(result.ms / 1000).toFixed(1)} s; growth: renderer RSS ${mib(growth.rss)}, ` +
      `JS heap ${mib(growth.heap)}, wasm memory ${mib(growth.wasm)} (baseline RSS ${mib(baseline.rss)})`,
  );
  assert.equal(result.input, inputMib * MiB);
  const header = 9 + 32 + 2 + 112 + 64 + 56;
  assert.equal(result.bytes, header + (inputMib * MiB) / 16384 * 16400 + 16, "one full chunk per 16 KiB and an empty final chunk");
  assert.ok(baseline.rss > 0, "renderer processes found");
  assert.ok(growth.heap < BOUND, `JS heap grew by ${mib(growth.heap)}`);
  assert.ok(growth.wasm < BOUND, `WebAssembly memory grew by ${mib(growth.wasm)}`);
  assert.ok(settled - baseline.rss < BOUND, `renderer RSS kept ${mib(settled - baseline.rss)} after GC`);
  // The peak also counts released 16 KiB buffers that V8 has not collected yet (it collects
  // on its external-memory heuristics); it must stay well below the input: nothing holds it.
  assert.ok(growth.rss < (inputMib * MiB) * 0.75, `renderer RSS peaked ${mib(growth.rss)} over the baseline`);
});

test("the module worker seals and opens, and reports tampering", async () => {
  const result = await page.evaluate(() => window.workerRoundTrip(3 * 16384 + 1234));
  assert.deepEqual(result, { mainOpened: true, workerOpened: true, tamperedCode: "AUTH_FAILED" });
});

test("the WebCrypto and wasm engines open each other's output in Chromium", async () => {
  assert.deepEqual(await page.evaluate(() => window.enginesAgree(5 * 16384 + 77)), [true, true]);
});

test("the page is cross-origin isolated (COOP/COEP served)", async () => {
  assert.equal(await page.evaluate(() => window.crossOriginIsolated_()), true);
});
