// Password-backup unlock time in headless Chromium (WebAssembly, one thread), default Argon2id
// parameters and STRONG, median of 5 each. Writes the `browser-unlock` section of
// docs/PERFORMANCE.md. A measurement, not a test: `bash scripts/bench-unlock-browser.sh`.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { openDemo, repoRoot } from "./harness.mjs";

const demo = await openDemo();
try {
  const results = await demo.page.evaluate(async () => {
    const phiseal = await import("phiseal");
    const pair = phiseal.KeyPair.generate();
    const out = {};
    for (const [label, params] of [["default (19 MiB, t 2, p 1)", "interactive"], ["STRONG (64 MiB, t 3, p 4)", "strong"]]) {
      let backup;
      try {
        backup = pair.exportWithPassword("correct horse battery staple", params);
      } catch (error) {
        out[label] = `not measured: ${error.code ?? error.message}`;
        continue;
      }
      const times = [];
      for (let i = 0; i < 5; i += 1) {
        const start = performance.now();
        phiseal.KeyPair.importWithPassword(backup, "correct horse battery staple").free();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      out[label] = `${Math.round(times[2])} ms`;
    }
    pair.free();
    return { results: out, userAgent: navigator.userAgent };
  });
  const load = (await readFile("/proc/loadavg", "utf8")).split(" ")[0];
  const rows = Object.entries(results.results).map(([label, time]) => `| ${label} | ${time} |`);
  const body = [
    "## Password-backup unlock in the browser",
    "",
    "Command: `bash scripts/bench-unlock-browser.sh` — `KeyPair.importWithPassword` in headless Chromium",
    `(${results.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"}), WebAssembly on one thread, median of 5; load average ${load}.`,
    "Goal: well under 2 s with the default parameters.",
    "",
    "| Parameters | Unlock time |",
    "|---|---|",
    ...rows,
  ].join("\n");
  const docPath = join(repoRoot, "docs", "PERFORMANCE.md");
  let doc = await readFile(docPath, "utf8");
  const start = "<!-- browser-unlock:start -->";
  const end = "<!-- browser-unlock:end -->";
  const block = `${start}\n${body}\n${end}`;
  doc = doc.includes(start) ? doc.slice(0, doc.indexOf(start)) + block + doc.slice(doc.indexOf(end) + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  await writeFile(docPath, doc);
  console.log(body);
} finally {
  await demo.close?.();
}
