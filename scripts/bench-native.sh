#!/usr/bin/env bash
# Native benchmarks (criterion) side by side with OpenSSL's AES-256-GCM on the same machine.
# Streaming runs at 1 MiB and 1 GiB (PHISEAL_BENCH_LARGE=0 skips 1 GiB), on the default native
# AES-GCM engine and again on the portable one (--no-default-features, into
# target/criterion-portable). Writes the "native" section of docs/PERFORMANCE.md.
# Usage: bash scripts/bench-native.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PHISEAL_BENCH_LARGE="${PHISEAL_BENCH_LARGE:-1}"
rm -rf target/criterion/stream target/criterion-portable
cargo bench --bench envelope --bench hpke --bench stream -- --warm-up-time 1 --measurement-time 3 --noplot
CRITERION_HOME="$PWD/target/criterion-portable" \
  cargo bench -p phiseal --no-default-features --bench stream -- --warm-up-time 1 --measurement-time 3 --noplot
openssl_line=$(openssl speed -evp aes-256-gcm -bytes 16384 -seconds 3 2>/dev/null | grep -i '^aes-256-gcm' || true)
python3 scripts/bench_report.py native "$openssl_line"
