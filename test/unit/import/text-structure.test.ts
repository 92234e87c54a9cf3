// Structure of plain-text extractions, fault by fault: paragraphs without blank lines, page furniture at page
// edges, lone numerals, footnote bodies at page feet, words cut across page breaks, bylines.
import { describe, expect, it } from "vitest";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { separateFootnotes } from "../../../server/domain/import/footnotes.ts";
import { importText } from "../../../server/domain/import/import-text.ts";
import { splitLines } from "../../../server/domain/import/lines.ts";
import { scanPages } from "../../../server/domain/import/page-artefacts.ts";

const dictionary = createDictionary(["interpretation", "outsider", "material", "reading"]);
const blocksOf = (text: string) =>
  importText(text, { dictionary, format: "text" }).document.blocks.map(({ kind, text }) => ({ kind, text }));
const paragraph = (text: string) => ({ kind: "paragraph", text });

/** Lines of prose about 60 characters long, none ending a sentence. */
const running = [
  "the group reads on through the long afternoon and the evening",
  "while the lamps are lit one after another along the narrow",
  "street outside the library where the old archive is still kept",
  "in boxes that nobody has opened for a very long time, and so",
];

describe("paragraphs without blank lines", () => {
  it("end where a line stops well short of the measure after a sentence and the next starts one", () => {
    const text = [
      "A Title",
      "",
      "The first paragraph begins, and",
      ...running,
      "it ends here.",
      "The second paragraph begins, and",
      ...running,
      "it ends too.",
    ].join("\n");
    const first = ["The first paragraph begins, and", ...running, "it ends here."].join(" ");
    const second = ["The second paragraph begins, and", ...running, "it ends too."].join(" ");
    expect(blocksOf(text)).toEqual([{ kind: "title", text: "A Title" }, paragraph(first), paragraph(second)]);
  });

  it("go on where the short line does not end a sentence, or the next line does not start one", () => {
    const open = [
      "A Title",
      "",
      ...running,
      "this line is short",
      "So the sentence goes on.",
      ...running,
      "x.",
    ];
    expect(blocksOf(open.join("\n"))).toHaveLength(2);
    const lower = ["A Title", "", ...running, "this one ends.", "but goes on.", ...running, "x."];
    expect(blocksOf(lower.join("\n"))).toHaveLength(2);
  });

  it("go on over a line that an extractor broke at a footnote marker", () => {
    const text = ["A Title", "", ...running, "that ends with timidity.5", "Their", ...running, "x."].join(
      "\n",
    );
    expect(blocksOf(text)).toHaveLength(2);
  });

  it("set a lone numeral or a short unpunctuated line between paragraphs apart as a heading", () => {
    const part = ["The next part begins, and", ...running, "it ends."];
    const text = ["A Title", "", ...part, "IV", ...part, "Coda", ...part];
    expect(blocksOf(text.join("\n")).map((block) => [block.kind, block.text.slice(0, 8)])).toEqual([
      ["title", "A Title"],
      ["paragraph", "The next"],
      ["heading", "IV"],
      ["paragraph", "The next"],
      ["heading", "Coda"],
      ["paragraph", "The next"],
    ]);
  });
});

/** A text of form-feed pages: each page's lines, joined. */
const paged = (...pages: string[][]) => pages.map((lines) => lines.join("\n")).join("\n\f") + "\n\f";
const scanTexts = (text: string) => scanPages(splitLines(text)).lines.map((line) => line.text);

describe("page furniture at page edges", () => {
  const body = (n: number) => [
    `Page ${["one", "two", "three", "four"][n - 1]} body text runs on,`,
    "and on.",
  ];

  it.each([
    ["a fraction", (n: number) => `${n} / 40`],
    ["Page n", (n: number) => `Page ${n}`],
    ["a dashed number", (n: number) => `— ${n} —`],
    ["a bare number", (n: number) => `${n}`],
  ])("removes page numbers written as %s, at the foot, following the page sequence", (_name, footer) => {
    const text = paged(...[1, 2, 3].map((n) => [...body(n), "", footer(n)]));
    expect(scanTexts(text).filter(Boolean)).toEqual([...body(1), ...body(2), ...body(3)]);
  });

  it("removes a book title and a chapter title alternating at the page tops, never taking one for the title", () => {
    const head = (n: number) => (n % 2 === 0 ? `${n}    Careful Reading` : `Margins and Notes    ${n}`);
    const text = paged(...[1, 2, 3, 4].map((n) => [head(n), "", ...body(n)]));
    const blocks = blocksOf(text);
    expect(blocks.map((block) => block.text).join(" ")).not.toMatch(/Careful|Margins/u);
    // Each page's text ends on a short finished sentence, so each is a paragraph of its own.
    expect(blocks).toEqual([1, 2, 3, 4].map((n) => paragraph(body(n).join(" "))));
  });

  it("removes a chapter title printed beside the page number once, when the text has running heads", () => {
    const text = paged(
      ["The Book", "", ...body(1), "", "1"],
      ["2", "", "The Book", "", ...body(2)],
      ["A Chapter", "", "3", "", ...body(3)],
      ["4", "", "The Book", "", ...body(4)],
    );
    expect(scanTexts(text).filter(Boolean)).toEqual([
      "The Book",
      ...body(1),
      ...body(2),
      ...body(3),
      ...body(4),
    ]);
  });

  it("keeps a section numeral at a page top after the page number, and one numbered like the page", () => {
    const text = paged(
      [...body(1), "", "1"],
      ["2", "", "II", "", ...body(2)],
      ["3", "", "1848", "", ...body(3)],
    );
    const scan = scanPages(splitLines(text));
    expect(scan.lines.map((line) => line.text).filter(Boolean)).toEqual([
      ...body(1),
      "II",
      ...body(2),
      "1848",
      ...body(3),
    ]);
    expect(scan.keptNumerals).toEqual(["II", "1848"]);
  });

  it("keeps repeated lines that sit inside pages, not at their edges", () => {
    const text = paged(...[1, 2, 3].map((n) => [...body(n), "Notes", ...body(n), "", `${n}`]));
    expect(scanTexts(text).filter((line) => line === "Notes")).toHaveLength(3);
  });
});

