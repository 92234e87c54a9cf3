// Reading time counted from presence: spans per paragraph and day, active time apart, bounded spans, fractions kept.
import { describe, expect, it } from "vitest";
import { maxSpanMs, ReadingTimeMeter } from "../../server/realtime/people/reading-time-meter.ts";

const start = Date.parse("2026-11-30T23:59:00Z");

describe("ReadingTimeMeter", () => {
  it("counts each span for the paragraph in view, active only while not idle", () => {
    const meter = new ReadingTimeMeter();
    meter.observe("r", "u", { blockId: "p1", idle: false }, start);
    meter.observe("r", "u", { blockId: "p1", idle: true }, start + 10_000);
    meter.observe("r", "u", { blockId: "p2", idle: false }, start + 15_000);
    meter.observe("r", "u", null, start + 17_500);
    expect(meter.take(start + 20_000)).toEqual([
      { roomId: "r", userId: "u", blockId: "p1", day: "2026-11-30", seconds: 15, activeSeconds: 10 },
      { roomId: "r", userId: "u", blockId: "p2", day: "2026-11-30", seconds: 2, activeSeconds: 2 },
    ]);
    // The half second left of p2 waits for the next batch.
    meter.observe("r", "u", { blockId: "p2", idle: false }, start + 20_000);
    expect(meter.take(start + 20_500)).toEqual([
      { roomId: "r", userId: "u", blockId: "p2", day: "2026-11-30", seconds: 1, activeSeconds: 1 },
    ]);
  });

  it("never adds more than a bounded span, and nothing without a paragraph in view", () => {
    const meter = new ReadingTimeMeter();
    meter.observe("r", "u", { blockId: "p1", idle: false }, start);
    meter.observe("r", "u", { blockId: null, idle: false }, start + 10 * maxSpanMs);
    expect(meter.take(start + 20 * maxSpanMs)).toEqual([
      {
        roomId: "r",
        userId: "u",
        blockId: "p1",
        day: "2026-11-30",
        seconds: maxSpanMs / 1000,
        activeSeconds: maxSpanMs / 1000,
      },
    ]);
    expect(meter.take(start + 30 * maxSpanMs)).toEqual([]);
  });

  it("closes open spans at each batch, dating them by the UTC day they started", () => {
    const meter = new ReadingTimeMeter();
    meter.observe("r", "u", { blockId: "p1", idle: false }, start);
    expect(meter.take(start + 60_000)).toEqual([
      { roomId: "r", userId: "u", blockId: "p1", day: "2026-11-30", seconds: 60, activeSeconds: 60 },
    ]);
    expect(meter.take(start + 90_000)).toEqual([
      { roomId: "r", userId: "u", blockId: "p1", day: "2026-12-01", seconds: 30, activeSeconds: 30 },
    ]);
  });
});
