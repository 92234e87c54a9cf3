// Failed sign-ins counted per key in fixed windows, in memory and bounded: the ledger behind the sign-in lockout.
import { LRUCache } from "lru-cache";

interface Window {
  count: number;
  /** Epoch ms at which this window's count is forgotten. */
  resetAt: number;
}

/** Keys kept at most; the least recently touched are forgotten first, so a flood of addresses cannot fill memory. */
const maxKeys = 100_000;

export class SignInFailures {
  private readonly windows: LRUCache<string, Window>;

  constructor(private readonly windowMs: number) {
    this.windows = new LRUCache<string, Window>({ max: maxKeys });
  }

  /** Failures under `key` in its current window (0 once the window has passed). */
  count(key: string, now: number): Window {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) return { count: 0, resetAt: now + this.windowMs };
    return window;
  }

  add(key: string, now: number): void {
    const window = this.count(key, now);
    this.windows.set(key, { count: window.count + 1, resetAt: window.resetAt });
  }

  /** Takes back one failure added for a request that turned out not to fail. */
  undo(key: string, now: number): void {
    const window = this.windows.get(key);
    if (window && window.resetAt > now && window.count > 0) window.count -= 1;
  }

  clear(key: string): void {
    this.windows.delete(key);
  }
}
