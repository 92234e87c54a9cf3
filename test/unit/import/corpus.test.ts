// The corpus of real documents through the real importers: no entry may score fewer exact blocks than its baseline.
import { describe, expect, it } from "vitest";
import {
  corpusImporters,
  listCorpus,
  readBaseline,
  scoreBlocks,
  scoreSource,
  wordDiff,
} from "../../helpers/import-corpus.ts";

const baseline = readBaseline();
const entries = listCorpus();
const raise = "npx tsx bench/import-corpus.ts --write-baseline";

describe("import corpus (exact blocks never below test/fixtures/corpus/baseline.json)", () => {
  it("has the documents the issue asks for, each with its extractions", () => {
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const entry of entries) {
      expect(entry.expected.length, `${entry.name}/expected.json`).toBeGreaterThan(3);
      const kinds = entry.sources.map((source) => source.kind);
      if (kinds.includes("pdf"))
        expect(kinds, entry.name).toEqual(
          expect.arrayContaining(["pdftotext", "pdftotext-raw", "pdftotext-layout"]),
        );
    }
  });

  for (const entry of entries) {
    for (const { kind } of entry.sources) {
      if (!corpusImporters[kind]) continue;
      it(`${entry.name} from ${kind}`, async () => {
        const score = await scoreSource(entry, kind);
        const minimum = baseline[entry.name]?.[kind] ?? 0;
        const where = `${entry.name} from ${kind}: ${score?.exact} of ${score?.expected} blocks exact`;
        expect(
          score?.exact,
          `${where}, below the baseline ${minimum}. See the misses: npx tsx bench/import-corpus.ts --diff --entry ${entry.name} --source ${kind}`,
        ).toBeGreaterThanOrEqual(minimum);
        if ((score?.exact ?? 0) > minimum)
          console.info(`${where}, above the baseline ${minimum}: raise it with ${raise}`);
      });
    }
  }
});

describe("corpus scoring", () => {
  const para = (text: string) => ({ kind: "paragraph" as const, text });

  it("counts in-order exact blocks, and shows blocks merged into one imported block against it", () => {
    const expected = [para("a b"), para("c d"), para("e f")];
    const score = scoreBlocks(expected, [para("a b"), para("1/4"), para("c d e f")]);
    expect(score.exact).toBe(1);
    expect(score.misses.map((miss) => [miss.expectedIndex, miss.closestIndex])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(score.extras.map((extra) => extra.block.text)).toEqual(["1/4"]);
  });

  it("needs the kind and every footnote's marker, offset and note to match", () => {
    const noted = {
      kind: "paragraph" as const,
      text: "x y",
      footnotes: [{ marker: "1", offset: 1, note: "n" }],
    };
    expect(scoreBlocks([noted], [noted]).exact).toBe(1);
    expect(
      scoreBlocks([noted], [{ ...noted, footnotes: [{ marker: "1", offset: 2, note: "n" }] }]).exact,
    ).toBe(0);
    expect(scoreBlocks([noted], [{ ...noted, kind: "heading" }]).exact).toBe(0);
    expect(scoreBlocks([noted], [para("x y")]).exact).toBe(0);
  });

  it("shows a miss as a word diff with long stretches shortened", () => {
    expect(wordDiff("the first season", "the rst season")).toBe("the [-first-]{+rst+} season");
    expect(wordDiff("a", `a ${"x".repeat(100)}`, 5)).toBe("a{+ xxxx …91… xxxxx+}");
  });
});
