#!/usr/bin/env bash
# De-identification benchmark (issue #4): scrub_text on the synthetic evaluation notes and
# safe_harbor on the FHIR fixtures, natively (criterion, benches/deid.rs, in CPU and wall-clock
# time) and in WebAssembly under Node (benches/js/deid-bench.mjs, same notes). Writes the
# "deid-bench" section of docs/PERFORMANCE.md (scripts/bench_report.py).
# Usage: bash scripts/bench-deid.sh [--no-setup]
#   BENCH_SECONDS=N   CPU seconds per JS row (default 3)
#   SKIP_BUILD=1      reuse pkg/dist instead of rebuilding the package
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/criterion/deid-cpu target/criterion/deid-wall target/tmp/deid-bench-wasm.json
# Also writes target/tmp/deid-bench-notes.json, the notes the JS bench reads.
cargo bench --bench deid -- --warm-up-time 1 --measurement-time 4 --noplot
[[ "${SKIP_BUILD:-0}" == 1 ]] || bash scripts/build-wasm.sh "$@"
node benches/js/deid-bench.mjs
python3 scripts/bench_report.py deid
sed -n '/<!-- deid-bench:start -->/,/<!-- deid-bench:end -->/p' docs/PERFORMANCE.md
