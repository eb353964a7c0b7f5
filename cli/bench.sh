#!/usr/bin/env bash
# Bulk benchmark of the phiseal CLI (seal-record, open-record, deid over NDJSON of synthetic
# FHIR resources). Writes the cli-bench section of docs/PERFORMANCE.md.
# Usage: bash cli/bench.sh            (PHISEAL_BULK_RECORDS=N to change the size, default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p phiseal-cli --bin phiseal --example bulk_bench
exec target/release/examples/bulk_bench
