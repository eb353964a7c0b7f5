// Small argument helpers shared by the JS layer (private to the package).
import { PublicKey } from "../dist/phiseal_wasm_bg.js";
import { PhisealError } from "./errors.js";

const EMPTY = new Uint8Array(0);

/** `value`, or an empty byte array when it is undefined (optional `info` / `aad`). */
export function optionalBytes(value) {
  return value === undefined ? EMPTY : value;
}

/** Raw public key bytes from a `PublicKey` handle or a `Uint8Array` (checked in WebAssembly). */
export function publicKeyBytes(key) {
  return key instanceof PublicKey ? key.bytes : key;
}

/** The options object of a call, or an INVALID_ARGUMENT error naming the call. */
export function requireOptions(options, call) {
  if (options !== null && typeof options === "object") return options;
  throw new PhisealError("INVALID_ARGUMENT", `invalid argument: ${call} expects an options object`);
}
