// Page furniture is removed only where it looks like page furniture; repeated headings stay.
import { describe, expect, it } from "vitest";
import { splitLines } from "../../../server/domain/import/lines.ts";
import { isPageNumberLine, scanPages } from "../../../server/domain/import/page-artefacts.ts";

const chapter = (n: number) => [
  `Chapter ${n} text ends here.`,
  "",
  "Notes",
  "",
  `A note for chapter ${n}.`,
  "",
];

describe("scanPages", () => {
  it("recognizes page-number lines", () => {
    for (const text of ["12", "- 12 -", "— 7 —", "Page 3", "xiv"]) expect(isPageNumberLine(text)).toBe(true);
    for (const text of ["1968 was a year", "12 apples", "Notes"]) expect(isPageNumberLine(text)).toBe(false);
  });

  it("keeps a heading repeated in every chapter when no page numbers are near it", () => {
    const lines = splitLines(["Title", "", ...chapter(1), ...chapter(2), ...chapter(3)].join("\n"));
    const scan = scanPages(lines);
    expect(scan.artefactsRemoved).toBe(0);
    expect(scan.lines.filter((line) => line.text === "Notes")).toHaveLength(3);
  });

  it("removes running headers next to page numbers and form feeds, flagging the page start", () => {
    const bodies = [
      "The first page ends mid-sentence and",
      "the second page goes on with its",
      "and the third one as well, with",
    ];
    const page = (n: number) => [bodies[n - 1] ?? "", "", `${n}`, "", "Running Head", ""];
    const text = ["Title", "", ...page(1), ...page(2), ...page(3), "last line\fafter a form feed"].join("\n");
    const scan = scanPages(splitLines(text));
    expect(scan.artefactsRemoved).toBe(6);
    expect(scan.lines.map((line) => line.text)).not.toContain("Running Head");
    expect(scan.lines.filter((line) => line.pageBreakBefore).map((line) => line.text)).toEqual([
      "the second page goes on with its",
      "and the third one as well, with",
      "last line",
      "after a form feed",
    ]);
  });
});
