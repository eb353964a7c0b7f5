#!/usr/bin/env bash
# Runs the phiseal demo: seals a patient record for two recipients and opens it again
# (examples/demo.rs). Needs only the Rust toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet --example demo "$@"
