#!/usr/bin/env bash
# THE test command of phiseal: everything CI checks, in order, stopping at the first failure.
#   1. setup (idempotent)            5. build the npm package (WebAssembly + glue)
#   2. clippy (native and wasm32)    6. tsc --strict on the declarations and a consumer
#   3. cargo test (native)           7. node:test suite against the built package
#   4. Rust tests on wasm32 in Node  8. npm pack smoke test (Node ESM and CommonJS projects)
#                                    9. browser end-to-end tests (scripts/e2e.sh, Chromium)
#
# Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }
started=$SECONDS

step "setup"
bash scripts/setup.sh rust wasm-bindgen npm

step "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo clippy -p phiseal-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings"
cargo clippy -p phiseal-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings

step "cargo test --workspace"
cargo test --workspace

step "Rust tests on wasm32-unknown-unknown (Node, wasm-bindgen-test-runner)"
cargo test -p phiseal-wasm --target wasm32-unknown-unknown

step "build the npm package"
bash scripts/build-wasm.sh --no-setup

step "tsc --noEmit --strict (pkg/index.d.ts, tests/js/types-check.ts)"
node_modules/.bin/tsc -p tests/js/tsconfig.json

step "node --test (tests/js)"
node --test tests/js/*.test.mjs

step "npm pack smoke test"
node tests/js/pack-smoke.mjs

step "browser end-to-end tests of the demo portal (headless Chromium)"
bash scripts/setup.sh browser
if [[ -x /usr/bin/chromium ]]; then
  bash scripts/e2e.sh --no-build
else
  echo "skipped: /usr/bin/chromium is not installed (run scripts/setup.sh browser as root)"
fi

step "all checks passed in $((SECONDS - started)) s"
