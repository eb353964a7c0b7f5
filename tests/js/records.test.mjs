// Field-level records through the built package (docs/RECORDS.md): every FHIR fixture sealed
// with its ready-made policy and opened by each role, the roles' views checked against the
// authenticated legend, tampering, access changes, Bundles, blind indexes and policies.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  IndexKey,
  KeyPair,
  PublicKey,
  blindIndex,
  changeRecordAccess,
  fhirPolicies,
  fhirPolicy,
  grantRecordAccess,
  openBundle,
  openRecord,
  revokeRecordAccess,
  sealBundle,
  sealRecord,
  validatePolicy,
} from "phiseal";
import { assertPhisealError, readRepoText } from "./helpers.mjs";

const FIXTURES = [
  "patient.json",
  "observation.json",
  "condition.json",
  "encounter.json",
  "medication_request.json",
  "document_reference.json",
  "questionnaire_response.json",
];

/** Strings in the fixtures that identify the patient or relatives, or dates finer than a year. */
const IDENTIFYING = [
  "QX-40921877",
  "QX40921877",
  "912-55-0384",
  "Maribel",
  "Quintero",
  "Ysolde",
  "Corwin",
  "555-0142",
  "555-0199",
  "Larkspur",
  "Inman",
  "maribel.qa",
  "02139",
  "1984-07-21",
  "2024-03-14",
  "TWFyaWJlbC",
];

const fixtureText = (name) => readRepoText(`tests/fixtures/fhir/${name}`);
const fixture = (name) => JSON.parse(fixtureText(name));
const pair = (seed) => KeyPair.fromRaw(new Uint8Array(32).fill(seed));

/** One team: two clinicians, billing, frontdesk, research, and a stranger in no role. */
const team = {
  clinician: pair(1),
  clinician2: pair(2),
  billing: pair(3),
  frontdesk: pair(4),
  research: pair(5),
  stranger: pair(6),
};
const recipients = {
  clinician: [team.clinician.toPublicKey(), team.clinician2.publicKey],
  billing: [team.billing.publicKey],
  frontdesk: [team.frontdesk.toPublicKey()],
  research: [team.research.publicKey],
};
const indexKey = IndexKey.fromBytes(new Uint8Array(32).fill(0x42));

function sealFixture(name, form = "object") {
  const resource = fixture(name);
  const input = form === "text" ? fixtureText(name) : resource;
  const recordId = `${resource.resourceType}/${resource.id}`;
  return sealRecord(input, fhirPolicy(resource.resourceType), recipients, { recordId, indexKey });
}

/** The value at an RFC 6901 pointer. */
function at(value, pointer) {
  const steps = pointer.split("/").slice(1).map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"));
  return steps.reduce((node, step) => (node === undefined ? undefined : node[step]), value);
}

function assertNoIdentifier(text, who) {
  for (const secret of IDENTIFYING) assert.ok(!text.includes(secret), `${secret} visible to ${who}`);
}

test("clinicians get every FHIR fixture back exactly, from objects and from JSON text", () => {
  for (const name of FIXTURES) {
    const sealed = sealFixture(name);
    const opened = openRecord(sealed, team.clinician2);
    assert.deepEqual(opened.record, fixture(name), name);
    assert.deepEqual(opened.sealedPaths, [], name);
    assert.ok(opened.roles.includes("clinician"), name);
    assert.equal(opened.recordId, `${fixture(name).resourceType}/${fixture(name).id}`);
    assert.equal(opened.sender, undefined);
    assert.ok(!("sender" in opened), "no sender member without auth mode");

    const sealedText = sealFixture(name, "text");
    assert.equal(typeof sealedText, "string", "text in, text out");
    const openedText = openRecord(sealedText, team.clinician);
    assert.equal(typeof openedText.record, "string");
    assert.deepEqual(JSON.parse(openedText.record), fixture(name), name);
  }
});

