// Records benchmark (issue #3, "Performance"): seal and open the FHIR Patient fixture
// (tests/fixtures/fhir/patient.json) for 3 roles with 2 recipients each,
//   - natively: read from criterion's results of `cargo bench --bench records` (target/criterion),
//   - in WebAssembly under Node: phiseal `sealRecord` / `openRecord`, and the HPKE wraps alone
//     (6 × `hpke.seal` of a 32-byte key) to get the share of a seal spent outside the wraps,
//   - a baseline built from @hpke/core + @hpke/dhkem-x25519 that seals every encrypted field
//     separately to every recipient of each role that may read it (fields and roles taken from
//     the legend of a record phiseal sealed, so both do the same job).
// Writes the "records-bench" section of docs/PERFORMANCE.md (between markers) and prints it.
// Usage: bash scripts/bench-records.sh (runs the native benchmark and builds the package first).
import { readFileSync, writeFileSync, existsSync, readdirSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { Aes256Gcm, CipherSuite, HkdfSha256 } from "@hpke/core";
import { DhkemX25519HkdfSha256 } from "@hpke/dhkem-x25519";
import { IndexKey, KeyPair, fhirPolicy, hpke, openRecord, sealRecord } from "phiseal";
// The package's private glue (the same module instance the package uses), for the internal
// bench export `RecordBenchWraps` (bindings/wasm/src/records_bench.rs), which is not API.
import { RecordBenchWraps } from "../../pkg/dist/phiseal_wasm_bg.js";

const root = new URL("../../", import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROLES = ["clinician", "billing", "frontdesk"];
const RECIPIENTS_PER_ROLE = 2;
const RECORD_ID = "Patient/pat-7f3a9c";
const SLOT_INFO = new TextEncoder().encode("phiseal/v1 slot");

/** CPU seconds (user + system, all threads) this process has used. */
function cpuSeconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * Runs `fn` (sync or async, awaited one call at a time) after a warm-up until it has used
 * SECONDS of CPU time and at least `minCalls` calls; returns calls per CPU-second and per
 * wall-clock second.
 */
async function rate(fn, minCalls = 5) {
  for (const until = cpuSeconds() + 0.3; cpuSeconds() < until; ) await fn();
  let count = 0;
  const cpu0 = cpuSeconds();
  const wall0 = performance.now();
  while (cpuSeconds() - cpu0 < SECONDS || count < minCalls) {
    await fn();
    count += 1;
  }
  return { cpu: count / (cpuSeconds() - cpu0), wall: count / ((performance.now() - wall0) / 1000) };
}

/**
 * CPU seconds per call of `a` and of `b`, measured in alternating batches of `batch` calls for
 * about 2 × SECONDS of CPU time, so that a change of load on the machine weighs on both alike
 * (the share of a seal outside its wraps compares two such numbers).
 */
function interleaved(a, b, batch = 10) {
  const times = (fn) => (n) => {
    for (let i = 0; i < n; i += 1) fn();
  };
  return interleavedBatches(times(a), times(b), batch);
}

/** As `interleaved`, for functions that run `n` calls themselves (`aBatch(n)`, `bBatch(n)`). */
function interleavedBatches(aBatch, bBatch, batch = 10) {
  aBatch(batch);
  bBatch(batch);
  const spent = [0, 0];
  let calls = 0;
  while (spent[0] + spent[1] < 2 * SECONDS || calls < 5 * batch) {
    for (const [index, fn] of [aBatch, bBatch].entries()) {
      const cpu0 = cpuSeconds();
      fn(batch);
      spent[index] += cpuSeconds() - cpu0;
    }
    calls += batch;
  }
  return { a: spent[0] / calls, b: spent[1] / calls };
}

/** How many times the headline share is measured: it is reported as the median and the range. */
const SHARE_REPEATS = 5;

/**
 * `measure()` (an `interleaved` result) SHARE_REPEATS times: the run with the median share of
 * `a` outside `b`, and the lowest and highest shares.
 */
function repeated(measure) {
  const runs = Array.from({ length: SHARE_REPEATS }, measure).map((run) => ({ ...run, share: 1 - run.b / run.a }));
  runs.sort((x, y) => x.share - y.share);
  return { ...runs[Math.floor(runs.length / 2)], low: runs[0].share, high: runs[runs.length - 1].share };
}

/** The ready-made Patient policy restricted to ROLES (as benches/records.rs does). */
function patientPolicyThreeRoles() {
  const policy = fhirPolicy("Patient");
  const keep = (roles) => roles.filter((role) => ROLES.includes(role));
  const rules = policy.rules.map((rule) => {
    const out = { ...rule };
    if (out.roles) out.roles = keep(out.roles);
    if (out.encryptFor) out.encryptFor = keep(out.encryptFor);
    if (out.generalizeFor) {
      const views = Object.fromEntries(Object.entries(out.generalizeFor).filter(([role]) => ROLES.includes(role)));
      if (Object.keys(views).length) out.generalizeFor = views;
      else delete out.generalizeFor;
    }
    return out;
  });
  const fallback = typeof policy.default === "object" ? { ...policy.default, roles: keep(policy.default.roles) } : policy.default;
  return { ...policy, roles: keep(policy.roles), default: fallback, rules };
}

/** The value at an RFC 6901 pointer. */
function at(value, pointer) {
  for (const token of pointer.split("/").slice(1)) {
    value = value?.[token.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  if (value === undefined) throw new Error(`pointer ${pointer} not in the record`);
  return value;
}

async function measureWasm(patient, policy) {
  const pairs = Object.fromEntries(ROLES.map((role) => [role, Array.from({ length: RECIPIENTS_PER_ROLE }, () => KeyPair.generate())]));
  const recipients = Object.fromEntries(ROLES.map((role) => [role, pairs[role].map((pair) => pair.toPublicKey())]));
  const indexKey = IndexKey.fromBytes(crypto.getRandomValues(new Uint8Array(32)));
  const clinician = pairs.clinician[0];
  const seal = () => sealRecord(patient, policy, recipients, { recordId: RECORD_ID, indexKey });
  const patientText = JSON.stringify(patient);
  const sealText = () => sealRecord(patientText, policy, recipients, { recordId: RECORD_ID, indexKey });
  const sealed = seal();
  const opened = openRecord(sealed, clinician, { recordId: RECORD_ID });
  if (JSON.stringify(opened.record) !== JSON.stringify(patient)) throw new Error("the clinician must open the whole Patient");
  const allKeys = Object.values(recipients).flat();
  const dataKey = new Uint8Array(32).fill(0x5a);
  const aad = new Uint8Array(64).fill(0xa5);
  const wrapped = hpke.seal({ publicKey: clinician.toPublicKey(), info: SLOT_INFO, aad, plaintext: dataKey });
  const wraps = () => {
    for (const publicKey of allKeys) hpke.seal({ publicKey, info: SLOT_INFO, aad, plaintext: dataKey });
  };
  // The 6 wraps as sealRecord runs them: inside one WebAssembly call, keys parsed beforehand.
  const insideWraps = new RecordBenchWraps(allKeys.map((key) => key.bytes));
  const wrapsInside = (rounds) => insideWraps.run(rounds);
  const batchOf = (fn) => (n) => {
    for (let i = 0; i < n; i += 1) fn();
  };
  const open = () => openRecord(sealed, clinician, { recordId: RECORD_ID });
  const unwrap = () => hpke.open({ enc: wrapped.enc, keyPair: clinician, info: SLOT_INFO, aad, ciphertext: wrapped.ciphertext });
  return {
    sealed,
    seal: await rate(seal),
    sealText: await rate(sealText),
    open: await rate(open),
    wraps: await rate(wraps),
    wrapsInside: await rate(() => wrapsInside(1)),
    unwrap: await rate(unwrap),
    sealVsWrapsInside: repeated(() => interleavedBatches(batchOf(seal), wrapsInside)),
    sealTextVsWrapsInside: interleavedBatches(batchOf(sealText), wrapsInside),
    sealVsWraps: interleaved(seal, wraps),
    openVsUnwrap: interleaved(open, unwrap),
  };
}

/** Every (field plaintext, recipient) pair the legend asks to encrypt. */
function baselineJobs(patient, sealed, keysByRole) {
  const jobs = [];
  let fields = 0;
  for (const entry of sealed._phiseal.legend) {
    if (!entry.roles?.length || (entry.action !== "encrypt" && entry.action !== "token")) continue;
    fields += 1;
    const plaintext = new TextEncoder().encode(JSON.stringify(at(patient, entry.path)));
    for (const role of entry.roles) for (const keys of keysByRole[role]) jobs.push({ plaintext, keys, role });
  }
  return { jobs, fields };
}

async function measureBaseline(patient, sealed) {
  const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
  const keysByRole = {};
  for (const role of ROLES) {
    keysByRole[role] = [];
    for (let i = 0; i < RECIPIENTS_PER_ROLE; i += 1) keysByRole[role].push(await suite.kem.generateKeyPair());
  }
  const { jobs, fields } = baselineJobs(patient, sealed, keysByRole);
  const info = new TextEncoder().encode(RECORD_ID);
  const sealAll = async () => {
    const out = [];
    for (const { plaintext, keys } of jobs) out.push(await suite.seal({ recipientPublicKey: keys.publicKey, info }, plaintext));
    return out;
  };
  // Check once that the baseline output opens, so it is not measuring a no-op.
  const first = await sealAll();
  const back = await suite.open({ recipientKey: jobs[0].keys, enc: first[0].enc, info }, first[0].ct);
  if (new TextDecoder().decode(back) !== new TextDecoder().decode(jobs[0].plaintext)) throw new Error("baseline round trip");
  return { fields, seals: jobs.length, seal: await rate(sealAll, 3) };
}

/** Criterion means (ns) of `cargo bench --bench records`, by group and benchmark id. */
function nativeResults() {
  const base = new URL(`${process.env.CARGO_TARGET_DIR ? `file://${process.env.CARGO_TARGET_DIR}/` : "target/"}criterion/`, root);
  const out = {};
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = `${dir}/${name}`;
      if (!statSync(path).isDirectory()) continue;
      if (name === "new" && existsSync(`${path}/benchmark.json`)) {
        const bench = JSON.parse(readFileSync(`${path}/benchmark.json`, "utf8"));
        const estimates = JSON.parse(readFileSync(`${path}/estimates.json`, "utf8"));
        if (bench.group_id.startsWith("records-")) out[bench.full_id] = estimates.mean.point_estimate;
      } else walk(path);
    }
  };
  walk(base.pathname.replace(/\/$/, ""));
  const share = new URL("records-share.json", base);
  if (existsSync(share)) out.share = JSON.parse(readFileSync(share, "utf8"));
  return out;
}

const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1));
const pct = (x) => `${(x * 100).toFixed(0)}%`;
const pct1 = (x) => `${(x * 100).toFixed(1)}%`;
const goal = (ok) => (ok ? "**met**" : "**not met**");

function nativeSection(native) {
  const get = (clock, id) => native[`records-${clock}/${id}`];
  if (get("cpu", "seal/patient-3x2") === undefined) return ["Native: no criterion results found (run `cargo bench --bench records`)."];
  const lines = [
    "### Native (criterion, `benches/records.rs`)",
    "",
    "| Operation | CPU time | records/s per CPU-second | wall time | records/s (wall) |",
    "|---|---:|---:|---:|---:|",
  ];
  const rows = [
    ["`seal_record` (6 HPKE wraps)", "seal/patient-3x2"],
    ["`open_record` by a clinician (1 HPKE unwrap)", "open/patient-clinician"],
    ["6 × `hpke::seal_base` (the wraps alone)", "wraps/6x-hpke-seal_base"],
    ["1 × `hpke::open_base` (the unwrap alone)", "unwrap/1x-hpke-open_base"],
    ["3 × `envelope::seal_key_header` (the role key headers alone)", "key-headers/3x-seal_key_header"],
  ];
  for (const [name, id] of rows) {
    const [cpu, wall] = [get("cpu", id), get("wall", id)];
    lines.push(`| ${name} | ${fmt(cpu / 1e3)} µs | ${fmt(1e9 / cpu)} | ${wall ? fmt(wall / 1e3) + " µs" : "—"} | ${wall ? fmt(1e9 / wall) : "—"} |`);
  }
  const rowsOutside = 1 - get("cpu", "wraps/6x-hpke-seal_base") / get("cpu", "seal/patient-3x2");
  // Timed alternately by benches/records.rs (medians); the rows when that file is missing.
  const share = native.share ?? {
    sealNanos: get("cpu", "seal/patient-3x2"),
    wrapsNanos: get("cpu", "wraps/6x-hpke-seal_base"),
    headersNanos: get("cpu", "key-headers/3x-seal_key_header"),
    openNanos: get("cpu", "open/patient-clinician"),
    unwrapNanos: get("cpu", "unwrap/1x-hpke-open_base"),
  };
  const { sealNanos, wrapsNanos } = share;
  const outside = 1 - wrapsNanos / sealNanos;
  const outsideHeaders = 1 - share.headersNanos / sealNanos;
  const openOutside = 1 - share.unwrapNanos / share.openNanos;
  lines.push(
    "",
    `Share of the seal spent outside the HPKE wraps (CPU time${native.share ? ", seal and wraps timed alternately, medians" : ""}: ` +
      `${fmt(sealNanos / 1e3)} µs vs ${fmt(wrapsNanos / 1e3)} µs): **${pct(outside)}** — goal under 20%: ${goal(outside < 0.2)} ` +
      `(from the two rows above, measured one after the other: ${pct(rowsOutside)}). ` +
      `Outside the three role key headers (wraps plus data keys, key ids, commitments and MACs): ${pct(outsideHeaders)}. ` +
      `Share of the open spent outside its one HPKE unwrap: ${pct(openOutside)}.`,
  );
  return lines;
}

/**
 * A Node `--cpu-prof` profile of the wasm seal (the build this section measures, with function
 * names kept), summed by hand into parts: written here, not measured by this script.
 */
const PROFILE_NOTE =
  "A Node `--cpu-prof` profile of a wasm seal of this build puts about 80% of it in the six HPKE wraps (the profiler " +
  "weighs the wraps a little more than the CPU-time measurement above); of the rest, about 6 points are the JSON " +
  "boundary and the arguments (the plain-data and policy checks and stringify, the copies into WebAssembly, the " +
  "strict parse, JSON.parse of the result, dropping the parsed record, reading the recipients, garbage collection), " +
  "3.6 points SHA-256 outside the wraps (legend and manifest hashes, key-header and role key derivations, MACs, " +
  "blind-index tokens: fixed by the format), 2.6 points field AES-GCM, 0.6 points the record's CSPRNG draw and about " +
  "7 points the walk, legend, output text, base64, key bookkeeping and allocation. The previous version of this " +
  "section (before `seal_record_text`, the soft AES-GCM engine, the policy-object and key-id reuse) had 73% wraps, " +
  "8 points JSON boundary, 4 points AES-GCM and 12 points for the rest, and measured 22% against the public " +
  "`hpke.seal` (about 26% against the wraps inside one call). What is left outside the wraps is spread over many " +
  "parts, none above a few points, and a third of it (the hashes, JSON.parse of the result) is fixed by the format " +
  "and by the object-in, object-out API.";

function report(native, wasm, baseline) {
  const outside = 1 - wasm.sealVsWrapsInside.b / wasm.sealVsWrapsInside.a;
  const outsideText = 1 - wasm.sealTextVsWrapsInside.b / wasm.sealTextVsWrapsInside.a;
  const outsideWrapper = 1 - wasm.sealVsWraps.b / wasm.sealVsWraps.a;
  const openOutside = 1 - wasm.openVsUnwrap.b / wasm.openVsUnwrap.a;
  const ratio = wasm.seal.cpu / baseline.seal.cpu;
  const ratioWall = wasm.seal.wall / baseline.seal.wall;
  const lines = [
    "## Records: FHIR Patient, 3 roles × 2 recipients",
    "",
    `Command: \`bash scripts/bench-records.sh\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
      `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, 1-minute load average ${loadavg()[0].toFixed(2)} at the end. ` +
      "Record: `tests/fixtures/fhir/patient.json`; policy: the ready-made `Patient` policy without the `research` role " +
      "(roles `clinician`, `billing`, `frontdesk`, two recipient keys each, so 6 HPKE wraps per record), with a blind-index key " +
      "for its tokens. CPU rates divide by the CPU time of the process (user + system, all threads) and do not depend on " +
      "other load on this shared machine; wall-clock rates are lower bounds on a busy machine.",
    "",
    ...nativeSection(native),
    "",
    "### WebAssembly in Node (`benches/js/records-bench.mjs`)",
    "",
    "| Operation | records/s per CPU-second | records/s (wall) |",
    "|---|---:|---:|",
    `| phiseal \`sealRecord\` (object in, object out) | ${fmt(wasm.seal.cpu)} | ${fmt(wasm.seal.wall)} |`,
    `| phiseal \`sealRecord\` (JSON text in, text out) | ${fmt(wasm.sealText.cpu)} | ${fmt(wasm.sealText.wall)} |`,
    `| phiseal \`openRecord\` by a clinician | ${fmt(wasm.open.cpu)} | ${fmt(wasm.open.wall)} |`,
    `| 6 HPKE wraps of a 32-byte key inside one WebAssembly call, as \`sealRecord\` runs them (the wraps alone) | ${fmt(wasm.wrapsInside.cpu)} | ${fmt(wasm.wrapsInside.wall)} |`,
    `| 6 × phiseal \`hpke.seal\` of a 32-byte key (the wraps through the public JS API) | ${fmt(wasm.wraps.cpu)} | ${fmt(wasm.wraps.wall)} |`,
    `| 1 × phiseal \`hpke.open\` (the unwrap alone) | ${fmt(wasm.unwrap.cpu)} | ${fmt(wasm.unwrap.wall)} |`,
    `| baseline: @hpke/core \`seal\` of each field to each recipient (${baseline.fields} fields, ${baseline.seals} HPKE seals per record) | ${fmt(baseline.seal.cpu)} | ${fmt(baseline.seal.wall)} |`,
    "",
    `Share of \`sealRecord\` spent outside the HPKE wraps (CPU time, seal and the wraps inside one WebAssembly call measured ` +
      `in alternating batches of 10, ${SHARE_REPEATS} times; the median run: ${fmt(wasm.sealVsWrapsInside.a * 1e6)} µs vs ` +
      `${fmt(wasm.sealVsWrapsInside.b * 1e6)} µs): **${pct1(outside)}** (runs from ${pct1(wasm.sealVsWrapsInside.low)} to ` +
      `${pct1(wasm.sealVsWrapsInside.high)}) — goal under 20%: ${goal(outside < 0.2)}${outside < 0.2 && wasm.sealVsWrapsInside.high >= 0.2 ? " by the median, not in every run" : ""}. With JSON text in and out: ${pct(outsideText)} ` +
      `(${fmt(wasm.sealTextVsWrapsInside.a * 1e6)} µs vs ${fmt(wasm.sealTextVsWrapsInside.b * 1e6)} µs). Against six calls of the ` +
      `public \`hpke.seal\` instead (which overstate the wraps): ${pct(outsideWrapper)}. ` +
      `Share of \`openRecord\` outside its unwrap: ${pct(openOutside)}.`,
    "",
    `\`sealRecord\` ÷ baseline: **${ratio.toFixed(1)}×** per CPU-second (${ratioWall.toFixed(1)}× wall) — goal at least 10×: ${goal(ratio >= 10)}.`,
    "",
    "Notes: the baseline does strictly less than `sealRecord` (no blind-index tokens, no generalized views, no legend, " +
      "no manifest MACs, no record-id binding beyond HPKE `info`); each @hpke/core call is awaited in turn, as in the " +
      "`js-bench` section. The wraps-alone rows use the same keys, key sizes, `info` and `aad` length as the key headers; " +
      "the wasm rows include copying inputs into WebAssembly memory and the result back. The wasm share compares the seal " +
      "with its six wraps run inside one WebAssembly call exactly as `sealRecord` runs them (`RecordBenchWraps` in " +
      "`bindings/wasm/src/records_bench.rs`, keys parsed beforehand: an internal handle of the glue for this benchmark, " +
      "not exported by the package and not in its types); six calls of the public `hpke.seal` also pay a JS call, " +
      "argument checks and result objects per wrap, which a seal does not. Both shares time the seal and the wraps " +
      "alternately (natively call by call, in wasm in batches of 10): even so, repeated runs move by a point or two on " +
      "this shared 2-core machine, more while other jobs run on it (the seal's memory-bound part suffers more from " +
      "them than the wraps' arithmetic), hence the median and range of five runs for the wasm share.",
    "",
    "What a seal does outside its 6 wraps (sealed format v2, unchanged): per role, a data key, salt, key ids, key " +
      "commitment and header MAC (the envelope key header), an HKDF pseudorandom key and MAC key, and one XOR-pad wrap " +
      "(one HKDF-Expand) per role set the role is in; per role set (3 here: clinician, clinician+frontdesk, " +
      "clinician+billing+frontdesk), a set key and its AES-GCM cipher; per encrypted value, one AES-256-GCM segment per " +
      "group of roles that get the same plaintext (one per value here: without research no role gets a generalized " +
      "view), with the path alone as associated data; per record, SHA-256 of the canonical legend and of the manifest " +
      "(legend digest, set-key wraps and every value) and per role one HMAC of that hash; the policy walk, the " +
      "blind-index tokens, the legend and the output JSON. Data keys, set keys, nonces and the key headers' salts come " +
      "from one CSPRNG draw. In WebAssembly, AES and SHA-256 run as constant-time software (no AES or SHA " +
      "instructions); AES-GCM there is the soft engine of `src/primitives/aes_gcm` (bitsliced AES with the tag mask " +
      "encrypted in the counter blocks' batch, GHASH by 64-bit multiplications). `sealRecord` turns an object into JSON " +
      "text (the previous seal's policy object, still holding the same data, is neither stringified nor copied into " +
      "WebAssembly again), the core parses it strictly, the walk writes the sealed record straight as JSON text " +
      "(`seal_record_text`: no value tree built, serialized and dropped), and JS parses that into an object. " +
      PROFILE_NOTE,
  ];
  return lines.join("\n");
}

function writeSection(body) {
  const doc = new URL("docs/PERFORMANCE.md", root);
  const [start, end] = ["<!-- records-bench:start -->", "<!-- records-bench:end -->"];
  let text = existsSync(doc) ? readFileSync(doc, "utf8") : "# Performance\n\nEvery number here is written by a command anyone can rerun.\n";
  const block = `${start}\n${body}\n${end}`;
  if (text.includes(start) && text.includes(end)) {
    text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  } else {
    text = `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(doc, text);
}

const patient = JSON.parse(readFileSync(new URL("tests/fixtures/fhir/patient.json", root), "utf8"));
const policy = patientPolicyThreeRoles();
const wasm = await measureWasm(patient, policy);
const baseline = await measureBaseline(patient, wasm.sealed);
const body = report(nativeResults(), wasm, baseline);
writeSection(body);
console.log(body);
