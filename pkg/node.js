// Node.js ESM entry (`import ... from "phiseal"`): the WebAssembly module is read from the
// package and instantiated synchronously on import, so no `await initAsync()` is needed.
import { readFileSync } from "node:fs";
import { instantiateSync } from "./src/instance.js";

instantiateSync(readFileSync(new URL("./dist/phiseal_wasm_bg.wasm", import.meta.url)));

export * from "./src/api.js";
export * from "./src/stream.js";

/** Already initialised in Node; kept so the same code runs in browsers and Node. */
export async function initAsync() {}
