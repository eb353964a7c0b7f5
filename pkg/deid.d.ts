// Type declarations of phiseal's de-identification (docs/DEIDENTIFICATION.md), re-exported by index.d.ts.
// Checked by `tsc --strict` against tests/js/types-records-check.ts.

import type { JsonInput, JsonObject } from "./records.js";

/** The identifier classes of the free-text scrubber (45 CFR 164.514(b)(2)(i)), as tag labels. */
export type PhiType =
  | "NAME"
  | "ADDRESS"
  | "ZIP"
  | "DATE"
  | "AGE"
  | "PHONE"
  | "EMAIL"
  | "SSN"
  | "MRN"
  | "HEALTH_PLAN_ID"
  | "ACCOUNT"
  | "LICENSE"
  | "VEHICLE_ID"
  | "DEVICE_ID"
  | "URL"
  | "IP"
  | "ID";

/**
 * How identifiers in free text are replaced: `[NAME]` tags (default), numbered surrogates
 * `[NAME-1]` (the same value gets the same number within one call), or `*` masks. Ages over 89
 * always become `90+`.
 */
export type TextMode = "tag" | "surrogate" | "mask";

/** One replaced stretch of the input: its class and UTF-16 offsets (JS string indices). */
export type PhiSpan = {
  readonly type: PhiType;
  /** Index of the first code unit in the input. */
  readonly start: number;
  /** Index one past the last code unit: `input.slice(start, end)` is the stretch. */
  readonly end: number;
};

export type ScrubTextOptions = {
  readonly mode?: TextMode;
  /** Write the 4-digit year of a date instead of a tag (except a year implying an age over 89). */
  readonly keepYear?: boolean;
  /** The year ages are computed against; without it no birth year is kept. */
  readonly referenceYear?: number;
  /** Identifiers known from the structured record (at most 4,096 values of 512 bytes), found anywhere in the text. */
  readonly known?: { readonly [T in PhiType]?: readonly string[] };
};

export type ScrubbedText = {
  readonly text: string;
  /** Spans in input order. Never a value: only classes and offsets. */
  readonly spans: readonly PhiSpan[];
};

/**
 * Scrubs identifiers from a clinical note (best effort: see docs/DEIDENTIFICATION.md "Limits").
 * Idempotent: scrubbing the output again changes nothing. Errors: MALFORMED (lone surrogate),
 * LIMIT_EXCEEDED (over 16 MiB, too many known identifiers), INVALID_ARGUMENT.
 * @example
 * const { text, spans } = scrubText("Seen by Dr. Alvarez on 03/14/2021.");
 * // text: "Seen by Dr. [NAME] on [DATE]."
 */
export function scrubText(text: string, options?: ScrubTextOptions): ScrubbedText;

/** `safeHarbor` with the profile as the second argument (default `"safeHarbor"`). */
export function deidentify(record: string, profile?: SafeHarborOptions["profile"], options?: Omit<SafeHarborOptions, "profile">): Deidentified<string>;
export function deidentify(record: Exclude<JsonInput, string>, profile?: SafeHarborOptions["profile"], options?: Omit<SafeHarborOptions, "profile">): Deidentified<JsonObject>;

/**
 * The Safe Harbor 3-digit form of a US ZIP code (`NNNNN`, `NNNNN-NNNN`, `NNNNNNNNN`): its first
 * three digits, or `"000"` where that area has 20,000 people or fewer (2010 Census), is on the
 * HHS list, is unknown, or the input is not a US ZIP.
 */
export function zip3(zip: string): string;

/**
 * A 32-byte key for the keyed options outside Safe Harbor, held in WebAssembly memory and
 * zeroized on `free()`. Protect it like PHI: its pseudonyms and date shifts link records.
 */
export class DeidKey {
  private constructor();
  /** The key from its 32 bytes. INVALID_KEY for another length. */
  static fromBytes(bytes: Uint8Array): DeidKey;
  free(): void;
  [Symbol.dispose](): void;
}

/** Options of `safeHarbor`. Every member named `...NotSafeHarbor` makes the output NOT Safe Harbor. */
export type SafeHarborOptions = {
  /**
   * `"safeHarbor"` (default), or `"limitedDataSetNotSafeHarbor"` (45 CFR 164.514(e): keeps
   * dates, city and 5-digit ZIP; needs a data use agreement).
   */
  readonly profile?: "safeHarbor" | "limitedDataSetNotSafeHarbor";
  /** The year ages are computed against (e.g. this year); without it birth dates are removed. */
  readonly referenceYear?: number;
  /** How identifiers in free text are written. */
  readonly textMode?: TextMode;
  /** NOT Safe Harbor: every date of this patient moves by one keyed offset in ±1..=maxDays days. */
  readonly dateShiftNotSafeHarbor?: { readonly key: DeidKey; readonly patient: string; readonly maxDays: number };
  /** NOT Safe Harbor: identifiers, ids and references become keyed HMAC-SHA256 pseudonyms. */
  readonly pseudonymKeyNotSafeHarbor?: DeidKey;
};

/** What was done to the elements at one path (array indices omitted, counts aggregated). */
export type DeidChange = {
  /** Dotted element path built from profile names only (`<unlisted>` for other keys). */
  readonly path: string;
  /** `removed`, `year-only`, `zip3`, `zip-000`, `text-scrubbed`, `surrogate-id`, ... */
  readonly action: string;
  readonly count: number;
};

/** The report of one call. Holds no identifier value. */
export type DeidReport = {
  readonly profile: "safe-harbor" | "limited-data-set";
  /** True only when the output follows 45 CFR 164.514(b)(2) with no option outside it. */
  readonly safeHarbor: boolean;
  /** Options used that are NOT Safe Harbor: `limited-data-set`, `keyed-date-shift`, `keyed-pseudonyms`. */
  readonly notSafeHarbor: readonly string[];
  /** Census year of the ZIP3 population table. */
  readonly censusYear: number;
  readonly changes: readonly DeidChange[];
  /** Identifier spans replaced in free text, by class. */
  readonly textSpans: { readonly [T in PhiType]?: number };
};

/** A de-identified copy, `V` following the input's form (object or JSON text). */
export type Deidentified<V> = { readonly value: V; readonly report: DeidReport };

/**
 * De-identifies a FHIR R4 resource or Bundle under a default-deny Safe Harbor profile. The
 * input is not modified. Errors: INVALID_ARGUMENT (no `resourceType` the profile names),
 * LIMIT_EXCEEDED (nesting over 64, over 1,000,000 values), MALFORMED (input JSON).
 * Safe Harbor also requires that you have no actual knowledge that what remains identifies
 * the person: review what you release.
 */
export function safeHarbor(resource: string, options?: SafeHarborOptions): Deidentified<string>;
export function safeHarbor(resource: Exclude<JsonInput, string>, options?: SafeHarborOptions): Deidentified<JsonObject>;
