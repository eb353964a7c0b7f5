// Node.js CommonJS entry (`require("phiseal")`): the WebAssembly module is read from the
// package and instantiated synchronously on first require.
"use strict";

const { readFileSync } = require("node:fs");
const path = require("node:path");
const internal = require("./dist/phiseal.cjs");

internal.instantiateSync(readFileSync(path.join(__dirname, "dist", "phiseal_wasm_bg.wasm")));

const { instantiateSync, instantiateAsync, isReady, ...api } = internal;

module.exports = {
  ...api,
  /** Already initialised in Node; kept so the same code runs in browsers and Node. */
  initAsync: async () => {},
};