test("each role sees exactly the fields the authenticated legend grants it", () => {
  let checkedFields = 0;
  for (const name of FIXTURES) {
    const sealed = sealFixture(name);
    const original = fixture(name);
    for (const role of ["billing", "frontdesk", "research"]) {
      let opened;
      try {
        opened = openRecord(sealed, team[role]);
      } catch (error) {
        // A role the legend never names has no key header in this record.
        const named = sealed._phiseal.legend.some((e) => (e.roles ?? []).includes(role));
        assert.ok(!named && error.code === "NO_MATCHING_RECIPIENT", `${name} / ${role}: ${error.code}`);
        continue;
      }
      const expectedSealed = [];
      for (const entry of sealed._phiseal.legend) {
        const roles = entry.roles ?? [];
        const view = entry.views?.[role];
        const value = at(opened.record, entry.path);
        if (roles.length > 0 && !roles.includes(role)) {
          expectedSealed.push(entry.path);
          assert.deepEqual(value, at(sealed, entry.path), `${name} / ${role}: ${entry.path} stays sealed`);
        } else if (view !== undefined) {
          assert.notDeepEqual(value, at(original, entry.path), `${name} / ${role}: ${entry.path} generalized`);
        } else if (entry.action === "token" && roles.length === 0) {
          assert.match(value, /^pht1\./);
        } else if (entry.action !== "generalize") {
          assert.deepEqual(value, at(original, entry.path), `${name} / ${role}: ${entry.path} in the clear`);
        }
        checkedFields += 1;
      }
      assert.deepEqual(opened.sealedPaths, expectedSealed, `${name} / ${role}`);
    }
  }
  assert.ok(checkedFields > 100, `checked ${checkedFields} fields`);
});

test("neither the server nor research sees any identifier", () => {
  for (const name of FIXTURES) {
    const sealed = sealFixture(name);
    assertNoIdentifier(JSON.stringify(sealed), `the server (${name})`);
    assertNoIdentifier(JSON.stringify(openRecord(sealed, team.research).record), `research (${name})`);
  }
});

test("research gets clinical content with coarse dates; billing and frontdesk their own views", () => {
  const observation = openRecord(sealFixture("observation.json"), team.research);
  assert.deepEqual(observation.record.code, fixture("observation.json").code);
  assert.equal(observation.record.valueQuantity.value, 7.2);
  assert.equal(observation.record.effectiveDateTime, "2024");
  assert.ok(observation.sealedPaths.includes("/note"));
  const patient = openRecord(sealFixture("patient.json"), team.research);
  assert.equal(patient.record.birthDate, "1984");
  assert.equal(patient.record.address[0].postalCode, "021");
  assert.equal(patient.record.address[0].state, "MA");
  assert.ok(patient.sealedPaths.includes("/identifier/0/value"));
  assert.match(patient.record.identifier[0].value.$token, /^pht1\./);
  const frontdesk = openRecord(sealFixture("patient.json"), team.frontdesk);
  assert.equal(frontdesk.record.name[0].family, "Quintero-Ashdown");
  assert.equal(frontdesk.record.telecom[0].value, "(617) 555-0142");
  assert.ok(frontdesk.sealedPaths.includes("/maritalStatus"));
  const questionnaire = sealFixture("questionnaire_response.json");
  assertPhisealError(() => openRecord(questionnaire, team.billing), "NO_MATCHING_RECIPIENT");
  assertPhisealError(() => openRecord(questionnaire, team.stranger), "NO_MATCHING_RECIPIENT");
});

/** A deep copy of `sealed` changed by `edit`. */
function tampered(sealed, edit) {
  const copy = structuredClone(sealed);
  edit(copy);
  return copy;
}

