// Instantiates the WebAssembly module and hands its exports to the wasm-bindgen glue.
// Private to the package: the loaders call `instantiateSync` (Node) or `instantiateAsync`
// (browsers, bundlers) exactly once.

import * as glue from "../dist/phiseal_wasm_bg.js";

// The module imports its JS glue under the name wasm-bindgen gave the glue file.
const imports = { "./phiseal_wasm_bg.js": glue };
let ready = false;

// Until a loader instantiates the module, any call into the glue fails with a clear message
// instead of a TypeError about `undefined` (browsers must `await initAsync()` first).
glue.__wbg_set_wasm(
  new Proxy(
    {},
    {
      get() {
        throw new Error("phiseal: the WebAssembly module is not loaded yet: call `await initAsync()` first");
      },
    },
  ),
);

/** @param {WebAssembly.Instance} instance */
function adopt(instance) {
  glue.__wbg_set_wasm(instance.exports);
  const start = /** @type {(() => void) | undefined} */ (instance.exports.__wbindgen_start);
  if (typeof start === "function") start();
  ready = true;
}

/** True once the module is instantiated. */
export function isReady() {
  return ready;
}

/**
 * Compiles and instantiates synchronously (Node: the bytes come from the package's .wasm file).
 * @param {BufferSource} bytes
 */
export function instantiateSync(bytes) {
  if (ready) return;
  adopt(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports));
}

/**
 * Compiles and instantiates asynchronously from a fetch Response (streaming when the server
 * sends `application/wasm`), bytes, or an already compiled module.
 * @param {Response | BufferSource | WebAssembly.Module} source
 */
export async function instantiateAsync(source) {
  if (ready) return;
  if (source instanceof WebAssembly.Module) {
    adopt(await WebAssembly.instantiate(source, imports));
  } else if (typeof Response === "function" && source instanceof Response) {
    adopt(await instantiateResponse(source));
  } else {
    adopt((await WebAssembly.instantiate(/** @type {BufferSource} */ (source), imports)).instance);
  }
}

/** @param {Response} response */
async function instantiateResponse(response) {
  if (!response.ok) throw new Error(`phiseal: fetching the WebAssembly module failed (${response.status})`);
  const streaming = response.headers.get("Content-Type") === "application/wasm";
  if (streaming && typeof WebAssembly.instantiateStreaming === "function") {
    return (await WebAssembly.instantiateStreaming(response, imports)).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}
