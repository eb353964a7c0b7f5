// Field-level sealing of JSON and FHIR records (docs/RECORDS.md): sealRecord, openRecord,
// access changes, Bundles, the ready-made FHIR policies and blind indexes, over the
// WebAssembly bindings in bindings/wasm/src/records*.rs.
//
// JSON crosses into WebAssembly as text, where the core's strict parser reads it (duplicate
// keys, lone surrogates and the documented limits are errors; numbers are kept digit for
// digit). Values given as JSON text come back as JSON text, objects come back as objects:
// a JS number cannot hold an integer beyond 2^53 exactly, so callers who need such numbers
// pass and receive text.

import * as glue from "../dist/phiseal_wasm_bg.js";
import { IndexKey, KeyPair, PublicKey } from "../dist/phiseal_wasm_bg.js";
import { requireOptions } from "./bytes.js";
import { PhisealError } from "./errors.js";
import { guardHandles } from "./handles.js";

guardHandles(IndexKey);

const invalid = (message) => new PhisealError("INVALID_ARGUMENT", `invalid argument: ${message}`);

/**
 * `JSON.stringify` replacer that refuses what JSON cannot represent instead of letting it
 * change silently (NaN and Infinity become null, BigInt throws a TypeError, functions and
 * `undefined` array elements become null, a Map becomes {}).
 */
function strictReplacer(what) {
  return function replace(key, value) {
    switch (typeof value) {
      case "number":
        if (!Number.isFinite(value)) throw invalid(`${what} holds a number that is not finite`);
        return value;
      case "bigint":
        throw invalid(`${what} holds a BigInt: pass JSON text to keep large integers exact`);
      case "function":
      case "symbol":
        throw invalid(`${what} holds a ${typeof value}, which JSON cannot represent`);
      case "undefined":
        if (Array.isArray(this)) throw invalid(`${what} holds an undefined array element`);
        return value;
      case "object":
        if (value !== null && !Array.isArray(value) && Object.prototype.toString.call(value) !== "[object Object]") {
          throw invalid(`${what} holds an object that is not plain JSON (Map, Set, typed array...)`);
        }
        return value;
      default:
        return value;
    }
  };
}

/**
 * JSON text for the core: text is passed through unchanged (WebAssembly checks it for lone
 * surrogates and parses it strictly); an object is stringified with `strictReplacer`. A lone
 * surrogate in an object's strings becomes a `\ud800` escape, which the strict parser refuses
 * with MALFORMED.
 * @param {unknown} value
 * @param {string} what
 * @returns {string}
 */
export function toJsonText(value, what) {
  if (typeof value === "string") return value;
  if (value === null || typeof value !== "object") throw invalid(`${what} must be JSON text or an object`);
  // Plain data needs no checking replacer, and JSON.stringify without one is about twice as fast.
  if (isPlainJson(value, 0)) return JSON.stringify(value);
  try {
    return JSON.stringify(value, strictReplacer(what));
  } catch (error) {
    if (error instanceof PhisealError) throw error;
    if (error instanceof RangeError) throw new PhisealError("LIMIT_EXCEEDED", "limit exceeded: JSON nesting depth");
    if (error instanceof TypeError) throw invalid(`${what} is not JSON (cycle or unconvertible value)`);
    throw error;
  }
}

/** Deepest nesting the plain-data check follows; deeper values take the checking path. */
const PLAIN_DEPTH = 64;

/**
 * True when `value` (an object or array) holds only what JSON.stringify writes unchanged and
 * `strictReplacer` accepts: plain objects (prototype Object.prototype or null, no toJSON, no
 * toStringTag, only own enumerable keys), arrays without holes or undefined elements, strings,
 * booleans, null and finite numbers. Anything else (and anything deeper than PLAIN_DEPTH,
 * which includes cycles) is left to the checking replacer, which refuses or converts it as
 * before.
 */
function isPlainJson(value, depth) {
  if (depth > PLAIN_DEPTH || !isPlainContainer(value)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const item = value[i];
      if (item === undefined || !isPlainMember(item, depth)) return false;
    }
    return true;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return false;
    const member = value[key];
    if (member !== undefined && !isPlainMember(member, depth)) return false;
  }
  return true;
}

