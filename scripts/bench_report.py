#!/usr/bin/env python3
"""Collects criterion results (target/criterion) into a marked section of docs/PERFORMANCE.md."""
import json, os, pathlib, platform, subprocess, sys, datetime

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "PERFORMANCE.md"


def criterion_rows(keep=lambda full_id: not full_id.startswith("deid"), root=ROOT / "target" / "criterion"):
    rows = []
    for est in sorted(root.glob("**/new/estimates.json")):
        bench = json.loads((est.parent / "benchmark.json").read_text())
        if not keep(bench["full_id"]):
            continue
        mean_ns = json.loads(est.read_text())["mean"]["point_estimate"]
        tp = bench.get("throughput") or {}
        nbytes = tp.get("Bytes") or tp.get("BytesDecimal")
        speed = f"{nbytes / mean_ns * 1e3:.1f} MB/s" if nbytes else f"{1e9 / mean_ns:,.0f} ops/s"
        rows.append((bench["full_id"], f"{mean_ns / 1e3:,.1f} µs", speed))
    return rows


def replace_section(name, body):
    start, end = f"<!-- {name}-bench:start -->", f"<!-- {name}-bench:end -->"
    text = DOC.read_text() if DOC.exists() else "# Performance\n\nEvery number here is written by a command anyone can rerun.\n"
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text)


def cpu_name():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


NATIVE_GROUPS = ("envelope", "hpke", "stream")


def native(openssl_line):
    rows = criterion_rows(lambda full_id: full_id.split("/")[0] in NATIVE_GROUPS)
    lines = [
        "## Native (criterion)",
        "",
        f"Command: `bash scripts/bench-native.sh` — {datetime.date.today()}, {cpu_name()}, {os.cpu_count()} cores, "
        f"rustc {subprocess.run(['rustc', '--version'], capture_output=True, text=True).stdout.split()[1]}.",
        "",
        "The `stream/` rows are timed in CPU time of the process, as `openssl speed` is (other jobs on a shared "
        "machine do not inflate it); the `envelope/` and `hpke/` rows in wall-clock time. AES-256-GCM runs on "
        "the default native engine (ring's assembly, feature `native-aes`); the last table repeats the "
        "streaming rows with `--no-default-features` (the portable RustCrypto engine).",
        "",
        "| Benchmark | Mean time | Throughput |",
        "|---|---|---|",
    ]
    lines += [f"| `{i}` | {t} | {s} |" for i, t, s in rows]
    portable = criterion_rows(root=ROOT / "target" / "criterion-portable")
    ossl_mbs = openssl_mbs(openssl_line)
    if ossl_mbs:
        lines += ["", f"OpenSSL {openssl_version()} `openssl speed -evp aes-256-gcm -bytes 16384` (CPU time): "
                  f"**{ossl_mbs:,.1f} MB/s** (same machine, same run). Goal: at least 70%.", "",
                  "| Streaming benchmark | native engine | % of OpenSSL | portable engine | % of OpenSSL |",
                  "|---|---:|---:|---:|---:|"]
        by_id = {ident: speed for ident, _, speed in portable}
        for ident, _, speed in rows:
            if not ident.startswith("stream/"):
                continue
            mbs = mb_per_s(speed)
            other = by_id.get(ident)
            other_cols = f"{other} | {mb_per_s(other) / ossl_mbs:.0%}" if other else "— | —"
            lines.append(f"| `{ident}` | {speed} | **{mbs / ossl_mbs:.0%}** | {other_cols} |")
    elif openssl_line:
        lines += ["", f"OpenSSL: `{openssl_line}`"]
    lines += ["", f"Load average when the report was written: {load_average()}."]
    replace_section("native", "\n".join(lines))


def mb_per_s(speed):
    return float(speed.split()[0].replace(",", ""))


def openssl_mbs(openssl_line):
    try:
        return float(openssl_line.split()[-1].rstrip("k")) * 1000 / 1e6
    except (ValueError, IndexError):
        return None


def openssl_version():
    out = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.split()
    return out[1] if len(out) > 1 else ""


def load_average():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "unknown"


def criterion_means(prefix):
    """Mean time (ns) and throughput of every criterion benchmark whose group starts with `prefix`."""
    out = {}
    for est in sorted((ROOT / "target" / "criterion").glob("**/new/estimates.json")):
        bench = json.loads((est.parent / "benchmark.json").read_text())
        if bench["group_id"].startswith(prefix):
            out[bench["full_id"]] = (json.loads(est.read_text())["mean"]["point_estimate"], bench.get("throughput") or {})
    return out


def presidio_notes_per_s():
    """Presidio's notes/s from docs/DEID-PRESIDIO.md (scripts/compare-presidio.sh), if present."""
    doc = ROOT / "docs" / "DEID-PRESIDIO.md"
    if not doc.exists():
        return None
    for line in doc.read_text().splitlines():
        if line.startswith("| Presidio `AnalyzerEngine.analyze`"):
            try:
                return float(line.rstrip(" |").rsplit("|", 1)[1].replace(",", ""))
            except ValueError:
                return None
    return None


