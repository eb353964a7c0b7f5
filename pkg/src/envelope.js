// Multi-recipient envelopes (docs/FORMAT.md): seal, open, rewrap, inspect and the compact
// text form. Option objects in, positional WebAssembly calls out.
import * as glue from "../dist/phiseal_wasm_bg.js";
import { KeyPair, PublicKey } from "../dist/phiseal_wasm_bg.js";
import { publicKeyBytes, requireOptions } from "./bytes.js";
import { PhisealError } from "./errors.js";

/** Envelope bytes from bytes or from the `phsl1.` text form. */
function envelopeBytes(envelope) {
  return typeof envelope === "string" ? glue.envelopeFromText(envelope) : envelope;
}

function recipientList(recipients, what) {
  if (!Array.isArray(recipients)) {
    throw new PhisealError("INVALID_ARGUMENT", `invalid argument: ${what} must be an array`);
  }
  return recipients.map(publicKeyBytes);
}

function keyIdOf(recipient) {
  return recipient instanceof PublicKey || recipient instanceof KeyPair ? recipient.keyId : recipient;
}

/** Seals `plaintext` for every recipient, binding `context`; returns the envelope bytes. */
export function seal(plaintext, recipients, options) {
  const { context, sender } = requireOptions(options, "seal");
  const keys = recipientList(recipients, "recipients");
  return sender === undefined
    ? glue.envelopeSeal(plaintext, keys, context)
    : glue.envelopeSealFrom(plaintext, keys, context, sender);
}

/** Opens an envelope (bytes or `phsl1.` text) with `identity`. */
export function open(envelope, identity, options) {
  const { context, expectedSender } = requireOptions(options, "open");
  const bytes = envelopeBytes(envelope);
  return expectedSender === undefined
    ? glue.envelopeOpen(bytes, identity, context)
    : glue.envelopeOpenFrom(bytes, identity, context, publicKeyBytes(expectedSender));
}

/** Adds (`add`) and removes (`remove`: key ids or keys) recipients; returns new envelope bytes. */
export function rewrap(envelope, identity, options) {
  const { context, add = [], remove = [], sender } = requireOptions(options, "rewrap");
  const added = recipientList(add, "add");
  if (!Array.isArray(remove)) throw new PhisealError("INVALID_ARGUMENT", "invalid argument: remove must be an array");
  const removed = remove.map(keyIdOf);
  const bytes = envelopeBytes(envelope);
  return sender === undefined
    ? glue.envelopeRewrap(bytes, identity, context, added, removed)
    : glue.envelopeRewrapAsSender(bytes, identity, context, added, removed, sender);
}

/** Unauthenticated header facts, for routing only. */
export function inspect(envelope) {
  const info = glue.envelopeInspect(envelopeBytes(envelope));
  return { ...info, sender: info.sender === null ? null : PublicKey.fromBytes(info.sender) };
}

/** The compact text form `phsl1.<base64url>`. */
export function toText(envelope) {
  return glue.envelopeToText(envelope);
}

/** Envelope bytes from the compact text form. */
export function fromText(text) {
  return glue.envelopeFromText(text);
}
