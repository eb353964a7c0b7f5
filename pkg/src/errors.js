// The one error class of phiseal's JS face.
//
// Every failure inside the WebAssembly core is thrown as a PhisealError whose `code` is the
// core's stable `phiseal::Error::code()` (AUTH_FAILED, NO_MATCHING_RECIPIENT, MALFORMED, ...).
// Messages are fixed strings written by the core: they never contain plaintext, key bytes or
// record values, so they are safe to log.

/** An error raised by phiseal, with a stable machine-readable `code`. */
export class PhisealError extends Error {
  /**
   * @param {string} code stable code, e.g. "AUTH_FAILED"
   * @param {string} message human-readable text (never contains secrets)
   */
  constructor(code, message) {
    super(message);
    this.name = "PhisealError";
    this.code = code;
  }
}

/**
 * True when `error` is a PhisealError. Structural, so it also recognises errors from a second
 * copy of the package (an app that loads both the ESM and the CommonJS build).
 * @param {unknown} error
 * @returns {error is PhisealError}
 */
export function isPhisealError(error) {
  return (
    error instanceof Error &&
    error.name === "PhisealError" &&
    typeof (/** @type {{code?: unknown}} */ (error).code) === "string"
  );
}
