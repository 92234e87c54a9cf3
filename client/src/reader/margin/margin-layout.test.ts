// Margin placement: the held group where it should be, the others in order without overlapping, and which group to
// hold still so that what the reader looks at does not move.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choosePivot, placeMarginGroups, type MarginGroupState } from "./margin-layout.ts";

/** One group: where its block starts and how tall it is (pixels). */
const item = fc.record({
  top: fc.integer({ min: 0, max: 5_000 }),
  height: fc.integer({ min: 1, max: 400 }),
});

describe("placeMarginGroups", () => {
  it("leaves groups with room beside their blocks", () => {
    const items = [
      { top: 0, height: 50 },
      { top: 100, height: 50 },
    ];
    expect(placeMarginGroups(items, null, 10)).toEqual({ tops: [0, 100], height: 150 });
  });

  it("pushes later groups down below the pivot and earlier ones up above it", () => {
    const items = [
      { top: 0, height: 30 },
      { top: 200, height: 80 },
      { top: 220, height: 80 },
    ];
    expect(placeMarginGroups(items, null, 10).tops).toEqual([0, 200, 290]);
    expect(placeMarginGroups(items, { index: 2, top: 220 }, 10).tops).toEqual([0, 130, 220]);
  });

  it("holds the pivot at the top it is given, beside its passage rather than its block", () => {
    const items = [
      { top: 0, height: 50 },
      { top: 400, height: 100 },
    ];
    expect(placeMarginGroups(items, { index: 1, top: 700 }, 10).tops).toEqual([0, 700]);
  });

  it("stacks groups pushed above the top down from 0, moving the pivot only when they do not fit", () => {
    const items = [
      { top: 0, height: 1 },
      { top: 0, height: 1 },
      { top: 22, height: 1 },
    ];
    expect(placeMarginGroups(items, { index: 2, top: 22 }, 10).tops).toEqual([0, 11, 22]);
    expect(placeMarginGroups(items, { index: 2, top: 15 }, 10).tops).toEqual([0, 11, 22]);
  });

  it("never overlaps, keeps text order, never goes above 0, and holds the pivot when the groups above fit", () => {
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: 0, max: 6_000 }),
        (unsorted, pick, at) => {
          const items = [...unsorted].sort((a, b) => a.top - b.top);
          const pivot = { index: pick % items.length, top: at };
          const { tops, height } = placeMarginGroups(items, pivot, 10);
          for (let i = 1; i < items.length; i += 1) {
            expect(tops[i]!).toBeGreaterThanOrEqual(tops[i - 1]! + items[i - 1]!.height + 10);
          }
          expect(Math.min(...tops)).toBeGreaterThanOrEqual(0);
          expect(height).toBe(tops.at(-1)! + items.at(-1)!.height);
          for (let i = pivot.index + 1; i < items.length; i += 1)
            expect(tops[i]).toBeGreaterThanOrEqual(items[i]!.top);
          // The groups above fit between the top and the pivot when stacked down from 0.
          const above = items
            .slice(0, pivot.index)
            .reduce((end, each) => Math.max(each.top, end) + each.height + 10, 0);
          if (above <= at) expect(tops[pivot.index]).toBe(at);
        },
      ),
    );
  });

  it("holding a group below stacked ones leaves them stacked, rather than pulling them up to their blocks", () => {
    // The reader scrolled past a short block whose two cards reach over the next block's top (the essay's
    // paragraphs 28 and 29): a layout that holds a group further down keeps 29's below 28's.
    const items = [
      { top: 200, height: 120 },
      { top: 260, height: 50 },
      { top: 600, height: 50 },
    ];
    expect(placeMarginGroups(items, null, 10).tops).toEqual([200, 330, 600]);
    expect(placeMarginGroups(items, { index: 2, top: 600 }, 10).tops).toEqual([200, 330, 600]);
  });

  it("a layout repeated with nothing changed moves nothing, wherever the reader has scrolled", () => {
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 6_000 }),
        (unsorted, viewTop) => {
          const items = [...unsorted].sort((a, b) => a.top - b.top);
          const first = placeMarginGroups(items, null, 10);
          const groups = items.map((each, i) => ({
            ...each,
            last: { top: first.tops[i]!, blockTop: each.top },
          }));
          const pivot = choosePivot(groups, null, { top: viewTop, bottom: viewTop + 800 });
          expect(placeMarginGroups(items, pivot, 10)).toEqual(first);
        },
      ),
    );
  });

  it("places nothing when there is nothing", () => {
    expect(placeMarginGroups([], null, 10)).toEqual({ tops: [], height: 0 });
  });
});

describe("choosePivot", () => {
  const view = { top: 1_000, bottom: 1_800 };
  const groups: MarginGroupState[] = [
    { top: 100, height: 200, last: { top: 100, blockTop: 100 } },
    { top: 1_100, height: 200, last: { top: 1_250, blockTop: 1_100 } },
    { top: 1_500, height: 200, last: { top: 1_500, blockTop: 1_500 } },
  ];

  it("holds the first group in view where it already is", () => {
    expect(choosePivot(groups, null, view)).toEqual({ index: 1, top: 1_250 });
  });

  it("puts it back beside its block when the text reflowed", () => {
    const reflowed = groups.map((group) => ({ ...group, top: group.top + 40 }));
    expect(choosePivot(reflowed, null, view)).toEqual({ index: 1, top: 1_140 });
  });

  it("holds a focus group when just opened, even out of view, or when in view", () => {
    expect(choosePivot(groups, { index: 0, top: 120, fresh: true }, view)).toEqual({ index: 0, top: 120 });
    expect(choosePivot(groups, { index: 2, top: 1_520, fresh: false }, view)).toEqual({
      index: 2,
      top: 1_520,
    });
    // Opened earlier and now out of view: what the reader looks at is held instead.
    expect(choosePivot(groups, { index: 0, top: 120, fresh: false }, view)).toEqual({ index: 1, top: 1_250 });
  });

  it("holds nothing when no group was placed in view before", () => {
    expect(choosePivot([{ top: 1_100, height: 10 }], null, view)).toBeNull();
    expect(choosePivot(groups, null, { top: 5_000, bottom: 5_800 })).toBeNull();
  });
});