/**
 * An array or object that JSON.stringify writes as it stands: no toJSON, no toStringTag, and,
 * unless it is an array, the prototype Object.prototype or null.
 */
function isPlainContainer(value) {
  if (typeof value.toJSON === "function" || value[Symbol.toStringTag] !== undefined) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isPlainMember(member, depth) {
  switch (typeof member) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(member);
    case "object":
      return member === null || isPlainJson(member, depth + 1);
    default:
      return false;
  }
}

/** The core's JSON text back in the caller's form: text if the input was text, else an object. */
export function fromJsonText(text, asText) {
  return asText ? text : JSON.parse(text);
}

/**
 * The options object of `call`, refusing members it does not know: a misspelt option (say
 * `indexkey` or `referenceyear`) would otherwise be ignored silently.
 */
export function knownOptions(options, call, allowed) {
  const checked = requireOptions(options, call);
  const unknown = Object.keys(checked).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw invalid(`${call} has no option ${JSON.stringify(unknown)}`);
  return checked;
}

/** Throws INVALID_ARGUMENT unless `value` is a live handle of class `cls`. */
export function requireHandle(value, cls, what) {
  if (!(value instanceof cls)) throw invalid(`${what} must be a ${cls.name}`);
  if (value.__wbg_ptr === 0) throw invalid(`this ${cls.name} was freed`);
  return value;
}

/** Raw bytes of a recipient key (a PublicKey handle or a Uint8Array, checked in WebAssembly). */
function recipientBytes(key) {
  if (!(key instanceof PublicKey)) return key;
  // A freed handle is not remembered: reading it throws the usual error.
  if (key.__wbg_ptr === 0) return key.bytes;
  let bytes = handleBytes.get(key);
  if (bytes === undefined) {
    bytes = key.bytes;
    handleBytes.set(key, bytes);
  }
  return bytes;
}

/**
 * The raw bytes of live PublicKey handles already read (a handle's key never changes): a portal
 * seals every record to the same handles, each read would otherwise be a WebAssembly call and
 * a new array. Internal: the arrays are only ever read (copied into WebAssembly).
 */
const handleBytes = new WeakMap();

/** `{ role: keys[] }` as the two parallel arrays the bindings take. */
function recipientArrays(recipientsByRole) {
  if (recipientsByRole === null || typeof recipientsByRole !== "object" || Array.isArray(recipientsByRole)) {
    throw invalid("recipientsByRole must be an object mapping roles to arrays of keys");
  }
  const roles = [];
  const keys = [];
  for (const [role, list] of Object.entries(recipientsByRole)) {
    if (!Array.isArray(list)) throw invalid("recipientsByRole must map each role to an array of keys");
    roles.push(role);
    keys.push(list.map(recipientBytes));
  }
  return [roles, keys];
}

function optionalHandle(value, cls, what) {
  return value === undefined ? undefined : requireHandle(value, cls, what);
}

/**
 * Seals `record` (an object, or JSON text) under `policy` for the recipients of each role.
 * Returns the sealed record in the same form as `record`.
 */
export function sealRecord(record, policy, recipientsByRole, options) {
  const { recordId, sender, indexKey } = knownOptions(options, "sealRecord", ["recordId", "sender", "indexKey"]);
  const policyText = sealPolicy.textOf(policy);
  // The same policy text as the last successful seal: WebAssembly still holds it compiled.
  const policyArg = policyText === sealPolicy.compiled ? undefined : policyText;
  const args = [toJsonText(record, "record"), policyArg, ...recipientArrays(recipientsByRole), recordId];
  const from = optionalHandle(sender, KeyPair, "sender");
  const index = optionalHandle(indexKey, IndexKey, "indexKey");
  sealPolicy.compiled = undefined;
  let text;
  if (index === undefined) {
    text = from === undefined ? glue.recordSeal(...args) : glue.recordSealFrom(...args, from);
  } else {
    text = from === undefined ? glue.recordSealIndexed(...args, index) : glue.recordSealIndexedFrom(...args, from, index);
  }
  sealPolicy.remember(policy, policyText);
  return fromJsonText(text, typeof record === "string");
}

