// Type declarations of phiseal's field-level record sealing (docs/RECORDS.md), re-exported by
// index.d.ts (guide: docs/JS-RECORDS.md). Checked by `tsc --strict` against
// tests/js/types-records-check.ts.

import type { KeyPair, PublicKey } from "./index.js";

// ---------------------------------------------------------------------------------------
// JSON

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object as `JSON.parse` returns it. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * A JSON document given as JSON text (parsed strictly, numbers kept digit for digit), or as a
 * plain object that is stringified first.
 *
 * - Text is the only way to carry integers beyond 2^53 (`9007199254740993`) or exponents
 *   beyond a double exactly, and the only input in which a repeated member name can be detected
 *   (a JS object cannot hold one): both are refused (`MALFORMED`) or kept exact, never rounded.
 * - Objects are typed as `object` so that interface types (e.g. `@types/fhir`) are accepted;
 *   they are checked at run time: a non-finite number, BigInt, function, symbol, `undefined`
 *   array element, Map, Set or typed array is `INVALID_ARGUMENT` (JSON would change it
 *   silently); a cycle is `INVALID_ARGUMENT`; members that are `undefined` are skipped.
 * - A string with a lone UTF-16 surrogate (in text or anywhere in an object) is `MALFORMED`:
 *   it is not Unicode text and would otherwise become U+FFFD silently.
 */
export type JsonInput = string | object;

// ---------------------------------------------------------------------------------------
// Policies (docs/RECORDS.md section 2)

/** A role name: 1 to 64 characters of `[A-Za-z0-9_-]`. */
export type RoleName = string;

/** Section 8: `"year"`, `"yearMonth"`, `"zip3"`, or numeric ranges `{ bucket: n }` (1..=1e9). */
export type Generalization = "year" | "yearMonth" | "zip3" | { readonly bucket: number };

/** The normal form of a value before blind indexing (section 7). */
export type Normalization = "exact" | "text" | "phone" | "date" | "mrn";

/**
 * A selector: an RFC 6901 JSON Pointer (`/name/0/given`; a token that is exactly `*` matches
 * any one step) or a FHIR element path (`Patient.name.given`, `Observation.value[x]`).
 */
export type Selector = string;

export type EncryptRule = {
  readonly action: "encrypt";
  readonly path: Selector;
  /** Roles that get the exact value (non-empty). */
  readonly roles: readonly RoleName[];
  /** Roles (not in `roles`) that get a generalized value instead. */
  readonly generalizeFor?: { readonly [role: RoleName]: Generalization };
};

export type TokenRule = {
  readonly action: "token";
  readonly path: Selector;
  /** Roles that may also open the value; without them only the token is stored. */
  readonly encryptFor?: readonly RoleName[];
  /** Token length in bytes, 8 to 32 (default 16). */
  readonly tokenLength?: number;
  /** Default `"exact"`. */
  readonly normalize?: Normalization;
  /** Default: the rule's `path` text. Equal names share tokens. */
  readonly indexName?: string;
};

export type GeneralizeRule = { readonly action: "generalize"; readonly path: Selector; readonly to: Generalization };
export type RedactRule = { readonly action: "redact"; readonly path: Selector };
export type KeepRule = { readonly action: "keep"; readonly path: Selector };

/** One rule; at each node the first rule that selects it decides the whole subtree. */
export type PolicyRule = EncryptRule | TokenRule | GeneralizeRule | RedactRule | KeepRule;

/** What happens to fields no rule names: removed (default), kept, or encrypted for roles. */
export type PolicyDefault = "deny" | "keep" | { readonly action: "encrypt"; readonly roles: readonly RoleName[] };

/** A record policy, version 1 (unknown members are errors). */
export type PolicySpec = {
  readonly version: 1;
  /** 1 to 32 distinct role names. */
  readonly roles: readonly RoleName[];
  readonly default?: PolicyDefault;
  /** At most 1,024 rules, tried in order. */
  readonly rules: readonly PolicyRule[];
};

/** A policy as an object or as JSON text. */
export type Policy = PolicySpec | string;

/** The FHIR R4 resource types with a ready-made policy (section 9). */
export type FhirPolicyName =
  | "Patient"
  | "Observation"
  | "Condition"
  | "Encounter"
  | "MedicationRequest"
  | "DocumentReference"
  | "QuestionnaireResponse";

// ---------------------------------------------------------------------------------------
// Sealed records (section 3)

