// Which new blocks could be as similar as a threshold asks to an old block, found through the bigrams they share.
import type { MappableBlock } from "./version-mapping.ts";

/**
 * New blocks (from `byShingle`, bigram → holders) that may reach `threshold` with an old block of bigrams `left`
 * (`leftSize` in all). Dice ≥ t needs at least t·|A|/(2−t) shared bigrams (shared ≤ |B|), so a block sharing
 * none of the rarest bigrams weighing more than |A| minus that cannot reach it: only those are looked up.
 */
export function candidatesOf(
  left: ReadonlyMap<string, number>,
  leftSize: number,
  threshold: number,
  byShingle: ReadonlyMap<string, MappableBlock[]>,
  frequency: (key: string) => number,
): MappableBlock[] {
  // The slack keeps a pair whose score rounds onto the threshold.
  const least = threshold < 2 ? Math.ceil((threshold * leftSize) / (2 - threshold) - 1e-9) : leftSize + 1;
  const keys = [...left.keys()];
  if (least > 0) {
    const frequencies = new Map(keys.map((key) => [key, frequency(key)]));
    keys.sort((a, b) => frequencies.get(a)! - frequencies.get(b)!);
  }
  // Per candidate, the most it can share of the bigrams looked up.
  const bound = new Map<MappableBlock, number>();
  let weight = 0;
  for (const key of keys) {
    if (least > 0 && weight > leftSize - least) break;
    const count = left.get(key)!;
    weight += count;
    for (const block of byShingle.get(key) ?? []) bound.set(block, (bound.get(block) ?? 0) + count);
  }
  // Sharing little of those, and all of the rest, still too few.
  return [...bound].filter(([, most]) => most + leftSize - weight >= least).map(([block]) => block);
}
