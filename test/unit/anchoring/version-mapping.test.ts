// The block mapping between two versions: similarity as word-bigram Dice, and greedy best-first pairing by kind.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultSimilarityThreshold,
  mapVersionBlocks,
  scoreSimilarity,
  shingle,
  type MappableBlock,
} from "../../../server/domain/anchoring/version-mapping.ts";

const paragraph = (anchorId: string, text: string, ordinal: number): MappableBlock => ({
  anchorId,
  kind: "paragraph",
  text,
  ordinal,
});
const words = fc
  .array(fc.constantFrom("one", "two", "three", "four", "five", "Six"), { maxLength: 8 })
  .map((list) => list.join(" "));

describe("scoreSimilarity", () => {
  it("is symmetric, between 0 and 1, and 1 for the same words in the same order (property)", () => {
    fc.assert(
      fc.property(words, words, (a, b) => {
        const score = scoreSimilarity(a, b);
        expect(score).toBe(scoreSimilarity(b, a));
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(scoreSimilarity(a, a)).toBe(1);
      }),
    );
  });

  it("ignores case and punctuation, counts repeated bigrams as often as both texts have them", () => {
    expect(scoreSimilarity("One, two; THREE!", "one two three")).toBe(1);
    expect(scoreSimilarity("a b a b", "a b")).toBeCloseTo((2 * 1) / (3 + 1));
    expect(scoreSimilarity("a b a b", "a b a b x")).toBeCloseTo((2 * 3) / (3 + 4));
  });

  it("folds case without respelling words: “in Maßen” (in moderation) is not “in Massen” (in masses)", () => {
    expect(scoreSimilarity("IN MASSEN", "in Massen")).toBe(1);
    expect(scoreSimilarity("in Maßen", "in Massen")).toBe(0);
  });

  it("compares one-word texts by their word, and texts without words by their text", () => {
    expect(scoreSimilarity("Reading", "reading.")).toBe(1);
    expect(scoreSimilarity("reading", "writing")).toBe(0);
    expect(scoreSimilarity("reading", "reading matters")).toBe(0);
    expect(scoreSimilarity("* * *", " * * * ")).toBe(1);
    expect(scoreSimilarity(" * * * ", "* * *")).toBe(1);
    expect(scoreSimilarity("* * *", "---")).toBe(0);
  });
});

