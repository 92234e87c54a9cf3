// The candidate search of the block mapping: every new block that could reach the threshold is offered, and blocks
// that share too few bigrams to reach it are not.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidatesOf } from "../../../server/domain/anchoring/bigram-candidates.ts";
import {
  scoreSimilarity,
  shingle,
  type MappableBlock,
} from "../../../server/domain/anchoring/version-mapping.ts";

const block = (text: string, ordinal: number): MappableBlock => ({
  anchorId: `b${ordinal}-1`,
  kind: "paragraph",
  text,
  ordinal,
});

/** The candidates of `old` among `blocks` at `threshold`, as the mapping asks for them. */
function candidates(old: string, blocks: MappableBlock[], threshold: number) {
  const byShingle = new Map<string, MappableBlock[]>();
  for (const next of blocks) {
    for (const key of shingle(next.text).keys()) byShingle.set(key, [...(byShingle.get(key) ?? []), next]);
  }
  const left = shingle(old);
  const size = [...left.values()].reduce((sum, count) => sum + count, 0);
  return candidatesOf(left, size, threshold, byShingle, (key) => byShingle.get(key)?.length ?? 0);
}

describe("candidatesOf", () => {
  it("offers the block that shares enough, and leaves out one that shares a single common pair of words", () => {
    const old = "the keeper rowed out at night and brought nine survivors back to the island";
    const close = block("the keeper rowed out at dawn and brought nine survivors back to the island", 0);
    const far = block("a gull sat on the island roof all winter long without moving once", 1);
    const found = candidates(old, [close, far], 0.5);
    expect(found).toEqual([close]);
    expect(scoreSimilarity(old, far.text)).toBeLessThan(0.5);
  });

  it("offers nothing when nothing is shared, and every block sharing a bigram at threshold 0", () => {
    const blocks = [block("one two three", 0), block("four five six", 1), block("two three four", 2)];
    expect(candidates("seven eight nine", blocks, 0.5)).toEqual([]);
    expect(new Set(candidates("one two three four", blocks, 0))).toEqual(new Set([blocks[0], blocks[2]]));
  });

  it("offers every block whose similarity reaches the threshold, and only blocks that share a bigram", () => {
    const words = fc.constantFrom("sea", "salt", "boat", "wind", "light", "rock", "keeper", "night");
    const text = fc.array(words, { minLength: 1, maxLength: 12 }).map((list) => list.join(" "));
    fc.assert(
      fc.property(
        text,
        fc.array(text, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(0.3, 0.5, 0.8),
        (old, texts, threshold) => {
          const blocks = texts.map(block);
          const found = new Set(candidates(old, blocks, threshold));
          const oldKeys = new Set(shingle(old).keys());
          for (const next of blocks) {
            if (scoreSimilarity(old, next.text) >= threshold) expect(found.has(next)).toBe(true);
            if (found.has(next))
              expect([...shingle(next.text).keys()].some((key) => oldKeys.has(key))).toBe(true);
          }
        },
      ),
      { seed: 17, numRuns: 400 },
    );
  });
});
