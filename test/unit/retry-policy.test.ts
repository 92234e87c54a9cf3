// How the mutation queue reads each answer of the server and how long it waits before trying again.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backoffMs,
  defaultRetryPolicy,
  retryAfterMs,
  verdictOf,
} from "../../shared/room-client/retry-policy.ts";

describe("the retry policy", () => {
  it("retries what may succeed later and gives up at once on what the server decided", () => {
    const verdicts = Object.fromEntries(
      [200, 201, 400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 501, 502, 503, 504].map((status) => [
        status,
        verdictOf(status),
      ]),
    );
    expect(verdicts).toEqual({
      200: "done",
      201: "done",
      400: "refused",
      401: "signedOut",
      403: "refused",
      404: "refused",
      408: "failing",
      409: "refused",
      413: "refused",
      422: "refused",
      429: "rateLimited",
      500: "failing",
      501: "failing",
      502: "unavailable",
      503: "unavailable",
      504: "unavailable",
    });
  });

  it("reads Retry-After in seconds or as a date, and ignores what it cannot read", () => {
    const now = Date.parse("2026-11-26T12:00:00.000Z");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Thu, 26 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Thu, 26 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect([retryAfterMs(null, now), retryAfterMs("", now), retryAfterMs("soon", now)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("backs off exponentially between half and all of each step, never beyond the cap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const full = Math.min(defaultRetryPolicy.maxDelayMs, defaultRetryPolicy.baseDelayMs * 2 ** (n - 1));
          const delay = backoffMs(defaultRetryPolicy, n, r);
          expect(delay).toBeGreaterThanOrEqual(full / 2);
          expect(delay).toBeLessThanOrEqual(full);
        },
      ),
    );
  });
});

describe("the retry policy's edges", () => {
  it("only 2xx is done: informational and redirect answers are refusals", () => {
    expect([100, 199, 200, 299, 300, 304].map(verdictOf)).toEqual([
      "refused",
      "refused",
      "done",
      "done",
      "refused",
      "refused",
    ]);
  });

  it("reads Retry-After as whole seconds, with spaces around, or as a date; anything else is ignored", () => {
    const now = Date.parse("2026-11-30T05:00:00Z");
    expect(retryAfterMs(" 12 ", now)).toBe(12_000);
    expect(retryAfterMs("", now)).toBeUndefined();
    expect(retryAfterMs("   ", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("12abc", now)).toBeUndefined();
    expect(retryAfterMs("abc12", now)).toBeUndefined();
    expect(retryAfterMs(" Mon, 30 Nov 2026 05:00:30 GMT ", now)).toBe(30_000);
    expect(retryAfterMs("Mon, 30 Nov 2026 04:00:00 GMT", now)).toBe(0);
  });
});
