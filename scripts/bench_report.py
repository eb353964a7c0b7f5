#!/usr/bin/env python3
"""Collects criterion results (target/criterion) into a marked section of docs/PERFORMANCE.md."""
import json, os, pathlib, platform, subprocess, sys, datetime

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "PERFORMANCE.md"


def criterion_rows(keep=lambda full_id: not full_id.startswith("deid/")):
    rows = []
    for est in sorted((ROOT / "target" / "criterion").glob("**/new/estimates.json")):
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


def native(openssl_line):
    rows = criterion_rows()
    lines = [
        "## Native (criterion)",
        "",
        f"Command: `bash scripts/bench-native.sh` — {datetime.date.today()}, {cpu_name()}, {os.cpu_count()} cores, "
        f"rustc {subprocess.run(['rustc', '--version'], capture_output=True, text=True).stdout.split()[1]}.",
        "",
        "| Benchmark | Mean time | Throughput |",
        "|---|---|---|",
    ]
    lines += [f"| `{i}` | {t} | {s} |" for i, t, s in rows]
    if openssl_line:
        parts = openssl_line.split()
        ossl = parts[-1].rstrip("k")
        try:
            ossl_mbs = float(ossl) * 1000 / 1e6
            lines += ["", f"OpenSSL `openssl speed -evp aes-256-gcm -bytes 16384`: **{ossl_mbs:,.1f} MB/s** (same machine, same run)."]
            stream = [r for r in rows if r[0].startswith("stream/")]
            for ident, _, speed in stream:
                mbs = float(speed.split()[0].replace(",", ""))
                lines.append(f"- `{ident}`: {mbs / ossl_mbs:.0%} of OpenSSL's AES-256-GCM (goal: at least 70%).")
            try:
                load = open("/proc/loadavg").read().split()[0]
                lines += ["", f"Load average when the report was written: {load} (other jobs on a shared 2-core machine inflate the times; rerun on an idle machine for absolute numbers)."]
            except OSError:
                pass
        except ValueError:
            lines += ["", f"OpenSSL: `{openssl_line}`"]
    replace_section("native", "\n".join(lines))


def deid():
    rows = criterion_rows(lambda full_id: full_id.startswith("deid/"))
    try:
        load = open("/proc/loadavg").read().split()[0]
    except OSError:
        load = "unknown"
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.split()[1]
    lines = [
        "## De-identification of free text (criterion)",
        "",
        f"Command: `bash scripts/bench-deid.sh` — {datetime.date.today()}, {cpu_name()}, {os.cpu_count()} cores, rustc {rustc}.",
        "",
        "`phiseal::deid::scrub_text` on the synthetic evaluation notes of `tests/deid/eval_set.rs` "
        "(the set `cargo run --example deid_eval` scores; 40 KB of admission, clinic, discharge, nursing "
        "and portal notes, one in four also in upper case). `notes`: each note scrubbed on its own in tag "
        "mode, half of them with the patient's known identifiers; `surrogate`: the same in surrogate mode; "
        "`document`: all notes joined into one text. MB = 10^6 input bytes, one thread. Every run includes "
        "the second detection pass over the output that makes scrubbing idempotent.",
        "",
        "| Benchmark | Mean time | Throughput |",
        "|---|---|---|",
    ]
    lines += [f"| `{i}` | {t} | {s} |" for i, t, s in rows]
    lines += ["", f"Load average when the report was written: {load} (criterion measures wall-clock time; other jobs on a shared machine lower the numbers)."]
    replace_section("deid", "\n".join(lines))


if __name__ == "__main__":
    if sys.argv[1] == "deid":
        deid()
    elif sys.argv[1] == "native":
        native(sys.argv[2] if len(sys.argv) > 2 else "")
