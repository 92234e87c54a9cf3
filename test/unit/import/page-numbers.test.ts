// Page furniture: which lines are page numbers, what goes with a removed one, and layout cues for page starts.
import { describe, expect, it } from "vitest";
import { splitLines } from "../../../server/domain/import/lines.ts";
import { isPageNumberLine, scanPages } from "../../../server/domain/import/page-artefacts.ts";

describe("isPageNumberLine", () => {
  it("takes a line that is only a page number, in digits or roman numerals, bare, dashed, bracketed or with Page", () => {
    for (const text of [
      "7",
      "1234",
      "- 12 -",
      "–12–",
      "—12—",
      "(12)",
      "[12]",
      "Page 12",
      "page  3",
      "xiv",
      "XIV",
      "cxlviii",
      "(iv)",
    ])
      expect(isPageNumberLine(text), text).toBe(true);
  });

  it("does not take numbers with more digits or letters, mixed-case numerals, or long lines", () => {
    for (const text of [
      "12345",
      "12a",
      "Xiv",
      "xivxivxi",
      "Pages 12",
      "12 apples",
      "Page 12 of the book",
      "",
      "- -",
      "1.2",
    ])
      expect(isPageNumberLine(text), text).toBe(false);
  });
});

describe("scanPages", () => {
  it("removes an isolated page number with the blank lines around it, flagging the next line as a page start", () => {
    const scan = scanPages(
      splitLines(["Title", "", "text before the break", "", "12", "", "text after it", "more"].join("\n")),
    );
    expect(scan.lines.map((line) => [line.text, line.pageBreakBefore])).toEqual([
      ["Title", false],
      ["", false],
      ["text before the break", false],
      ["text after it", true],
      ["more", false],
    ]);
    expect(scan).toMatchObject({ pageBreaks: 1, artefactsRemoved: 1 });
  });

  it("keeps a number that is the first line of text, or that sits inside a run of text", () => {
    const first = scanPages(splitLines(["", "1", "", "One begins."].join("\n")));
    expect(first.lines.map((line) => line.text)).toContain("1");
    const inside = scanPages(splitLines(["Title", "", "the total was", "12", "in all"].join("\n")));
    expect(inside.lines.map((line) => line.text)).toEqual(["Title", "", "the total was", "12", "in all"]);
    expect(inside.artefactsRemoved).toBe(0);
  });

  it("in blank-separated text, takes a line indented deeper than its neighbours inside a paragraph as a page start", () => {
    const text = [
      "Title",
      "",
      "a paragraph that runs",
      "   on after a page",
      "and ends.",
      "",
      "Another one.",
    ].join("\n");
    const scan = scanPages(splitLines(text));
    expect(scan.blankSeparated).toBe(true);
    expect(scan.lines.filter((line) => line.pageBreakBefore).map((line) => line.text)).toEqual([
      "on after a page",
    ]);
    // Without blank lines between paragraphs an indent starts a paragraph, not a page.
    const dense = scanPages(
      splitLines(["Title", "a paragraph that runs", "   on after a page", "and ends."].join("\n")),
    );
    expect(dense.lines.filter((line) => line.pageBreakBefore)).toEqual([]);
  });
});
