// The uploader's corrections: text is kept, merges and splits undo each other, markers and marks move with their text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ImportCorrection } from "../../../shared/schemas/documents.ts";
import { applyCorrections, correctImport } from "../../../server/domain/import/corrections.ts";
import type { DraftBlock } from "../../../server/domain/import/import-text.ts";
import { emptyReport, finishImport } from "../../../server/domain/import/import-text.ts";

const word = fc.stringMatching(/^[a-zé’]{1,8}$/u);
/** Trimmed text of one to eight words separated by single spaces, as the importer makes blocks. */
const blockText = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(" "));

/** A block with footnote markers and marks placed anywhere inside its text. */
const draftBlock: fc.Arbitrary<DraftBlock> = blockText.chain((text) =>
  fc.record({
    kind: fc.constantFrom("paragraph" as const, "heading" as const),
    text: fc.constant(text),
    footnotes: fc
      .array(
        fc.record({
          marker: fc.constantFrom("1", "2", "*"),
          offset: fc.integer({ min: 1, max: text.length }),
        }),
        { maxLength: 3 },
      )
      .map((refs) => refs.sort((a, b) => a.offset - b.offset)),
    marks: fc.array(
      fc
        .tuple(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 1, max: text.length }))
        .filter(([a, b]) => b > a)
        .map(([start, end]) => ({ type: "em" as const, start, end })),
      { maxLength: 2 },
    ),
  }),
);

const blocks = fc.array(draftBlock, { minLength: 1, maxLength: 6 });

/** Where each block's non-space characters went, in order: what "no text lost" means. */
const letters = (list: readonly DraftBlock[]) => list.map((block) => block.text.replace(/\s/gu, "")).join("");

function expectInside(list: readonly DraftBlock[]) {
  for (const block of list) {
    for (const ref of block.footnotes) expect(ref.offset).toBeLessThanOrEqual(block.text.length);
    for (const mark of block.marks ?? []) {
      expect(mark.start).toBeGreaterThanOrEqual(0);
      expect(mark.end).toBeLessThanOrEqual(block.text.length);
      expect(mark.end).toBeGreaterThan(mark.start);
    }
  }
}

/** Any structural correction (merge, split, kind) that applies to `list`. */
const structural = (list: readonly DraftBlock[]) =>
  fc.integer({ min: 0, max: list.length - 1 }).chain((block): fc.Arbitrary<ImportCorrection> => {
    const text = (list[block] as DraftBlock).text;
    const cuts = [...text.matchAll(/ /gu)].map((match) => match.index);
    const options: fc.Arbitrary<ImportCorrection>[] = [
      fc.constant({ op: "kind", block, kind: list[block]!.kind === "heading" ? "paragraph" : "heading" }),
    ];
    if (block + 1 < list.length) options.push(fc.constant({ op: "merge", block }));
    if (cuts.length > 0)
      options.push(fc.constantFrom(...cuts).map((offset) => ({ op: "split", block, offset })));
    return fc.oneof(...options);
  });

