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

/** Bytes, or text that is encoded as UTF-8 (must be well-formed: no lone surrogates). */
export type BytesOrText = Uint8Array | string;

/** A public JWK (RFC 8037) as exported by phiseal. */
export interface PublicJwk {
  readonly kty: "OKP";
  readonly crv: "X25519";
  /** The public key, unpadded base64url. */
  readonly x: string;
  /** The RFC 7638 thumbprint (the key id). */
  readonly kid: string;
}

/** A private JWK: a public JWK plus the secret key `d`. Handle like a password. */
export interface PrivateJwk extends PublicJwk {
  /** The secret key, unpadded base64url. */
  readonly d: string;
}

/** JWK input: JSON text (checked exactly as written, e.g. for repeated members) or an object. */
export type JwkInput = string | PublicJwk | PrivateJwk | object;

/** A password-protected key backup, `phiseal-key1.<base64url>`. */
export type KeyBackupText = string & { readonly __brand: "phiseal.KeyBackupText" };

/** Argon2id cost of a key backup. */
export interface BackupParams {
  /** Memory in KiB (8 MiB to 1 GiB). */
  readonly memoryKib: number;
  /** Passes (1 to 10; memoryKib * iterations at least 32 MiB). */
  readonly iterations: number;
  /** Lanes (1 to 4). */
  readonly parallelism: number;
}

/**
 * `"interactive"` (default: 19 MiB, 2 passes, 1 lane; well under two seconds in a browser),
 * `"strong"` (64 MiB, 3 passes, 4 lanes), or explicit parameters.
 */
export type BackupParamsInput = "interactive" | "strong" | BackupParams;

/** What a backup claims about itself. Not authenticated until unlocked: display only. */
export interface KeyBackupInfo {
  readonly keyId: string;
  readonly params: BackupParams;
}

/** Reads a backup's header without the password and without running Argon2id. */
export function readKeyBackup(backup: KeyBackupText | string): KeyBackupInfo;

/** A password: text is normalised to Unicode NFC, then UTF-8; bytes are used as given. */
export type Password = string | Uint8Array;

/** A recipient's X25519 public key (RFC 7748). Safe to share. */
export class PublicKey {
  private constructor();
  /** Parses 32 raw bytes. Throws INVALID_KEY for a wrong length, all-zero or low-order key. */
  static fromBytes(bytes: Uint8Array): PublicKey;
  /** Strict public JWK import (docs/KEYS.md). A JWK with `d` is refused (INVALID_ARGUMENT). */
  static fromJwk(jwk: JwkInput): PublicKey;
  /** This key as a public JWK. */
  toJwk(): PublicJwk;
  /** The raw 32 bytes. */
  readonly bytes: Uint8Array;
  /** RFC 7638 JWK thumbprint (SHA-256), base64url: the id recipients are addressed by. */
  readonly keyId: string;
  /** Eight groups of five digits ("12345 67890 ..."), for comparing a key out of band. */
  readonly fingerprint: string;
  /** True when both keys are the same. */
  equals(other: PublicKey): boolean;
  /** Releases the WebAssembly memory of this handle. Idempotent. */
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
  /** Strict private JWK import (docs/KEYS.md). */
  static fromPrivateJwk(jwk: JwkInput): KeyPair;
  /**
   * Unlocks a password-protected backup. WRONG_PASSWORD for a wrong password or any
   * tampering (indistinguishable by design); runs Argon2id (blocking, ~0.2-1 s).
   */
  static importWithPassword(backup: KeyBackupText | string, password: Password): KeyPair;
  /** Wraps this key pair under a password (Argon2id + AES-256-GCM; blocking). */
  exportWithPassword(password: Password, params?: BackupParamsInput): KeyBackupText;
  /**
   * The raw 32-byte secret key. Dangerous: JS memory cannot be zeroized reliably; prefer
   * `exportWithPassword`.
   */
  dangerousExportRaw(): Uint8Array;
  /** This key pair as a private JWK (contains the secret). Dangerous, as `dangerousExportRaw`. */
  dangerousExportPrivateJwk(): PrivateJwk;
  /** The public half as a public JWK. */
  toPublicJwk(): PublicJwk;
  /** The public half as 32 raw bytes. */
  readonly publicKey: Uint8Array;
  /** The public half as a `PublicKey` handle. */
  toPublicKey(): PublicKey;
  /** RFC 7638 thumbprint of the public key, base64url. */
  readonly keyId: string;
  /** The public key's fingerprint, eight groups of five digits. */
  readonly fingerprint: string;
  /** Zeroizes the secret and releases the handle. Idempotent. */
  free(): void;
  [Symbol.dispose](): void;
}

/** A recipient given as a `PublicKey` handle or as 32 raw bytes. */
export type RecipientKey = PublicKey | Uint8Array;

// ---------------------------------------------------------------------------------------
// HPKE (RFC 9180): DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM, base and auth.

