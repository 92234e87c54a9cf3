// The heat map's levels and words (quarters of the busiest paragraph, figures written out for reading without
// colour) and the store the paragraph rows read them from.
import { describe, expect, it, vi } from "vitest";
import { buildAnalytics } from "../test-factories.ts";
import { formatSeconds, heatOf } from "./heat-map.ts";
import { createHeatStore } from "./heat-store.ts";

describe("formatSeconds", () => {
  it("says seconds, minutes, or hours and minutes", () => {
    expect(formatSeconds(0)).toBe("0 s");
    expect(formatSeconds(45)).toBe("45 s");
    expect(formatSeconds(754)).toBe("13 min");
    expect(formatSeconds(3600)).toBe("1 h");
    expect(formatSeconds(3900)).toBe("1 h 5 min");
  });
});

describe("heatOf", () => {
  const { paragraphs } = buildAnalytics();

  it("levels reading time against the most-read paragraph, in words for each", () => {
    const heat = heatOf(paragraphs, "reading");
    expect(heat.get("b1")).toEqual({ level: 4, value: "10 min", label: "10 min of reading by 2 readers" });
    expect(heat.get("b2")).toEqual({ level: 2, value: "3 min", label: "3 min of reading by 1 reader" });
    expect(heat.get("b0")).toEqual({ level: 0, value: "0 s", label: "0 s of reading by 0 readers" });
  });

  it("levels discussion by threads and replies, naming the questions", () => {
    const heat = heatOf(paragraphs, "discussion");
    expect(heat.get("b1")).toEqual({ level: 4, value: "4", label: "2 threads, 2 replies, 1 question" });
    expect(heat.get("b2")?.level).toBe(0);
  });

  it("gives the faintest visible level to any activity, and none to a room with none", () => {
    const quiet = paragraphs.map((p) => ({ ...p, readingSeconds: p.blockId === "b2" ? 1 : 0 }));
    expect(
      heatOf([...quiet, { ...quiet[1]!, blockId: "x", readingSeconds: 1000 }], "reading").get("b2")?.level,
    ).toBe(1);
    expect(
      [
        ...heatOf(
          paragraphs.map((p) => ({ ...p, readingSeconds: 0 })),
          "reading",
        ).values(),
      ].map((c) => c.level),
    ).toEqual([0, 0, 0]);
  });
});

describe("createHeatStore", () => {
  it("gives each paragraph its cell only while switched on and loaded, and tells its readers of each change", () => {
    const store = createHeatStore();
    const heard = vi.fn();
    const stop = store.subscribe(heard);
    store.choose({ on: true, measure: "reading" });
    expect(store.cellOf("b1")).toBeUndefined(); // nothing loaded yet
    store.setParagraphs(buildAnalytics().paragraphs);
    expect(store.cellOf("b1")?.value).toBe("10 min");
    store.choose({ on: true, measure: "discussion" });
    expect(store.cellOf("b1")?.value).toBe("4");
    store.choose({ on: false, measure: "discussion" });
    expect(store.cellOf("b1")).toBeUndefined();
    expect(heard).toHaveBeenCalledTimes(4);
    stop();
    store.choose({ on: true, measure: "reading" });
    expect(heard).toHaveBeenCalledTimes(4);
  });
});
