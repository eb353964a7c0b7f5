// Browser and bundler entry. Call `await initAsync()` once before using the API: it fetches
// and compiles `dist/phiseal_wasm_bg.wasm` (located next to this file; bundlers such as Vite,
// webpack 5 and Parcel understand `new URL(..., import.meta.url)` and copy the asset).
import { instantiateAsync, isReady } from "./src/instance.js";

export * from "./src/api.js";
export * from "./src/stream.js";

let pending = null;

/**
 * Loads the WebAssembly module. Safe to call many times; later calls wait for the first.
 * @param {URL | string | Response | BufferSource | WebAssembly.Module} [source] where to load
 *   the module from (default: the file shipped beside this module)
 * @returns {Promise<void>}
 */
export function initAsync(source) {
  if (isReady()) return Promise.resolve();
  pending ??= load(source ?? new URL("./dist/phiseal_wasm_bg.wasm", import.meta.url));
  return pending;
}

async function load(source) {
  try {
    const resolved = source instanceof URL || typeof source === "string" ? await fetch(source) : source;
    await instantiateAsync(resolved);
  } catch (error) {
    pending = null;
    throw error;
  }
}
