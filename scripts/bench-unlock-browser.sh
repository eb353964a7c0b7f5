#!/usr/bin/env bash
# Measures password-backup unlock time in headless Chromium; writes docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ "${1:-}" == "--no-build" ]] || bash scripts/build-wasm.sh
(cd tests/e2e && [[ -d node_modules/playwright-core ]] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
node tests/e2e/unlock-bench.mjs
