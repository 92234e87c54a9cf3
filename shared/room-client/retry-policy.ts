// How the client treats each answer to a mutation: done, refused for good, worth retrying (counted toward giving up
// or not), or a sign that the session ended; and how long to wait before the next try.

/** Limits of the mutation queue's retries. Every delay is jittered to between half and all of its value. */
export interface RetryPolicy {
  /** Server errors (500, 408…) answered to one mutation before it is marked failed. */
  maxAttempts: number;
  /** First backoff after a failure (ms); it doubles with each further failure… */
  baseDelayMs: number;
  /** …up to this (ms). */
  maxDelayMs: number;
  /** Longest wait a server's Retry-After is honoured for (ms). */
  maxRetryAfterMs: number;
  /** A request with no answer after this long is abandoned and retried (ms). */
  requestTimeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
  requestTimeoutMs: 30_000,
};

/**
 * - `done`: 2xx.
 * - `refused`: the server decided (4xx); resending the same request cannot change that.
 * - `failing`: this request failed (500, 408, other 5xx); counted toward `maxAttempts`.
 * - `unavailable`: the service seems away (502, 503, 504): wait (Retry-After if given) and send nothing meanwhile.
 *   Counted against the mutation once the server answered other mutations since its last such answer, or once
 *   the mutation has been failing.
 * - `rateLimited`: 429; wait as told, send nothing meanwhile, never count it.
 * - `signedOut`: 401; the queue waits for the user's next session.
 */
export type Verdict = "done" | "refused" | "failing" | "unavailable" | "rateLimited" | "signedOut";

export function verdictOf(status: number): Verdict {
  if (status >= 200 && status < 300) return "done";
  if (status === 401) return "signedOut";
  if (status === 429) return "rateLimited";
  if (status === 502 || status === 503 || status === 504) return "unavailable";
  if (status === 408 || status >= 500) return "failing";
  return "refused";
}

/** A Retry-After header (seconds, or an HTTP date) as a delay in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The jittered delay before try number `failures + 1` (ms), `failures` ≥ 1; `random` in [0, 1). */
export function backoffMs(
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  failures: number,
  random: number,
): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(failures - 1, 30));
  return full / 2 + random * (full / 2);
}
