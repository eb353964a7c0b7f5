#!/usr/bin/env bash
# Records benchmark (issue #3): seal and open the FHIR Patient fixture for 3 roles x 2 recipients,
# natively (criterion, benches/records.rs, in CPU and wall-clock time) and in WebAssembly under
# Node vs an @hpke/core per-field baseline (benches/js/records-bench.mjs). Writes the
# "records-bench" section of docs/PERFORMANCE.md.
# Usage: bash scripts/bench-records.sh [--no-setup]
#   BENCH_SECONDS=N   CPU seconds per JS row (default 3)
#   SKIP_BUILD=1      reuse pkg/dist instead of rebuilding the package
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench records -- --warm-up-time 1 --measurement-time 4 --noplot
[[ "${SKIP_BUILD:-0}" == 1 ]] || bash scripts/build-wasm.sh "$@"
node benches/js/records-bench.mjs
