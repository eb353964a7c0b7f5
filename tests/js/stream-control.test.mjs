// sealStream / openStream control: argument errors, progress, cancellation and abort releasing
// the WebAssembly handles and the input, failing inputs, the worker option, and fetch upload
// and response bodies against a local HTTP server.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { KeyPair, PhisealError, openStream, openTransform, sealStream, sealTransform } from "phiseal";
import { liveStreamHandles } from "../../pkg/src/stream-live.js";
import { CHUNK, ENGINES, assertCode, collect, drain, pattern, piecesOf } from "./stream-helpers.mjs";

const alice = KeyPair.generate();
const context = "attachment:video-7";

test("argument errors throw at once with INVALID_ARGUMENT and leak nothing", () => {
  const before = liveStreamHandles();
  const bad = [
    () => sealStream(new Uint8Array(1), alice.publicKey, { context }),
    () => sealStream(new Uint8Array(1), [], { context }),
    () => sealStream(new Uint8Array(1), [alice.publicKey], {}),
    () => sealStream(new Uint8Array(1), [alice.publicKey]),
    () => sealStream("text", [alice.publicKey], { context }),
    () => sealStream(new Uint8Array(1), [alice.publicKey], { context, engine: "openssl" }),
    () => sealStream(new Uint8Array(1), [alice.publicKey], { context, onProgress: 5 }),
    () => sealStream(new Uint8Array(1), [alice.publicKey], { context, signal: {} }),
    () => sealStream(new Uint8Array(1), [alice.publicKey], { context, worker: true, engine: "wasm" }),
    () => sealStream(new Uint8Array(1), [alice.publicKey], { context, totalBytes: -1 }),
    () => openStream(new Uint8Array(1), alice, { context: 42 }),
    () => openStream(new Uint8Array(1), alice, { context, expectedSender: new Uint8Array(3) }),
    () => {
      const locked = new ReadableStream();
      locked.getReader();
      return sealStream(locked, [alice.publicKey], { context });
    },
    () => {
      const used = new Response(new Uint8Array(5));
      void used.arrayBuffer();
      return openStream(used, alice, { context });
    },
  ];
  for (const [i, call] of bad.entries()) {
    assert.throws(call, (error) => error instanceof PhisealError && ["INVALID_ARGUMENT", "INVALID_KEY"].includes(error.code), `case ${i}`);
  }
  assert.equal(liveStreamHandles(), before);
  const input = new ReadableStream();
  assert.throws(() => sealStream(input, [new Uint8Array(32)], { context }), (e) => e.code === "INVALID_KEY");
  assert.equal(input.locked, false, "a refused call leaves the input stream usable");
});

test("progress reports input bytes done against the known total", async () => {
  const data = pattern(5 * CHUNK + 10);
  for (const engine of ENGINES) {
    const sealCalls = [];
    const sealed = await collect(
      sealStream(new Blob([data]), [alice.publicKey], { context, engine, onProgress: (done, total) => sealCalls.push([done, total]) }),
    );
    assert.deepEqual(sealCalls.at(-1), [data.length, data.length]);
    assert.ok(sealCalls.every(([done], i) => i === 0 || done >= sealCalls[i - 1][0]), "monotonic");
    assert.equal(sealCalls.length, 1 + 6, "the header, then one call per chunk");
    const openCalls = [];
    await collect(openStream(piecesOf(sealed, 5000), alice, { context, engine, totalBytes: sealed.length, onProgress: (d, t) => openCalls.push([d, t]) }));
    assert.deepEqual(openCalls.at(-1), [sealed.length, sealed.length]);
    const unknown = [];
    await collect(openStream(piecesOf(sealed, 5000), alice, { context, engine, onProgress: (d, t) => unknown.push(t) }));
    assert.ok(unknown.every((t) => t === undefined));
  }
});

/** An endless plaintext source that records whether it was cancelled. */
function endlessSource() {
  const state = { cancelled: false, reason: undefined };
  const stream = new ReadableStream({
    pull(controller) {
      controller.enqueue(new Uint8Array(CHUNK + 3).fill(7));
    },
    cancel(reason) {
      state.cancelled = true;
      state.reason = reason;
    },
  });
  return { stream, state };
}

test("cancelling the output cancels the input and frees the WebAssembly handles", async () => {
  for (const engine of ENGINES) {
    for (const worker of engine === "webcrypto" ? [false, true] : [false]) {
      const before = liveStreamHandles();
      const { stream, state } = endlessSource();
      const reader = sealStream(stream, [alice.publicKey], { context, engine, worker }).getReader();
      for (let i = 0; i < 4; i++) assert.ok(!(await reader.read()).done);
      await reader.cancel("user closed the dialog");
      assert.equal(liveStreamHandles(), before, `${engine} worker=${worker}`);
      assert.ok(state.cancelled, `input cancelled (${engine} worker=${worker})`);
      assert.equal(state.reason, "user closed the dialog");
    }
  }
});

