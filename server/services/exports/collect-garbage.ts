// A full garbage collection on demand, for long exports: V8 lets an export's short-lived garbage pile up to a hundred
// MB and more before collecting it, while what an export keeps alive is a few MB (bench/exports.ts, "MB left after
// GC"). Asking for a collection now and then keeps the peak near the live size.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// The flag must be set before a context is made; `gc` is then a global of new contexts (it is not of this one).
setFlagsFromString("--expose-gc");

/** Runs a full, blocking collection (a few ms for a small heap). */
export const collectGarbage = runInNewContext("gc") as () => void;
