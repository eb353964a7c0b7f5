// Compile-only consumer of pkg/records.d.ts through the package entry (tsc --strict in
// scripts/test.sh): it must type-check, and each `@ts-expect-error` line proves that a misuse
// is rejected.
import { DeidKey, IndexKey, KeyPair, blindIndex, fhirPolicy, openBundle, openRecord, safeHarbor, scrubText, sealRecord, validatePolicy, zip3 } from "phiseal";
import type { DeidReport, JsonObject, OpenedRecord, PhiSpan, PolicySpec, SealedRecord, SealedRecordText } from "phiseal";

interface FhirPatient {
  resourceType: "Patient";
  id?: string;
  name?: { family?: string; given?: string[] }[];
}

export function consumer(patient: FhirPatient, clinician: KeyPair, indexKey: IndexKey): string {
  const policy: PolicySpec = fhirPolicy("Patient");
  const custom: PolicySpec = {
    version: 1,
    roles: ["clinician", "research"],
    default: { action: "encrypt", roles: ["clinician"] },
    rules: [
      { path: "/resourceType", action: "keep" },
      { path: "Patient.birthDate", action: "encrypt", roles: ["clinician"], generalizeFor: { research: "year" } },
      { path: "Patient.identifier.value", action: "token", encryptFor: ["clinician"], normalize: "mrn", tokenLength: 16 },
      { path: "Patient.extension", action: "generalize", to: { bucket: 10 } },
      { path: "Patient.text", action: "redact" },
    ],
  };
  validatePolicy(custom);
  // @ts-expect-error unknown actions are rejected
  const wrong: PolicySpec = { version: 1, roles: ["a"], rules: [{ path: "/a", action: "shred" }] };
  // @ts-expect-error only version 1 exists
  const v2: PolicySpec = { version: 2, roles: ["a"], rules: [] };
  // @ts-expect-error generalizations are a closed set
  const gen: PolicySpec = { version: 1, roles: ["a"], rules: [{ path: "/a", action: "generalize", to: "decade" }] };

  const recipients = { clinician: [clinician.toPublicKey()], research: [new Uint8Array(32)] };
  const sealed: SealedRecord = sealRecord(patient, policy, recipients, { recordId: "Patient/1", indexKey });
  const legendPaths: string[] = sealed._phiseal.legend.map((entry) => entry.path);
  const text: SealedRecordText = sealRecord(JSON.stringify(patient), custom, recipients, { recordId: "Patient/1", sender: clinician });
  // @ts-expect-error a recordId is required
  sealRecord(patient, policy, recipients, { indexKey });
  // @ts-expect-error recipients are keys, not strings
  sealRecord(patient, policy, { clinician: ["key"] }, { recordId: "x" });

  const opened: OpenedRecord<JsonObject> = openRecord(sealed, clinician, { recordId: "Patient/1" });
  const openedText: OpenedRecord<string> = openRecord(text, clinician);
  const record: string = openedText.record;
  const paths: readonly string[] = opened.sealedPaths;
  opened.sender?.free();
  // @ts-expect-error the identity is a KeyPair handle
  openRecord(sealed, clinician.publicKey);

  const bundle = openBundle(sealed, clinician);
  const firstOpened: boolean = bundle.entries[0]?.opened !== null;
  const token: string = blindIndex(indexKey, "Patient.identifier", "mrn", "QX-1", 16);
  // @ts-expect-error normalizations are a closed set
  blindIndex(indexKey, "x", "soundex", "v");
  return [legendPaths.length, record, paths.length, firstOpened, token, String(wrong), String(v2), String(gen)].join();
}

export function deidConsumer(patient: FhirPatient, note: string): string {
  const { value, report }: { value: JsonObject; report: DeidReport } = safeHarbor(patient, { referenceYear: 2026, textMode: "surrogate" });
  const text: string = safeHarbor(JSON.stringify(patient)).value;
  const safe: boolean = report.safeHarbor && report.notSafeHarbor.length === 0;
  const names: number = report.textSpans.NAME ?? 0;
  const key = DeidKey.fromBytes(new Uint8Array(32));
  safeHarbor(patient, { pseudonymKeyNotSafeHarbor: key, dateShiftNotSafeHarbor: { key, patient: "p-1", maxDays: 30 } });
  // @ts-expect-error profiles are a closed set
  safeHarbor(patient, { profile: "expertDetermination" });
  key.free();
  const scrubbed = scrubText(note, { mode: "mask", keepYear: true, known: { NAME: ["Maribel"], PHONE: ["617-555-0142"] } });
  const first: PhiSpan | undefined = scrubbed.spans[0];
  const stretch: string = first === undefined ? "" : note.slice(first.start, first.end);
  // @ts-expect-error identifier classes are a closed set
  scrubText(note, { known: { NICKNAME: ["Bela"] } });
  return [String(value.resourceType), text, safe, names, stretch, zip3("02139")].join();
}
