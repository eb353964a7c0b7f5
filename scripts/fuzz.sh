#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer) of the parsers and the text scrubber:
#   scrub_text       arbitrary UTF-8, every output mode: no panic, spans sorted, disjoint and
#                    on character boundaries, and scrubbing twice gives the same text
#   deidentify       safe_harbor / deidentify_json on arbitrary JSON: no panic, no value in a report
#   open_record      arbitrary text, and a sealed FHIR Patient with bytes changed: no panic, and a
#                    changed record fails or opens to exactly what was sealed
#   envelope         from_text / inspect / open on arbitrary bytes, and a sealed envelope with
#                    bytes changed or cut: no panic, and a changed envelope never opens
#   stream           open_stream on arbitrary bytes, and a sealed 3-chunk stream with bytes changed
#                    or cut: no panic, only sealed bytes released, a cut or changed stream never
#                    ends cleanly, errors are sticky
#   keys_and_policy  JWK (public, private), record policies, de-identification policies
# Built with overflow checks and debug assertions (-a). Not part of scripts/test.sh: it needs a
# nightly toolchain (`rustup toolchain install nightly`) and runs as long as you let it.
#
# Usage: bash scripts/fuzz.sh TARGET [SECONDS]   (default 300; crashes land in fuzz/artifacts/)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
target=${1:?usage: bash scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-300}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
python3 seeds.py
cargo +nightly fuzz run -O -a "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=4096
