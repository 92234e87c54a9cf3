// Dates from imported files: taken when they are dates no later than the import (give or take clock skew) and no
// earlier than year 1; otherwise refused with a reason naming the value, never silently replaced.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDate, clockSkewMs } from "../../../server/domain/annotations/import-dates.ts";

const now = new Date("2026-11-30T12:00:00Z");
const maxMs = 8.64e15; // the last instant a JavaScript Date holds

describe("checkDate", () => {
  it("takes every date from year 1 to the import time (plus skew) as written", () => {
    const first = new Date("0001-01-01T00:00:00Z").getTime();
    fc.assert(
      fc.property(fc.integer({ min: first, max: now.getTime() + clockSkewMs }), (ms) => {
        const text = new Date(ms).toISOString();
        expect(checkDate(text, now)).toEqual({ date: new Date(ms) });
      }),
    );
  });

  it("refuses every date after the import time (beyond the skew), saying it is in the future", () => {
    fc.assert(
      fc.property(fc.integer({ min: now.getTime() + clockSkewMs + 1, max: maxMs }), (ms) => {
        const text = new Date(ms).toISOString();
        expect(checkDate(text, now)).toEqual({ problem: `${JSON.stringify(text)} is in the future` });
      }),
    );
  });

  it("refuses every date before year 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: -maxMs, max: new Date("0001-01-01T00:00:00Z").getTime() - 1 }), (ms) => {
        expect(checkDate(new Date(ms).toISOString(), now)).toMatchObject({
          problem: expect.stringMatching(/before the year 1$/u),
        });
      }),
    );
  });

  it("refuses words that are not a date, and passes over a date not given", () => {
    fc.assert(
      fc.property(
        fc
          .stringMatching(/^[a-z ]{1,30}$/u)
          .filter((text) => text.trim() !== "" && Number.isNaN(Date.parse(text))),
        (text) => {
          expect(checkDate(text, now)).toEqual({ problem: `${JSON.stringify(text)} is not a date` });
        },
      ),
    );
    expect(checkDate(null, now)).toBeNull();
    expect(checkDate("  ", now)).toBeNull();
  });
});
