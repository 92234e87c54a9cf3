// Damaged texts of any glyph table: clean prose corrupted by random tables, by one glyph for several ligatures, by
// Latin-1 letters and symbols, and clean French and German prose, imported whole with the English dictionary.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
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

/** A one-paragraph text under the title "Notes", imported as plain text. */
const importNotes = (paragraph: string) =>
  importText(`Notes\n\n${paragraph}\n`, { dictionary, format: "text" });
/** What importing a damaged paragraph under "Notes" gave: the paragraph, the glyph repairs and the doubts. */
function repairedNotes(damaged: string) {
  const { document, report } = importNotes(damaged);
  expect(document.blocks.map((block) => block.kind)).toEqual(["title", "paragraph"]);
  // The sentence around each doubt is the report's context, tested with it (report-context.test.ts).
  const unresolved = report.unresolved.map(({ token, reason, blockOrdinal }) => ({
    token,
    reason,
    blockOrdinal,
  }));
  return { paragraph: document.blocks[1]?.text, ligatures: report.ligatures, unresolved };
}
const textsOf = (result: ReturnType<typeof importText>) => result.document.blocks.map((block) => block.text);
const blockTexts = (text: string) => textsOf(importText(text, { dictionary, format: "text" }));

describe("a text damaged by any glyph table", () => {
  it("comes back exactly, every repair counted, whichever characters the table uses (property)", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(glyphPool, { minLength: ligatures.length, maxLength: ligatures.length }),
        (glyphs) => {
          const table = new Map(
            ligatures.map((letters, index) => [letters as string, glyphs[index] as string]),
          );
          const result = importText(source(prose.map((paragraph) => corrupt(paragraph, table))), {
            dictionary,
          });
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
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("one glyph standing for several ligatures", () => {
  it("is resolved word by word against the dictionary, ties and non-words kept as found and reported", () => {
    const damaged =
      "The \uFFFDrst in\uFFFDuence had an e\uFFFDect on the a\uFFFDermath of the o\uFFFDce, \uFFFDfty years on. The \uFFFDrst \uFFFDeld and the \uFFFDow of e\uFFFDort, the in\uFFFDuence of the o\uFFFDcial, by \uFFFDat of a xq\uFFFDzz.";
    expect(repairedNotes(damaged)).toEqual({
      paragraph:
        "The first influence had an effect on the aftermath of the office, fifty years on. The first field and the flow of effort, the influence of the official, by \uFFFDat of a xq\uFFFDzz.",
      ligatures: [
        { glyph: "\uFFFD", replacement: "fi", count: 4 },
        { glyph: "\uFFFD", replacement: "fl", count: 3 },
        { glyph: "\uFFFD", replacement: "ff", count: 2 },
        { glyph: "\uFFFD", replacement: "ffi", count: 2 },
        { glyph: "\uFFFD", replacement: "ft", count: 1 },
      ],
      unresolved: [
        { token: "\uFFFDat", reason: "either “fiat” or “flat”; kept as found", blockOrdinal: 1 },
        {
          token: "xq\uFFFDzz",
          reason: "no ligature (fi, fl, ff, ffi, ft) makes a dictionary word; kept as found",
          blockOrdinal: 1,
        },
      ],
    });
  });

  it("never writes a word the dictionary lacks: each damaged word comes back as written or as found (property)", () => {
    fc.assert(
      fc.property(
        fc.subarray(["ffi", "ffl", "ff", "fi", "fl"], { minLength: 2 }),
        fc.constantFrom(...glyphPool),
        (shared, glyph) => {
          const table = new Map(shared.map((letters) => [letters, glyph]));
          const damaged = prose.map((paragraph) => corrupt(paragraph, table));
          const [, ...repaired] = blockTexts(source(damaged));
          repaired.forEach((text, index) => {
            const words = text.split(" ");
            const before = (damaged[index] as string).split(" ");
            const after = (prose[index] as string).split(" ");
            expect(words).toHaveLength(after.length);
            words.forEach((word, position) => expect([after[position], before[position]]).toContain(word));
          });
          // Most words come back: a glyph for several ligatures is not left as found wholesale.
          const kept = repaired.join(" ").split(glyph).length - 1;
          expect(kept).toBeLessThanOrEqual(damaged.join(" ").split(glyph).length / 4);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe("letters and symbols of Latin-1 as glyphs", () => {
  it("learns a letter standing for Th and repairs it, leaving the real accented words of the same text", () => {
    const damaged =
      "Þe café was closed. Þe naïve reader and Þe other reader sat on Þe bench. Þey knew boÞ Þe café and Þe Straße, and Þey read wiÞ care. Þere is a résumé on Þe table and anoÞer by Þe window. Þus Þe day ended at Þe café.";
    const result = importText(`Þe Reading\n\n${damaged}\n`, { dictionary, format: "text" });
    expect(result.document.blocks.map((block) => block.text)).toEqual([
      "The Reading",
      "The café was closed. The naïve reader and the other reader sat on the bench. They knew both the café and the Straße, and they read with care. There is a résumé on the table and another by the window. Thus the day ended at the café.",
    ]);
    expect(result.report.ligatures).toEqual([{ glyph: "Þ", replacement: "th", count: 18 }]);
    expect(result.report.unresolved).toEqual([]);
  });

  it("does not learn a letter from fewer than three different words, however well they fit", () => {
    expect(textsOf(importNotes("We saw Þe end and Þe end and Þe end, oÞer ends."))).toEqual([
      "Notes",
      "We saw Þe end and Þe end and Þe end, oÞer ends.",
    ]);
  });

  it("leaves real French and German prose exactly as it is, whatever the order of its words (property)", () => {
    const french =
      "Le café était fermé. Après la pluie, les élèves sont allés à l’école où le maître a lu une fable célèbre. Ils ont été très étonnés. Une fenêtre était ouverte sur la forêt, et la lumière dorée tombait sur les pages. Hélène a répété la leçon, puis elle a écrit une lettre à son frère.";
    const german =
      "Die Straße war nass. Über die Brücke gingen Männer und Frauen, die für ihre Familien Brot kauften. Schöne Grüße aus München, schrieb sie. Der Fluß floß ruhig, und die Bäume blühten früh. Wir müssen nächste Woche über die Prüfung sprechen, sagte der Lehrer heiß.";
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...french.split(" "), ...german.split(" ")], { minLength: 20 }),
        (words) => {
          const paragraph = words.join(" ");
          const result = importText(`Texte\n\n${paragraph}\n`, { dictionary, format: "text" });
          expect(result.document.blocks.map((block) => block.text)).toEqual(["Texte", paragraph]);
          expect(result.report.ligatures).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("a closing quote that is also a glyph", () => {
  it("is not learned when two in ten of its uses stand after a word complete without it", () => {
    const damaged =
      "They o”er e”ort and su”er di”erent a”airs; the e”ect is e”ective. “Know-how” is what the sta” call “skill”.";
    expect(textsOf(importNotes(damaged))).toEqual(["Notes", damaged]);
  });

  it("is repaired inside words when nearly all its uses are there, and kept after a complete word", () => {
    const damaged =
      "They o”er e”ort and su”er di”erent a”airs; the e”ect is e”ective, su”icient and o”icial, a di”icult a”air of “know-how”.";
    expect(repairedNotes(damaged)).toEqual({
      paragraph:
        "They offer effort and suffer different affairs; the effect is effective, sufficient and official, a difficult affair of “know-how”.",
      ligatures: [{ glyph: "”", replacement: "ff", count: 11 }],
      unresolved: [
        { token: "how”", reason: "either “howff” or punctuation; kept as found", blockOrdinal: 1 },
      ],
    });
  });
});
