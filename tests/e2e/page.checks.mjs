// Checks of the page as a whole: accessibility basics, responsive layout, honest placeholders.
import assert from "node:assert/strict";
import { auditContrast } from "./contrast.mjs";

export const pageChecks = {
  "has landmarks, one h1, a language and labelled controls": async ({ page }) => {
    const report = await page.evaluate(() => {
      const unlabelled = [...document.querySelectorAll("input, select, textarea")]
        .filter((control) => control.labels.length === 0 && !control.getAttribute("aria-label"))
        .map((control) => control.id || control.outerHTML.slice(0, 60));
      const nameless = [...document.querySelectorAll("button, a[href]")]
        .filter((control) => !control.textContent.trim() && !control.getAttribute("aria-label"))
        .map((control) => control.outerHTML.slice(0, 60));
      return {
        lang: document.documentElement.lang,
        h1: document.querySelectorAll("h1").length,
        banner: document.querySelectorAll("body > header").length,
        nav: document.querySelectorAll("nav[aria-label]").length,
        main: document.querySelectorAll("main").length,
        footer: document.querySelectorAll("body > footer").length,
        unlabelled,
        nameless,
      };
    });
    assert.deepEqual(report, { lang: "en", h1: 1, banner: 1, nav: 1, main: 1, footer: 1, unlabelled: [], nameless: [] });
  },

  "has text contrast of at least 4.5:1 (3:1 for large text)": async ({ page }) => {
    assert.deepEqual(await page.evaluate(auditContrast), []);
  },

  "shows where keyboard focus is": async ({ page }) => {
    await page.focus("body");
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return { text: document.activeElement.textContent.trim(), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.equal(first.text, "Skip to content");
    assert.notEqual(first.outline, "none");
    assert.ok(first.width >= 2, `focus outline ${first.width}px`);
  },

  "fits a phone-sized screen without horizontal scrolling": async (demo) => {
    const { page } = demo;
    const original = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      const spilling = await page.$$eval(".panel", (panels) =>
        panels.filter((panel) => panel.scrollWidth > panel.clientWidth).map((panel) => panel.id),
      );
      assert.deepEqual(spilling, [], "panels whose content is wider than the panel");
      await demo.screenshot("demo-mobile.png");
    } finally {
      await page.setViewportSize(original);
    }
  },

  "marks every unavailable part as coming, and only those": async ({ page, features }) => {
    const parts = await page.$$eval("[data-requires]", (elements) =>
      elements.map((element) => ({
        requires: element.dataset.requires.split(/\s+/),
        disabled: element.dataset.disabled === "true",
        note: element.querySelector(":scope > .coming")?.textContent ?? null,
      })),
    );
    assert.ok(parts.length > 0);
    for (const part of parts) {
      const live = part.requires.every((feature) => features.has(feature));
      assert.equal(part.disabled, !live, `${part.requires.join(" ")} disabled iff not live`);
      if (live) assert.equal(part.note, null);
      else assert.match(part.note ?? "", /^Coming with .+\.$/);
    }
  },
};
