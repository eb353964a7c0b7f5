// The WebAssembly handles of streams in progress (private to the package).
//
// Every StreamSealer / StreamOpener is tracked from creation until its stream ends, fails, is
// aborted or cancelled, and is freed then (keys zeroized, memory returned). The test suite reads
// `liveStreamHandles()` to check that cancellation really releases them.

const live = new Set();

/** Registers a handle; returns it. */
export function track(handle) {
  live.add(handle);
  return handle;
}

/** Frees a handle (idempotent) and forgets it. */
export function untrack(handle) {
  live.delete(handle);
  handle.free();
}

/** How many stream handles are alive (tests only). */
export function liveStreamHandles() {
  return live.size;
}
