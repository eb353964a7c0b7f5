// Small DOM and formatting helpers shared by the panels. Text is always set with
// `textContent`: no HTML is ever built from data.

/**
 * Creates an element with attributes and children (strings become text nodes).
 * @param {string} tag
 * @param {Record<string, string | boolean>} [attributes]
 * @param {...(Node | string)} children
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    if (name === "class") element.className = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...children);
  return element;
}

/** @param {string} id */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`demo page is missing #${id}`);
  return element;
}

/**
 * Shows a result line: `kind` is "ok", "error" or "busy".
 * @param {HTMLElement} element
 * @param {"ok" | "error" | "busy" | ""} kind
 * @param {string} text
 */
export function setResult(element, kind, text) {
  element.dataset.kind = kind;
  element.textContent = text;
}

/** A safe one-line description of an error thrown by phiseal or the browser. */
export function describeError(error) {
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") {
    return `${error.code}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Pretty JSON for display. */
export function prettyJson(value) {
  return JSON.stringify(value, null, 2);
}

/** 1536 -> "1.5 KiB" */
export function formatBytes(bytes) {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Runs `action` with `button` disabled and marked busy, re-enabling it afterwards. */
export async function whileBusy(button, action) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}
