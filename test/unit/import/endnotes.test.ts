// Endnotes printed as a closing "Notes" section ride on their markers; the heading and back links go.
import { describe, expect, it } from "vitest";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { findEndnotes } from "../../../server/domain/import/endnotes.ts";
import { importText } from "../../../server/domain/import/import-text.ts";
import { splitLines } from "../../../server/domain/import/lines.ts";

const dictionary = createDictionary([]);
const blocksOf = (text: string) => importText(text, { dictionary, format: "text" }).document.blocks;
const body = [
  "A Short Title",
  "",
  "The first paragraph makes a claim that needs a source.1",
  "",
  "The second paragraph makes another claim, also sourced.2",
  "",
];

describe("endnotes", () => {
  it.each([
    [
      "numbered with a period, back links on their own lines",
      ["1. The first source, which runs", "on to a second line.", "↩", "2. The second source. ↩"],
    ],
    [
      "numbered with a space, back links at their ends",
      ["1 The first source, which runs", "on to a second line. ↩︎", "2 The second source. ↩︎"],
    ],
    [
      "numbered with a parenthesis, blank lines between",
      ["1) The first source, which runs", "on to a second line.", "", "2) The second source."],
    ],
  ])("takes a Notes section %s onto the markers", (_kind, notes) => {
    const blocks = blocksOf([...body, "Notes", ...notes, ""].join("\n"));
    expect(blocks.map((block) => block.text)).toEqual([
      "A Short Title",
      "The first paragraph makes a claim that needs a source.",
      "The second paragraph makes another claim, also sourced.",
    ]);
    expect(blocks.flatMap((block) => block.footnotes)).toEqual([
      { marker: "1", offset: 54, note: { text: "The first source, which runs on to a second line." } },
      { marker: "2", offset: 55, note: { text: "The second source." } },
    ]);
  });

  it("takes notes with back links even without a heading", () => {
    const blocks = blocksOf([...body, "1. The first source. ↩", "2. The second source. ↩", ""].join("\n"));
    expect(blocks.map((block) => block.footnotes.map((ref) => ref.note?.text))).toEqual([
      [],
      ["The first source."],
      ["The second source."],
    ]);
  });

  it("keeps a closing numbered list without a heading or back links, or whose markers are not in the text", () => {
    const list = ["1. Take the first step.", "2. Take the second step."];
    expect(blocksOf([...body, ...list, ""].join("\n")).map((block) => block.text)).toContain(list[1]);
    const unmarked = body.map((line) => line.replace(/\d$/u, ""));
    const blocks = blocksOf([...unmarked, "Notes", ...list, ""].join("\n"));
    expect(blocks.map((block) => block.text).join(" ")).toContain(`Notes ${list[0]}`);
    expect(blocks.flatMap((block) => block.footnotes)).toEqual([]);
  });

  it("reads texts shaped to make the note search quadratic in a blink: 100,000 '1 …' lines, long runs of spaces and links", () => {
    const ones = Array.from({ length: 100_000 }, () => "1 a").join("\n");
    expect(findEndnotes(splitLines(ones))).toBeUndefined();
    const spaced = [...body, "Notes", "", `1. A source.${" ".repeat(200_000)}x`, "2. Another ↩"].join("\n");
    expect(findEndnotes(splitLines(spaced))?.notes).toHaveLength(2);
    const links = [...body, "Notes", "", `1. A source. ${"↩".repeat(200_000)}`, "2. Another ↩"].join("\n");
    expect(findEndnotes(splitLines(links))?.notes).toHaveLength(2);
  });
});
