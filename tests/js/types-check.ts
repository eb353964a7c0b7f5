// Compile-only consumer of pkg/index.d.ts (tsc --strict in scripts/test.sh): it must type-check,
// and each `@ts-expect-error` line proves that a misuse is rejected.
import { KeyPair, PublicKey, PhisealError, isPhisealError, initAsync } from "phiseal";
import type { PhisealErrorCode } from "phiseal";

export async function consumer(): Promise<string> {
  await initAsync();
  const pair: KeyPair = KeyPair.generate();
  const publicBytes: Uint8Array = pair.publicKey;
  const recipient: PublicKey = PublicKey.fromBytes(publicBytes);
  const same: boolean = recipient.equals(pair.toPublicKey());
  // @ts-expect-error keys are bytes, not strings
  PublicKey.fromBytes("not bytes");
  // @ts-expect-error handles are built by factories only
  new KeyPair();
  try {
    KeyPair.fromRaw(new Uint8Array(3));
  } catch (error: unknown) {
    if (isPhisealError(error)) {
      const code: PhisealErrorCode = error.code;
      // @ts-expect-error codes are a closed union
      const wrong: typeof code = "NOT_A_CODE";
      return `${code} ${String(wrong)}`;
    }
  }
  const err = new PhisealError("AUTH_FAILED", "authentication failed");
  pair.free();
  return `${recipient.keyId} ${same} ${err.code}`;
}
