// Long blocks in runs: nothing lost or reordered, no run too long, words and characters kept whole.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { segmentBlock, type Piece } from "./anchoring.ts";
import { groupIntoRuns, runBoundaries } from "./runs.ts";

const textOf = (pieces: readonly Piece[]) =>
  pieces.map((piece) => (piece.kind === "text" ? piece.text : `[${piece.marker}]`)).join("");

describe("runBoundaries", () => {
  it("leaves a text that fits in one run alone", () => {
    expect(runBoundaries("a few words", 100)).toEqual([]);
  });

  it("ends runs after whitespace, and cuts a text without any between characters", () => {
    expect(runBoundaries("aaaa bbbb cccc", 7)).toEqual([5, 10]);
    expect(runBoundaries("😀😀😀😀", 3)).toEqual([2, 4, 6]);
  });
});

describe("groupIntoRuns", () => {
  it("keeps every piece, in order, with marks, highlights and footnotes, and no run over the limit", () => {
    // Letters, an emoji (a surrogate pair) and a lone surrogate, in words of up to 12 characters.
    const word = fc
      .array(fc.constantFrom("a", "b", "z", "😀", "\ud83d"), { minLength: 1, maxLength: 12 })
      .map((characters) => characters.join(""));
    const text = fc.array(word, { minLength: 1, maxLength: 60 }).map((words) => words.join(" "));
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 40 }), fc.nat(), fc.nat(), (source, max, a, b) => {
        const n = source.length;
        const [from, to] = [a % n, b % n].sort((x, y) => x - y) as [number, number];
        const pieces = segmentBlock(
          source,
          [{ type: "em", start: from, end: to }],
          [{ marker: "1", offset: to }],
          [{ id: "t", start: from, end: n }],
        );
        const bounds = runBoundaries(source, max);
        const runs = groupIntoRuns(pieces, bounds);
        expect(runs).toHaveLength(bounds.length + 1);
        expect(textOf(runs.flat())).toBe(textOf(pieces));
        for (const run of runs) {
          const length = run.reduce((sum, piece) => sum + (piece.kind === "text" ? piece.text.length : 0), 0);
          expect(length).toBeLessThanOrEqual(max);
        }
        for (const cut of bounds)
          expect(source.slice(cut - 1, cut + 1)).not.toMatch(/^[\uD800-\uDBFF][\uDC00-\uDFFF]$/);
        const marked = runs.flat().filter((piece) => piece.kind === "text" && piece.marks.includes("em"));
        expect(marked.map((piece) => (piece.kind === "text" ? piece.text : "")).join("")).toBe(
          source.slice(from, to),
        );
      }),
    );
  });

  it("keeps a footnote marker with the text before it", () => {
    const pieces = segmentBlock("abcdef", [], [{ marker: "1", offset: 3 }]);
    const runs = groupIntoRuns(pieces, [3]);
    expect(runs.map(textOf)).toEqual(["abc[1]", "def"]);
  });
});