test("moved, swapped, copied, deleted and added fields and an edited legend are detected", () => {
  const sealed = sealFixture("patient.json");
  const cases = [
    ["given names of two names swapped", "AUTH_FAILED", (r) => ([r.name[0].given, r.name[1].given] = [r.name[1].given, r.name[0].given])],
    ["given names moved over the nickname's", "MALFORMED", (r) => {
      r.name[1].given = r.name[0].given;
      delete r.name[0].given;
    }],
    ["given names copied over the nickname's", "AUTH_FAILED", (r) => (r.name[1].given = r.name[0].given)],
    ["phone swapped with email", "AUTH_FAILED", (r) => ([r.telecom[0].value, r.telecom[1].value] = [r.telecom[1].value, r.telecom[0].value])],
    ["encrypted field deleted", "MALFORMED", (r) => delete r.birthDate],
    ["field added outside the legend", "MALFORMED", (r) => (r.note = "added")],
    ["kept value edited", "AUTH_FAILED", (r) => (r.active = false)],
    ["legend roles edited", "AUTH_FAILED", (r) => r._phiseal.legend.find((e) => e.path === "/name/0/given").roles.pop()],
    ["legend action edited", "AUTH_FAILED", (r) => (r._phiseal.legend.find((e) => e.path === "/active").action = "generalize")],
    ["legend views inconsistent", "MALFORMED", (r) => r._phiseal.legend.find((e) => e.path === "/birthDate").roles.push("research")],
    ["legend entry and field removed", "AUTH_FAILED", (r) => {
      r._phiseal.legend = r._phiseal.legend.filter((e) => e.path !== "/deceasedBoolean");
      delete r.deceasedBoolean;
    }],
    ["record id changed", "AUTH_FAILED", (r) => (r._phiseal.recordId = "Patient/other")],
    ["MAC replaced", "AUTH_FAILED", (r) => (r._phiseal.roles.clinician.mac = r._phiseal.roles.billing.mac), "clinician only"],
    ["unknown version", "UNSUPPORTED_VERSION", (r) => (r._phiseal.v = 3)],
    ["relabelled as version 1", "MALFORMED", (r) => (r._phiseal.v = 1)],
    ["set keys of two roles swapped", "AUTH_FAILED", (r) => ([r._phiseal.roles.clinician.sets, r._phiseal.roles.research.sets] = [r._phiseal.roles.research.sets, r._phiseal.roles.clinician.sets])],
    ["set keys removed", "UNSUPPORTED_VERSION", (r) => delete r._phiseal.roles.billing.sets],
    ["header removed", "MALFORMED", (r) => delete r._phiseal],
  ];
  for (const [name, code, edit, scope = "every role"] of cases) {
    assertPhisealError(() => openRecord(tampered(sealed, edit), team.clinician), code);
    // Roles that cannot decrypt the changed value see the record fail with the same code.
    if (scope === "every role") assertPhisealError(() => openRecord(tampered(sealed, edit), team.research), code);
  }
  const other = sealRecord(fixture("patient.json"), fhirPolicy("Patient"), recipients, { recordId: "Patient/other", indexKey });
  const copied = tampered(sealed, (r) => (r.gender = other.gender));
  assertPhisealError(() => openRecord(copied, team.clinician), "AUTH_FAILED");
  assertPhisealError(() => openRecord(sealed, team.clinician, { recordId: "Patient/other" }), "AUTH_FAILED");
  assert.equal(openRecord(sealed, team.clinician, { recordId: "Patient/pat-7f3a9c" }).recordId, "Patient/pat-7f3a9c");
});

test("a sender-authenticated record reports its sender", () => {
  const device = KeyPair.generate();
  const record = fixture("observation.json");
  const sealed = sealRecord(record, fhirPolicy("Observation"), recipients, { recordId: "Observation/1", sender: device });
  const opened = openRecord(sealed, team.research);
  assert.ok(opened.sender instanceof PublicKey);
  assert.ok(opened.sender.equals(device.toPublicKey()));
  opened.sender.free();
  device.free();
});

test("grant and revoke rewrite one role's key header; revocation is not retroactive", () => {
  const sealed = sealFixture("condition.json");
  const newcomer = KeyPair.generate();
  assertPhisealError(() => openRecord(sealed, newcomer), "NO_MATCHING_RECIPIENT");
  const granted = grantRecordAccess(sealed, team.billing, "billing", newcomer.toPublicKey());
  assert.deepEqual(openRecord(granted, newcomer).record, openRecord(granted, team.billing).record);
  for (const name of Object.keys(sealed)) {
    if (name !== "_phiseal") assert.deepEqual(granted[name], sealed[name], `${name} untouched`);
  }
  assert.deepEqual(granted._phiseal.legend, sealed._phiseal.legend);
  assert.notEqual(granted._phiseal.roles.billing.keys, sealed._phiseal.roles.billing.keys);
  assert.equal(granted._phiseal.roles.clinician.keys, sealed._phiseal.roles.clinician.keys);

  const revoked = revokeRecordAccess(granted, team.billing, "billing", newcomer.keyId);
  assertPhisealError(() => openRecord(revoked, newcomer), "NO_MATCHING_RECIPIENT");
  assert.ok(openRecord(granted, newcomer).roles.includes("billing"), "the earlier copy still opens");
  const both = changeRecordAccess(JSON.stringify(sealed), team.clinician, "clinician", {
    add: [newcomer.publicKey],
    remove: [team.clinician2.toPublicKey()],
  });
  assert.equal(typeof both, "string");
  assert.ok(openRecord(both, newcomer).roles.includes("clinician"));
  assertPhisealError(() => openRecord(both, team.clinician2), "NO_MATCHING_RECIPIENT");

  assertPhisealError(() => grantRecordAccess(sealed, team.research, "billing", newcomer.publicKey), "NO_MATCHING_RECIPIENT");
  const edited = tampered(sealed, (r) => (r.clinicalStatus = "tampered"));
  assert.throws(() => grantRecordAccess(edited, team.billing, "billing", newcomer.publicKey), (e) => e.code === "AUTH_FAILED" || e.code === "MALFORMED");
  newcomer.free();
});

