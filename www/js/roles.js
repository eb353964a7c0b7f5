// The three roles of the demo clinic and the key ring holding their key pairs (in WebAssembly
// memory, as opaque phiseal handles).

export const roles = [
  { id: "clinician", label: "Clinician", reads: "The whole record, including the clinical note." },
  { id: "billing", label: "Billing clerk", reads: "Demographics, identifiers, contact details and address; not the clinical note." },
  { id: "researcher", label: "Researcher", reads: "Gender, birth year, state and 3-digit ZIP only." },
];

/** Holds one key pair per role; dispatches "change" when keys are replaced. */
export class KeyRing extends EventTarget {
  #keys = new Map();

  /** @param {string} roleId */
  get(roleId) {
    return this.#keys.get(roleId);
  }

  /** True when every role has a key. */
  get complete() {
    return roles.every((role) => this.#keys.has(role.id));
  }

  /** Stores a key pair for a role, zeroizing and releasing the one it replaces. */
  set(roleId, keyPair) {
    const previous = this.#keys.get(roleId);
    this.#keys.set(roleId, keyPair);
    if (previous && previous !== keyPair) previous.free();
    this.dispatchEvent(new CustomEvent("change", { detail: { roleId } }));
  }
}
