// Which capabilities the loaded `phiseal` package offers. The package lands in stages; a panel
// (or part of one) whose capability is missing is shown disabled with a "coming with ..." note,
// never with made-up output. Detection looks only at the package's public exports.

const isFn = (value) => typeof value === "function";
const proto = (cls) => (isFn(cls) ? cls.prototype : undefined);
const hasMethod = (cls, name) => isFn(proto(cls)?.[name]);
const hasGetter = (cls, name) => isFn(Object.getOwnPropertyDescriptor(proto(cls) ?? {}, name)?.get);

/** Feature name -> [what it is called in the "coming with" note, detector]. */
const detectors = {
  keys: ["key generation", (p) => isFn(p.KeyPair?.generate) && hasGetter(p.KeyPair, "keyId")],
  jwk: ["JWK export", (p) => isFn(p.PublicKey?.fromJwk) && hasMethod(p.PublicKey, "toJwk") && hasMethod(p.KeyPair, "toPublicKey")],
  backup: ["password backup", (p) => isFn(p.KeyPair?.importWithPassword) && hasMethod(p.KeyPair, "exportWithPassword")],
  fingerprint: ["key fingerprints", (p) => hasGetter(p.PublicKey, "fingerprint") && hasMethod(p.KeyPair, "toPublicKey")],
  envelope: ["envelopes", (p) => isFn(p.seal) && isFn(p.open)],
  records: ["record sealing", (p) => isFn(p.sealRecord) && isFn(p.openRecord)],
  deid: ["de-identification", (p) => isFn(p.safeHarbor) && isFn(p.scrubText)],
  stream: ["streaming encryption", (p) => isFn(p.sealStream) && isFn(p.openStream)],
};

/**
 * @param {Record<string, unknown>} phiseal the package's namespace object
 * @returns {Set<string>} the names of the available features
 */
export function detectFeatures(phiseal) {
  const available = new Set();
  for (const [name, [, detect]] of Object.entries(detectors)) {
    try {
      if (detect(phiseal)) available.add(name);
    } catch {
      // A detector that throws means the capability is not usable.
    }
  }
  return available;
}

/** All feature names, in display order. */
export const featureNames = Object.keys(detectors);

/** @param {string} name */
export function featureLabel(name) {
  return detectors[name]?.[0] ?? name;
}

/**
 * Disables every element marked `data-requires="<feature> ..."` whose features are not all
 * available, and adds a short note saying what it is waiting for.
 * @param {ParentNode} root
 * @param {Set<string>} available
 * @param {(missing: string[]) => string} [explain] the note's text
 */
export function gateByFeatures(root, available, explain = (missing) => `Coming with ${missing.map(featureLabel).join(" and ")}.`) {
  for (const element of root.querySelectorAll("[data-requires]")) {
    const missing = element.dataset.requires.split(/\s+/).filter((f) => f && !available.has(f));
    if (missing.length === 0) {
      element.removeAttribute("data-disabled");
      continue;
    }
    element.dataset.disabled = "true";
    const controls = element.matches("fieldset") ? [element] : element.querySelectorAll("fieldset, button, input, select, textarea");
    for (const control of controls) control.disabled = true;
    const note = document.createElement("p");
    note.className = "coming";
    note.textContent = explain(missing);
    const anchor = element.querySelector(":scope > legend, :scope > h3, :scope > h2");
    if (anchor) anchor.after(note);
    else element.prepend(note);
  }
}
