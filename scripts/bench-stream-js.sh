#!/usr/bin/env bash
# Benchmark of the JS streaming API (benches/js/stream-bench.mjs): sealStream on a 256 MiB input
# with the WebCrypto engine, in a worker, and with the pure-wasm engine, next to WebCrypto
# AES-GCM alone on 16 KiB chunks, in Node and in headless Chromium (Debian's /usr/bin/chromium
# via playwright-core from tests/e2e; no browser is downloaded), with peak memory. Builds the
# package, then writes the "js-stream-bench" section of docs/PERFORMANCE.md.
# Usage: bash scripts/bench-stream-js.sh [--no-build]    (BENCH_MIB=N changes the input size)
set -euo pipefail
cd "$(dirname "$0")/.."

[[ "${1:-}" == "--no-build" ]] || bash scripts/build-wasm.sh
if [[ ! -d tests/e2e/node_modules/playwright-core ]]; then
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
node --expose-gc benches/js/stream-bench.mjs