DEID_ROWS = [
    ("scrub_text/notes", "`scrub_text`, each note alone, tag mode, known identifiers for half"),
    ("scrub_text/surrogate", "the same in surrogate mode"),
    ("scrub_text/document", "all notes as one document"),
    ("scrub_text/held_out", "the 900 hand-written held-out notes (`tests/deid/holdout/`, one identifier every 50 bytes), each alone, tag mode, text only"),
    ("scrub_text/scrubbed", "the tag-mode notes once scrubbed, scrubbed again (no identifier left: one pass that finds nothing)"),
    ("safe_harbor/resources", "`safe_harbor` on the 7 single-resource FHIR fixtures"),
    ("safe_harbor/bundle", "`safe_harbor` on the fixture Bundle (7 entries)"),
]


def fmt(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def rate_cell(mean_ns, tp):
    """Throughput of one criterion row: MB/s for bytes, resources (or calls) per second otherwise."""
    if mean_ns is None:
        return "—"
    if tp.get("Bytes"):
        return f"{tp['Bytes'] / mean_ns * 1e3:,.1f} MB/s"
    return f"{fmt(tp.get('Elements', 1) * 1e9 / mean_ns)}/s"


def goal(ok):
    return "**met**" if ok else "**not met**"


def deid():
    native = criterion_means("deid-")
    wasm_file = ROOT / "target" / "tmp" / "deid-bench-wasm.json"
    wasm = json.loads(wasm_file.read_text()) if wasm_file.exists() else None
    load = load_average()
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.split()[1]
    node = wasm["node"] if wasm else "not run"
    lines = [
        "## De-identification (free text and FHIR Safe Harbor)",
        "",
        f"Command: `bash scripts/bench-deid.sh` — {datetime.date.today()}, {cpu_name()}, {os.cpu_count()} cores, "
        f"rustc {rustc}, Node {node}; 1-minute load average {load} at the end.",
        "",
        "Input: the synthetic evaluation notes of `tests/deid/eval_set.rs` (the set `cargo run --example deid_eval` "
        "scores: 90 admission, clinic, discharge, nursing and portal notes, 40 KB, about one identifier every 35 bytes, "
        "one note in four also in upper case) and the FHIR fixtures of `tests/fixtures/fhir/` (reference year 2026). "
        "One thread. MB = 10^6 input bytes. Every scrub includes the detection passes over its own output "
        "that make scrubbing idempotent (docs/DEIDENTIFICATION.md). CPU rates divide by the CPU time of the process, "
        "so other jobs waiting for the cores do not lower them (jobs on the sibling hardware thread of a shared core "
        "still can); wall-clock rates are lower bounds on a busy machine. The Presidio rate is read from "
        "docs/DEID-PRESIDIO.md (its own run, same notes).",
        "",
        "| Row | native, per CPU-second | native (wall) | wasm in Node, per CPU-second | wasm (wall) |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, name in DEID_ROWS:
        cpu, tp = native.get(f"deid-cpu/{key}", (None, {}))
        wall, tpw = native.get(f"deid-wall/{key}", (None, {}))
        w = (wasm or {}).get("rows", {}).get(key)
        unit = "MB/s" if key.startswith("scrub") else "/s"
        scale = 1e6 if key.startswith("scrub") else 1
        wcpu = f"{fmt(w['cpu'] / scale)} {unit}".replace(" /s", "/s") if w else "—"
        wwall = f"{fmt(w['wall'] / scale)} {unit}".replace(" /s", "/s") if w else "—"
        lines.append(f"| {name} | {rate_cell(cpu, tp)} | {rate_cell(wall, tpw)} | {wcpu} | {wwall} |")
    lines += ["", "Goals (issue #4):", ""]
    cpu, tp = native.get("deid-cpu/scrub_text/notes", (None, {}))
    native_mbs = tp.get("Bytes", 0) / cpu * 1e3 if cpu else None
    if native_mbs is not None:
        lines.append(f"- native `scrub_text` on the notes at least 50 MB/s: {native_mbs:,.1f} MB/s per CPU-second — {goal(native_mbs >= 50)}.")
    if wasm:
        wasm_mbs = wasm["rows"]["scrub_text/notes"]["cpu"] / 1e6
        lines.append(f"- wasm `scrubText` on the notes at least 10 MB/s: {wasm_mbs:,.1f} MB/s per CPU-second — {goal(wasm_mbs >= 10)}.")
    presidio = presidio_notes_per_s()
    if presidio and native_mbs is not None and wasm:
        presidio_mbs = presidio * (wasm["noteBytes"] / len(json.loads((ROOT / "target" / "tmp" / "deid-bench-notes.json").read_text())["notes"])) / 1e6
        ratio = native_mbs / presidio_mbs
        lines.append(
            f"- at least 100× Presidio's throughput: Presidio analyzes {presidio:,.1f} notes/s of this set "
            f"(docs/DEID-PRESIDIO.md, `bash scripts/compare-presidio.sh`), {presidio_mbs * 1e3:,.1f} KB/s; "
            f"native `scrub_text` is **{ratio:,.0f}×** that — {goal(ratio >= 100)}."
        )
    lines += ["", "FHIR resources per second have no numeric goal in the issue; they are reported for tracking."]
    replace_section("deid", "\n".join(lines))


if __name__ == "__main__":
    if sys.argv[1] == "deid":
        deid()
    elif sys.argv[1] == "native":
        native(sys.argv[2] if len(sys.argv) > 2 else "")
