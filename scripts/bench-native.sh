#!/usr/bin/env bash
# Native benchmarks (criterion) side by side with OpenSSL's AES-256-GCM on the same machine.
# Writes the "native" section of docs/PERFORMANCE.md. Usage: bash scripts/bench-native.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PHISEAL_BENCH_LARGE="${PHISEAL_BENCH_LARGE:-0}"
cargo bench --bench envelope --bench hpke --bench stream -- --warm-up-time 1 --measurement-time 3 --noplot
openssl_line=$(openssl speed -evp aes-256-gcm -bytes 16384 -seconds 3 2>/dev/null | grep -i '^aes-256-gcm' || true)
python3 scripts/bench_report.py native "$openssl_line"
