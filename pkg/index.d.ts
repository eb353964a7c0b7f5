// Type declarations of the npm package `phiseal` (hand-written; checked by
// `tsc --strict` in scripts/test.sh against tests/js/types-check.ts).
//
// Conventions: bytes are `Uint8Array`; names are camelCase; every failure is thrown as a
// `PhisealError` with a stable `code`; objects holding secrets are opaque handles into
// WebAssembly memory that should be released with `free()` (or `using`), after which any
// use throws.

/** Stable error codes, identical to the Rust core's `phiseal::Error::code()`. */
export type PhisealErrorCode =
  | "AUTH_FAILED"
  | "NO_MATCHING_RECIPIENT"
  | "MALFORMED"
  | "UNSUPPORTED_VERSION"
  | "WRONG_PASSWORD"
  | "INVALID_KEY"
  | "LIMIT_EXCEEDED"
  | "INVALID_ARGUMENT"
  | "INVALID_POLICY"
  | "RANDOM_UNAVAILABLE"
  | "TRUNCATED";

/** The one error class of phiseal. Messages never contain plaintext or key material. */
export class PhisealError extends Error {
  constructor(code: PhisealErrorCode, message: string);
  readonly name: "PhisealError";
  /** Stable machine-readable code; switch on this, not on the message. */
  readonly code: PhisealErrorCode;
}

/** Type guard: true when `error` was thrown by phiseal. */
export function isPhisealError(error: unknown): error is PhisealError;

/**
 * Loads the WebAssembly module. Required once in browsers and with bundlers before any other
 * call; a no-op in Node.js, where the module loads synchronously on import.
 * @param source where to load the module from (default: the `.wasm` file shipped in the package)
 */
export function initAsync(source?: URL | string | Response | BufferSource | WebAssembly.Module): Promise<void>;

/** A recipient's X25519 public key (RFC 7748). Safe to share. */
export class PublicKey {
  private constructor();
  /** Parses 32 raw bytes. Throws INVALID_KEY for a wrong length, all-zero or low-order key. */
  static fromBytes(bytes: Uint8Array): PublicKey;
  /** The raw 32 bytes. */
  readonly bytes: Uint8Array;
  /** RFC 7638 JWK thumbprint (SHA-256), base64url: the id recipients are addressed by. */
  readonly keyId: string;
  /** True when both keys are the same. */
  equals(other: PublicKey): boolean;
  /** Releases the WebAssembly memory of this handle. */
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * An X25519 identity. The secret half stays in WebAssembly memory (zeroized on `free()`),
 * except through functions named `dangerous*`.
 */
export class KeyPair {
  private constructor();
  /** A fresh key pair from the platform CSPRNG (`crypto.getRandomValues`). */
  static generate(): KeyPair;
  /** Rebuilds a key pair from a raw 32-byte X25519 secret key. Throws INVALID_KEY. */
  static fromRaw(secret: Uint8Array): KeyPair;
  /**
   * The raw 32-byte secret key. Dangerous: JS memory cannot be zeroized reliably; prefer
   * password-protected export.
   */
  dangerousExportRaw(): Uint8Array;
  /** The public half as 32 raw bytes. */
  readonly publicKey: Uint8Array;
  /** The public half as a `PublicKey` handle. */
  toPublicKey(): PublicKey;
  /** RFC 7638 thumbprint of the public key, base64url. */
  readonly keyId: string;
  /** Zeroizes the secret and releases the handle. */
  free(): void;
  [Symbol.dispose](): void;
}