describe("footnote bodies at the foot of a page", () => {
  it("are taken out of a paragraph that crosses the page and ride on their markers, the cut word rejoined", () => {
    const text = paged(
      [
        "On Notes",
        "By Ada Fairweather",
        "The outsider4 keeps the question open around 1820–1830.5 Then the",
        "group goes on with its reading and its long interpreta-",
        "4 Someone from elsewhere.",
        "5The date matters less.",
        "",
        "1",
      ],
      ["2", "", "On Notes", "", "tion of the text, a COVID-19 of 2020.", "", "6 Never referred to."],
    );
    const result = importText(text, { dictionary, format: "text" });
    const { blocks } = result.document;
    expect(blocks.map(({ kind, text }) => ({ kind, text }))).toEqual([
      { kind: "title", text: "On Notes" },
      { kind: "author", text: "Ada Fairweather" },
      paragraph(
        "The outsider keeps the question open around 1820–1830. Then the group goes on with its reading and its long interpretation of the text, a COVID-19 of 2020.",
      ),
      paragraph("6 Never referred to."),
    ]);
    expect(blocks[2]?.footnotes).toEqual([
      { marker: "4", offset: 12, note: { text: "Someone from elsewhere." } },
      { marker: "5", offset: 54, note: { text: "The date matters less." } },
    ]);
    expect(result.report.dehyphenated.pageBreak).toBe(1);
  });

  it("stay in the text when a marker is missing from the page above them", () => {
    const text = paged([
      "A Title",
      "",
      "Text without markers runs on",
      "and ends.",
      "1 Not a note but a list.",
      "",
      "1",
    ]);
    expect(blocksOf(text).map((block) => block.text)).toEqual([
      "A Title",
      "Text without markers runs on and ends.",
      "1 Not a note but a list.",
    ]);
  });
});

describe("separateFootnotes with note bodies", () => {
  it("takes markers after numbers and bare words only with a note, and never eats years or COVID-19", () => {
    const text = "Around 1820–1830.3 Then an outsider4 came in 1848, after COVID-19.";
    const withNotes = separateFootnotes([{ text, heading: false }], dictionary, [
      { marker: "3", text: "Third." },
      { marker: "4", text: "Fourth." },
    ]);
    expect(withNotes.blocks).toEqual([
      {
        text: "Around 1820–1830. Then an outsider came in 1848, after COVID-19.",
        footnotes: [
          { marker: "3", offset: 17, note: { text: "Third." } },
          { marker: "4", offset: 34, note: { text: "Fourth." } },
        ],
      },
    ]);
    expect(withNotes.unpairedNotes).toEqual([]);
    const without = separateFootnotes([{ text, heading: false }], dictionary);
    expect(without.blocks[0]?.text).toBe(text);
  });

  it("pairs notes in reading order, so numbering that restarts takes the next marker with the number", () => {
    const blocks = [
      { text: "First.1 Second.2", heading: false },
      { text: "Again.1 More.2", heading: false },
    ];
    const result = separateFootnotes(blocks, dictionary, [
      { marker: "1", text: "a" },
      { marker: "2", text: "b" },
      { marker: "1", text: "c" },
      { marker: "9", text: "lost" },
    ]);
    expect(result.blocks.map((block) => block.footnotes.map((ref) => ref.note?.text ?? null))).toEqual([
      ["a", "b"],
      ["c", null],
    ]);
    expect(result.unpairedNotes).toEqual([{ marker: "9", text: "lost" }]);
  });
});

describe("bylines", () => {
  it.each([
    ["Written by Mara Quill", "Mara Quill"],
    ["By Ada Fairweather", "Ada Fairweather"],
    ["by J. R. Hartley", "J. R. Hartley"],
    ["Mara Quill", "Mara Quill"],
    ["Ludwig van Beethoven", "Ludwig van Beethoven"],
  ])("takes %s under the title as the author, the first paragraph right after it", (line, author) => {
    const text = ["A Title", line, ...running, "and so it ends."].join("\n");
    const result = importText(text, { dictionary, format: "text" });
    expect(result.document.author).toBe(author);
    expect(result.document.blocks.map((block) => block.kind)).toEqual(["title", "author", "paragraph"]);
  });

  it("does not take a sentence, a lower-case line or a long line under the title for a name", () => {
    for (const line of ["The argument begins here.", "notes on margins", "One Two Three Four Five Six"]) {
      const text = ["A Title", line, ...running, "and so it ends."].join("\n");
      expect(importText(text, { dictionary, format: "text" }).document.author, line).toBeNull();
    }
  });
});
