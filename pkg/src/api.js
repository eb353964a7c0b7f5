// The public API of phiseal, over the private wasm-bindgen glue in ../dist/.
//
// Every loader (index.js, node.js, node.cjs) re-exports exactly this module's exports plus
// `initAsync`. Types and well-formedness of arguments are checked in WebAssembly
// (bindings/wasm/src/convert.rs) before anything reaches the core, so a wrong argument is a
// PhisealError with code INVALID_ARGUMENT.

import { HpkeReceiver, HpkeSender, KeyPair, PublicKey, readKeyBackup } from "../dist/phiseal_wasm_bg.js";
import { guardHandles } from "./handles.js";

guardHandles(KeyPair, PublicKey, HpkeSender, HpkeReceiver);

export { HpkeReceiver, HpkeSender, KeyPair, PublicKey, readKeyBackup };
export { PhisealError, isPhisealError } from "./errors.js";
export { hpke } from "./hpke.js";
export { seal, open, rewrap, inspect, toText, fromText } from "./envelope.js";
export { sealRecord, openRecord, changeRecordAccess, grantRecordAccess, revokeRecordAccess, sealBundle, openBundle, fhirPolicy, fhirPolicies, validatePolicy, blindIndex, IndexKey } from "./records.js";
export { deidentify, safeHarbor, scrubText, zip3, DeidKey } from "./deid.js";
