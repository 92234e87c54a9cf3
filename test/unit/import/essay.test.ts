// The first real text, imported whole and checked against an expectation written by hand from the raw file.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importText } from "../../../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../../../server/domain/import/load-dictionary.ts";

const source = readFileSync(
  new URL("../../fixtures/communization-in-the-present-tense.txt", import.meta.url),
  "utf8",
);
const result = importText(source, { dictionary: loadEnglishDictionary() });
const { blocks } = result.document;

/** Kind and opening words of every block, read off the raw text by hand (48 paragraphs as printed). */
const expected: [string, string][] = [
  ["title", "Communization in the Present Tense"],
  ["author", "Théorie Communiste"],
  ["paragraph", "In the course of revolutionary struggle, the abolition of the state, of exchange,"],
  ["paragraph", "Communization and communism are things of the future"],
  [
    "heading",
    "a) Crisis, restructuring, cycle of struggle: on the struggle of the proletariat as a class as its own limit",
  ],
  ["paragraph", "The principal result of the capitalist production process"],
  ["paragraph", "Until the crisis of the late 1960s"],
  ["paragraph", "This workers’ identity, whatever the social"],
  ["paragraph", "The restructuring was the defeat, in the late 1960s and the 1970s"],
  ["paragraph", "The current cycle of struggles is fundamentally defined"],
  ["paragraph", "For the proletariat, to act as a class is currently"],
  ["paragraph", "This cycle of struggles is the action of a recomposed working class."],
  ["paragraph", "Large concentrations of workers in India and China"],
  ["paragraph", "From daily struggles to revolution, there can only be a rupture."],
  ["paragraph", "This is the reason why we can currently speak of communism"],
  ["paragraph", "The proletariat does not thereby become a ‘purely negative’ being."],
  ["paragraph", "The proletariat can only be revolutionary by recognising itself"],
  ["paragraph", "From struggles over immediate demands to revolution"],
  ["paragraph", "As theorists we are on the look-out for"],
  ["paragraph", "It is through this rift within action as a class itself that communization"],
  ["heading", "b) Struggles producing theory"],
  ["paragraph", "The theory of this cycle of struggle, as it has been presented above"],
  ["paragraph", "Most often, these are not earthshaking declarations"],
  ["paragraph", "Unemployment is no longer clearly separated from employment."],
  ["paragraph", "In the French movement of 1998"],
  ["paragraph", "In the same period, the Moulinex employees"],
  ["paragraph", "In the case of Argentina, people self-organized"],
  ["paragraph", "In France in November 2005, in the banlieues"],
  ["paragraph", "Three months later, in spring 2006"],
  ["paragraph", "In the Greek riots, the proletariat didn’t demand anything"],
  ["paragraph", "Students without a future, young immigrants"],
  ["paragraph", "It is in this way that this movement produced class belonging"],
  ["paragraph", "In their own practice and in their struggle"],
  ["paragraph", "In Guadeloupe, the importance of unemployment"],
  ["paragraph", "In general, with the outbreak of the current crisis"],
  ["paragraph", "In the succession of financial crises"],
  ["paragraph", "The ‘distribution of wealth’"],
  ["paragraph", "Of course, the division of the working day"],
  ["paragraph", "The current crisis broke out because proletarians"],
  ["heading", "c) Two or three things we know about it"],
  ["paragraph", "It is because the proletariat is not-capital"],
  ["paragraph", "It is the paucity of surplus-value relative"],
  ["paragraph", "It is not through an attack on the side of the nature of labor"],
  ["paragraph", "In communism, appropriation no longer has any currency"],
  ["paragraph", "In communism, human activity is infinite because it is indivisible."],
  ["paragraph", "The destruction of exchange means the workers attacking"],
  ["paragraph", "A revolution cannot be carried out without taking communist measures:"],
  ["paragraph", "From the moment in which we begin to consume freely"],
  ["paragraph", "This is why all the measures of communization"],
  ["paragraph", "The only way of overcoming the conflicts"],
  ["paragraph", "In fact, as already shown by the German revolution"],
  ["paragraph", "The essential question which we will have to solve"],
  ["paragraph", "To conclude, capital is not abolished for communism"],
  ["colophon", "(translation: Endnotes.)"],
];

const textOf = (start: string) => blocks.find((block) => block.text.startsWith(start))?.text ?? "";