describe("applyCorrections", () => {
  it("never loses or reorders text, and keeps markers and marks inside their block, through merges, splits and kinds", () => {
    fc.assert(
      fc.property(
        blocks.chain((list) => fc.tuple(fc.constant(list), structural(list))),
        ([list, correction]) => {
          const result = applyCorrections(list, [correction]);
          expect(letters(result.blocks)).toBe(letters(list));
          const markers = (l: readonly DraftBlock[]) =>
            l.flatMap((b) => b.footnotes.map((ref) => ref.marker));
          expect(markers(result.blocks)).toEqual(markers(list));
          expectInside(result.blocks);
          expect(result.applied).toHaveLength(1);
          result.ordinals.forEach((ordinal) => expect(result.blocks[ordinal]).toBeDefined());
        },
      ),
    );
  });

  it("undoes a merge by a split at the join: same texts, markers and marks", () => {
    fc.assert(
      fc.property(draftBlock, draftBlock, (first, second) => {
        const merged = applyCorrections([first, second], [{ op: "merge", block: 0 }]);
        expect(merged.blocks).toHaveLength(1);
        const split = applyCorrections(merged.blocks, [{ op: "split", block: 0, offset: first.text.length }]);
        expect(split.blocks).toEqual([first, { ...second, kind: first.kind }]);
      }),
    );
  });

  it("undoes a split at a space by a merge, when no mark crosses the cut", () => {
    fc.assert(
      fc.property(
        draftBlock
          .filter((block) => block.text.includes(" "))
          .chain((block) =>
            fc.tuple(
              fc.constant(block),
              fc.constantFrom(...[...block.text.matchAll(/ /gu)].map((match) => match.index)),
            ),
          )
          .filter(([block, cut]) => !(block.marks ?? []).some((mark) => mark.start <= cut && mark.end > cut)),
        ([block, cut]) => {
          const split = applyCorrections([block], [{ op: "split", block: 0, offset: cut }]);
          expect(split.blocks).toHaveLength(2);
          const merged = applyCorrections(split.blocks, [{ op: "merge", block: 0 }]);
          const byStart = (list: DraftBlock["marks"]) => [...(list ?? [])].sort((a, b) => a.start - b.start);
          expect(merged.blocks[0]!.text).toBe(block.text);
          const byOffset = (list: DraftBlock["footnotes"]) => [...list].sort((a, b) => a.offset - b.offset);
          expect(byOffset(merged.blocks[0]!.footnotes)).toEqual(byOffset(block.footnotes));
          expect(byStart(merged.blocks[0]!.marks)).toEqual(byStart(block.marks));
        },
      ),
    );
  });

  it("moves markers and marks with their text through an edit, and keeps them inside the block", () => {
    const block: DraftBlock = {
      kind: "paragraph",
      text: "The infiuence of print.",
      footnotes: [
        { marker: "1", offset: 13 },
        { marker: "2", offset: 23 },
      ],
      marks: [{ type: "em", start: 17, end: 22 }],
    };
    const [edited] = applyCorrections(
      [block],
      [{ op: "edit", block: 0, text: "The influence of printing." }],
    ).blocks;
    expect(edited!.footnotes.map((ref) => edited!.text.slice(0, ref.offset))).toEqual([
      "The influence",
      "The influence of printing.",
    ]);
    expect(edited!.text.slice(edited!.marks![0]!.start, edited!.marks![0]!.end)).toBe("printing");
    fc.assert(
      fc.property(draftBlock, blockText, (original, text) => {
        fc.pre(text !== original.text);
        const result = applyCorrections([original], [{ op: "edit", block: 0, text }]);
        expect(result.blocks[0]!.text).toBe(text);
        expect(result.blocks[0]!.footnotes).toHaveLength(original.footnotes.length);
        expectInside(result.blocks);
      }),
    );
  });

  it("edits long unrelated texts in moments, keeping markers in the shared start and end (no quadratic diff)", () => {
    const length = 50_000;
    const block: DraftBlock = {
      kind: "paragraph",
      text: `Start. ${"a".repeat(length)} End.`,
      footnotes: [
        { marker: "1", offset: 6 },
        { marker: "2", offset: length + 12 },
      ],
      marks: [{ type: "em", start: 0, end: 5 }],
    };
    const edits: ImportCorrection[] = Array.from({ length: 20 }, (_, index) => ({
      op: "edit",
      block: 0,
      text: `Start. ${(index % 2 ? "a" : "b").repeat(length)} End.`,
    }));
    const started = performance.now();
    const [edited] = applyCorrections([block], edits).blocks;
    expect(performance.now() - started).toBeLessThan(1500);
    expect(edited!.footnotes.map((ref) => edited!.text.slice(0, ref.offset))).toEqual([
      "Start.",
      `Start. ${"a".repeat(length)} End.`,
    ]);
    expect(edited!.marks).toEqual([{ type: "em", start: 0, end: 5 }]);
  });

  it("records a long block's text by its start and end, so that many corrections of it make a small report", () => {
    const text = `Opening words. ${"long ".repeat(200_000)}Closing words.`;
    const flips: ImportCorrection[] = Array.from({ length: 200 }, (_, index) => ({
      op: "kind",
      block: 0,
      kind: index % 2 ? "paragraph" : "quote",
    }));
    const { applied, blocks: corrected } = applyCorrections(
      [{ kind: "paragraph", text, footnotes: [] }],
      flips,
    );
    expect(corrected[0]!.text).toBe(text);
    expect(applied[0]!.before[0]!.text).toMatch(/^Opening words\. long .* … .*long Closing words\.$/u);
    expect(applied[0]!.before[0]!.text.length).toBeLessThanOrEqual(1003);
    expect(JSON.stringify(applied).length).toBeLessThan(1_000_000);
  });

  it.each<[string, ImportCorrection, RegExp]>([
    [
      "a block past the end",
      { op: "kind", block: 2, kind: "heading" },
      /Correction 1 \(kind block 2\) names no block/u,
    ],
    [
      "merging the last block",
      { op: "merge", block: 1 },
      /Correction 1 \(merge block 1\) has no next block/u,
    ],
    [
      "a cut past the text",
      { op: "split", block: 0, offset: 99 },
      /\(split block 0\) cuts at 99, past the end/u,
    ],
    ["a cut inside a character", { op: "split", block: 1, offset: 2 }, /cuts at 2, inside a character/u],
    ["a cut that leaves a part empty", { op: "split", block: 0, offset: 0 }, /would leave one part empty/u],
    ["an edit to nothing", { op: "edit", block: 0, text: "  " }, /would leave the block empty/u],
    ["an edit that changes nothing", { op: "edit", block: 0, text: "One two" }, /changes nothing/u],
    [
      "a kind it already has",
      { op: "kind", block: 0, kind: "paragraph" },
      /changes nothing: it is a paragraph/u,
    ],
  ])("refuses %s, naming the correction", (_name, correction, message) => {
    const list: DraftBlock[] = [
      { kind: "paragraph", text: "One two", footnotes: [] },
      { kind: "paragraph", text: "a😀b", footnotes: [] },
    ];
    expect(() => applyCorrections(list, [{ op: "kind", block: 1, kind: "heading" }, correction])).toThrow(
      message.source.startsWith("Correction 1")
        ? new RegExp(message.source.replace("Correction 1", "Correction 2"), "u")
        : message,
    );
  });

  it("applies each correction to the list the previous ones left", () => {
    const list: DraftBlock[] = [
      { kind: "paragraph", text: "Alpha beta", footnotes: [] },
      { kind: "paragraph", text: "Gamma", footnotes: [] },
      { kind: "paragraph", text: "Delta", footnotes: [] },
    ];
    const result = applyCorrections(list, [
      { op: "merge", block: 0 },
      { op: "split", block: 0, offset: 5 },
      { op: "kind", block: 2, kind: "heading" },
    ]);
    expect(result.blocks.map((block) => [block.kind, block.text])).toEqual([
      ["paragraph", "Alpha"],
      ["paragraph", "beta Gamma"],
      ["heading", "Delta"],
    ]);
    expect(result.ordinals).toEqual([0, 0, 2]);
    expect(result.applied[0]).toEqual({
      operation: { op: "merge", block: 0 },
      before: [
        { ordinal: 0, kind: "paragraph", text: "Alpha beta" },
        { ordinal: 1, kind: "paragraph", text: "Gamma" },
      ],
      after: [{ ordinal: 0, kind: "paragraph", text: "Alpha beta Gamma" }],
    });
  });
});

