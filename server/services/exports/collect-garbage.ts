// A full garbage collection on demand, for long exports: V8 lets an export's short-lived garbage pile up to a hundred
// MB and more before collecting it, while what an export keeps alive is a few MB (bench/exports.ts, "MB left after
// GC"). Asking for a collection now and then keeps the peak near the live size.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// The flag must be set before a context is made; `gc` is then a global of new contexts (it is not of this one).
setFlagsFromString("--expose-gc");

const gc = runInNewContext("gc") as (options?: { type: "major"; execution: "async" }) => Promise<void> | void;

/** Runs a full collection now, blocking (where nothing else waits: the PDF worker). */
export const collectGarbage = (): void => void gc();

/**
 * Starts a full collection that V8 runs incrementally and concurrently, without one long pause (on the server's
 * event loop, where other requests wait); resolves when it is done.
 */
export const collectGarbageInBackground = async (): Promise<void> => {
  await gc({ type: "major", execution: "async" });
};
