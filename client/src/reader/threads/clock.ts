// One clock for every relative time on the page: a single timer, and only the components that show a time re-render
// when it ticks, never the reader around them.
import { useSyncExternalStore } from "react";

/** How often relative times are brought up to date; their finest unit is a minute. */
export const clockTickMs = 30_000;

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const each of listeners) each();
    }, clockTickMs);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Milliseconds since the epoch, updated every `clockTickMs` while any component reads it. */
export function useClock(): number {
  return useSyncExternalStore(subscribe, () => now);
}
