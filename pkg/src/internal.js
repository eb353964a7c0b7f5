// Entry of the CommonJS bundle (dist/phiseal.cjs, built by esbuild): the public API plus the
// instantiation hooks that node.cjs needs.
export * from "./api.js";
export * from "./stream.js";
export { instantiateSync, instantiateAsync, isReady } from "./instance.js";
