// Compile-only consumer of pkg/index.d.ts (tsc --strict in scripts/test.sh): it must type-check,
// and each `@ts-expect-error` line proves that a misuse is rejected.
import {
  KeyPair,
  PublicKey,
  PhisealError,
  hpke,
  initAsync,
  isPhisealError,
  open,
  readKeyBackup,
  rewrap,
  seal,
  toText,
  fromText,
  inspect,
} from "phiseal";
import type { EnvelopeInfo, KeyBackupText, PhisealErrorCode, PublicJwk, SealedText } from "phiseal";

export async function keys(): Promise<string> {
  await initAsync();
  using pair = KeyPair.generate();
  const publicBytes: Uint8Array = pair.publicKey;
  const recipient: PublicKey = PublicKey.fromBytes(publicBytes);
  const jwk: PublicJwk = recipient.toJwk();
  const again = PublicKey.fromJwk(jwk).equals(PublicKey.fromJwk(JSON.stringify(jwk)));
  const backup: KeyBackupText = pair.exportWithPassword("correct horse", "strong");
  const restored = KeyPair.importWithPassword(backup, new Uint8Array([1, 2]));
  const memory: number = readKeyBackup(backup).params.memoryKib;
  // @ts-expect-error keys are bytes, not strings
  PublicKey.fromBytes("not bytes");
  // @ts-expect-error handles are built by factories only
  new KeyPair();
  // @ts-expect-error unknown parameter preset
  pair.exportWithPassword("pw", "fast");
  // @ts-expect-error exported JWKs are read-only
  jwk.x = "changed";
  return `${recipient.fingerprint} ${again} ${restored.keyId} ${memory}`;
}

export function errors(): PhisealErrorCode | "none" {
  try {
    KeyPair.fromRaw(new Uint8Array(3));
  } catch (error: unknown) {
    if (isPhisealError(error)) {
      const code: PhisealErrorCode = error.code;
      // @ts-expect-error codes are a closed union
      const wrong: PhisealErrorCode = "NOT_A_CODE";
      return wrong === code ? code : error.code;
    }
  }
  const err = new PhisealError("AUTH_FAILED", "authentication failed");
  return err.code;
}

export function envelopes(clinic: KeyPair, billing: PublicKey): Uint8Array {
  const plaintext = new TextEncoder().encode("lab result");
  const sealed = seal(plaintext, [clinic.publicKey, billing], { context: "record:42", sender: clinic });
  const text: SealedText = toText(sealed);
  // @ts-expect-error a plain string is not a SealedText
  const forged: SealedText = "phsl1.AAAA";
  const info: EnvelopeInfo = inspect(text);
  info.sender?.free();
  const moved = rewrap(sealed, clinic, { context: "record:42", add: [billing], remove: [clinic.keyId] });
  // @ts-expect-error the context is required
  open(moved, clinic, {});
  // @ts-expect-error recipients are an array
  seal(plaintext, billing, { context: "x" });
  return open(fromText(forged), clinic, { context: "record:42", expectedSender: clinic.toPublicKey() });
}

export function hpkeUse(recipient: KeyPair): Uint8Array {
  const { enc, ciphertext } = hpke.seal({ publicKey: recipient.publicKey, plaintext: new Uint8Array(4) });
  const sender = hpke.setupSender({ publicKey: recipient.toPublicKey(), info: new Uint8Array(1) });
  const receiver = hpke.setupReceiver({ enc: sender.enc, keyPair: recipient, info: new Uint8Array(1) });
  receiver.open(sender.seal(new Uint8Array(2), new Uint8Array(0)), new Uint8Array(0));
  // @ts-expect-error exporter lengths are numbers
  hpke.sendExport({ publicKey: recipient.publicKey, length: "32" });
  // @ts-expect-error the namespace is read-only
  hpke.seal = hpke.seal;
  return hpke.open({ enc, keyPair: recipient, ciphertext });
}
