// Markdown footnote definitions ride on their references instead of becoming stray numbered paragraphs; the text
// around them keeps its anchor ids, and a definition nothing refers to stays in the text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignAnchorIds } from "../../../server/domain/import/anchor-id.ts";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { importText } from "../../../server/domain/import/import-text.ts";
import { mapVersionBlocks } from "../../../server/domain/anchoring/version-mapping.ts";

const dictionary = createDictionary([]);
const importMarkdown = (text: string) => importText(text, { dictionary, format: "markdown" }).document.blocks;
const refsOf = (blocks: ReturnType<typeof importMarkdown>) => blocks.flatMap((block) => block.footnotes);

describe("Markdown footnote notes", () => {
  it("attach a definition's text, with its marks, to every reference to it", () => {
    const blocks = importMarkdown(
      [
        "# Notes",
        "",
        "[^early]: Defined before it is used, *in italics*.",
        "",
        "First mention.[^early] Second claim.[^2]",
        "",
        "Mentioned again.[^early]",
        "",
        "[^2]: A note whose first line",
        "goes on lazily, and has **more**.",
        "",
        "    A second paragraph, indented under it.",
        "",
        "After the notes.",
      ].join("\n"),
    );
    expect(blocks.map((block) => block.text)).toEqual([
      "Notes",
      "First mention. Second claim.",
      "Mentioned again.",
      "After the notes.",
    ]);
    const early = {
      text: "Defined before it is used, in italics.",
      marks: [{ type: "em", start: 27, end: 37 }],
    };
    expect(refsOf(blocks)).toEqual([
      { marker: "early", offset: 14, note: early },
      {
        marker: "2",
        offset: 28,
        note: {
          text: "A note whose first line goes on lazily, and has more.\nA second paragraph, indented under it.",
          marks: [{ type: "strong", start: 48, end: 52 }],
        },
      },
      { marker: "early", offset: 16, note: early },
    ]);
  });

  it("leave a marker without a definition bare, and keep a definition nothing refers to as its paragraph", () => {
    const blocks = importMarkdown(
      [
        "# Notes",
        "",
        "Only a marker.[^9] An empty note.[^e]",
        "",
        "[^orphan]: Nobody points here.",
        "",
        "[^e]:",
        "",
        "The end.",
      ].join("\n"),
    );
    expect(blocks.map((block) => block.text)).toEqual([
      "Notes",
      "Only a marker. An empty note.",
      "orphan. Nobody points here.",
      "e.",
      "The end.",
    ]);
    expect(refsOf(blocks)).toEqual([
      { marker: "9", offset: 14 },
      { marker: "e", offset: 29 },
    ]);
  });

  it("use the first of two definitions of one label", () => {
    const blocks = importMarkdown(["Text.[^1]", "", "[^1]: First.", "", "[^1]: Second."].join("\n"));
    expect(refsOf(blocks)[0]?.note).toEqual({ text: "First." });
    expect(blocks.map((block) => block.text)).toEqual(["Text.", "1. Second."]);
  });

  it("keep the anchor ids of the text when notes stop being paragraphs: a re-import maps every paragraph unchanged", () => {
    const source = [
      "# On Margins",
      "",
      "Reading together is slower.[^1]",
      "",
      "[^1]: A footnote body.",
      "",
      "And better.",
    ].join("\n");
    const now = importMarkdown(source);
    // What earlier versions stored: the definition as a numbered paragraph in the flow.
    const before = [...now.slice(0, 2), { kind: "paragraph" as const, text: "1. A footnote body." }, now[2]!];
    const beforeIds = assignAnchorIds(before);
    const beforeBlocks = before.map((block, ordinal) => ({
      ...block,
      anchorId: beforeIds[ordinal]!,
      ordinal,
    }));
    expect(now.map((block) => block.anchorId)).toEqual([beforeIds[0], beforeIds[1], beforeIds[3]]);
    const mapping = mapVersionBlocks(beforeBlocks, now);
    expect(mapping.blocks.map((fate) => fate.status)).toEqual([
      "unchanged",
      "unchanged",
      "removed",
      "unchanged",
    ]);
    expect(mapping.added).toEqual([]);
  });

  it("never lose a note's text, and never change the ids of the paragraphs around the definitions", () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,8}$/u);
    const sentence = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => `${words.join(" ")}.`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sentence, fc.option(fc.integer({ min: 1, max: 6 }), { nil: null })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), sentence), { maxLength: 6 }),
        (paragraphs, definitions) => {
          const body = paragraphs.map(([text, ref]) => (ref === null ? text : `${text}[^${ref}]`));
          const notes = definitions.map(([label, text]) => `[^${label}]: ${text}`);
          const blocks = importMarkdown([...body, ...notes].join("\n\n"));
          const bare = importMarkdown(body.join("\n\n"));
          // The paragraphs of the text come first, with the ids they have without any definition.
          expect(blocks.slice(0, bare.length).map((block) => block.anchorId)).toEqual(
            bare.map((block) => block.anchorId),
          );
          const referenced = new Set(paragraphs.flatMap(([, ref]) => (ref === null ? [] : [String(ref)])));
          const first = new Map<number, number>();
          definitions.forEach(([label], index) => {
            if (!first.has(label)) first.set(label, index);
          });
          for (const ref of refsOf(blocks)) {
            expect(ref.note?.text).toBe(definitions[first.get(Number(ref.marker))!]?.[1]);
          }
          // Every definition is on a reference or still in the text, where it was.
          const taken = (label: number, index: number) =>
            referenced.has(String(label)) && first.get(label) === index;
          const rest = blocks.slice(bare.length).map((block) => block.text);
          const expected = definitions
            .filter(([label], index) => !taken(label, index))
            .map(([label, text]) => `${label}. ${text}`);
          expect(rest).toEqual(expected);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});
