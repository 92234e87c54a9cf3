// How an export splits the text into batches: each read, built and written in one go, so each is kept small.

/**
 * Splits `items` (in order) into consecutive batches whose costs add up to at most `budget`, and that hold at most
 * `maxItems` items each. An item costing more than `budget` alone makes a batch of its own. Costless items (blocks
 * with no discussion) ride along with the others up to `maxItems`. Concatenating the batches gives `items` back.
 */
export function batchByCost<T>(
  items: readonly T[],
  costOf: (item: T) => number,
  budget: number,
  maxItems: number,
): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let spent = 0;
  for (const item of items) {
    const cost = costOf(item);
    if (batch.length > 0 && (spent + cost > budget || batch.length >= maxItems)) {
      batches.push(batch);
      batch = [];
      spent = 0;
    }
    batch.push(item);
    spent += cost;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
