// Test harness for the demo portal: starts the demo server (unless E2E_BASE_URL points at a
// running one), launches Debian's Chromium through playwright-core with a fresh profile, and
// records every request that would leave 127.0.0.1 (blocked), every console error and every
// uncaught page error.
//
// Environment:
//   E2E_BASE_URL          demo address (default: start scripts/serve-demo.mjs on a free port)
//   CHROMIUM              browser binary (default /usr/bin/chromium; never downloaded)
//   E2E_ARTIFACTS         where screenshots go (default target/e2e/)
//   E2E_REQUIRE_FEATURES  space/comma separated features that must be live (default
//                         "keys jwk backup fingerprint records deid stream": what the package on
//                         main offers)
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const artifactsDir = resolve(process.env.E2E_ARTIFACTS || join(repoRoot, "target", "e2e"));

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Starts scripts/serve-demo.mjs on a free port; resolves to { url, stop }. */
async function startServer(extraEnv = {}) {
  const child = spawn(process.execPath, [join(repoRoot, "scripts", "serve-demo.mjs")], {
    env: { ...process.env, PORT: "0", ...extraEnv },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolveUrl, rejectUrl) => {
    const timer = setTimeout(() => rejectUrl(new Error("demo server did not start within 10 s")), 10_000);
    child.once("exit", (code) => rejectUrl(new Error(`demo server exited with ${code}`)));
    lines.on("line", (line) => {
      const match = /^phiseal demo: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

/** The features the test run insists on (E2E_REQUIRE_FEATURES). */
export function requiredFeatures() {
  return (process.env.E2E_REQUIRE_FEATURES ?? "keys jwk backup fingerprint records deid stream").split(/[\s,]+/).filter(Boolean);
}

/**
 * Opens the demo in a fresh browser profile and waits until it has loaded the package.
 * @returns the page, the base URL, the live features, the recorded problems and `close()`.
 */
export async function openDemo({ viewport = { width: 1280, height: 900 }, pkgDir } = {}) {
  // A test that serves another package directory always starts its own server.
  const server = process.env.E2E_BASE_URL && !pkgDir ? null : await startServer(pkgDir ? { PHISEAL_PKG_DIR: pkgDir } : {});
  const baseUrl = server?.url ?? process.env.E2E_BASE_URL;
  const origin = new URL(baseUrl).origin;
  const userDataDir = await mkdtemp(join(tmpdir(), "phiseal-e2e-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: chromiumArgs,
    viewport,
    acceptDownloads: false,
    serviceWorkers: "block",
  });

  const problems = { externalRequests: [], consoleErrors: [], pageErrors: [], failedRequests: [] };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    // Anything not served by the demo server is blocked (and recorded by the listener below).
    if (new URL(url).origin === origin) return route.continue();
    return route.abort("blockedbyclient");
  });
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

  await page.goto(baseUrl);
  await page.waitForFunction(() => document.documentElement.dataset.state !== "loading", null, { timeout: 30_000 });
  const state = await page.evaluate(() => document.documentElement.dataset.state);
  const statusText = await page.textContent("#package-status");
  const features = new Set(
    (await page.evaluate(() => document.documentElement.dataset.features ?? "")).split(" ").filter(Boolean),
  );

  return {
    page,
    baseUrl,
    state,
    statusText,
    features,
    problems,
    async screenshot(name) {
      await mkdir(artifactsDir, { recursive: true });
      const path = join(artifactsDir, name);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      server?.stop();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
