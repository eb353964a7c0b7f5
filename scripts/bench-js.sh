#!/usr/bin/env bash
# JavaScript benchmark of the npm package (benches/js/hpke-bench.mjs): phiseal's wasm HPKE and
# envelopes vs @hpke/core and libsodium-wrappers, package size, backup unlock time. Builds the
# package, then writes the "js" section of docs/PERFORMANCE.md.
# Usage: bash scripts/bench-js.sh      (BENCH_SECONDS=N sets the time per row, default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-wasm.sh
node benches/js/hpke-bench.mjs