/**
 * The policies of seals: `compiled`, the JSON text of the last `sealRecord` that succeeded,
 * which WebAssembly keeps compiled (see `seal_policy` in bindings/wasm/src/records_json.rs),
 * cleared while a call runs so that a failed call never leaves it naming a policy WebAssembly
 * does not hold; and the last policy given as an object, with a copy of its data and its text.
 */
const sealPolicy = {
  compiled: undefined,
  object: undefined,
  copy: undefined,
  text: undefined,
  remember(policy, text) {
    this.compiled = text;
    if (typeof policy === "object" && (policy !== this.object || text !== this.text)) {
      this.object = policy;
      this.copy = JSON.parse(text);
      this.text = text;
    }
  },
  /**
   * The JSON text of `policy`. The last policy object, still holding the same JSON data
   * (checked member by member against the copy), has the same text: a portal sealing many
   * records with one policy object does not stringify it again for each record.
   */
  textOf(policy) {
    if (policy === this.object && policy !== undefined && sameJson(policy, this.copy, 0)) return this.text;
    return toJsonText(policy, "policy");
  },
};

/**
 * True when `JSON.stringify(value)` would write the text `copy` was parsed from: `value` holds
 * the same plain data (objects with the same own keys in the same order, arrays of the same
 * length, equal strings, finite numbers, booleans and nulls) and nothing JSON.stringify would
 * turn into something else (toJSON, other prototypes, undefined members). Anything else is
 * false, and the caller stringifies as usual.
 */
function sameJson(value, copy, depth) {
  if (copy === null || typeof copy !== "object") return value === copy;
  if (value === null || typeof value !== "object" || depth > PLAIN_DEPTH || !isPlainContainer(value)) return false;
  if (Array.isArray(copy)) {
    if (!Array.isArray(value) || value.length !== copy.length) return false;
    for (let i = 0; i < copy.length; i += 1) {
      if (!sameJson(value[i], copy[i], depth + 1)) return false;
    }
    return true;
  }
  if (Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const expected = Object.keys(copy);
  if (keys.length !== expected.length) return false;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    if (key !== expected[i] || !sameJson(value[key], copy[key], depth + 1)) return false;
  }
  return true;
}

/** The binding's opened record in the caller's form, with `sender` as a PublicKey handle. */
function openedRecord(raw, asText) {
  const { record, recordId, roles, sealedPaths, sender } = raw;
  const out = { record: fromJsonText(record, asText), recordId, roles, sealedPaths };
  if (sender !== undefined) out.sender = PublicKey.fromBytes(sender);
  return out;
}

/**
 * Opens a sealed record (object or JSON text) with `identity`. With `options.recordId`, also
 * requires that the record was sealed under that id (AUTH_FAILED otherwise).
 */
export function openRecord(sealed, identity, options) {
  const { recordId } = options === undefined ? {} : knownOptions(options, "openRecord", ["recordId"]);
  const text = toJsonText(sealed, "sealed record");
  requireHandle(identity, KeyPair, "identity");
  const raw = recordId === undefined ? glue.recordOpen(text, identity) : glue.recordOpenExpecting(text, identity, recordId);
  return openedRecord(raw, typeof sealed === "string");
}

function keyIdOf(recipient) {
  return recipient instanceof PublicKey || recipient instanceof KeyPair ? recipient.keyId : recipient;
}

/**
 * Adds (`add`) and removes (`remove`: key ids or keys) recipients of one role by rewriting
 * that role's key header; fields and MACs are untouched. Same form as `sealed`.
 */
