// Finds synthetic identifiers in text that leaves the device (a sealed record, a de-identified
// copy). Matching is case-insensitive, and numbers are also compared digit for digit across
// separators ("999 68 4417", "(617) 555-0142"), so a reformatted identifier still counts.

const numericRun = /[0-9][0-9 ().\/+-]*[0-9]/g;
const digitsOf = (text) => text.replace(/[^0-9]/g, "");

/**
 * @param {string} text what left the device
 * @param {readonly string[]} identifiers strings that must not occur
 * @returns {string[]} the identifiers found in `text`
 */
export function findLeaks(text, identifiers) {
  const lower = text.toLowerCase();
  const runs = (text.match(numericRun) ?? []).map(digitsOf);
  return identifiers.filter((identifier) => {
    if (lower.includes(identifier.toLowerCase())) return true;
    const digits = digitsOf(identifier);
    // Only identifiers that are mostly a number are compared as digits.
    return digits.length >= 5 && digits.length >= identifier.length / 2 && runs.some((run) => run.includes(digits));
  });
}
