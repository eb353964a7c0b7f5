#!/usr/bin/env python3
"""Collects criterion results (target/criterion) into a marked section of docs/PERFORMANCE.md."""
import json, os, pathlib, platform, subprocess, sys, datetime

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "PERFORMANCE.md"


def criterion_rows(keep=lambda full_id: not full_id.startswith("deid/"), root=ROOT / "target" / "criterion"):
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
        "streaming rows with `--no-default-features` (the portable RustCrypto engine, the one WebAssembly uses).",
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
