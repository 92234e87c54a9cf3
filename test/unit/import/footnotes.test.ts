// Footnote markers fused to words are separated; years, decades and other numbers stay in the text.
import { describe, expect, it } from "vitest";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { separateFootnotes } from "../../../server/domain/import/footnotes.ts";

const dictionary = createDictionary(["material", "study", "theory"]);
const paragraph = (text: string) => ({ text, heading: false });

describe("separateFootnotes", () => {
  it("separates markers after punctuation, superscripts and a heading's trailing number", () => {
    const result = separateFootnotes(
      [
        paragraph("As the study showed.1 Then, in the 1970s, nothing."),
        { text: "A theory 2", heading: true },
        paragraph("By nature material,3 and “quoted”.4 Also a note¹⁵."),
      ],
      dictionary,
    );
    expect(result.blocks).toEqual([
      { text: "As the study showed. Then, in the 1970s, nothing.", footnotes: [{ marker: "1", offset: 20 }] },
      { text: "A theory", footnotes: [{ marker: "2", offset: 8 }] },
      {
        text: "By nature material, and “quoted”. Also a note.",
        footnotes: [
          { marker: "3", offset: 19 },
          { marker: "4", offset: 33 },
          { marker: "15", offset: 45 },
        ],
      },
    ]);
    expect(result.separated).toBe(5);
  });

  it("keeps years, decades, units, decimals and spaced numbers", () => {
    const texts = [
      "In 1968 and the 1970s, 50km away, 3.14 of them, page 25 of the report.",
      "Version 2.5 shipped in October-November 2010 (see p. 12).",
    ];
    const result = separateFootnotes(texts.map(paragraph), dictionary);
    expect(result.blocks.map((block) => block.text)).toEqual(texts);
    expect(result.separated).toBe(0);
  });

  it("reports candidates that break the footnote sequence instead of guessing", () => {
    const result = separateFootnotes(
      [paragraph("First claim.7 Second claim.8 A stray count.3 Third claim.9")],
      dictionary,
    );
    expect(result.blocks[0]?.footnotes.map((ref) => ref.marker)).toEqual(["7", "8", "9"]);
    expect(result.blocks[0]?.text).toContain("A stray count.3 Third claim.");
    expect(result.unresolved).toEqual([
      expect.objectContaining({ blockOrdinal: 0, token: expect.stringContaining("count.3") }),
    ]);
  });

  it("takes a heading's trailing number only when fused markers confirm a sequence", () => {
    const result = separateFootnotes(
      [{ text: "Part 2", heading: true }, paragraph("Plain text.")],
      dictionary,
    );
    expect(result.blocks[0]?.text).toBe("Part 2");
    // The report names the number alone, without the space before it.
    expect(result.unresolved).toEqual([
      { token: "Part 2", reason: "“2” may be a footnote marker; kept in the text", blockOrdinal: 0 },
    ]);
  });

  it("takes a repeated number once: footnote numbers strictly increase", () => {
    const result = separateFootnotes([paragraph("One claim.1 Another claim.1 A third claim.2")], dictionary);
    expect(result.blocks[0]).toEqual({
      text: "One claim.1 Another claim. A third claim.",
      footnotes: [
        { marker: "1", offset: 26 },
        { marker: "2", offset: 41 },
      ],
    });
    expect(result.separated).toBe(2);
    expect(result.unresolved).toEqual([
      { token: "One claim.1", reason: "“1” may be a footnote marker; kept in the text", blockOrdinal: 0 },
    ]);
  });
});