/** The sender's multi-message context. Nonces and the sequence number stay inside. */
export class HpkeSender {
  private constructor();
  /** The encapsulated key (32 bytes) the recipient needs. */
  readonly enc: Uint8Array;
  /** Seals the next message. */
  seal(plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
  /** Derives `length` bytes from the exporter secret. */
  export(exporterContext: Uint8Array, length: number): Uint8Array;
  free(): void;
  [Symbol.dispose](): void;
}

/** The recipient's multi-message context: opens messages in the order they were sealed. */
export class HpkeReceiver {
  private constructor();
  /** Opens the next message. AUTH_FAILED if altered, reordered or skipped. */
  open(ciphertext: Uint8Array, aad: Uint8Array): Uint8Array;
  /** Derives `length` bytes from the exporter secret. */
  export(exporterContext: Uint8Array, length: number): Uint8Array;
  free(): void;
  [Symbol.dispose](): void;
}

export interface HpkeSealOptions {
  readonly publicKey: RecipientKey;
  readonly info?: Uint8Array;
  readonly aad?: Uint8Array;
  readonly plaintext: Uint8Array;
  /** Auth mode: the recipient can check that this key pair sealed. */
  readonly senderKeyPair?: KeyPair;
}

export interface HpkeOpenOptions {
  readonly enc: Uint8Array;
  readonly keyPair: KeyPair;
  readonly info?: Uint8Array;
  readonly aad?: Uint8Array;
  readonly ciphertext: Uint8Array;
  /** Auth mode: require that the holder of this key sealed. */
  readonly senderPublicKey?: RecipientKey;
}

export interface HpkeSendExportOptions {
  readonly publicKey: RecipientKey;
  readonly info?: Uint8Array;
  readonly exporterContext?: Uint8Array;
  readonly length: number;
}

export interface HpkeReceiveExportOptions {
  readonly enc: Uint8Array;
  readonly keyPair: KeyPair;
  readonly info?: Uint8Array;
  readonly exporterContext?: Uint8Array;
  readonly length: number;
}

export interface HpkeSetupSenderOptions {
  readonly publicKey: RecipientKey;
  readonly info?: Uint8Array;
  readonly senderKeyPair?: KeyPair;
}

export interface HpkeSetupReceiverOptions {
  readonly enc: Uint8Array;
  readonly keyPair: KeyPair;
  readonly info?: Uint8Array;
  readonly senderPublicKey?: RecipientKey;
}

export interface HpkeSealed {
  readonly enc: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export interface HpkeExported {
  readonly enc: Uint8Array;
  readonly secret: Uint8Array;
}

/** RFC 9180 HPKE. Ephemeral keys always come from the platform CSPRNG. */
export const hpke: {
  readonly seal: (options: HpkeSealOptions) => HpkeSealed;
  readonly open: (options: HpkeOpenOptions) => Uint8Array;
  readonly sendExport: (options: HpkeSendExportOptions) => HpkeExported;
  readonly receiveExport: (options: HpkeReceiveExportOptions) => Uint8Array;
  readonly setupSender: (options: HpkeSetupSenderOptions) => HpkeSender;
  readonly setupReceiver: (options: HpkeSetupReceiverOptions) => HpkeReceiver;
};

// ---------------------------------------------------------------------------------------
// Envelopes (docs/FORMAT.md): one payload, many recipients, key-committing, context-bound.

/** An envelope in its compact text form, `phsl1.<base64url>`. */
export type SealedText = string & { readonly __brand: "phiseal.SealedText" };

/** An envelope as bytes or in its text form. */
export type Envelope = Uint8Array | SealedText;

export interface SealOptions {
  /**
   * What the envelope is for (e.g. `"record:8f14e45f|purpose:lab-result"`). Bound into every
   * key, never stored: opening needs the same context. At most 64 KiB.
   */
  readonly context: BytesOrText;
  /** Authenticate the sender (HPKE auth mode) so recipients can require it. */
  readonly sender?: KeyPair;
}

export interface OpenOptions {
  readonly context: BytesOrText;
  /** Require that this key sealed the envelope; otherwise AUTH_FAILED. */
  readonly expectedSender?: RecipientKey;
}

export interface RewrapOptions {
  readonly context: BytesOrText;
  /** Recipients to add. */
  readonly add?: readonly RecipientKey[];
  /** Recipients to remove: key ids, or their keys. */
  readonly remove?: readonly (string | PublicKey | KeyPair)[];
  /** For a sender-authenticated envelope gaining recipients: the original sender. */
  readonly sender?: KeyPair;
}

/** Unauthenticated header facts, for routing only. */
export interface EnvelopeInfo {
  readonly kind: "sealed" | "keyOnly" | "stream";
  /** Key ids of the recipients, in slot order. */
  readonly recipients: readonly string[];
  /** The claimed sender (verified only by opening with `expectedSender`); free it when done. */
  readonly sender: PublicKey | null;
  readonly payloadLength: number;
}

/**
 * Seals `plaintext` for every recipient (1 to 256, no duplicates), binding `options.context`.
 * @example
 * const sealed = seal(bytes, [clinic.publicKey, billing.publicKey], { context: "record:42" });
 */
export function seal(plaintext: Uint8Array, recipients: readonly RecipientKey[], options: SealOptions): Uint8Array;

/**
 * Opens an envelope with `identity`. Errors: NO_MATCHING_RECIPIENT (not addressed to this
 * key), AUTH_FAILED (wrong context, tampering, wrong sender), MALFORMED, UNSUPPORTED_VERSION.
 */
export function open(envelope: Envelope, identity: KeyPair, options: OpenOptions): Uint8Array;

/**
 * Adds and removes recipients by rewriting the header; the payload is unchanged. Removal only
 * affects copies made afterwards: seal again under a new key to truly revoke.
 */
export function rewrap(envelope: Envelope, identity: KeyPair, options: RewrapOptions): Uint8Array;

/** Reads the recipients of an envelope without any key. Not authenticated. */
export function inspect(envelope: Envelope): EnvelopeInfo;

/** The compact text form of envelope bytes. */
export function toText(envelope: Uint8Array): SealedText;

/** Envelope bytes from the text form. MALFORMED or UNSUPPORTED_VERSION otherwise. */
export function fromText(text: SealedText | string): Uint8Array;

// Streaming envelopes for large files: sealStream, openStream (pkg/stream.d.ts).
export * from "./stream.js";

// Field-level record sealing (docs/RECORDS.md).
export * from "./records.js";

// De-identification: Safe Harbor for FHIR, free-text scrubbing, ZIP3 (docs/DEIDENTIFICATION.md).
export * from "./deid.js";
