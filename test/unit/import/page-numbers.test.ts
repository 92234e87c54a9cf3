// Page furniture: which lines are page numbers, what goes with a removed one, and layout cues for page starts.
import { describe, expect, it } from "vitest";
import { splitLines } from "../../../server/domain/import/lines.ts";
import { isPageNumberLine, scanPages } from "../../../server/domain/import/page-artefacts.ts";
import type { PageScan } from "../../../server/domain/import/page-artefacts.ts";

const scanText = (...lines: string[]) => scanPages(splitLines(lines.join("\n")));
const texts = (scan: PageScan) => scan.lines.map((line) => line.text);
const flagged = (scan: PageScan) =>
  scan.lines.filter((line) => line.pageBreakBefore).map((line) => line.text);

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

  it("takes no line longer than twelve characters for a page number", () => {
    expect(isPageNumberLine("Page    1234")).toBe(true);
    expect(isPageNumberLine("Page     1234")).toBe(false);
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

  it("removes a page number with a blank line on one side only, or at the very end of the text", () => {
    const oneSide = scanText("Title", "", "text before", "", "12", "text after");
    expect(texts(oneSide)).toEqual(["Title", "", "text before", "text after"]);
    const after = scanText("Title", "", "text before", "12", "", "text after");
    expect(texts(after)).toEqual(["Title", "", "text before", "text after"]);
    const last = scanText("Title", "", "the last words", "12");
    expect(texts(last)).toEqual(["Title", "", "the last words"]);
    expect(last).toMatchObject({ artefactsRemoved: 1, pageBreaks: 0 });
  });

  it("removes page numbers standing next to each other, as one piece of furniture", () => {
    const scan = scanText("Title", "", "text before", "xii", "12", "text after");
    expect(texts(scan)).toEqual(["Title", "", "text before", "text after"]);
    expect(scan.artefactsRemoved).toBe(2);
  });

  it("counts paragraphs as blank-separated when at least one line in 25 is blank", () => {
    const prose = (count: number) =>
      Array.from({ length: count }, (_, index) => `prose line ${"abcdefghijklmnopqrstuvwxyz"[index]}`);
    expect(scanText("Title", "", ...prose(23)).blankSeparated).toBe(true);
    expect(scanText("Title", "", ...prose(24)).blankSeparated).toBe(false);
  });

  it("in blank-separated text, takes a line indented like the one before but deeper than the next as a page start", () => {
    const scan = scanText(
      "Title",
      "",
      "  a paragraph that",
      "  runs on after a page",
      "and ends.",
      "",
      "Next.",
    );
    expect(flagged(scan)).toEqual(["runs on after a page"]);
    expect(scan.pageBreaks).toBe(1);
  });

  it("takes no layout cue from an indented paragraph start, a blank line, or a line indented like both neighbours", () => {
    const scan = scanText(
      "Title",
      "",
      "   An indented paragraph",
      "   goes on",
      "   and on",
      "",
      "Next one",
      "    ",
      "  ends",
      "  here",
    );
    expect(scan.blankSeparated).toBe(true);
    // A line of spaces has an indent but no text; the line after it starts a paragraph, not a page.
    expect(flagged(scan)).toEqual([]);
    const deeper = scanText("Title", "", "text", "  a", "  b", "", "y");
    expect(flagged(deeper)).toEqual(["a"]);
  });
});