test("Bundles: entries sealed as separate records, swapped entries detected", () => {
  const bundle = fixture("bundle.json");
  const sealed = sealBundle(bundle, undefined, recipients, { indexKey });
  assertNoIdentifier(JSON.stringify(sealed), "the server (bundle)");
  sealed.entry.forEach((entry, i) => assert.equal(entry.resource._phiseal.recordId, bundle.entry[i].fullUrl));
  assert.deepEqual(openBundle(sealed, team.clinician).bundle, bundle);
  const billing = openBundle(sealed, team.billing);
  assert.ok(billing.entries.some((status) => status.opened === null), "the questionnaire stays sealed for billing");
  assert.deepEqual(billing.entries.map((s) => s.index), [0, 1, 2, 3, 4, 5, 6]);
  assertNoIdentifier(JSON.stringify(openBundle(sealed, team.research).bundle), "research (bundle)");
  const swapped = tampered(sealed, (b) => ([b.entry[3].resource, b.entry[4].resource] = [b.entry[4].resource, b.entry[3].resource]));
  assertPhisealError(() => openBundle(swapped, team.clinician), "AUTH_FAILED");
  const textSealed = sealBundle(readRepoText("tests/fixtures/fhir/bundle.json"), fhirPolicies(), recipients, { indexKey });
  assert.deepEqual(JSON.parse(openBundle(textSealed, team.clinician).bundle), bundle);
  assertPhisealError(() => sealBundle(fixture("patient.json"), undefined, recipients, { indexKey }), "INVALID_ARGUMENT");
});

test("blind-index tokens match the tokens stored when sealing", () => {
  const sealed = sealFixture("patient.json");
  const mrn = blindIndex(indexKey, "Patient.identifier", "mrn", "qx 40921877");
  assert.equal(sealed.identifier[0].value.$token, mrn);
  assert.equal(sealed.name[0].family.$token, blindIndex(indexKey, "Patient.name.family", "text", "  QUINTERO-ashdown "));
  assert.equal(blindIndex(indexKey, "Patient.identifier", "mrn", "QX40921877", 8).length, "pht1.".length + 11);
  assertPhisealError(() => blindIndex(indexKey, "x", "mrn", "v", 7), "INVALID_ARGUMENT");
  assertPhisealError(() => blindIndex(indexKey, "x", "mrn", "v", 1.5), "INVALID_ARGUMENT");
  assertPhisealError(() => blindIndex(indexKey, "x", "soundex", "v"), "INVALID_ARGUMENT");
  assertPhisealError(() => blindIndex(indexKey, "x", "date", "someday"), "INVALID_ARGUMENT");
  assertPhisealError(() => IndexKey.fromBytes(new Uint8Array(31)), "INVALID_KEY");
  const freed = IndexKey.fromBytes(new Uint8Array(32));
  freed.free();
  freed.free();
  assertPhisealError(() => blindIndex(freed, "x", "exact", "v"), "INVALID_ARGUMENT");
  assertPhisealError(() => sealFixtureWithKey("patient.json", freed), "INVALID_ARGUMENT");
  assertPhisealError(() => sealFixtureWithKey("patient.json", undefined), "INVALID_ARGUMENT");
});

function sealFixtureWithKey(name, key) {
  const resource = fixture(name);
  const options = key === undefined ? { recordId: "Patient/x" } : { recordId: "Patient/x", indexKey: key };
  return sealRecord(resource, fhirPolicy("Patient"), recipients, options);
}

