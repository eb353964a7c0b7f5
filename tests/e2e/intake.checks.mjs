// Checks of the Intake panel, grouped by the capability they need. Expectations are written
// out here, independently of the demo's policy file.
import assert from "node:assert/strict";
import { defaultIntake, syntheticIdentifiers, toFhirPatient } from "../../www/js/synthetic-patient.js";
import { ensureKeys } from "./keys.checks.mjs";
import { findLeaks } from "./leaks.mjs";

const original = toFhirPatient(defaultIntake());

/** Seals the form (once per demo) and returns what the page shows. */
async function ensureSealed(page) {
  if (!(await page.$("#role-views [data-role]"))) {
    await ensureKeys(page);
    await page.click("#seal-upload");
    await page.waitForFunction(() => {
      const kind = document.querySelector("#intake-status").dataset.kind;
      return kind === "ok" || kind === "error";
    }, null, { timeout: 60_000 });
  }
  const status = await page.$eval("#intake-status", (e) => ({ kind: e.dataset.kind, text: e.textContent }));
  assert.equal(status.kind, "ok", status.text);
  const views = await page.$$eval("#role-views [data-role]", (sections) =>
    Object.fromEntries(
      sections.map((s) => [
        s.dataset.role,
        { error: s.dataset.error, opened: s.dataset.opened, sealedPaths: s.dataset.sealedPaths },
      ]),
    ),
  );
  return {
    cloud: await page.textContent("#cloud-output"),
    analytics: await page.textContent("#analytics-output"),
    report: await page.textContent("#deid-report"),
    reportRows: await page.$$eval("#deid-report tbody tr", (rows) =>
      rows.map((row) => [...row.cells].map((cell) => cell.textContent)),
    ),
    views,
  };
}

function openedBy(views, role) {
  const view = views[role];
  assert.ok(view, `no view for ${role}`);
  assert.equal(view.error, undefined, `${role} could not open: ${view.error}`);
  return { value: JSON.parse(view.opened), sealedPaths: JSON.parse(view.sealedPaths) };
}

const isSealedString = (value) => typeof value === "string" && value.startsWith("phs2.");

export const intakeChecks = {
  records: {
    "the sealed record holds no synthetic identifier": async ({ page }) => {
      const { cloud } = await ensureSealed(page);
      const sealed = JSON.parse(cloud);
      assert.equal(sealed.resourceType, "Patient");
      assert.ok(sealed._phiseal, "the sealed record carries its _phiseal header");
      assert.deepEqual(findLeaks(cloud, syntheticIdentifiers), []);
    },
    "the clinician opens the whole record": async ({ page }) => {
      const { value, sealedPaths } = openedBy((await ensureSealed(page)).views, "clinician");
      assert.deepEqual(sealedPaths, []);
      assert.deepEqual(value, original);
    },
    "the billing clerk opens everything but the clinical note": async ({ page }) => {
      const { value, sealedPaths } = openedBy((await ensureSealed(page)).views, "billing");
      assert.deepEqual(sealedPaths, ["/extension"]);
      assert.ok(isSealedString(value.extension), "the note stays ciphertext");
      const { extension: _note, ...rest } = value;
      const { extension: _originalNote, ...originalRest } = original;
      assert.deepEqual(rest, originalRest);
    },
    "the researcher opens only gender, birth year, state and ZIP3": async ({ page }) => {
      const { value, sealedPaths } = openedBy((await ensureSealed(page)).views, "researcher");
      assert.equal(value.gender, original.gender);
      assert.equal(value.birthDate, original.birthDate.slice(0, 4));
      assert.equal(value.address[0].state, original.address[0].state);
      assert.equal(value.address[0].postalCode, original.address[0].postalCode.slice(0, 3));
      assert.deepEqual(
        [...sealedPaths].sort(),
        ["/address/0/city", "/address/0/line", "/extension", "/identifier", "/name", "/telecom"].sort(),
      );
      for (const path of sealedPaths) {
        const [, first, ...rest] = path.split("/");
        const sealedValue = rest.reduce((node, key) => node[key], value[first]);
        assert.ok(isSealedString(sealedValue), `${path} stays ciphertext`);
      }
      assert.deepEqual(findLeaks(JSON.stringify(value), syntheticIdentifiers), []);
    },
  },

  deid: {
    "the de-identified copy holds no synthetic identifier and comes with a report": async ({ page }) => {
      const { analytics, report, reportRows } = await ensureSealed(page);
      const copy = JSON.parse(analytics);
      assert.equal(copy.resourceType, "Patient");
      assert.equal(copy.gender, original.gender, "non-identifying fields stay");
      assert.ok(copy.birthDate === undefined || /^\d{4}$/.test(copy.birthDate), `birthDate ${copy.birthDate}`);
      assert.deepEqual(findLeaks(analytics, syntheticIdentifiers), []);
      const changed = new Set(reportRows.map(([path]) => path));
      for (const path of ["Patient.name", "Patient.identifier", "Patient.telecom"]) {
        assert.ok(changed.has(path), `the report lists ${path}; rows: ${JSON.stringify(reportRows)}`);
      }
      assert.deepEqual(findLeaks(report, syntheticIdentifiers), [], "the report names no value");
    },
  },
};
