// pdftotext's default mode joins a line cut at a hyphen to the next and drops the hyphen, also a real compound's.
import { describe, expect, it } from "vitest";
import { restoreFusedCompounds } from "../../../server/domain/import/fused-compounds.ts";
import { importText } from "../../../server/domain/import/import-text.ts";
import type { Line } from "../../../server/domain/import/lines.ts";
import { loadEnglishDictionary } from "../../../server/domain/import/load-dictionary.ts";

const dictionary = loadEnglishDictionary();
const glyphs = { rules: new Map<string, string>(), punctuationGlyphs: new Set<string>() };
const line = (text: string): Line => ({ text, indent: 0, pageBreakBefore: false });

describe("compounds fused at a joined line end", () => {
  it("gets its hyphen back on a line twice the measure, where both halves are words and the whole is not", () => {
    const text = [
      "The keepers of the light kept a journal of the weather,",
      "the state of the lamps and every vessel that passed by.",
      "A new lens made the beam visible for at least twentytwo miles out at sea, and the keepers",
      "were now expected to understand its longestablished principles of operation in detail,",
      "and to explain them to the inspector who came each spring.",
      "Each of them also kept the accounts of the station tidy.",
    ].join("\n");
    const { document, report } = importText(text, { dictionary, format: "text" });
    expect(document.blocks.map((block) => block.text).join(" ")).toContain("at least twenty-two miles");
    expect(document.blocks.map((block) => block.text).join(" ")).toContain("its long-established principles");
    expect(report.dehyphenated.keptCompound).toBe(2);
  });

  it("leaves a paragraph alone whose lines are too few to tell a measure: a longer line is only a longer line", () => {
    // The line is 1.3 times its only neighbour, and "maabaa" splits into two dictionary words: with two lines around
    // it there is no measure to call it joined by (a property test found "maa-baa" here).
    const { document, report } = importText("Words\n\nHere are maabaa aa a\n\u00ADa aa at the end.\n", {
      dictionary,
      format: "text",
    });
    expect(document.blocks.map((block) => block.text)).toEqual([
      "Words",
      "Here are maabaa aa aa aa at the end.",
    ]);
    expect(report.dehyphenated.keptCompound).toBe(0);
  });

  it("leaves the first half of a word broken at the line's end by a soft hyphen", () => {
    // "togeth" is no word, and "tog" and "eth" are: on a long line it looked fused ("tog-ether" once joined).
    const { document } = importText(
      "Words\n\nHere are aa read\n\u00AD\ning a\n\u00ADa r\n\u00ADeading reading togeth\u00AD\ner aa at the end.\n",
      { dictionary, format: "text" },
    );
    expect(document.blocks.map((block) => block.text)).toEqual([
      "Words",
      "Here are aa reading aa reading reading together aa at the end.",
    ]);
  });

  it("leaves words the hyphen was only breaking, proper names, words printed whole elsewhere, and short lines", () => {
    const lines = [
      "The keepers of the light kept a journal of the weather,",
      "the state of the lamps and every vessel that passed by.",
      "They read to each other by the light of the lamp every evening of the long winter,",
      "and the family of Blackwood, who kept the tower together, read the Bible in turn,",
      "while somebody mended the nets by the fire in the kitchen.",
      "A brightlight is a word this text coins for itself, and",
      "the brightlight recurs on one line that joins two lines, brightlight again here",
      "in a narrow column of text: twentytwo",
    ].map(line);
    const { lines: result, restored } = restoreFusedCompounds(lines, { dictionary, glyphs, width: 56 });
    expect(result.map((each) => each.text)).toEqual(lines.map((each) => each.text));
    expect(restored).toBe(0);
  });

  it("hands back the very lines it was given when it restores nothing, so their local measures serve the next pass", () => {
    const lines = ["The keepers of the light kept a journal of the weather,", "and of every vessel."].map(
      line,
    );
    expect(restoreFusedCompounds(lines, { dictionary, glyphs, width: 56 }).lines).toBe(lines);
  });

  it("measures a narrow column by its own lines", () => {
    const lines = [
      "The introduction of a new",
      "lens changed the keeper’s",
      "work more than any event",
      "and the keepers were expected",
      "to understand the longestablished principles on",
      "which it worked. They were",
      "examined on the manual by",
      "an inspector every spring.",
    ].map(line);
    const { lines: result } = restoreFusedCompounds(lines, { dictionary, glyphs, width: 56 });
    expect(result[4]?.text).toBe("to understand the long-established principles on");
  });
});
