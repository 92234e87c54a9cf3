// Running headers: a repeated short line is page furniture only where it sits like one, isolated and near page cues.
import { describe, expect, it } from "vitest";
import { splitLines } from "../../../server/domain/import/lines.ts";
import { scanPages } from "../../../server/domain/import/page-artefacts.ts";

const pageNames = ["one", "two", "three", "four", "five", "six", "seven", "eight"];

/**
 * A titled document of `pages` pages of two prose lines each; `furniture(n)` gives the lines between page n and
 * page n + 1. The prose has no digits and no repeated line, so only the furniture can be taken for artefacts.
 */
function scanDocument(pages: number, furniture: (page: number) => string[], title = "Title") {
  const lines = [title, ""];
  for (let page = 1; page <= pages; page++) {
    const name = pageNames[page - 1] as string;
    lines.push(`Prose of page ${name} runs on and`, `on to the end of page ${name}`);
    if (page < pages) lines.push(...furniture(page));
  }
  return scanPages(splitLines(lines.join("\n")));
}

const count = (texts: string[], text: string) => texts.filter((each) => each === text).length;
const textsOf = (scan: ReturnType<typeof scanPages>) => scan.lines.map((line) => line.text);

describe("running headers", () => {
  it("removes a header that carries its own page number, however the number and separators are written", () => {
    const headers = [
      "Careful Reading | 2",
      "3 — CAREFUL READING",
      "Careful  ·  Reading 4",
      "5 - careful reading",
    ];
    const scan = scanDocument(5, (page) => ["", headers[page - 1] as string, ""]);
    expect(textsOf(scan).filter((text) => /reading/iu.test(text))).toEqual([]);
    expect(scan.artefactsRemoved).toBe(4);
    // Each page after the first starts right after the previous one's last line, flagged.
    expect(scan.lines.filter((line) => line.pageBreakBefore).map((line) => line.text)).toEqual([
      "Prose of page two runs on and",
      "Prose of page three runs on and",
      "Prose of page four runs on and",
      "Prose of page five runs on and",
    ]);
    expect(scan.pageBreaks).toBe(4);
  });

  it("takes a number of up to four digits at either end of the line as the header's own page number", () => {
    for (const headers of [
      ["1234 Careful Reading", "1235 Careful Reading", "1236 Careful Reading"],
      ["Careful Reading 1234", "Careful Reading 1235", "Careful Reading 1236"],
    ]) {
      expect(
        scanDocument(4, (page) => ["", headers[page - 1] as string, ""]).artefactsRemoved,
        headers[0],
      ).toBe(3);
    }
    // Numbers inside the line, or glued to a word, are no page numbers.
    for (const headers of [
      ["Careful 2 Reading", "Careful 3 Reading", "Careful 4 Reading"],
      ["Careful Reading2", "Careful Reading3", "Careful Reading4"],
      ["2Careful Reading", "3Careful Reading", "4Careful Reading"],
    ]) {
      const scan = scanDocument(4, (page) => ["", headers[page - 1] as string, ""]);
      expect(scan.artefactsRemoved, headers[0]).toBe(0);
    }
  });

  it("takes lines that differ in more than numbers, case and separators for different lines", () => {
    const headers = ["Careful Reading 2", "CarefulReading 3", "Careful Reading 4"];
    const scan = scanDocument(4, (page) => ["", headers[page - 1] as string, ""]);
    expect(scan.artefactsRemoved).toBe(0);
  });

  it.each([
    ["a page number two lines before", (n: number) => ["", `${n}`, "", "Running Head", ""], 6],
    ["a page number two lines after", (n: number) => ["", "Running Head", "", `${n}`, ""], 6],
    ["a page number just before", (n: number) => ["", `${n}`, "Running Head", ""], 6],
    ["a page number just after", (n: number) => ["", "Running Head", `${n}`, ""], 6],
    ["a form feed before it", () => ["", "\fRunning Head", ""], 3],
    ["a form feed just after", () => ["", "Running Head", "\f"], 3],
    ["a form feed two lines after", () => ["", "Running Head", "", "\f"], 3],
  ])("removes a repeated line with %s", (_cue, furniture, removed) => {
    const scan = scanDocument(4, furniture);
    expect(count(textsOf(scan), "Running Head")).toBe(0);
    expect(scan.artefactsRemoved).toBe(removed);
  });

  it.each([
    ["no page cue at all", () => ["", "Running Head", ""]],
    ["a page number three lines after", (n: number) => ["", "Running Head", "", "", `${n}`, ""]],
    ["a page number three lines before", (n: number) => [`${n}`, "", "", "Running Head", ""]],
  ])("keeps a repeated line with %s (a repeated heading, not furniture)", (_cue, furniture) => {
    expect(count(textsOf(scanDocument(4, furniture)), "Running Head")).toBe(3);
  });

  it("needs at least three isolated occurrences", () => {
    const paged = (n: number) => ["", `${n}`, "", "Running Head", ""];
    expect(count(textsOf(scanDocument(3, paged)), "Running Head")).toBe(2);
    expect(count(textsOf(scanDocument(4, paged)), "Running Head")).toBe(0);
  });

  it("needs page cues at two occurrences at least, and at half of them", () => {
    const paged = (n: number) => ["", `${n}`, "", "Running Head", ""];
    const unpaged = () => ["", "Running Head", ""];
    const firstPaged = (many: number) => (page: number) => (page <= many ? paged(page) : unpaged());
    // One of three is too few; two of three, two of four are enough; two of five are not.
    expect(count(textsOf(scanDocument(4, firstPaged(1))), "Running Head")).toBe(3);
    expect(count(textsOf(scanDocument(4, firstPaged(2))), "Running Head")).toBe(0);
    expect(count(textsOf(scanDocument(5, firstPaged(2))), "Running Head")).toBe(0);
    expect(count(textsOf(scanDocument(6, firstPaged(2))), "Running Head")).toBe(5);
  });

  it("leaves an occurrence inside running text, between two lines of prose, where it stands", () => {
    const scan = scanDocument(5, (n) =>
      n === 2 ? ["Running Head", "and the prose goes on"] : ["", `${n}`, "", "Running Head", ""],
    );
    expect(textsOf(scan)).toContain("Running Head");
    expect(count(textsOf(scan), "Running Head")).toBe(1);
  });

  it("removes a header standing right next to a removed page number even inside running text", () => {
    const scan = scanDocument(4, (n) => ["", `${n}`, "Running Head", "and the prose goes on"]);
    expect(count(textsOf(scan), "Running Head")).toBe(0);
    const before = scanDocument(4, (n) => ["and the prose goes on", "Running Head", `${n}`, ""]);
    expect(count(textsOf(before), "Running Head")).toBe(0);
  });

  it("never takes a line with fewer than three letters (a scene break, a symbol) for a header", () => {
    for (const [line, kept] of [
      ["ab", 3],
      ["* * *", 3],
      ["abc", 0],
    ] as const) {
      const scan = scanDocument(4, (n) => ["", `${n}`, "", line, ""]);
      expect(count(textsOf(scan), line), line).toBe(kept);
    }
  });

  it("never takes a line longer than 80 characters for a header", () => {
    const long = (length: number) => "Running Head ".padEnd(length, "x");
    for (const [line, kept] of [
      [long(80), 0],
      [long(81), 3],
    ] as const) {
      expect(count(textsOf(scanDocument(4, (n) => ["", `${n}`, "", line, ""])), line), `${line.length}`).toBe(
        kept,
      );
    }
  });

  it("keeps the document's first line even when the running header repeats it", () => {
    const scan = scanDocument(4, (n) => ["", `${n}`, "", "Careful Reading", ""], "Careful Reading");
    expect(textsOf(scan)[0]).toBe("Careful Reading");
    expect(count(textsOf(scan), "Careful Reading")).toBe(1);
    expect(scan.artefactsRemoved).toBe(6);
  });
});