/** One value left in a sealed record and what was done to it. */
export type LegendEntry = {
  /** RFC 6901 pointer in the sealed record. */
  readonly path: string;
  readonly action: "encrypt" | "token" | "generalize" | "keep";
  /** Roles that can open the value, in policy order (omitted when none). */
  readonly roles?: readonly RoleName[];
  /** Roles among `roles` that get a generalized value, and how. */
  readonly views?: { readonly [role: RoleName]: Generalization };
};

/** The reserved member `_phiseal` of a sealed record. */
export type SealedRecordHeader = {
  /** 2 for records sealed now; records of version 1 still open. */
  readonly v: 1 | 2;
  readonly recordId: string;
  readonly legend: readonly LegendEntry[];
  /**
   * Per role: its key-only envelope header and manifest MAC (base64url), and in version 2 its
   * wrapped role-set keys (`sets`, base64url, 32 bytes per role set the role is in).
   */
  readonly roles: { readonly [role: RoleName]: { readonly keys: string; readonly mac: string; readonly sets?: string } };
};

/**
 * A sealed record: the input's shape, encrypted fields as `phs2.` strings (`phs1.` in format version 1), tokens as `pht1.`
 * strings or `{ $token, $sealed }` objects, and the authenticated header `_phiseal`.
 */
export type SealedRecord = JsonObject & { readonly _phiseal: SealedRecordHeader };

/** A sealed record as JSON text (the form to use when values may exceed 2^53). */
export type SealedRecordText = string;

/** Recipients of each role, as `PublicKey` handles or raw 32-byte keys. */
export type RecipientsByRole = { readonly [role: RoleName]: readonly (PublicKey | Uint8Array)[] };

/** Options of `sealRecord`. */
export type SealRecordOptions = {
  /** 1 to 512 bytes, bound into every field and key header (FHIR: `Type/id` or `fullUrl`). */
  readonly recordId: string;
  /** Authenticates the key headers (HPKE auth mode); openers get `sender`. */
  readonly sender?: KeyPair;
  /** The clinic's blind-index root key; required when the policy has `token` rules. */
  readonly indexKey?: IndexKey;
};

/** What one identity opened. `R` is an object or JSON text, following the input's form. */
export type OpenedRecord<R> = {
  /** The record without `_phiseal`, every value this identity's roles may open in the clear. */
  readonly record: R;
  /** The record id bound into the sealed record. */
  readonly recordId: string;
  /** The roles this identity unlocked, in header order. */
  readonly roles: readonly RoleName[];
  /** Pointers of values that stayed encrypted for this identity. */
  readonly sealedPaths: readonly string[];
  /**
   * The authenticated sender, when every key header this identity unlocked was sealed in auth
   * mode by that same sender. A handle: free it when done.
   */
  readonly sender?: PublicKey;
};

export type OpenRecordOptions = {
  /** Require this record id (AUTH_FAILED otherwise), so a record cannot pass as another. */
  readonly recordId?: string;
};

/** A recipient to remove: its key id (RFC 7638 thumbprint), or its key. */
export type RecipientToRemove = string | PublicKey | KeyPair;

export type RecordAccessChanges = {
  readonly add?: readonly (PublicKey | Uint8Array)[];
  readonly remove?: readonly RecipientToRemove[];
  /** For a sender-authenticated record gaining recipients: the original sender. */
  readonly sender?: KeyPair;
};

/**
 * Seals a record under `policy` for the recipients of each role named in its legend.
 * JSON text in gives JSON text out; an object gives a `SealedRecord`.
 * Errors: INVALID_POLICY, INVALID_ARGUMENT (record does not fit the policy, missing index key
 * or recipients, bad record id), MALFORMED / LIMIT_EXCEEDED (input JSON), INVALID_KEY.
 * @example
 * const sealed = sealRecord(patient, fhirPolicy("Patient"),
 *   { clinician: [clinicKey], billing: [billingKey], frontdesk: [deskKey], research: [researchKey] },
 *   { recordId: "Patient/pat-7f3a9c", indexKey });
 */
export function sealRecord(record: string, policy: Policy, recipientsByRole: RecipientsByRole, options: SealRecordOptions): SealedRecordText;
export function sealRecord(record: object, policy: Policy, recipientsByRole: RecipientsByRole, options: SealRecordOptions): SealedRecord;

/**
 * Opens a sealed record, all or nothing. Errors: NO_MATCHING_RECIPIENT (in none of its roles),
 * AUTH_FAILED (moved, swapped or edited values, edited legend, wrong record id), MALFORMED,
 * UNSUPPORTED_VERSION, LIMIT_EXCEEDED.
 */
