// RFC 9180 HPKE known-answer vectors (aws-lc's file, tests/vectors/external/hpke/) through the
// built package: every entry with aead_id 2 (AES-256-GCM) in modes 0 (base) and 2 (auth).
// Ephemeral keys cannot be chosen through the public API, so the vectors are checked in the
// OPEN direction: every encryption is opened in sequence with the vector's enc and ct, and
// every export is derived on the receiver side.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeyPair, PublicKey, hpke } from "phiseal";
import { assertPhisealError, hex, readRepoText } from "./helpers.mjs";

/** Parses the aws-lc format: blank-line separated entries of `key = hex` lines. */
function parseVectors(text) {
  return text.split(/\n\s*\n/).filter((block) => block.trim()).map((block) => {
    const entry = { encryptions: [], exports: [] };
    let current = entry;
    for (const line of block.split("\n")) {
      if (line.startsWith("# encryptions")) entry.encryptions.push((current = {}));
      else if (line.startsWith("# exports")) entry.exports.push((current = {}));
      else if (line.includes(" = ") || line.endsWith(" =")) {
        const [key, value = ""] = line.split(/ = ?/);
        current[key.trim()] = value.trim();
      }
    }
    return entry;
  });
}

const all = parseVectors(readRepoText("tests/vectors/external/hpke/aws-lc_hpke_test_vectors.txt"));
const ours = all.filter((v) => v.aead_id === "2" && (v.mode === "0" || v.mode === "2"));
const isAuth = (v) => v.mode === "2";

function receiver(v, recipient) {
  const options = { enc: hex(v.pkEm), keyPair: recipient, info: hex(v.info) };
  if (isAuth(v)) options.senderPublicKey = PublicKey.fromBytes(hex(v.pkSm));
  return hpke.setupReceiver(options);
}

test("the vector file has the expected AES-256-GCM entries", () => {
  assert.equal(ours.length, 2, "one base-mode and one auth-mode entry");
  assert.deepEqual(ours.map((v) => v.mode).sort(), ["0", "2"]);
});

test("recipient keys derive the vector's public keys", () => {
  for (const v of ours) {
    const recipient = KeyPair.fromRaw(hex(v.skRm));
    assert.deepEqual(recipient.publicKey, hex(v.pkRm));
    if (isAuth(v)) assert.deepEqual(KeyPair.fromRaw(hex(v.skSm)).publicKey, hex(v.pkSm));
  }
});

test("every encryption opens in sequence through a receiver context", () => {
  let opened = 0;
  for (const v of ours) {
    const context = receiver(v, KeyPair.fromRaw(hex(v.skRm)));
    for (const e of v.encryptions) {
      assert.deepEqual(context.open(hex(e.ct), hex(e.aad)), hex(e.pt));
      opened += 1;
    }
    context.free();
  }
  assert.equal(opened, 2 * 257, "257 encryptions per entry");
});

test("the first encryption opens with single-shot hpke.open", () => {
  for (const v of ours) {
    const [first] = v.encryptions;
    const options = { enc: hex(v.pkEm), keyPair: KeyPair.fromRaw(hex(v.skRm)), info: hex(v.info), aad: hex(first.aad), ciphertext: hex(first.ct) };
    if (isAuth(v)) options.senderPublicKey = hex(v.pkSm);
    assert.deepEqual(hpke.open(options), hex(first.pt));
  }
});

test("every export value is reproduced on the receiver side", () => {
  let exported = 0;
  for (const v of ours) {
    const recipient = KeyPair.fromRaw(hex(v.skRm));
    const context = receiver(v, recipient);
    for (const x of v.exports) {
      const length = Number(x.L);
      assert.deepEqual(context.export(hex(x.exporter_context), length), hex(x.exported_value));
      if (!isAuth(v)) {
        const single = hpke.receiveExport({ enc: hex(v.pkEm), keyPair: recipient, info: hex(v.info), exporterContext: hex(x.exporter_context), length });
        assert.deepEqual(single, hex(x.exported_value));
      }
      exported += 1;
    }
  }
  assert.equal(exported, 2 * 3);
});

