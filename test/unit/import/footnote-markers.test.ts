// Footnote markers fused to words are separated only when they read as markers: in order, after punctuation or a word.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { separateFootnotes } from "../../../server/domain/import/footnotes.ts";

const dictionary = createDictionary(["material", "theory", "crisis", "labour"]);
const paragraph = (text: string) => ({ text, heading: false });

describe("separateFootnotes", () => {
  it("separates increasing markers fused after punctuation, leaving the text as if they were never there (property)", () => {
    const sentence = fc
      .array(fc.stringMatching(/^[a-z]{2,7}$/), { minLength: 1, maxLength: 5 })
      .map((w) => w.join(" "));
    const closing = fc.constantFrom(".", ",", ";", ".”", ")");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sentence, closing, fc.boolean()), { minLength: 1, maxLength: 6 }),
        (parts) => {
          let clean = "";
          let fused = "";
          const expected: { marker: string; offset: number }[] = [];
          parts.forEach(([words, mark, superscript], index) => {
            const number = index + 1;
            clean += `${index > 0 ? " " : ""}${words}${mark}`;
            fused += `${index > 0 ? " " : ""}${words}${mark}${superscript ? "⁰¹²³⁴⁵⁶⁷⁸⁹"[number] : number}`;
            expected.push({ marker: String(number), offset: clean.length });
          });
          const result = separateFootnotes([paragraph(fused)], dictionary);
          expect(result.blocks).toEqual([{ text: clean, footnotes: expected }]);
          expect(result.separated).toBe(parts.length);
          expect(result.unresolved).toEqual([]);
        },
      ),
    );
  });

  it("keeps numbers out of order in the text and reports them", () => {
    const result = separateFootnotes(
      [paragraph("First claim.1 Second claim.2 a stray one.9"), paragraph("Third claim.3 and then.4")],
      dictionary,
    );
    expect(result.blocks.map((block) => block.text)).toEqual([
      "First claim. Second claim. a stray one.9",
      "Third claim. and then.",
    ]);
    expect(result.blocks[1]!.footnotes).toEqual([
      { marker: "3", offset: 12 },
      { marker: "4", offset: 22 },
    ]);
    expect(result.unresolved).toEqual([
      {
        token: "claim.2 a stray one.9",
        reason: "“9” may be a footnote marker; kept in the text",
        blockOrdinal: 0,
      },
    ]);
  });

  it("takes a marker fused to a dictionary word, or ending a heading, only alongside at least two certain ones", () => {
    const weakAlone = separateFootnotes([paragraph("the material1 and then")], dictionary);
    expect(weakAlone.blocks[0]!.text).toBe("the material1 and then");
    expect(weakAlone.separated).toBe(0);
    expect(weakAlone.unresolved).toHaveLength(1);
    const withStrong = separateFootnotes(
      [{ text: "On theory 1", heading: true }, paragraph("It said.2 And so.3 the material4 went on")],
      dictionary,
    );
    expect(withStrong.blocks.map((block) => block.text)).toEqual([
      "On theory",
      "It said. And so. the material went on",
    ]);
    expect(withStrong.separated).toBe(4);
    // One certain marker is not enough to trust the weak ones.
    const oneStrong = separateFootnotes([paragraph("It said.1 the material2 went on")], dictionary);
    expect(oneStrong.blocks[0]!.text).toBe("It said. the material2 went on");
  });

  it("never takes years, decades, units, numbers after non-words or spaced numbers in sentences", () => {
    const text = "In 1970 the 1970s saw 50km of road, page 12 and xyzzy3 lines.";
    const result = separateFootnotes([paragraph(text)], dictionary);
    expect(result.blocks[0]).toEqual({ text, footnotes: [] });
    expect(result.unresolved).toEqual([]);
  });
});