export function openRecord(sealed: string, identity: KeyPair, options?: OpenRecordOptions): OpenedRecord<string>;
export function openRecord(sealed: object, identity: KeyPair, options?: OpenRecordOptions): OpenedRecord<JsonObject>;

/** Adds and removes recipients of one role (only its key header is rewritten). */
export function changeRecordAccess(sealed: string, identity: KeyPair, role: RoleName, changes: RecordAccessChanges): SealedRecordText;
export function changeRecordAccess(sealed: object, identity: KeyPair, role: RoleName, changes: RecordAccessChanges): SealedRecord;

/** Adds `newRecipient` to `role`; `identity` must be in that role (NO_MATCHING_RECIPIENT). */
export function grantRecordAccess(sealed: string, identity: KeyPair, role: RoleName, newRecipient: PublicKey | Uint8Array, options?: { readonly sender?: KeyPair }): SealedRecordText;
export function grantRecordAccess(sealed: object, identity: KeyPair, role: RoleName, newRecipient: PublicKey | Uint8Array, options?: { readonly sender?: KeyPair }): SealedRecord;

/**
 * Removes a recipient from `role`. Not retroactive: a removed recipient who kept an earlier copy
 * can still open it; true revocation is sealing again and deleting the old copies.
 */
export function revokeRecordAccess(sealed: string, identity: KeyPair, role: RoleName, recipient: RecipientToRemove): SealedRecordText;
export function revokeRecordAccess(sealed: object, identity: KeyPair, role: RoleName, recipient: RecipientToRemove): SealedRecord;

/** Options of `sealBundle`. */
export type SealBundleOptions = {
  readonly sender?: KeyPair;
  readonly indexKey?: IndexKey;
};

/** What opening one Bundle entry gave: `opened` is null when the identity has no role in it. */
export type BundleEntryStatus = {
  readonly index: number;
  readonly opened: { readonly roles: readonly RoleName[]; readonly sealedPaths: readonly string[] } | null;
};

export type OpenedBundle<B> = {
  /** The Bundle with every entry this identity opened in the clear (others as sealed). */
  readonly bundle: B;
  readonly entries: readonly BundleEntryStatus[];
};

/** Policies by resource type. */
export type PoliciesByResourceType = { readonly [resourceType: string]: Policy };

/**
 * Seals each `entry[].resource` of a FHIR Bundle as its own record (record id: `fullUrl`, or
 * `Type/id`), with the policy for its `resourceType` (default: `fhirPolicies()`).
 */
export function sealBundle(bundle: string, policies: PoliciesByResourceType | undefined, recipientsByRole: RecipientsByRole, options?: SealBundleOptions): string;
export function sealBundle(bundle: object, policies: PoliciesByResourceType | undefined, recipientsByRole: RecipientsByRole, options?: SealBundleOptions): JsonObject;

/** Opens the entries of a sealed Bundle; swapped entries fail with AUTH_FAILED. */
export function openBundle(sealed: string, identity: KeyPair): OpenedBundle<string>;
export function openBundle(sealed: object, identity: KeyPair): OpenedBundle<JsonObject>;

/** The ready-made FHIR R4 policy for a resource type (a fresh object). INVALID_ARGUMENT otherwise. */
export function fhirPolicy(resourceType: FhirPolicyName): PolicySpec;

/** Every ready-made FHIR R4 policy, by resource type. */
export function fhirPolicies(): { [T in FhirPolicyName]: PolicySpec };

/** Checks a policy without sealing anything; INVALID_POLICY names the faulty rule. */
export function validatePolicy(policy: Policy): void;

/**
 * The clinic-wide 32-byte blind-index root key, held in WebAssembly memory. The same for every
 * writer and query builder of a clinic; never send it to the server. Distribute it like any
 * clinic secret (e.g. sealed in an envelope to each device).
 */
export class IndexKey {
  private constructor();
  /** The key from its 32 bytes. INVALID_KEY for another length. */
  static fromBytes(bytes: Uint8Array): IndexKey;
  /** Zeroizes the key and releases the handle. Idempotent. */
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * The blind-index token (`pht1.…`) of `value` in the index `indexName`, to find the records
 * whose token equals it. A number or boolean field is indexed as its JSON text as written in the
 * record: pass that text. INVALID_ARGUMENT when the value normalizes to nothing, a date is in
 * no known form, or `length` is outside 8..=32.
 * @param length token bytes (default 16)
 */
export function blindIndex(indexKey: IndexKey, indexName: string, normalize: Normalization, value: string, length?: number): string;
