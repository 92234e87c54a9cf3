// State that outlives its component while the page lives: a thread card rebuilt elsewhere (its thread moved to
// another paragraph when the room's text changed) finds the boxes its reader had open and the words typed in them.
import { useCallback, useRef, useState } from "react";

const kept = new Map<string, unknown>();

/**
 * useState whose value is also kept under `key` (none: plain state), so a component mounted again with the same key
 * starts from it. Setting `initial` again forgets the key. Keys name what they hold, e.g. `thread:<id>:replying`.
 */
export function useKeptState<T>(key: string | undefined, initial: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() =>
    key !== undefined && kept.has(key) ? (kept.get(key) as T) : initial,
  );
  const initialRef = useRef(initial);
  // Stable across renders, as useState's setter is.
  const set = useCallback(
    (next: T) => {
      setValue(next);
      if (key === undefined) return;
      if (Object.is(next, initialRef.current)) kept.delete(key);
      else kept.set(key, next);
    },
    [key],
  );
  return [value, set];
}

/** Forgets what is kept under `key` (a box closed, its words sent or thrown away). */
export function forgetKept(key: string | undefined): void {
  if (key !== undefined) kept.delete(key);
}