describe("importing “Communization in the Present Tense”", () => {
  it("finds title, author, three lettered headings, 48 paragraphs and the colophon, in order", () => {
    expect(
      blocks.map((block) => [block.kind, block.text.slice(0, expected[block.ordinal]?.[1].length)]),
    ).toEqual(expected);
    expect(result.document.title).toBe("Communization in the Present Tense");
    expect(result.document.author).toBe("Théorie Communiste");
    expect(result.report.blocks).toEqual({
      title: 1,
      author: 1,
      heading: 3,
      paragraph: 48,
      quote: 0,
      item: 0,
      colophon: 1,
    });
    expect(blocks.map((block) => block.ordinal)).toEqual(blocks.map((_, index) => index));
  });

  it("leaves no broken glyph where letters belong and no line-break hyphen", () => {
    for (const { text } of blocks) {
      expect(text).not.toMatch(/\p{L}[!"%#$]|[!"%#$]\p{L}/u);
      expect(text).not.toMatch(/\p{Ll}- \p{Ll}/u);
      expect(text.normalize("NFC")).toBe(text);
      expect(text).not.toMatch(/\s{2}|^\s|\s$/u);
    }
    const words = blocks.flatMap((block) => block.text.split(/\s+/u));
    for (const broken of ["uni-", "hun-", "con-", "com-", "revo-", "strug-", "self-or-"]) {
      expect(words.some((word) => word.endsWith(broken))).toBe(false);
    }
  });

  it("learns the essay's glyphs and counts every repair", () => {
    const ligatures = Object.fromEntries(
      result.report.ligatures.map((entry) => [`${entry.glyph}→${entry.replacement}`, entry.count]),
    );
    expect(ligatures).toEqual({ "!→th": 62, '"→fi': 54, "%→fl": 17, "#→ff": 9, "$→ffi": 1, "#→fl": 1 });
    expect(result.report.dehyphenated).toEqual({ lineBreak: 88, pageBreak: 3, keptCompound: 5 });
    expect(result.report.paragraphsJoinedAcrossPages).toBe(14);
    expect(result.report.pageArtefactsRemoved).toBe(0);
    expect(result.report.footnoteMarkersSeparated).toBe(4);
    expect(result.report.unresolved.map((entry) => entry.token)).toEqual(["&", '"nancialization']);
  });

  it("repairs specific sentences as the author wrote them", () => {
    expect(textOf("In the course")).toContain(
      "the extension of the situation where everything is freely available as the unification of human activity – in a word, the abolition of classes – are ‘measures’ that abolish capital",
    );
    expect(textOf("In the course")).toContain("class. The revolution is communization;");
    expect(textOf("This is the reason")).toContain("to enter into conflict with its previous situation;");
    expect(textOf("This cycle of struggles")).toContain("and in offshoring.");
    expect(textOf("The current cycle")).toContain(
      "a matter of the affirmation of the class, it can no longer be a matter of self-organization.",
    );
    expect(textOf("In the same period")).toContain(
      "two factories were torched and a hundred others ransacked",
    );
    expect(textOf("Students without")).toContain(
      "the reproduction of capitalist social relations as coercion;",
    );
    expect(textOf("In the Greek riots")).toContain("this glass floor of production");
    expect(textOf("Three months later")).toContain("as a demands-based movement");
    expect(textOf("Three months later")).toContain("an internal love-hate dynamic");
    expect(textOf("In the case of Argentina")).toContain("but in self-organizing they immediately");
    expect(textOf("The restructuring was")).toContain(
      "without any formalisation of the international cycle (such as the division into blocs, East and West, or into center and periphery) predetermining this transformation.",
    );
    expect(textOf("As theorists")).toContain("activity as a class. There is no longer any perspective");
  });

  it("separates fused footnote markers and keeps years and numbers", () => {
    const large = blocks.find((block) => block.text.startsWith("Large concentrations"));
    expect(large?.text.endsWith("material characteristics.")).toBe(true);
    expect(large?.footnotes).toEqual([{ marker: "25", offset: large?.text.length }]);
    const heading = blocks.find((block) => block.text.startsWith("b) Struggles"));
    expect(heading?.footnotes).toEqual([{ marker: "26", offset: "b) Struggles producing theory".length }]);
    const crisis = textOf("The current crisis broke out");
    const crisisBlock = blocks.find((block) => block.text === crisis);
    const at =
      crisis.indexOf("at the core of the current crisis.") + "at the core of the current crisis.".length;
    expect(crisisBlock?.footnotes).toEqual([{ marker: "27", offset: at }]);
    expect(crisis).toContain("current crisis. The current crisis is the beginning");
    expect(textOf("It is not through")).toContain("by nature material. The abolition of value");
    expect(textOf("In the same period")).toContain("in 2006, in Savar, 50km north of Dhaka");
    expect(textOf("Until the crisis")).toContain("the late 1960s");
    expect(textOf("The ‘distribution")).toContain("(October-November 2010)");
  });
});
