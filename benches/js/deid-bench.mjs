// De-identification benchmark in WebAssembly under Node (issue #4, "Performance"): the same rows
// as the native `benches/deid.rs`, through the built package (pkg/):
//   - `scrubText` on the synthetic evaluation notes (tests/deid/eval_set.rs), each on its own
//     with its known identifiers for half of them, in tag mode (`notes`) and surrogate mode
//     (`surrogate`), all notes joined into one text (`document`), and the tag-mode notes once
//     scrubbed, scrubbed again (`scrubbed`: nothing left to find), and the hand-written held-out
//     notes (tests/deid/holdout/, `held_out`, tag mode, text only). The notes are read from
//     target/tmp/deid-bench-notes.json, which `cargo bench --bench deid` writes, so both sides
//     scrub exactly the same input. MB = 10^6 UTF-8 input bytes.
//   - `safeHarbor` on the 7 single-resource FHIR fixtures (tests/fixtures/fhir/, object in,
//     object out, reference year 2026) and on the fixture Bundle.
// Rates are per CPU-second of this process (user + system) and per wall-clock second.
// Writes the results as JSON to target/tmp/deid-bench-wasm.json for scripts/bench_report.py,
// which writes the "deid-bench" section of docs/PERFORMANCE.md.
// Usage: bash scripts/bench-deid.sh (runs the native bench and builds the package first).
import { readFileSync, writeFileSync } from "node:fs";
import { safeHarbor, scrubText } from "phiseal";

const root = new URL("../../", import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** CPU seconds of calls before the first row (the engine's optimizing compilation). */
const WARM_UP_SECONDS = 3;
const TARGET = process.env.CARGO_TARGET_DIR ? `${process.env.CARGO_TARGET_DIR}/` : new URL("target/", root).pathname;
const RESOURCES = [
  "patient.json",
  "observation.json",
  "condition.json",
  "encounter.json",
  "medication_request.json",
  "document_reference.json",
  "questionnaire_response.json",
];
const REFERENCE_YEAR = 2026;

/** CPU seconds (user + system, all threads) this process has used. */
function cpuSeconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Calls of `fn` per CPU-second and per wall-clock second, after a warm-up, over SECONDS of CPU time. */
function rate(fn, minCalls = 5) {
  for (const until = cpuSeconds() + 0.3; cpuSeconds() < until; ) fn();
  let count = 0;
  const cpu0 = cpuSeconds();
  const wall0 = performance.now();
  while (cpuSeconds() - cpu0 < SECONDS || count < minCalls) {
    fn();
    count += 1;
  }
  return { cpu: count / (cpuSeconds() - cpu0), wall: count / ((performance.now() - wall0) / 1000) };
}

/** `rate` scaled by `units` per call (bytes or resources). */
function throughput(fn, units) {
  const r = rate(fn);
  return { cpu: r.cpu * units, wall: r.wall * units };
}

const { notes, heldOut } = JSON.parse(readFileSync(`${TARGET}tmp/deid-bench-notes.json`, "utf8"));
const noteBytes = notes.reduce((sum, n) => sum + Buffer.byteLength(n.text, "utf8"), 0);
const document = notes.map((n) => n.text).join("\n");
const options = (mode) => notes.map((n) => (Object.keys(n.known).length ? { mode, known: n.known } : { mode }));
const tagged = options("tag");
const surrogate = options("surrogate");
const scrubAll = (opts) => {
  let spans = 0;
  for (let i = 0; i < notes.length; i += 1) spans += scrubText(notes[i].text, opts[i]).spans.length;
  return spans;
};
// The tag-mode notes once scrubbed (no identifier left: one detection pass that finds nothing).
const scrubbed = notes.map((n, i) => scrubText(n.text, tagged[i]).text);
const scrubAllScrubbed = () => {
  let spans = 0;
  for (let i = 0; i < scrubbed.length; i += 1) spans += scrubText(scrubbed[i], tagged[i]).spans.length;
  return spans;
};
const heldOutBytes = heldOut.reduce((sum, t) => sum + Buffer.byteLength(t, "utf8"), 0);
const scrubAllHeldOut = () => heldOut.reduce((spans, t) => spans + scrubText(t).spans.length, 0);
const fixture = (name) => JSON.parse(readFileSync(new URL(`tests/fixtures/fhir/${name}`, root), "utf8"));
const resources = RESOURCES.map(fixture);
const bundle = fixture("bundle.json");
const deidOptions = { referenceYear: REFERENCE_YEAR };

// Check once that the rows do real work.
if (scrubAll(tagged) === 0) throw new Error("scrubText found nothing in the notes");
for (const r of [...resources, bundle]) if (!safeHarbor(r, deidOptions).report.safeHarbor) throw new Error("not Safe Harbor");

// V8 compiles the WebAssembly module first with its baseline compiler and optimizes its hot
// functions on background threads, whose CPU time `process.cpuUsage` counts: without a warm-up
// long enough for that (seconds for a 2 MB module on a slow machine), the first row pays it.
for (const until = cpuSeconds() + WARM_UP_SECONDS; cpuSeconds() < until; ) {
  scrubAll(tagged);
  scrubAll(surrogate);
  safeHarbor(bundle, deidOptions);
}

const results = {
  node: process.version,
  noteBytes,
  documentBytes: Buffer.byteLength(document, "utf8"),
  resources: resources.length,
  bundleEntries: bundle.entry.length,
  rows: {
    "scrub_text/notes": throughput(() => scrubAll(tagged), noteBytes),
    "scrub_text/surrogate": throughput(() => scrubAll(surrogate), noteBytes),
    "scrub_text/document": throughput(() => scrubText(document), Buffer.byteLength(document, "utf8")),
    "scrub_text/held_out": throughput(scrubAllHeldOut, heldOutBytes),
    "scrub_text/scrubbed": throughput(scrubAllScrubbed, scrubbed.reduce((sum, t) => sum + Buffer.byteLength(t, "utf8"), 0)),
    "safe_harbor/resources": throughput(() => resources.map((r) => safeHarbor(r, deidOptions)), resources.length),
    "safe_harbor/bundle": throughput(() => safeHarbor(bundle, deidOptions), 1),
  },
};
const out = `${TARGET}tmp/deid-bench-wasm.json`;
writeFileSync(out, JSON.stringify(results, null, 2));
console.log(JSON.stringify(results.rows, null, 2));