export function changeRecordAccess(sealed, identity, role, changes) {
  const { add = [], remove = [], sender } = knownOptions(changes, "changeRecordAccess", ["add", "remove", "sender"]);
  if (!Array.isArray(add) || !Array.isArray(remove)) throw invalid("add and remove must be arrays");
  const text = toJsonText(sealed, "sealed record");
  requireHandle(identity, KeyPair, "identity");
  const args = [text, identity, role, add.map(recipientBytes), remove.map(keyIdOf)];
  const from = optionalHandle(sender, KeyPair, "sender");
  const changed = from === undefined ? glue.recordChangeAccess(...args) : glue.recordChangeAccessAsSender(...args, from);
  return fromJsonText(changed, typeof sealed === "string");
}

/** Adds `newRecipient` to `role`; `identity` must already be in that role. */
export function grantRecordAccess(sealed, identity, role, newRecipient, options) {
  const { sender } = options === undefined ? {} : knownOptions(options, "grantRecordAccess", ["sender"]);
  return changeRecordAccess(sealed, identity, role, sender === undefined ? { add: [newRecipient] } : { add: [newRecipient], sender });
}

/**
 * Removes `recipient` (a key id, PublicKey or KeyPair) from `role`. Not retroactive: copies
 * read before stay readable to the removed recipient.
 */
export function revokeRecordAccess(sealed, identity, role, recipient) {
  return changeRecordAccess(sealed, identity, role, { remove: [recipient] });
}

/** `{ ResourceType: policy }` as one JSON text, each policy given as an object or text. */
function policiesText(policies) {
  if (policies === null || typeof policies !== "object" || Array.isArray(policies)) {
    throw invalid("policies must be an object mapping resource types to policies");
  }
  const members = Object.entries(policies).map(([type, policy]) => `${JSON.stringify(type)}:${toJsonText(policy, "policy")}`);
  return `{${members.join(",")}}`;
}

/**
 * Seals every entry of a FHIR Bundle with the policy for its resource type (default: the
 * ready-made FHIR policies). Same form as `bundle`.
 */
export function sealBundle(bundle, policies, recipientsByRole, options) {
  const { sender, indexKey } = options === undefined ? {} : knownOptions(options, "sealBundle", ["sender", "indexKey"]);
  const args = [toJsonText(bundle, "bundle"), policiesText(policies ?? fhirPolicies()), ...recipientArrays(recipientsByRole)];
  const from = optionalHandle(sender, KeyPair, "sender");
  const index = optionalHandle(indexKey, IndexKey, "indexKey");
  let text;
  if (index === undefined) {
    text = from === undefined ? glue.recordSealBundle(...args) : glue.recordSealBundleFrom(...args, from);
  } else {
    text = from === undefined ? glue.recordSealBundleIndexed(...args, index) : glue.recordSealBundleIndexedFrom(...args, from, index);
  }
  return fromJsonText(text, typeof bundle === "string");
}

/** Opens every entry of a sealed Bundle that `identity` has a role in. */
export function openBundle(sealed, identity) {
  const text = toJsonText(sealed, "sealed bundle");
  requireHandle(identity, KeyPair, "identity");
  const { bundle, entries } = glue.recordOpenBundle(text, identity);
  return { bundle: fromJsonText(bundle, typeof sealed === "string"), entries };
}

/** The ready-made policy for a FHIR R4 resource type, as a fresh object. */
export function fhirPolicy(resourceType) {
  return JSON.parse(glue.recordFhirPolicy(resourceType));
}

/** Every ready-made FHIR R4 policy, by resource type. */
export function fhirPolicies() {
  return Object.fromEntries(glue.recordFhirPolicyTypes().map((type) => [type, fhirPolicy(type)]));
}

/** Checks a policy without sealing anything: INVALID_POLICY naming the rule otherwise. */
export function validatePolicy(policy) {
  glue.recordValidatePolicy(toJsonText(policy, "policy"));
}

/**
 * The blind-index token of `value` in the index `indexName`, for building equality queries.
 * Numbers and booleans are indexed as their JSON text as written in the record: pass that text.
 */
export function blindIndex(indexKey, indexName, normalize, value, length = 16) {
  requireHandle(indexKey, IndexKey, "indexKey");
  return glue.recordBlindIndex(indexKey, indexName, normalize, value, length);
}

export { IndexKey };
