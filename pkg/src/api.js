// The public API of phiseal, over the private wasm-bindgen glue in ../dist/.
//
// Every loader (index.js, node.js, node.cjs) re-exports exactly this module's exports plus
// `initAsync`. Arguments are checked here before they cross into WebAssembly, so a wrong
// type gives a PhisealError with code INVALID_ARGUMENT rather than a generic TypeError.

import { KeyPair, PublicKey } from "../dist/phiseal_wasm_bg.js";
import { guardHandles } from "./handles.js";

guardHandles(KeyPair, PublicKey);

export { KeyPair, PublicKey };
export { PhisealError, isPhisealError } from "./errors.js";