describe("mapVersionBlocks", () => {
  it("follows copies of a repeated block by where they stand, not by their numbered ids", () => {
    const refrain = "the same refrain comes back here word for word";
    const edited = "the same refrain comes back here almost word for word, once";
    const middle = "a verse between the two refrains";
    // The first copy is edited, so the second copy now carries the first copy's number.
    const before = [paragraph("r-1", refrain, 0), paragraph("m-1", middle, 1), paragraph("r-2", refrain, 2)];
    const after = [paragraph("e-1", edited, 0), paragraph("m-1", middle, 1), paragraph("r-1", refrain, 2)];
    const mapping = mapVersionBlocks(before, after);
    expect(mapping.blocks).toEqual([
      { status: "changed", oldAnchorId: "r-1", newAnchorId: "e-1", similarity: expect.any(Number) },
      { status: "unchanged", oldAnchorId: "m-1", newAnchorId: "m-1" },
      { status: "unchanged", oldAnchorId: "r-2", newAnchorId: "r-1" },
    ]);
    expect(mapping.added).toEqual([]);
  });
  it("pairs a changed block at the threshold, rounding its similarity to three decimals", () => {
    // 2 shared of 3 + 3 bigrams: 2/3.
    const mapping = mapVersionBlocks(
      [paragraph("old", "one two three four", 0)],
      [paragraph("new", "one two three five", 0)],
      2 / 3,
    );
    expect(mapping).toEqual({
      blocks: [{ status: "changed", oldAnchorId: "old", newAnchorId: "new", similarity: 0.667 }],
      added: [],
      threshold: 2 / 3,
    });
    expect(
      mapVersionBlocks([paragraph("old", "a b c d", 0)], [paragraph("new", "a b c e", 0)]).threshold,
    ).toBe(defaultSimilarityThreshold);
  });

  it("keeps a block whose anchor id the new version still has as unchanged, even beside a copy of its text", () => {
    const mapping = mapVersionBlocks(
      [paragraph("kept", "one two three", 0), paragraph("rule", "* * *", 1)],
      [
        paragraph("copy", "one two three", 0),
        paragraph("kept", "one two three", 1),
        paragraph("rule", "* * *", 2),
      ],
    );
    expect(mapping.blocks).toEqual([
      { status: "unchanged", oldAnchorId: "kept", newAnchorId: "kept" },
      { status: "unchanged", oldAnchorId: "rule", newAnchorId: "rule" },
    ]);
    expect(mapping.added).toEqual(["copy"]);
  });

  it("pairs the nearer old block when scores tie, wherever in the document the pair lies", () => {
    // Distance, not position: the pair 5→6 is nearer than 0→6 although 0 + 6 < 5 + 6.
    for (const order of [
      ["early", "late"],
      ["late", "early"],
    ] as const) {
      const ordinals = { early: 0, late: 5 };
      const mapping = mapVersionBlocks(
        order.map((id) => paragraph(id, "one two three four", ordinals[id])),
        [paragraph("n", "one two three four five", 6)],
      );
      expect(mapping.blocks.find((fate) => fate.status === "changed")?.oldAnchorId, order.join()).toBe(
        "late",
      );
    }
  });

  it("pairs the most similar blocks first, and the nearer one when scores tie", () => {
    const mapping = mapVersionBlocks(
      [paragraph("o1", "one two three four five", 0), paragraph("o2", "one two three four six", 5)],
      [paragraph("n1", "one two three four six", 1), paragraph("n2", "one two three four five", 2)],
    );
    expect(
      mapping.blocks.map((fate) => [fate.oldAnchorId, "newAnchorId" in fate ? fate.newAnchorId : undefined]),
    ).toEqual([
      ["o1", "n2"],
      ["o2", "n1"],
    ]);
    const tie = mapVersionBlocks(
      [paragraph("far", "one two three four", 9), paragraph("near", "one two three four", 2)],
      [paragraph("n", "one two three four five", 3)],
    );
    expect(tie.blocks).toEqual([
      { status: "removed", oldAnchorId: "far" },
      { status: "changed", oldAnchorId: "near", newAnchorId: "n", similarity: 0.857 },
    ]);
  });

  it("maps every old block once and every new block at most once (property)", () => {
    const version = fc.array(words, { maxLength: 6 }).map((texts) => texts.map((text, i) => ({ text, i })));
    fc.assert(
      fc.property(version, version, fc.nat(5), (before, after, shared) => {
        const old = before.map(({ text, i }) => paragraph(i < shared ? `s${i}` : `o${i}`, text, i));
        const next = after.map(({ text, i }) => paragraph(i < shared ? `s${i}` : `n${i}`, text, i));
        const mapping = mapVersionBlocks(old, next);
        expect(mapping.blocks.map((fate) => fate.oldAnchorId)).toEqual(old.map((block) => block.anchorId));
        const targets = mapping.blocks.flatMap((fate) =>
          fate.status === "removed" ? [] : [fate.newAnchorId],
        );
        expect(new Set([...targets, ...mapping.added]).size).toBe(next.length);
        expect(targets.length + mapping.added.length).toBe(next.length);
        for (const fate of mapping.blocks) {
          if (fate.status === "unchanged") expect(fate.newAnchorId).toBe(fate.oldAnchorId);
          if (fate.status === "changed")
            expect(fate.similarity).toBeGreaterThanOrEqual(defaultSimilarityThreshold);
        }
      }),
    );
  });
  it("pairs as comparing every old block with every new one would, look-alikes and ties included (property)", () => {
    // A small vocabulary: many blocks alike or the same, many equal scores at equal distances.
    const texts = fc.array(
      fc
        .array(fc.constantFrom("a", "b", "c", "of", "the"), { minLength: 1, maxLength: 6 })
        .map((w) => w.join(" ")),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(texts, texts, fc.constantFrom(0.2, 0.5, 0.8), (before, after, threshold) => {
        // Few places too, so that many pairs lie at the same distance.
        const old = before.map((text, i) => paragraph(`o${i}`, text, i % 3));
        const next = after.map((text, i) => paragraph(`n${i}`, text, i % 3));
        // Every pair sharing a bigram, in the order the old blocks, their bigrams and the new blocks come.
        const pairs = old.flatMap((o) => {
          const keys = [...shingle(o.text).keys()];
          return next
            .map((n) => ({ o, n, rank: keys.findIndex((key) => shingle(n.text).has(key)) }))
            .filter(({ rank }) => rank >= 0)
            .sort((x, y) => x.rank - y.rank)
            .map(({ o, n }) => ({ o, n, similarity: scoreSimilarity(o.text, n.text) }))
            .filter(({ similarity }) => similarity >= threshold);
        });
        pairs.sort(
          (x, y) =>
            y.similarity - x.similarity ||
            Math.abs(x.o.ordinal - x.n.ordinal) - Math.abs(y.o.ordinal - y.n.ordinal),
        );
        const expected = new Map<string, string>();
        const used = new Set<string>();
        for (const { o, n } of pairs) {
          if (expected.has(o.anchorId) || used.has(n.anchorId)) continue;
          expected.set(o.anchorId, n.anchorId);
          used.add(n.anchorId);
        }
        const mapping = mapVersionBlocks(old, next, threshold);
        expect(
          new Map(
            mapping.blocks.flatMap((fate) =>
              "newAnchorId" in fate ? [[fate.oldAnchorId, fate.newAnchorId]] : [],
            ),
          ),
        ).toEqual(expected);
      }),
      // A tie settled by bigram order: "c the a a" shares the old block's first bigram, "the b a a" only its second.
      { numRuns: 500, examples: [[["c the b"], ["the b a a", "a", "a", "c the a a"], 0.2]] },
    );
  });
});
