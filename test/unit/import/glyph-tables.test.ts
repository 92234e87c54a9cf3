// Damaged texts of any glyph table: clean prose corrupted by random tables, by one glyph for several ligatures, by
// Latin-1 letters and symbols, and clean French and German prose, imported whole with the English dictionary.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDictionaryWord } from "../../../server/domain/import/dictionary.ts";
import { importText } from "../../../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../../../server/domain/import/load-dictionary.ts";

const dictionary = loadEnglishDictionary();

/** Written for these tests: every ligature a font may break, each in several words. */
const prose = [
  "The first office we visited stood on a quiet street. Its staff were efficient and baffled in equal measure: they could find any file within fifteen seconds, yet nobody could explain the flow of paper through the building.",
  "Fine print deserves a careful reader. Those who skim it often fail to notice the conflicts it hides, the clauses that shuffle obligations from one party to another, and the small offers that flatter the signer.",
  "There is a difference between reading and merely looking. The affluent reader may afford a lawyer; the rest of us must rely on our own wits, our suspicion of flattery, and a certain stiffness of mind.",
  "Thus the traffic of a city is a kind of text. Its signals are brief, its grammar inflexible, and its punctuation unforgiving. Officials fiddle with the timing of the lights, hoping to find an arrangement that satisfies everyone.",
  "Then there are the experts, who offer confident figures about flows and efficiencies. Their reports fill shelves in the offices of the city, and their influence is difficult to measure. The difficulty is that the studies never finish.",
  "These reflections are not final. They offer a first sketch, a profile of the problem rather than its solution, and the reader who finds them deficient is invited to write a better one. The baffled official sniffed at the waffle and the raffle.",
];
const source = (paragraphs: readonly string[]) => `A Study of Glyphs\n\n${paragraphs.join("\n\n")}\n`;

/** The letters a broken font draws as one glyph, longest first as the font would. */
const ligatures = ["ffi", "ffl", "ff", "fi", "fl", "Th"] as const;

/** Characters a broken font may put for a ligature: symbols, Latin-1 letters English prose lacks, private use. */
const glyphPool = [..."#$%^|~@¤§¶±×÷¿¡Þþßæ¬µ¢£¥©®°", "\uE000", "\uE001", "\uF001", "\uFFFD"];

function corrupt(text: string, table: ReadonlyMap<string, string>): string {
  return ligatures.reduce((value, letters) => value.replaceAll(letters, table.get(letters) ?? letters), text);
}

const blockTexts = (text: string) =>
  importText(text, { dictionary, format: "text" }).document.blocks.map((block) => block.text);

describe("a text damaged by any glyph table", () => {
  it("comes back exactly, every repair counted, whichever characters the table uses (property)", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(glyphPool, { minLength: ligatures.length, maxLength: ligatures.length }), (glyphs) => {
        const table = new Map(ligatures.map((letters, index) => [letters as string, glyphs[index] as string]));
        const result = importText(source(prose.map((paragraph) => corrupt(paragraph, table))), { dictionary });
        expect(result.document.blocks.map((block) => block.text)).toEqual(["A Study of Glyphs", ...prose]);
        expect(result.report.unresolved).toEqual([]);
        const damaged = prose.map((paragraph) => corrupt(paragraph, table)).join(" ");
        const expected = ligatures
          .map((letters) => ({
            glyph: table.get(letters) as string,
            replacement: letters.toLowerCase(),
            count: damaged.split(table.get(letters) as string).length - 1,
          }))
          .sort((a, b) => b.count - a.count || a.glyph.localeCompare(b.glyph));
        expect(
          [...result.report.ligatures].sort((a, b) => b.count - a.count || a.glyph.localeCompare(b.glyph)),
        ).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