test("ready-made policies and policy validation", () => {
  const policies = fhirPolicies();
  assert.deepEqual(Object.keys(policies).sort(), FIXTURES.map((f) => fixture(f).resourceType).sort());
  for (const policy of Object.values(policies)) {
    assert.deepEqual(policy.roles, ["clinician", "billing", "frontdesk", "research"]);
    validatePolicy(policy);
    validatePolicy(JSON.stringify(policy));
  }
  assertPhisealError(() => fhirPolicy("Practitioner"), "INVALID_ARGUMENT");
  const bad = { version: 1, roles: ["clinician"], rules: [{ path: "/a", action: "encrypt", roles: ["nurse"] }] };
  const error = assertPhisealError(() => validatePolicy(bad), "INVALID_POLICY");
  assert.match(error.message, /rule 0/);
  assertPhisealError(() => validatePolicy({ ...bad, rules: [], extra: true }), "INVALID_POLICY");
  assertPhisealError(() => validatePolicy('{"version":1,"version":1,"roles":["a"],"rules":[]}'), "MALFORMED");
  const mutated = fhirPolicy("Patient");
  mutated.roles.push("intruder");
  assert.deepEqual(fhirPolicy("Patient").roles.length, 4, "each call returns a fresh object");
});

test("wrong argument types are INVALID_ARGUMENT, never a generic TypeError", () => {
  const record = fixture("observation.json");
  const policy = fhirPolicy("Observation");
  const options = { recordId: "Observation/1" };
  assertPhisealError(() => sealRecord(record, policy, recipients), "INVALID_ARGUMENT");
  assertPhisealError(() => sealRecord(record, policy, { clinician: team.clinician.publicKey }, options), "INVALID_ARGUMENT");
  assertPhisealError(() => sealRecord(record, policy, { clinician: ["not a key"] }, options), "INVALID_ARGUMENT");
  assertPhisealError(() => sealRecord(record, policy, { clinician: [new Uint8Array(32)] }, options), "INVALID_KEY");
  assertPhisealError(() => sealRecord(record, policy, { nurse: [team.clinician.publicKey] }, options), "INVALID_ARGUMENT");
  assertPhisealError(() => sealRecord(record, policy, recipients, { recordId: "" }), "INVALID_ARGUMENT");
  assertPhisealError(() => sealRecord(record, policy, recipients, { recordId: 7 }), "INVALID_ARGUMENT");
  assertPhisealError(() => sealRecord(record, policy, recipients, { ...options, sender: team.clinician.publicKey }), "INVALID_ARGUMENT");
  const misspelt = assertPhisealError(() => sealRecord(record, policy, recipients, { ...options, indexkey: undefined }), "INVALID_ARGUMENT");
  assert.match(misspelt.message, /no option "indexkey"/);
  assertPhisealError(() => openRecord(sealRecord(record, policy, recipients, options), team.clinician, { recordID: "x" }), "INVALID_ARGUMENT");
  assertPhisealError(() => sealBundle(fixture("bundle.json"), undefined, recipients, { indexKey, sendr: team.clinician }), "INVALID_ARGUMENT");
  assertPhisealError(() => sealRecord(42, policy, recipients, options), "INVALID_ARGUMENT");
  assertPhisealError(() => sealRecord([record], policy, recipients, options), "INVALID_ARGUMENT");
  const sealed = sealRecord(record, policy, recipients, options);
  assertPhisealError(() => openRecord(sealed, team.clinician.toPublicKey()), "INVALID_ARGUMENT");
  const gone = KeyPair.generate();
  gone.free();
  assertPhisealError(() => openRecord(sealed, gone), "INVALID_ARGUMENT");
  assertPhisealError(() => sealRecord(record, policy, recipients, { ...options, sender: gone }), "INVALID_ARGUMENT");
});

test("a record that does not fit its policy fails without echoing the value", () => {
  const policy = { version: 1, roles: ["clinician"], rules: [{ path: "/birthDate", action: "generalize", to: "year" }, { path: "/name", action: "encrypt", roles: ["clinician"] }] };
  const record = { birthDate: "Maribel-Quintero", name: "Maribel Quintero" };
  const error = assertPhisealError(() => sealRecord(record, policy, { clinician: recipients.clinician }, { recordId: "r1" }), "INVALID_ARGUMENT");
  assert.ok(!error.message.includes("Maribel"), error.message);
});
