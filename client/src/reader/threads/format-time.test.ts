// Relative times: now, minutes, hours, yesterday, days, then the date; wrong clocks and bad input are handled.
import { describe, expect, it } from "vitest";
import { formatAbsolute, formatRelative } from "./format-time.ts";

// Local times, so the calendar rules hold whatever the machine's time zone.
const now = new Date(2026, 10, 26, 15, 30).getTime();
const at = (...parts: [number, number, number, number, number, number?]) => new Date(...parts).getTime();
const ago = (ms: number) => formatRelative(now - ms, now, "en");
const minute = 60_000;

describe("formatRelative", () => {
  it("says now, then minutes, then hours", () => {
    expect(ago(0)).toBe("now");
    expect(ago(44_000)).toBe("now");
    expect(ago(50_000)).toBe("1 minute ago");
    expect(ago(3 * minute)).toBe("3 minutes ago");
    expect(ago(44 * minute)).toBe("44 minutes ago");
    expect(ago(50 * minute)).toBe("1 hour ago");
    expect(ago(5 * 60 * minute)).toBe("5 hours ago");
    // Still today: hours, however many.
    expect(formatRelative(at(2026, 10, 26, 1, 0), now, "en")).toBe("15 hours ago");
  });

  it("says yesterday and days ago by the calendar, then gives the date", () => {
    expect(formatRelative(at(2026, 10, 25, 9, 0), now, "en")).toBe("yesterday");
    // Just before midnight, seen at 3:30 the next afternoon, is yesterday; seen at 1 am, 2 hours ago.
    expect(formatRelative(at(2026, 10, 25, 23, 0), at(2026, 10, 26, 1, 0), "en")).toBe("2 hours ago");
    expect(formatRelative(at(2026, 10, 23, 18, 0), now, "en")).toBe("3 days ago");
    expect(formatRelative(at(2026, 10, 19, 18, 0), now, "en")).toBe("Nov 19");
    expect(formatRelative(at(2025, 2, 5, 12, 0), now, "en")).toBe("Mar 5, 2025");
  });

  it("gives the date for a time ahead of the clock, tolerates a minute's skew, and is empty for no time", () => {
    expect(formatRelative(now + 30_000, now, "en")).toBe("now");
    expect(formatRelative(at(2026, 10, 28, 9, 0), now, "en")).toBe("Nov 28");
    expect(formatRelative(Number.NaN, now, "en")).toBe("");
  });

  it("speaks the reader's language", () => {
    expect(ago(3 * minute).length).toBeGreaterThan(0);
    expect(formatRelative(at(2026, 10, 25, 9, 0), now, "de")).toBe("gestern");
    expect(formatRelative(now - 3 * minute, now, "fr")).toBe("il y a 3 minutes");
  });
});

describe("formatAbsolute", () => {
  it("gives the date and time in full", () => {
    expect(formatAbsolute(new Date(2026, 10, 26, 10, 0), "en-US")).toBe("Nov 26, 2026, 10:00 AM");
  });
});
