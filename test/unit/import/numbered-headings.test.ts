// Numbered section headings ("Part 1", "Chapter 2") in a text without form feeds are headings, not running heads.
import { describe, expect, it } from "vitest";
import { splitLines } from "../../../server/domain/import/lines.ts";
import { scanPages } from "../../../server/domain/import/page-artefacts.ts";

const prose = [
  "The river rises on the moor and runs down to the sea through a valley of mills.",
  "Its water turned the wheels of six of them before the railway came to the town.",
];

describe("numbered headings in a text without form feeds", () => {
  it("stay in the text when each stands between finished sentences, the first under a byline", () => {
    const lines = ["The River", "Ann Vale", ""];
    for (const part of ["Part 1", "Part 2", "Part 3"]) lines.push(part, "", ...prose, "");
    const texts = scanPages(splitLines(lines.join("\n"))).lines.map((line) => line.text);
    expect(texts.filter((text) => text.startsWith("Part "))).toEqual(["Part 1", "Part 2", "Part 3"]);
  });

  it("still go as running heads with page numbers where they interrupt sentences", () => {
    const lines = ["The River", ""];
    for (const page of [1, 2, 3, 4])
      lines.push(`${prose[0] as string} It`, "", `The River ${page}`, "", "ran on.");
    const texts = scanPages(splitLines(lines.join("\n"))).lines.map((line) => line.text);
    expect(texts.filter((text) => text.startsWith("The River "))).toEqual([]);
  });
});
