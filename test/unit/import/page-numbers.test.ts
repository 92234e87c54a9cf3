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
  it("removes an isolated decorated page number with the blank lines around it, flagging the next line as a page start", () => {
    const scan = scanPages(
      splitLines(
        ["Title", "", "text before the break", "", "- 12 -", "", "text after it", "more"].join("\n"),
      ),
    );
    expect(scan.lines.map((line) => [line.text, line.pageBreakBefore])).toEqual([
      ["Title", false],
      ["", false],
      ["text before the break", false],
      ["text after it", true],
      ["more", false],
    ]);
    expect(scan).toMatchObject({ pageBreaks: 1, artefactsRemoved: 1, keptNumerals: [] });
  });

  it("keeps a lone bare numeral with no page evidence (a section number, a year) and lists it", () => {
    for (const numeral of ["12", "IV", "1848", "xiv"]) {
      const scan = scanText("Title", "", "The first part ends.", "", numeral, "", "The second part begins.");
      expect(texts(scan), numeral).toEqual([
        "Title",
        "",
        "The first part ends.",
        "",
        numeral,
        "",
        "The second part begins.",
      ]);
      expect(scan, numeral).toMatchObject({ artefactsRemoved: 0, pageBreaks: 0, keptNumerals: [numeral] });
    }
  });

  it("takes bare numerals for page numbers only as an increasing sequence that interrupts running text", () => {
    const interrupted = scanText(
      "Title",
      "",
      "a sentence that runs",
      "",
      "3",
      "",
      "on and on.",
      "",
      "4",
      "",
      "And more.",
    );
    expect(texts(interrupted)).toEqual(["Title", "", "a sentence that runs", "on and on.", "And more."]);
    expect(interrupted).toMatchObject({ artefactsRemoved: 2, keptNumerals: [] });
    // Section numerals in order, each between finished sentences, stay.
    const sections = scanText("Title", "", "One ends.", "", "I", "", "Two ends.", "", "II", "", "Three.");
    expect(sections).toMatchObject({ artefactsRemoved: 0, keptNumerals: ["I", "II"] });
    // Out of order, even inside sentences: no sequence.
    const disorder = scanText("Title", "", "a sentence", "", "4", "", "runs on", "", "3", "", "and ends.");
    expect(disorder).toMatchObject({ artefactsRemoved: 0, keptNumerals: ["4", "3"] });
    // One alone inside a sentence is no sequence either; a following lower-case line is enough to interrupt.
    const after = scanText("Title", "", "Ends here.", "", "5", "", "goes on", "", "6", "", "Ends.");
    expect(after.artefactsRemoved).toBe(2);
    const single = scanText("Title", "", "a sentence", "", "5", "", "runs on.");
    expect(single.keptNumerals).toEqual(["5"]);
  });

  it("removes a bare numeral beside a removed running header", () => {
    const names = ["one", "two", "three"];
    const page = (n: number) => [`text of page ${names[n - 1]} runs`, "", `${n}`, "Careful Reading", ""];
    const scan = scanText("Title", "", ...page(1), ...page(2), ...page(3), "The end.");
    expect(texts(scan)).toEqual([
      "Title",
      "",
      "text of page one runs",
      "text of page two runs",
      "text of page three runs",
      "The end.",
    ]);
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

  it("removes a decorated page number with a blank line on one side only, or at the very end of the text", () => {
    const oneSide = scanText("Title", "", "text before", "", "(12)", "text after");
    expect(texts(oneSide)).toEqual(["Title", "", "text before", "text after"]);
    const after = scanText("Title", "", "text before", "Page 12", "", "text after");
    expect(texts(after)).toEqual(["Title", "", "text before", "text after"]);
    const last = scanText("Title", "", "the last words", "— 12 —");
    expect(texts(last)).toEqual(["Title", "", "the last words"]);
    expect(last).toMatchObject({ artefactsRemoved: 1, pageBreaks: 0 });
  });

  it("removes decorated page numbers standing next to each other, as one piece of furniture", () => {
    const scan = scanText("Title", "", "text before", "[xii]", "- 12 -", "text after");
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
