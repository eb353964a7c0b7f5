#!/usr/bin/env node
// Serves the phiseal demo portal on 127.0.0.1, with no dependencies beyond Node.js:
//   /                  -> www/           (the portal)
//   /vendor/phiseal/   -> pkg/           (the npm package, as a web developer would vendor it;
//                                         the page maps the bare specifier "phiseal" to
//                                         /vendor/phiseal/index.js with an import map)
//
// Usage: node scripts/serve-demo.mjs
//   PORT=8080         port to listen on (default 8080; 0 picks a free port). When the port is
//                     taken, falls back to a free port.
//   PHISEAL_PKG_DIR   directory of the package to serve (default: pkg/ of this repository)
//
// Prints one line "phiseal demo: http://127.0.0.1:<port>/" on stdout once listening (scripts
// read it to learn the address). Only GET and HEAD; no directory listings; no dotfiles or
// node_modules; never serves a file outside the two roots.
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const host = "127.0.0.1";

const mounts = [
  { prefix: "/vendor/phiseal/", dir: resolve(process.env.PHISEAL_PKG_DIR || join(repoRoot, "pkg")) },
  { prefix: "/", dir: join(repoRoot, "www") },
];

const mimeTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

// Defence in depth; the page also declares its Content-Security-Policy in a meta element so
// that it holds under any server.
const securityHeaders = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  "Cache-Control": "no-store",
};

/** Maps a URL path to a file inside one of the mounts, or null when it must not be served. */
function resolveFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const mount = mounts.find((m) => decoded.startsWith(m.prefix));
  if (!mount) return null;
  let relative = decoded.slice(mount.prefix.length);
  if (relative === "" || relative.endsWith("/")) relative += "index.html";
  const segments = relative.split("/");
  if (segments.some((s) => s === "" || s === ".." || s.startsWith(".") || s === "node_modules")) {
    return null;
  }
  const file = resolve(mount.dir, ...segments);
  return file.startsWith(mount.dir + sep) ? file : null;
}

function reply(res, status, text) {
  res.writeHead(status, { ...securityHeaders, "Content-Type": "text/plain; charset=utf-8" });
  res.end(`${text}\n`);
}

async function handle(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    return reply(res, 405, "method not allowed");
  }
  const { pathname } = new URL(req.url ?? "/", `http://${host}`);
  const file = resolveFile(pathname);
  if (!file) return reply(res, 404, "not found");
  let info;
  try {
    info = await stat(file);
  } catch {
    return reply(res, 404, "not found");
  }
  if (!info.isFile()) return reply(res, 404, "not found");
  res.writeHead(200, {
    ...securityHeaders,
    "Content-Type": mimeTypes[extname(file).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": info.size,
  });
  if (req.method === "HEAD") return res.end();
  createReadStream(file)
    .on("error", () => res.destroy())
    .pipe(res);
}

function listen(server, port) {
  return new Promise((resolveListen, rejectListen) => {
    const onError = (error) => {
      server.off("listening", onListening);
      rejectListen(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolveListen(server.address().port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

async function main() {
  const requested = process.env.PORT === undefined || process.env.PORT === "" ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
    console.error(`serve-demo: PORT must be an integer 0-65535, got "${process.env.PORT}"`);
    process.exit(2);
  }
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 500, "internal error");
      else res.destroy();
    });
  });
  let port;
  try {
    port = await listen(server, requested);
  } catch (error) {
    if (error.code !== "EADDRINUSE" || requested === 0) throw error;
    console.error(`serve-demo: port ${requested} is in use, picking a free port`);
    port = await listen(server, 0);
  }
  console.log(`phiseal demo: http://${host}:${port}/`);
  const glue = join(mounts[0].dir, "dist", "phiseal_wasm_bg.wasm");
  if (!(await stat(glue).catch(() => null))) {
    console.error(`serve-demo: ${glue} is missing: build the package with scripts/build-wasm.sh`);
  }
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(`serve-demo: ${error.message}`);
  process.exit(1);
});