describe("correctImport", () => {
  const imported = () =>
    finishImport(
      [
        { kind: "title", text: "On Raeding", footnotes: [] },
        { kind: "paragraph", text: "First part. Second part.", footnotes: [{ marker: "1", offset: 11 }] },
        { kind: "paragraph", text: "Last", footnotes: [] },
      ],
      {
        ...emptyReport("text", 3),
        unresolved: [{ token: "Last", reason: "doubt", blockOrdinal: 2 }],
      },
      "source",
      {},
    );

  it("stores corrected blocks with fresh anchors and counts, records the corrections, and follows the title", () => {
    const result = correctImport(imported(), [
      { op: "edit", block: 0, text: "On Reading" },
      { op: "split", block: 1, offset: 11 },
      { op: "kind", block: 2, kind: "heading" },
    ]);
    expect(result.document.title).toBe("On Reading");
    expect(result.document.blocks.map((block) => [block.ordinal, block.kind, block.text])).toEqual([
      [0, "title", "On Reading"],
      [1, "paragraph", "First part."],
      [2, "heading", "Second part."],
      [3, "paragraph", "Last"],
    ]);
    expect(new Set(result.document.blocks.map((block) => block.anchorId)).size).toBe(4);
    expect(result.document.blocks[1]!.footnotes).toEqual([{ marker: "1", offset: 11 }]);
    expect(result.report.blocks).toMatchObject({ title: 1, paragraph: 2, heading: 1 });
    expect(result.report.unresolved).toEqual([
      { token: "Last", reason: "doubt", blockOrdinal: 3, sentence: "Last" },
    ]);
    expect(result.report.corrections?.map((entry) => entry.operation.op)).toEqual(["edit", "split", "kind"]);
  });

  it("leaves an import without corrections as it is", () => {
    const result = imported();
    expect(correctImport(result, [])).toBe(result);
  });
});
