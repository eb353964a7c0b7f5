#!/usr/bin/env bash
# Runs the phiseal demo.
#   bash scripts/demo.sh [ARGS...]  the main job (examples/demo.rs): seals a synthetic patient
#                                   record for two recipients and opens it again. Needs only
#                                   the Rust toolchain.
#   bash scripts/demo.sh web        the browser portal (www/): builds the npm package, then
#                                   serves it on http://127.0.0.1:8080/ (PORT=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "web" ]]; then
  bash scripts/setup.sh rust wasm-bindgen npm
  bash scripts/build-wasm.sh --no-setup
  exec node scripts/serve-demo.mjs
fi
exec cargo run --quiet --example demo "$@"
