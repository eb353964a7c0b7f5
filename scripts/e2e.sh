#!/usr/bin/env bash
# Browser end-to-end tests of the demo portal (www/): builds the npm package, serves the demo
# on 127.0.0.1, runs tests/e2e/*.test.mjs (node:test + playwright-core driving Debian's
# Chromium at /usr/bin/chromium; no browser is ever downloaded), stops the server.
# Screenshots land in target/e2e/. Exits non-zero when a test fails.
#
# Usage: bash scripts/e2e.sh [--no-build]
#   --no-build            use the package already built in pkg/dist (e.g. after scripts/test.sh
#                         built it)
#   CHROMIUM=/path        another Chromium binary
#   E2E_REQUIRE_FEATURES  capabilities that must be live, e.g. "keys jwk backup fingerprint"
#                         (default "keys jwk backup fingerprint records deid stream"); checks of other
#                         capabilities skip while the package lacks them
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[e2e] %s\n' "$*"; }

if [[ "${1:-}" != "--no-build" ]]; then
  if [[ -f scripts/build-wasm.sh ]]; then
    bash scripts/build-wasm.sh
  else
    log "scripts/build-wasm.sh not found: testing the package already in ${PHISEAL_PKG_DIR:-pkg}/"
  fi
fi

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  log "no Chromium at $chromium: install it with 'apt-get install -y chromium' (or scripts/setup.sh browser)"
  exit 1
fi

if [[ ! -d tests/e2e/node_modules/playwright-core || tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]]; then
  log "npm ci in tests/e2e"
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

mkdir -p target/e2e
server_log=target/e2e/server.log
PORT=0 node scripts/serve-demo.mjs >"$server_log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT

base_url=""
for _ in $(seq 1 100); do
  base_url="$(sed -n 's/^phiseal demo: \(http:\/\/127\.0\.0\.1:[0-9]*\/\)$/\1/p' "$server_log")"
  [[ -n "$base_url" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$server_log"; log "the demo server exited"; exit 1; }
  sleep 0.1
done
[[ -n "$base_url" ]] || { cat "$server_log"; log "the demo server did not start"; exit 1; }
log "demo served at $base_url"

CHROMIUM="$chromium" E2E_BASE_URL="$base_url" \
  node --test --test-concurrency=1 --test-reporter=spec tests/e2e/*.test.mjs
log "screenshots in target/e2e/"
