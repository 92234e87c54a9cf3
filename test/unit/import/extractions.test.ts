// Real pdftotext extractions (default, -raw, -layout) of a TeX-typeset book page run, imported block by block.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importText } from "../../../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../../../server/domain/import/load-dictionary.ts";

const dictionary = loadEnglishDictionary();
const extraction = (mode: string) =>
  readFileSync(new URL(`../../fixtures/extractions/on-reading-slowly.${mode}.txt`, import.meta.url), "utf8");

const note = (marker: string, after: string, text: string) => ({ marker, after, text });

/** The text as written in on-reading-slowly.tex, paragraph by paragraph, with its footnotes. */
const truth = [
  { kind: "title", text: "On Reading Slowly" },
  { kind: "author", text: "Mara Quill" },
  {
    kind: "paragraph",
    text: "A reading group begins with a text that nobody has finished. Its members arrive with different editions, different habits, and different reasons for being there, and the first hour is spent finding the same page. This is not wasted time: the search for a shared page is the first act of reading together, and it teaches the group that a text is a physical thing before it is an argument.",
  },
  {
    kind: "paragraph",
    text: "The second hour is harder. Someone reads a sentence aloud and asks what it means, and the group discovers that it does not agree. One member hears irony where another hears a plain statement of fact; a third notices that the sentence was written around 1820–1830. Then the conversation turns to the author, and to what the author could have known.",
    notes: [
      note(
        "1",
        "does not agree.",
        "Disagreement of this kind is the beginning of interpretation, not its failure.",
      ),
      note("2", "around 1820–1830.", "The date matters less than the habits of the period."),
    ],
  },
  { kind: "paragraph", text: "Short paragraphs happen too." },
  {
    kind: "paragraph",
    text: "Nobody in the group is an expert, and this is the point of the exercise. An expert would settle the question too quickly; an outsider must keep it open long enough for the others to find their own reasons. The group learns to tolerate a question that has no answer yet, and to write it down in the margin where it will be found again.",
    notes: [note("3", "an outsider", "The word is used here without any judgement.")],
  },
  { kind: "heading", text: "II" },
  {
    kind: "paragraph",
    text: "Margins are where readers have always argued with books. Medieval scribes filled them with glosses, corrections and jokes; later readers added indignant objections and small drawings of hands pointing at important lines. A margin is a conversation conducted over centuries, with participants who never meet and rarely agree.",
  },
  {
    kind: "paragraph",
    text: "The digital page has lost its margins, or rather it has hidden them behind buttons. An annotation tool that wants to restore them must do more than store comments: it must keep each comment next to the words that provoked it, even when the words change, and it must let the next reader see the argument as it unfolded.",
    notes: [
      note(
        "4",
        "as it unfolded.",
        "This is harder than it sounds, because texts are revised and republished.",
      ),
    ],
  },
  { kind: "heading", text: "III" },
  {
    kind: "paragraph",
    text: "The oldest surviving commentaries were written in the margins of legal and sacred texts, where the stakes of interpretation were highest. A judge who misread a statute could ruin a family; a preacher who misread a verse could divide a town. The commentators knew this, and they wrote with a caution that modern readers sometimes mistake for timidity. Their notes qualify, hedge and cross-refer, building a lattice of small doubts around every confident sentence in the main text, until the page itself becomes an argument about how far the words can be trusted and by whom.",
    notes: [
      note(
        "5",
        "for timidity.",
        "Caution and timidity are easily confused by those who have never been responsible for a reading.",
      ),
    ],
  },
  {
    kind: "paragraph",
    text: "A modern reading group inherits this lattice whether it knows it or not. Every edition it holds has been shaped by earlier readers: editors who chose between manuscripts, translators who chose between words, and publishers who chose which notes to keep. To read slowly is to notice these choices, and to ask what the text would look like if they had gone the other way.",
    notes: [
      note("6", "the other way.", "Some groups keep two translations on the table for exactly this reason."),
    ],
  },
  { kind: "heading", text: "1848" },
  {
    kind: "paragraph",
    text: "In that year a great many pamphlets were printed and very few were read with care. The pamphlets that survive are covered in the notes of their owners, who underlined the promises and crossed out the threats, and who sometimes wrote a single word of agreement beside a paragraph that must have seemed, at the time, to change everything.",
  },
  {
    kind: "paragraph",
    text: "Reading slowly is not a virtue in itself. It is a method for noticing what a quick reading misses: the hesitation in a qualifying clause, the change of subject halfway through a long sentence, the footnote that quietly contradicts the main text. These things are visible only to a reader who has stopped moving forward and has started to look around.",
  },
  {
    kind: "paragraph",
    text: "A group that reads this way will finish fewer books. It will also remember them, argue about them years later, and recognise their sentences when they turn up, unattributed, in the speeches of politicians and the advertisements of banks.",
  },
];

type Expected = (typeof truth)[number];

/**
 * The truth with the paragraphs starting at `starts` joined to the one before: where the extraction shows no
 * boundary at all (the paragraph's last line is full and the next has no indent).
 */
function withoutBoundariesAt(...starts: string[]): Expected[] {
  const result: Expected[] = [];
  for (const block of truth) {
    const previous = result[result.length - 1];
    if (previous && starts.some((start) => block.text.startsWith(start))) {
      result[result.length - 1] = {
        ...previous,
        text: `${previous.text} ${block.text}`,
        notes: [...(previous.notes ?? []), ...(block.notes ?? [])],
      };
    } else result.push(block);
  }
  return result;
}

const refsOf = (expected: Expected) =>
  (expected.notes ?? []).map(({ marker, after, text }) => ({
    marker,
    offset: expected.text.indexOf(after) + after.length,
    note: { text },
  }));

describe.each([
  ["layout", withoutBoundariesAt()],
  // "The second hour" lost its indent, but its first line left room for the next line's first word.
  ["raw", withoutBoundariesAt()],
  // pdftotext joined "stopped mov-" / "ing forward … look around." into one overlong line; its short second half
  // still ends the paragraph before "A group that reads".
  ["default", withoutBoundariesAt()],
])("the pdftotext %s extraction of a four-page TeX book", (mode, expected) => {
  const result = importText(extraction(mode), { dictionary });
  const { blocks } = result.document;

  it("comes back block by block: title, byline as author, paragraphs, numeral headings; no header, page number or note in the flow", () => {
    expect(blocks.map(({ kind, text }) => ({ kind, text }))).toEqual(
      expected.map(({ kind, text }) => ({ kind, text })),
    );
    expect(result.document).toMatchObject({ title: "On Reading Slowly", author: "Mara Quill" });
  });

  it("attaches every footnote body from the page feet to its marker, even after a year or a bare word", () => {
    expect(blocks.map((block) => block.footnotes)).toEqual(expected.map(refsOf));
    expect(result.report.footnoteMarkersSeparated).toBe(6);
  });

  it("rejoins the word cut by a page break with two footnotes and a running header between its halves", () => {
    expect(result.report.dehyphenated.pageBreak).toBe(1);
    expect(result.report.pageBreaks).toBe(3);
  });

  it("reports the section numerals it kept, and nothing else", () => {
    expect(result.report.unresolved.map(({ token, reason }) => [token, reason.split(" (")[0]])).toEqual(
      ["II", "III", "1848"].map((numeral) => [numeral, "lone number with no page evidence"]),
    );
    const ordinals = result.report.unresolved.map((entry) => entry.blockOrdinal);
    expect(ordinals.map((ordinal) => blocks[ordinal ?? -1]?.text)).toEqual(["II", "III", "1848"]);
  });
});
