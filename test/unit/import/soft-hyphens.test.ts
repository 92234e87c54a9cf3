// Soft hyphens (U+00AD) in imported plain text: invisible inside words, a word break at a line's end, even alone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importText } from "../../../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../../../server/domain/import/load-dictionary.ts";

const dictionary = loadEnglishDictionary();
const soft = "\u00AD";

describe("soft hyphens in an imported text", () => {
  it("rejoins a word split by a soft hyphen on a line of its own, with no space, and counts the join once", () => {
    const result = importText(`Notes\n\nThe study of Po\n${soft}\nlitikwissenschaft is old.\n`, {
      dictionary,
      format: "text",
    });
    expect(result.document.blocks.map((block) => block.text)).toEqual([
      "Notes",
      "The study of Politikwissenschaft is old.",
    ]);
    expect(result.report.dehyphenated).toEqual({ lineBreak: 1, pageBreak: 0, keptCompound: 0 });
    expect(result.report.unresolved).toEqual([]);
  });

  it("rejoins a word split by a soft hyphen alone at the top of the next page, and counts a page-break join", () => {
    const source = [
      "Notes",
      "",
      "This is a long line about the study of what the Germans call Po",
      `\f${soft}`,
      "litikwissenschaft and more words follow here on this line.",
    ].join("\n");
    const result = importText(source, { dictionary, format: "text" });
    expect(result.document.blocks.map((block) => block.text)).toEqual([
      "Notes",
      "This is a long line about the study of what the Germans call Politikwissenschaft and more words follow here on this line.",
    ]);
    expect(result.report.dehyphenated).toEqual({ lineBreak: 0, pageBreak: 1, keptCompound: 0 });
  });

  it("removes soft hyphens inside words, from titles and at a block's end, and counts no join for them", () => {
    const result = importText(`Po${soft}li${soft}tics${soft}\n\nthe po${soft}litical is old${soft}\n`, {
      dictionary,
      format: "text",
    });
    expect(result.document.blocks.map((block) => block.text)).toEqual(["Politics", "the political is old"]);
    expect(result.report.dehyphenated).toEqual({ lineBreak: 0, pageBreak: 0, keptCompound: 0 });
  });

  it("joins every word a soft hyphen breaks, wherever it stands, and counts exactly the breaks at line ends (property)", () => {
    // Short made-up words, and longer dictionary words: a long made-up word that splits into two dictionary words
    // ("tuncam": "tun" and "cam") on a line much longer than the others is what the fused-compound repair is for
    // (its own tests), not a soft hyphen's doing.
    const word = fc.oneof(
      fc.stringMatching(/^[a-z]{2,5}$/u),
      fc.constantFrom(
        "reading",
        "together",
        "patience",
        "attention",
        "capital",
        "struggle",
        "theories",
        "present",
      ),
    );
    // How a word is broken: not at all, inside a line, at a line's end, or by a soft hyphen on a line of its own.
    const breakKind = fc.constantFrom("none", "inline", "end", "alone", "start");
    fc.assert(
      fc.property(fc.array(fc.tuple(word, breakKind, fc.nat()), { minLength: 1, maxLength: 12 }), (words) => {
        // Words on the same lines before and after, so that no line is a lone word (a numeral to the layout).
        let text = "Here are";
        let lineBreaks = 0;
        words.forEach(([each, kind, at]) => {
          const cut = 1 + (at % (each.length - 1));
          const [head, tail] = [each.slice(0, cut), each.slice(cut)];
          if (kind === "none") text += ` ${each}`;
          else if (kind === "inline") text += ` ${head}${soft}${tail}`;
          else if (kind === "end") text += ` ${head}${soft}\n${tail}`;
          else if (kind === "alone") text += ` ${head}\n${soft}\n${tail}`;
          else text += ` ${head}\n${soft}${tail}`;
          if (kind === "end" || kind === "alone" || kind === "start") lineBreaks++;
        });
        const result = importText(`Words\n\n${text} at the end.\n`, { dictionary, format: "text" });
        expect(result.document.blocks.map((block) => block.text)).toEqual([
          "Words",
          `Here are ${words.map(([each]) => each).join(" ")} at the end.`,
        ]);
        expect(result.report.dehyphenated).toEqual({ lineBreak: lineBreaks, pageBreak: 0, keptCompound: 0 });
      }),
      { numRuns: 60 },
    );
  });
});
