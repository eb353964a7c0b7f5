#!/usr/bin/env bash
# Throughput of the free-text scrubber (criterion, benches/deid.rs). Writes the "deid" section of
# docs/PERFORMANCE.md. Usage: bash scripts/bench-deid.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/criterion/deid
cargo bench --bench deid -- --warm-up-time 1 --measurement-time 5 --noplot
python3 scripts/bench_report.py deid
