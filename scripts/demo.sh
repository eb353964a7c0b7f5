#!/usr/bin/env bash
# Runs the phiseal demo (the README's main command).
#   bash scripts/demo.sh            the patient-intake portal (www/): installs what it needs,
#                                   builds the npm package, serves it on 127.0.0.1 and prints
#                                   the address (PORT=... to choose the port). Ctrl-C stops it.
#   bash scripts/demo.sh terminal   the same story in the terminal (examples/demo.rs): seals a
#                                   synthetic record for two recipients, shows what the cloud
#                                   stores and what each recipient opens. Needs only Rust.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "terminal" ]]; then
  shift
  exec cargo run --quiet --example demo "$@"
fi
bash scripts/setup.sh rust wasm-bindgen npm
bash scripts/build-wasm.sh --no-setup
exec node scripts/serve-demo.mjs
