// Margin placement: the pivot group beside its block, the others in order without overlapping.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { placeMarginGroups } from "./margin-layout.ts";

describe("placeMarginGroups", () => {
  it("leaves groups with room beside their blocks", () => {
    const items = [
      { top: 0, height: 50 },
      { top: 100, height: 50 },
    ];
    expect(placeMarginGroups(items, 0, 10)).toEqual({ tops: [0, 100], height: 150 });
  });

  it("pushes later groups down below the pivot and earlier ones up above it", () => {
    const items = [
      { top: 0, height: 80 },
      { top: 50, height: 80 },
      { top: 100, height: 80 },
    ];
    expect(placeMarginGroups(items, 0, 10).tops).toEqual([0, 90, 180]);
    // The middle group beside its block: the first would go up past the top, so all shift down together.
    expect(placeMarginGroups(items, 1, 10).tops).toEqual([0, 90, 180]);
    const roomy = [
      { top: 0, height: 30 },
      { top: 200, height: 80 },
      { top: 220, height: 80 },
    ];
    expect(placeMarginGroups(roomy, 0, 10).tops).toEqual([0, 200, 290]);
    expect(placeMarginGroups(roomy, 2, 10).tops).toEqual([0, 130, 220]);
  });

  it("treats a missing pivot as the first group", () => {
    expect(placeMarginGroups([{ top: 5, height: 1 }], -1, 10).tops).toEqual([5]);
    expect(placeMarginGroups([], -1, 10)).toEqual({ tops: [], height: 0 });
  });

  it("never overlaps, keeps text order, and never goes above 0", () => {
    const item = fc.record({
      top: fc.integer({ min: 0, max: 5_000 }),
      height: fc.integer({ min: 1, max: 400 }),
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), fc.nat(), (unsorted, pick) => {
        const items = [...unsorted].sort((a, b) => a.top - b.top);
        const pivot = pick % items.length;
        const { tops, height } = placeMarginGroups(items, pivot, 10);
        for (let i = 1; i < items.length; i += 1) {
          expect(tops[i]!).toBeGreaterThanOrEqual(tops[i - 1]! + items[i - 1]!.height + 10);
        }
        expect(Math.min(...tops)).toBeGreaterThanOrEqual(0);
        expect(height).toBe(tops.at(-1)! + items.at(-1)!.height);
      }),
    );
  });
});
