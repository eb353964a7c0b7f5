// Cross-face: streams sealed by the JS package (both engines) are opened by the Rust core through
// the `phiseal` CLI (envelope::open_stream), and streams sealed by the CLI (envelope::seal_stream)
// are opened by openStream. The CLI binary is built with cargo when it is not there yet.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { KeyPair, openStream, sealStream } from "phiseal";
import { root } from "./helpers.mjs";
import { CHUNK, ENGINES, assertCode, collect, drain, pattern } from "./stream-helpers.mjs";

const repo = fileURLToPath(root);
let cli;
let dir;
const alice = KeyPair.generate();
const context = "record:42/mri";

before(() => {
  cli = join(repo, "target", "debug", "phiseal");
  if (!existsSync(cli)) {
    const built = spawnSync("cargo", ["build", "-q", "-p", "phiseal-cli"], { cwd: repo, stdio: "inherit" });
    assert.equal(built.status, 0, "cargo build -p phiseal-cli");
  }
  dir = mkdtempSync(join(tmpdir(), "phiseal-crossface-"));
  writeFileSync(join(dir, "alice.key.jwk"), JSON.stringify(alice.dangerousExportPrivateJwk()));
  chmodSync(join(dir, "alice.key.jwk"), 0o600);
  writeFileSync(join(dir, "alice.pub.jwk"), JSON.stringify(alice.toPublicKey().toJwk()));
});

after(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args) => spawnSync(cli, args, { cwd: dir, encoding: "buffer" });

test("sealed in JS with either engine, opened by Rust", async () => {
  for (const engine of ENGINES) {
    for (const length of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * 1024 * 1024 + 3]) {
      const data = pattern(length);
      const sealed = await collect(sealStream(new Blob([data]), [alice.publicKey], { context, engine }));
      writeFileSync(join(dir, "js.phsl"), sealed);
      const opened = run("open", "-i", "alice.key.jwk", "-c", context, "-o", "out.bin", "js.phsl");
      assert.equal(opened.status, 0, `${engine} ${length}: ${opened.stderr}`);
      assert.deepEqual(new Uint8Array(readFileSync(join(dir, "out.bin"))), data, `${engine} ${length}`);
    }
  }
  // A JS-sealed stream cut at a chunk boundary is refused by Rust too, and leaves no file.
  const sealed = await collect(sealStream(pattern(3 * CHUNK), [alice.publicKey], { context }));
  writeFileSync(join(dir, "cut.phsl"), sealed.subarray(0, sealed.length - 16));
  rmSync(join(dir, "cut.bin"), { force: true });
  assert.notEqual(run("open", "-i", "alice.key.jwk", "-c", context, "-o", "cut.bin", "cut.phsl").status, 0);
  assert.ok(!existsSync(join(dir, "cut.bin")));
});

test("sealed by Rust, opened in JS with either engine", async () => {
  for (const length of [0, CHUNK, 3 * CHUNK + 11]) {
    writeFileSync(join(dir, "plain.bin"), pattern(length));
    const sealed = run("seal", "--stream", "-r", "alice.pub.jwk", "-c", context, "-o", "rust.phsl", "plain.bin");
    assert.equal(sealed.status, 0, String(sealed.stderr));
    const bytes = new Uint8Array(readFileSync(join(dir, "rust.phsl")));
    for (const engine of ENGINES) {
      assert.deepEqual(await collect(openStream(new Blob([bytes]), alice, { context, engine })), pattern(length), `${engine} ${length}`);
      const { error } = await drain(openStream(bytes, alice, { context: "record:43/mri", engine }));
      assertCode(error, "AUTH_FAILED", "wrong context");
    }
  }
  assert.ok(execFileSync(cli, ["--version"], { encoding: "utf8" }).length > 0);
});
