// Export batches: every block once, in order, each batch within its budget unless one block alone exceeds it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchByCost } from "../../../server/domain/export/batches.ts";

describe("batchByCost", () => {
  it("keeps every item once and in order, within the budget and the item cap unless one item alone is over", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { maxLength: 200 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (costs, budget, maxItems) => {
          const items = costs.map((cost, index) => ({ cost, index }));
          const batches = batchByCost(items, (item) => item.cost, budget, maxItems);
          expect(batches.flat()).toEqual(items);
          for (const batch of batches) {
            expect(batch.length).toBeGreaterThan(0);
            expect(batch.length).toBeLessThanOrEqual(maxItems);
            const spent = batch.reduce((sum, item) => sum + item.cost, 0);
            if (batch.length > 1) expect(spent).toBeLessThanOrEqual(budget);
          }
          // Greedy: a batch ends only when the next item would not fit (or the cap is reached).
          for (let i = 0; i + 1 < batches.length; i += 1) {
            const batch = batches[i]!;
            const spent = batch.reduce((sum, item) => sum + item.cost, 0);
            expect(batch.length === maxItems || spent + batches[i + 1]![0]!.cost > budget).toBe(true);
          }
        },
      ),
    );
  });

  it("lets costless blocks ride along, and gives an expensive block a batch of its own", () => {
    expect(batchByCost([0, 0, 5, 0, 9, 0, 1], (cost) => cost, 6, 10)).toEqual([[0, 0, 5, 0], [9], [0, 1]]);
    expect(batchByCost([], (cost: number) => cost, 6, 10)).toEqual([]);
  });
});