test("an AbortSignal errors the output, cancels the input and frees the handles", async () => {
  for (const engine of ENGINES) {
    const before = liveStreamHandles();
    const { stream, state } = endlessSource();
    const controller = new AbortController();
    const reader = sealStream(stream, [alice.publicKey], { context, engine, signal: controller.signal }).getReader();
    await reader.read();
    await reader.read();
    controller.abort();
    const error = await reader.read().then(() => null, (e) => e);
    assert.equal(error?.name, "AbortError", engine);
    assert.ok(state.cancelled, engine);
    assert.equal(liveStreamHandles(), before, engine);
  }
  const aborted = AbortSignal.abort(new Error("already aborted"));
  const before = liveStreamHandles();
  const { error } = await drain(openStream(new Uint8Array(10), alice, { context, signal: aborted }));
  assert.equal(error?.message, "already aborted");
  assert.equal(liveStreamHandles(), before);
});

test("an opened stream that is abandoned mid-way is released on cancel", async () => {
  const sealed = await collect(sealStream(pattern(10 * CHUNK), [alice.publicKey], { context }));
  for (const engine of ENGINES) {
    const before = liveStreamHandles();
    const reader = openStream(piecesOf(sealed, 3000), alice, { context, engine }).getReader();
    assert.equal((await reader.read()).value.length, CHUNK);
    await reader.cancel();
    assert.equal(liveStreamHandles(), before, engine);
  }
});

test("an input that errors midway errors the output, which never closes nor opens as complete", async () => {
  for (const engine of ENGINES) {
    let sent = 0;
    const failing = new ReadableStream({
      pull(controller) {
        if (sent++ === 3) controller.error(new Error("network lost"));
        else controller.enqueue(new Uint8Array(10000));
      },
    });
    const before = liveStreamHandles();
    const { released, error } = await drain(sealStream(failing, [alice.publicKey], { context, engine }));
    assert.equal(error?.message, "network lost", engine);
    assert.ok(released.length < 30000 + 1000, "no final chunk was produced");
    assert.equal(liveStreamHandles(), before);
    // What was written before the failure never opens as a (shorter) complete message.
    const reopened = await drain(openStream(released, alice, { context, engine }));
    assertCode(reopened.error, "TRUNCATED", `output of a failed seal (${engine})`);
    assert.ok([0, CHUNK].includes(reopened.released.length), "at most the full chunk that was sealed");
  }
});

test("worker: true seals and opens in a worker_threads Worker, with progress", async () => {
  const data = pattern(4 * CHUNK + 321);
  const calls = [];
  const sealed = await collect(
    sealStream(new Blob([data]), [alice.publicKey], { context, worker: true, onProgress: (d, t) => calls.push([d, t]) }),
  );
  assert.deepEqual(calls.at(-1), [data.length, data.length]);
  assert.deepEqual(await collect(openStream(sealed, alice, { context, engine: "wasm" })), data);
  assert.deepEqual(await collect(openStream(sealed, alice, { context, worker: true })), data);
  const tampered = sealed.slice();
  tampered[tampered.length - 20] ^= 4;
  const { released, error } = await drain(openStream(tampered, alice, { context, worker: true }));
  assertCode(error, "AUTH_FAILED", "tampered final chunk in the worker");
  assert.deepEqual(released, data.subarray(0, 4 * CHUNK));
  const truncated = await drain(openStream(sealed.subarray(0, sealed.length - 337), alice, { context, worker: true }));
  assertCode(truncated.error, "TRUNCATED", "cut at a boundary in the worker");
});

test("pipeThrough pairs seal and open", async () => {
  const data = pattern(CHUNK * 2 + 5);
  const opened = await collect(
    piecesOf(data, 3333).pipeThrough(sealTransform([alice.publicKey], { context })).pipeThrough(openTransform(alice, { context })),
  );
  assert.deepEqual(opened, data);
});

test("a sealed stream is a fetch upload body and a fetch response body opens as a stream", async () => {
  const stored = [];
  const server = createServer((request, response) => {
    if (request.method === "PUT") {
      request.on("data", (part) => stored.push(part));
      request.on("end", () => response.end("stored"));
    } else {
      response.setHeader("Content-Length", String(stored.reduce((n, p) => n + p.length, 0)));
      for (const part of stored) response.write(part);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/scan`;
  try {
    const data = pattern(3 * CHUNK + 17);
    const body = sealStream(new Blob([data]), [alice.publicKey], { context });
    const put = await fetch(url, { method: "PUT", body, duplex: "half" });
    assert.equal(await put.text(), "stored");
    const calls = [];
    const opened = await collect(openStream(await fetch(url), alice, { context, onProgress: (d, t) => calls.push([d, t]) }));
    assert.deepEqual(opened, data);
    assert.equal(calls.at(-1)[0], calls.at(-1)[1], "Content-Length gave the total");
  } finally {
    server.close();
  }
});