test("out-of-order, altered or wrongly-attributed messages fail with AUTH_FAILED", () => {
  const [base] = ours.filter((v) => !isAuth(v));
  const recipient = KeyPair.fromRaw(hex(base.skRm));
  const skipped = receiver(base, recipient);
  assertPhisealError(() => skipped.open(hex(base.encryptions[1].ct), hex(base.encryptions[1].aad)), "AUTH_FAILED");
  // A failed open does not advance the sequence: message 0 still opens.
  assert.deepEqual(skipped.open(hex(base.encryptions[0].ct), hex(base.encryptions[0].aad)), hex(base.encryptions[0].pt));
  const altered = hex(base.encryptions[0].ct);
  altered[0] ^= 1;
  assertPhisealError(() => receiver(base, recipient).open(altered, hex(base.encryptions[0].aad)), "AUTH_FAILED");
  const [auth] = ours.filter(isAuth);
  const first = auth.encryptions[0];
  const wrongSender = KeyPair.generate().toPublicKey();
  const options = { enc: hex(auth.pkEm), keyPair: KeyPair.fromRaw(hex(auth.skRm)), info: hex(auth.info), aad: hex(first.aad), ciphertext: hex(first.ct), senderPublicKey: wrongSender };
  assertPhisealError(() => hpke.open(options), "AUTH_FAILED");
});

test("round trips in both modes, and a context sealing many messages", () => {
  const recipient = KeyPair.generate();
  const sender = KeyPair.generate();
  const plaintext = new TextEncoder().encode("lab result: HbA1c 6.1%");
  const info = new TextEncoder().encode("phiseal test");
  const base = hpke.seal({ publicKey: recipient.toPublicKey(), info, plaintext });
  assert.equal(base.enc.length, 32);
  assert.deepEqual(hpke.open({ enc: base.enc, keyPair: recipient, info, ciphertext: base.ciphertext }), plaintext);
  const auth = hpke.seal({ publicKey: recipient.publicKey, info, plaintext, senderKeyPair: sender });
  assert.deepEqual(hpke.open({ enc: auth.enc, keyPair: recipient, info, ciphertext: auth.ciphertext, senderPublicKey: sender.publicKey }), plaintext);
  assertPhisealError(() => hpke.open({ enc: auth.enc, keyPair: recipient, info, ciphertext: auth.ciphertext }), "AUTH_FAILED");

  const out = hpke.setupSender({ publicKey: recipient.publicKey, info });
  const into = hpke.setupReceiver({ enc: out.enc, keyPair: recipient, info });
  for (let i = 0; i < 5; i += 1) {
    const aad = new Uint8Array([i]);
    assert.deepEqual(into.open(out.seal(plaintext, aad), aad), plaintext);
  }
  assert.deepEqual(out.export(new Uint8Array([7]), 42), into.export(new Uint8Array([7]), 42));
  const exported = hpke.sendExport({ publicKey: recipient.publicKey, exporterContext: info, length: 16 });
  assert.deepEqual(hpke.receiveExport({ enc: exported.enc, keyPair: recipient, exporterContext: info, length: 16 }), exported.secret);
});

test("degenerate enc and bad arguments are typed errors", () => {
  const recipient = KeyPair.generate();
  const sealed = hpke.seal({ publicKey: recipient.publicKey, plaintext: new Uint8Array([1]) });
  assertPhisealError(() => hpke.open({ enc: new Uint8Array(32), keyPair: recipient, ciphertext: sealed.ciphertext }), "INVALID_KEY");
  assertPhisealError(() => hpke.open({ enc: sealed.enc.subarray(1), keyPair: recipient, ciphertext: sealed.ciphertext }), "INVALID_KEY");
  assertPhisealError(() => hpke.seal({ publicKey: recipient.publicKey, plaintext: "text" }), "INVALID_ARGUMENT");
  assertPhisealError(() => hpke.seal({ publicKey: new Uint8Array(32), plaintext: new Uint8Array(1) }), "INVALID_KEY");
  assertPhisealError(() => hpke.sendExport({ publicKey: recipient.publicKey, length: -1 }), "INVALID_ARGUMENT");
  assertPhisealError(() => hpke.sendExport({ publicKey: recipient.publicKey, length: 1.5 }), "INVALID_ARGUMENT");
  assertPhisealError(() => hpke.seal(), "INVALID_ARGUMENT");
});
