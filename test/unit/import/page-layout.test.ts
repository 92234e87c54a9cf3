// Generated books laid out into pages with running headers, page numbers, footnotes and words cut at page ends, as
// pdftotext -layout prints them, come back as the paragraphs and notes they were made from (property).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { importText } from "../../../server/domain/import/import-text.ts";

const words = [
  "archive",
  "reader",
  "margin",
  "question",
  "evidence",
  "argument",
  "printed",
  "careful",
  "sentence",
  "transcript",
  "library",
  "history",
  "moment",
  "pamphlet",
  "meaning",
  "comment",
  "edition",
  "notebook",
  "silence",
  "quarrel",
  "the",
  "and",
  "of",
  "a",
  "to",
  "in",
  "was",
  "for",
  "with",
  "slow",
  "page",
  "word",
  "book",
  "line",
  "old",
  "new",
];
const dictionary = createDictionary(words);
const width = 60;

interface Sentence {
  words: string[];
  note: string | null;
}
interface Paragraph {
  sentences: Sentence[];
}
type Style = "sameLine" | "ownLine";
type Footer = "bare" | "dashed" | "page" | "ofTotal";

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const sentenceText = (sentence: Sentence) => `${capitalized(sentence.words.join(" "))}.`;

/** Greedy line breaking at `width`; a paragraph's first line is indented four spaces, as -layout prints TeX. */
function wrap(tokens: string[]): string[] {
  const lines: string[] = [];
  let line = "    ";
  for (const token of tokens) {
    if (line.trim() && line.length + 1 + token.length > width) {
      lines.push(line);
      line = token;
    } else line = line.trim() ? `${line} ${token}` : `${line}${token}`;
  }
  lines.push(line);
  return lines;
}

interface Book {
  source: string;
  blocks: { kind: string; text: string }[];
  notes: { marker: string; offset: number; note: { text: string } }[][];
}

/** Lays paragraphs out into pages of `pageLines` body lines with furniture, notes and cut words; returns the truth too. */
function layOut(
  paragraphs: Paragraph[],
  pageLines: number[],
  header: Style,
  footer: Footer,
  cutWords: boolean[],
): Book {
  let marker = 0;
  const body: { text: string; notes: string[] }[] = [];
  const blocks = [
    { kind: "title", text: "The Quiet Archive" },
    { kind: "author", text: "Ilse Marten" },
  ];
  const notes: Book["notes"] = [[], []];
  for (const paragraph of paragraphs) {
    const tokens: string[] = [];
    const refs: Book["notes"][number] = [];
    let text = "";
    const lineNotes = new Map<number, string[]>();
    for (const sentence of paragraph.sentences) {
      text += `${text ? " " : ""}${sentenceText(sentence)}`;
      const sentenceTokens = sentenceText(sentence).split(" ");
      if (sentence.note !== null) {
        marker++;
        sentenceTokens[sentenceTokens.length - 1] += String(marker);
        refs.push({ marker: String(marker), offset: text.length, note: { text: sentence.note } });
        lineNotes.set(tokens.length + sentenceTokens.length - 1, [`${marker} ${sentence.note}`]);
      }
      tokens.push(...sentenceTokens);
    }
    // Which line each marked token lands on, so its note goes to the foot of that line's page.
    const lines = wrap(tokens);
    let seen = 0;
    lines.forEach((line) => {
      const count = line.trim().split(" ").length;
      const lineNoteList = [...lineNotes]
        .filter(([at]) => at >= seen && at < seen + count)
        .flatMap(([, each]) => each);
      body.push({ text: line, notes: lineNoteList });
      seen += count;
    });
    blocks.push({ kind: "paragraph", text });
    notes.push(refs);
  }
  const pages: string[][] = [];
  let at = 0;
  for (let page = 0; at < body.length; page++) {
    const size = pageLines[page % pageLines.length] as number;
    const slice = body.slice(at, at + size);
    at += size;
    const next = body[at];
    const last = slice[slice.length - 1];
    const firstToken = next?.text.split(" ")[0] ?? "";
    if (
      cutWords[page % cutWords.length] &&
      last &&
      next &&
      !next.text.startsWith(" ") &&
      /^[a-z]{6,}$/u.test(firstToken)
    ) {
      last.text += ` ${firstToken.slice(0, 3)}-`;
      next.text = next.text.slice(3);
    }
    const number = page + 1;
    const lines: string[] = [];
    if (page > 0) {
      const title = number % 2 === 0 ? "The Quiet Archive" : "Notes on Margins";
      if (header === "sameLine")
        lines.push(
          number % 2 === 0 ? `${number}    ${title}` : `${" ".repeat(30)}${title}    ${number}`,
          "",
          "",
        );
      // As pdftotext prints a running head split in two: the number on the outer side of the page.
      else lines.push(...(number % 2 === 0 ? [`${number}`, "", title, ""] : [title, "", `${number}`, ""]));
    }
    lines.push(...slice.map((line) => line.text));
    const pageNotes = slice.flatMap((line) => line.notes);
    if (pageNotes.length > 0) lines.push("", ...pageNotes.map((each) => `   ${each}`));
    const footers = {
      bare: `${number}`,
      dashed: `— ${number} —`,
      page: `Page ${number}`,
      ofTotal: `${number} / 99`,
    };
    // Page numbers at the foot of the first page, and of every page when the heads carry none.
    if (page === 0 || header === "sameLine") lines.push("", `${" ".repeat(28)}${footers[footer]}`);
    pages.push(lines);
  }
  const source = [
    "The Quiet Archive",
    "By Ilse Marten",
    "",
    ...pages
      .map((lines) => lines.join("\n"))
      .join("\n\f")
      .split("\n"),
  ].join("\n");
  return { source: `${source}\n\f`, blocks, notes };
}

const sentence = fc.record({
  words: fc.array(fc.constantFrom(...words), { minLength: 6, maxLength: 14 }),
  note: fc.option(
    fc
      .array(fc.constantFrom(...words), { minLength: 2, maxLength: 8 })
      .map((each) => `${capitalized(each.join(" "))}.`),
    { nil: null, freq: 4 },
  ),
});
const paragraph = fc.record({ sentences: fc.array(sentence, { minLength: 2, maxLength: 4 }) });

describe("a paged extraction with running headers, page numbers, footnotes and cut words", () => {
  it("imports back to exactly the paragraphs, title, author and notes it was made from (property)", () => {
    const seen = { notes: 0, cutWords: 0, pages: 0 };
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 2, maxLength: 9 }),
        fc.array(fc.integer({ min: 6, max: 12 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<Style>("sameLine", "ownLine"),
        fc.constantFrom<Footer>("bare", "dashed", "page", "ofTotal"),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
        (paragraphs, pageLines, header, footer, cutWords) => {
          const book = layOut(paragraphs, pageLines, header, footer, cutWords);
          const result = importText(book.source, { dictionary, format: "text" });
          const { blocks } = result.document;
          expect(blocks.map(({ kind, text }) => ({ kind, text }))).toEqual(book.blocks);
          expect(blocks.map((block) => block.footnotes)).toEqual(book.notes);
          seen.notes += book.notes.flat().length;
          seen.cutWords += result.report.dehyphenated.pageBreak;
          seen.pages += result.report.pageBreaks;
        },
      ),
      { seed: 15, numRuns: 60 },
    );
    // The runs did lay out notes, words cut at page ends and many pages.
    expect(seen.notes).toBeGreaterThan(40);
    expect(seen.cutWords).toBeGreaterThan(8);
    expect(seen.pages).toBeGreaterThan(60);
  });
});
