#!/usr/bin/env bash
# THE test command of phiseal: everything CI checks, in order, stopping at the first failure.
#   1. setup (idempotent)            6. build the npm package (WebAssembly + glue)
#   2. clippy (native, RustCrypto    7. tsc --strict on the declarations and a consumer
#      AES engine, wasm32)
#   3. cargo test (native; the       8. node:test suite against the built package
#      portable AES engine too)
#   4. Rust tests on wasm32, Node    9. npm pack smoke test (Node ESM and CommonJS projects)
#   5. the same in headless Chromium 10. browser end-to-end tests (scripts/e2e.sh)
# Browser steps are skipped, with a message, where Chromium cannot be installed (not root).
#
# Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }
started=$SECONDS

step "setup"
bash scripts/setup.sh rust wasm-bindgen npm browser
have_browser=false
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] && have_browser=true

step "cargo fmt --all -- --check"
cargo fmt --all -- --check

step "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo clippy -p phiseal --no-default-features --lib --tests -- -D warnings (RustCrypto aes-gcm engine)"
cargo clippy -p phiseal --no-default-features --lib --tests -- -D warnings

step "cargo clippy -p phiseal-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings"
cargo clippy -p phiseal-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings

step "cargo test --workspace"
cargo test --workspace

step "cargo test -p phiseal --no-default-features --lib (the RustCrypto aes-gcm engine; the WebAssembly soft engine runs in every test build)"
cargo test -p phiseal --no-default-features --lib

step "Rust tests on wasm32-unknown-unknown in Node (wasm-bindgen-test-runner)"
PHISEAL_WASM_TEST_ENV=node cargo test -p phiseal-wasm --target wasm32-unknown-unknown

step "Rust tests on wasm32-unknown-unknown in headless Chromium (chromedriver)"
if $have_browser; then
  PHISEAL_WASM_TEST_ENV=browser WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/wasm/webdriver.json" \
    cargo test -p phiseal-wasm --target wasm32-unknown-unknown
else
  echo "skipped: Chromium/ChromeDriver not installed (run scripts/setup.sh browser as root)"
fi

step "build the npm package"
bash scripts/build-wasm.sh --no-setup

step "tsc --noEmit --strict (pkg/index.d.ts, tests/js/types-check.ts)"
node_modules/.bin/tsc -p tests/js/tsconfig.json

step "node --test (tests/js)"
node --test tests/js/*.test.mjs

step "npm pack smoke test"
node tests/js/pack-smoke.mjs

step "browser end-to-end tests of the demo portal (headless Chromium)"
if $have_browser; then
  bash scripts/e2e.sh --no-build
else
  echo "skipped: /usr/bin/chromium is not installed (run scripts/setup.sh browser as root)"
fi

step "all checks passed in $((SECONDS - started)) s"
