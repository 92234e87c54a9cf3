// Failed sign-ins counted per key in fixed windows, in memory and bounded: the ledger behind the sign-in lockout.
import { LRUCache } from "lru-cache";

/** The lockout's thresholds (see signInLockout). */
export interface LockoutLimits {
  perAccount: number;
  perAccountTotal: number;
}

/**
 * Where the sign-in lockout keeps its counts: this process's memory (SignInFailures) or Redis, shared by every
 * server process (redis-sign-in-failures.ts). Both implement the same rule; see signInLockout.
 */
export interface SignInLedger {
  /**
   * Decides an attempt on the account (`account` key) from an address (`fromHere` key) and, unless it is refused,
   * counts it as a failure under both keys at once (so that guesses sent in parallel cannot outrun the count).
   * Returns the epoch ms until which the attempt is refused, or undefined when it may go ahead.
   */
  attempt(
    fromHere: string,
    account: string,
    limits: LockoutLimits,
    now: number,
  ): number | undefined | Promise<number | undefined>;
  /**
   * Takes back an attempt that did not fail with a wrong password: the account's count always, and the address's
   * run of failures is cleared when it signed in (`signedIn`), else only this attempt is taken back.
   */
  forgive(fromHere: string, account: string, signedIn: boolean, now: number): void | Promise<void>;
}

/**
 * The lockout rule on counts taken before this attempt: refused until the address's window ends once it failed
 * `perAccount` times for the account, or until the account's window ends once the account failed `perAccountTotal`
 * times overall and this address failed at least once.
 */
export function refusedUntil(here: Window, overall: Window, limits: LockoutLimits): number | undefined {
  if (here.count >= limits.perAccount) return here.resetAt;
  if (here.count > 0 && overall.count >= limits.perAccountTotal) return overall.resetAt;
  return undefined;
}

export interface Window {
  count: number;
  /** Epoch ms at which this window's count is forgotten. */
  resetAt: number;
}

/** Keys kept at most; the least recently touched are forgotten first, so a flood of addresses cannot fill memory. */
const maxKeys = 100_000;

export class SignInFailures implements SignInLedger {
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

  attempt(fromHere: string, account: string, limits: LockoutLimits, now: number): number | undefined {
    const refused = refusedUntil(this.count(fromHere, now), this.count(account, now), limits);
    if (refused !== undefined) return refused;
    this.add(fromHere, now);
    this.add(account, now);
    return undefined;
  }

  forgive(fromHere: string, account: string, signedIn: boolean, now: number): void {
    this.undo(account, now);
    if (signedIn) this.clear(fromHere);
    else this.undo(fromHere, now);
  }
}
