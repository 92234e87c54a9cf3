// PDF layout on small synthetic pages (runs as pdf.js gives them): running heads, titles and bylines, paragraphs
// across pages with other margins, columns found by their gutters, endnotes under a "Notes" heading.
import { describe, expect, it } from "vitest";
import { layOutPages } from "../../../server/domain/import/pdf/page-blocks.ts";
import { pageLines, type PageLine, type TextRun } from "../../../server/domain/import/pdf/page-lines.ts";

/** A page's measure: where its text column starts and ends, in points. */
interface Measure {
  left: number;
  right: number;
}

const odd: Measure = { left: 72.6, right: 310.7 };
const even: Measure = { left: 108.9, right: 347 };

/** One run for a line of text; `right` for a line set to the full measure, else about half an em a character. */
function run(
  text: string,
  x: number,
  y: number,
  size = 10,
  right?: number,
  font = "LMRoman10-Regular",
): TextRun {
  return { text, x, y, width: (right ?? x + text.length * size * 0.45) - x, size, font };
}

/**
 * A paragraph's lines from `y` down, 12 pt apart: the first indented by 15 pt (unless `indent` is false), all but the
 * last set to the full measure (the last too when the paragraph goes on past them: `ends` false).
 */
function paragraph(
  lines: readonly string[],
  measure: Measure,
  y: number,
  indent = true,
  ends = true,
): TextRun[] {
  return lines.map((text, index) =>
    run(
      text,
      measure.left + (index === 0 && indent ? 15 : 0),
      y + 12 * index,
      10,
      index < lines.length - 1 || !ends ? measure.right : undefined,
    ),
  );
}

const vocabulary = [
  "river",
  "ledger",
  "miller",
  "valley",
  "harvest",
  "bridge",
  "stone",
  "winter",
  "wheel",
  "flour",
];

/** `count` lines of running text, each different (no two alike, so none reads as a running head). */
const words = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => {
    const at = from + index;
    return `the ${vocabulary[at % 10]} and the ${vocabulary[Math.floor(at / 10) % 10]} went on as before`;
  });

const texts = (pages: readonly PageLine[][]) => layOutPages(pages).blocks.map((block) => block.kind);
const blockTexts = (pages: readonly PageLine[][]) =>
  layOutPages(pages).blocks.map((block) => [block.kind, block.lines.map((line) => line.text).join(" ")]);

describe("PDF pages: lines", () => {
  it("keeps a justified line's words on one line when the spaces drawn between them are wider than the gaps", () => {
    // As chromium draws a narrow justified column: each space's width runs past where the next word starts.
    const drawn = [
      run("presented", 57, 258, 10, 107.9),
      run(" ", 107.9, 258, 10, 130.6),
      run("new", 124.9, 258, 10, 145.8),
      run(" ", 145.9, 258, 10, 168.6),
      run("keepers", 162.9, 258, 10, 203),
    ];
    expect(pageLines(drawn).map((line) => [line.text, line.right])).toEqual([["presented new keepers", 203]]);
  });
});

describe("PDF pages: running heads, title and author", () => {
  /** Three pages; page one opens with the title and a byline, the others carry the title as their running head. */
  const book = (byline: string, sectionHead = "The Mill at Hollins Ford") => [
    pageLines([
      run("The Mill at Hollins Ford", 107, 91, 17),
      run(byline, 150, 113, 12),
      ...paragraph(words(6), odd, 200),
      run("1", 190, 500, 9),
    ]),
    pageLines([
      run("The Mill at Hollins Ford", even.left, 59, 9),
      ...paragraph(words(6, 10), even, 90),
      run("2", 220, 500, 9),
    ]),
    pageLines([run(sectionHead, 250, 59, 9), ...paragraph(words(6, 20), odd, 90), run("3", 190, 500, 9)]),
    pageLines([
      run("The Mill at Hollins Ford", even.left, 59, 9),
      ...paragraph(words(6, 30), even, 90),
      run("4", 220, 500, 9),
    ]),
  ];

  it("keeps a title whose words the running head repeats in smaller type, and takes the byline's name as the author", () => {
    const blocks = blockTexts(book("Written by Margaret Ellery"));
    expect(blocks.slice(0, 2)).toEqual([
      ["title", "The Mill at Hollins Ford"],
      ["author", "Margaret Ellery"],
    ]);
    expect(blocks.slice(2).every(([kind]) => kind === "paragraph")).toBe(true);
  });

  it("takes a name alone under the title for the author, but not a subtitle", () => {
    expect(blockTexts(book("Margaret Ellery"))[1]).toEqual(["author", "Margaret Ellery"]);
    expect(blockTexts(book("A History of the Valley"))[1]![0]).not.toBe("author");
  });

  it("joins authors set side by side under the title, each a name alone", () => {
    const pages = book("Margaret Ellery");
    const [title, , ...rest] = pages[0]!;
    const sideBySide = pageLines([
      run(title!.text, title!.left, title!.y, 17),
      run("Margaret Ellery", 90, 113, 12),
      run("Tomas Lindqvist", 230, 113, 12),
    ]);
    pages[0] = [...sideBySide, ...rest];
    expect(blockTexts(pages)[1]).toEqual(["author", "Margaret Ellery, Tomas Lindqvist"]);
  });

  it("drops a running head naming the current section where the book's running head stands on other pages", () => {
    const blocks = blockTexts(book("Margaret Ellery", "Winter and Spring"));
    expect(blocks.map(([, text]) => text).join(" ")).not.toContain("Winter and Spring");
    expect(texts(book("Margaret Ellery", "Winter and Spring"))).toEqual([
      "title",
      "author",
      "paragraph",
      "paragraph",
      "paragraph",
      "paragraph",
    ]);
  });
});

describe("PDF pages: paragraphs across pages", () => {
  it("joins a paragraph running from an odd page to an even page with wider margins, and starts the next at its indent", () => {
    const first = paragraph([...words(5), "cut at the end of the page by the bot-"], odd, 90, true, false);
    const second = [
      run("tom margin, and it ends here.", even.left, 90, 10),
      ...paragraph(words(3, 50), even, 102),
    ];
    const { blocks, joinedAcrossPages } = layOutPages([pageLines(first), pageLines(second)]);
    expect(blocks.map((block) => block.lines.length)).toEqual([7, 3]);
    expect(blocks[0]!.lines[6]).toMatchObject({
      text: "tom margin, and it ends here.",
      pageBreakBefore: true,
    });
    expect(joinedAcrossPages).toBe(1);
  });
});

describe("PDF pages: paragraph ends", () => {
  it("does not end a ragged-right paragraph at a line whose next word would not have fitted", () => {
    // A browser's ragged lines: each falls short of the longest by less than the next line's first word.
    const ragged = [
      run("the ledger was kept in a drawer and written in", 72, 90, 10, 300),
      run("by lamplight, and its survival is an accident", 72, 102, 10, 285),
      run("extraordinary as that may seem to the reader.", 72, 114, 10, 290),
      run("A new paragraph starts here, after a short line.", 72, 126, 10, 310),
      run("It goes on to the end of the page.", 72, 138, 10),
    ];
    expect(layOutPages([pageLines(ragged)]).blocks.map((block) => block.lines.length)).toEqual([3, 2]);
  });

  it("ends a paragraph of a justified column, without indent or gap, at a line falling an em or more short", () => {
    const lines = [
      ...paragraph(words(3), odd, 90, false, false),
      run("and the paragraph ends two ems short.", odd.left, 126, 10, odd.right - 20),
      ...paragraph(
        ["extraordinarily the next paragraph starts flush left", ...words(2, 30)],
        odd,
        138,
        false,
      ),
    ];
    expect(layOutPages([pageLines(lines)]).blocks.map((block) => block.lines.length)).toEqual([4, 3]);
  });

  it("measures a justified column by the edge most lines share, not by an overfull line", () => {
    const lines = [
      ...paragraph(words(3), odd, 90, true, false),
      run("the line with a word that sticks out past the margin", odd.left, 126, 10, odd.right + 12),
      run("the evenings; clubs and societies met to hear", odd.left, 138, 10, odd.right - 9),
      run("a member read a paper or a chapter of a book.", odd.left, 150, 10),
    ];
    expect(layOutPages([pageLines(lines)]).blocks.map((block) => block.lines.length)).toEqual([6]);
  });
});

describe("PDF pages: columns", () => {
  /** An even page: a paragraph across the measure, a heading, two columns (gutter off the page's middle), a heading, a paragraph. */
  function mixedPage(baselineShift: number) {
    const gutterLeft = 220.8;
    const gutterRight = 235;
    const left = Array.from({ length: 6 }, (_, index) =>
      run(`left column line ${index}`, even.left, 200 + 12 * index, 10, gutterLeft),
    );
    const right = Array.from({ length: 8 }, (_, index) =>
      run(`right column line ${index}`, gutterRight, 176 + baselineShift + 12 * index, 10, even.right),
    );
    return pageLines([
      ...paragraph(words(4), even, 90),
      run("1876", even.left, 176, 14.5),
      // The right column is drawn first, as some typesetters do.
      ...right,
      ...left,
      run("1899", even.left, 300, 14.5),
      ...paragraph(words(3, 40), even, 324),
    ]);
  }

  it.each([
    ["offset baselines", 3.2],
    ["shared baselines", 0],
  ])("reads two columns whose gutter is off the page's middle column by column (%s)", (_, shift) => {
    const order = mixedPage(shift).map((line) => line.text);
    expect(order).toEqual([
      ...words(4),
      "1876",
      ...Array.from({ length: 6 }, (_, index) => `left column line ${index}`),
      ...Array.from({ length: 8 }, (_, index) => `right column line ${index}`),
      "1899",
      ...words(3, 40),
    ]);
    const columns = mixedPage(shift).map((line) => line.column);
    expect(new Set(columns.slice(5, 11)).size).toBe(1);
    expect(columns[5]).not.toBe(columns[11]);
  });

  it("reads a two-column page column by column when both columns have a gap at the same height", () => {
    const column = (x: number, right: number, name: string) => [
      ...Array.from({ length: 5 }, (_, index) =>
        run(`${name} column line ${index}`, x, 90 + 12 * index, 10, right),
      ),
      run(`${name} heading`, x, 170, 12, undefined, "Times-Bold"),
      ...Array.from({ length: 5 }, (_, index) =>
        run(`${name} column line ${index + 5}`, x, 188 + 12 * index, 10, right),
      ),
    ];
    const order = pageLines([...column(72, 185, "left"), ...column(199, 311, "right")]).map(
      (line) => line.text,
    );
    expect(order).toEqual(
      ["left", "right"].flatMap((name) => [
        ...Array.from({ length: 5 }, (_, index) => `${name} column line ${index}`),
        `${name} heading`,
        ...Array.from({ length: 5 }, (_, index) => `${name} column line ${index + 5}`),
      ]),
    );
  });

  it("reads three columns of an index page one after another", () => {
    const entries = [40, 230, 420].flatMap((x, column) =>
      Array.from({ length: 30 }, (_, index) =>
        run(`entry ${column}-${index}, 12, 34`, x, 30 + 6 * index, 5, x + (index % 7 === 6 ? 90 : 170)),
      ),
    );
    const order = pageLines(entries).map((line) => line.text);
    expect(order).toEqual(
      [0, 1, 2].flatMap((column) =>
        Array.from({ length: 30 }, (_, index) => `entry ${column}-${index}, 12, 34`),
      ),
    );
  });

  it("reads a glossary's terms beside their definitions, not as a column of terms", () => {
    const glossary = [
      ["Brood", "the eggs, larvae and pupae of the colony,", "kept warm at the centre of the comb."],
      ["Drone", "a male bee, raised in spring and summer,", "turned out of the hive in autumn."],
      ["Propolis", "resin the bees gather from buds and bark,", "used to seal every crack of the hive."],
    ].flatMap(([term, first, second], index) => [
      run(term!, 72, 100 + 30 * index, 10),
      run(first!, 170, 100 + 30 * index, 10, 310),
      run(second!, 170, 112 + 30 * index, 10, 300),
    ]);
    expect(pageLines(glossary).map((line) => line.text.split(" ")[0])).toEqual([
      "Brood",
      "the",
      "kept",
      "Drone",
      "a",
      "turned",
      "Propolis",
      "resin",
      "used",
    ]);
  });

  it("reads a list's labels and a table of contents' page numbers beside their text, not as columns", () => {
    const labels = ["(a)", "(b)", "(c)", "(d)"].flatMap((label, index) => [
      run(label, 72, 100 + 14 * index, 10),
      run(`the item set beside its label, number ${index}`, 120, 100 + 14 * index, 10, 310),
    ]);
    expect(pageLines(labels).map((line) => line.text)).toEqual(
      ["(a)", "(b)", "(c)", "(d)"].flatMap((label, index) => [
        label,
        `the item set beside its label, number ${index}`,
      ]),
    );
    const contents = ["Winter", "Spring and the first swarms", "Summer", "Autumn stores"].flatMap(
      (title, index) => [
        run(title, 72, 100 + 14 * index, 10),
        run(String(3 + 9 * index), 300, 100 + 14 * index, 10, 310),
      ],
    );
    expect(pageLines(contents).every((line) => line.column === 0)).toBe(true);
  });
});

describe("PDF pages: endnotes", () => {
  const marker = (text: string, x: number, y: number) => run(text, x, y - 3.5, 7);
  /** Two paragraphs, each ending with a raised note marker ("1", then "2"), from y 90 to 162. */
  const notedParagraphs = () => [
    ...paragraph([...words(3), "and the paragraph ends with a note."], odd, 90),
    marker("1", 230, 126),
    ...paragraph([...words(2, 10), "another paragraph ends with a note."], odd, 138),
    marker("2", 230, 162),
  ];
  const notesOf = (layout: ReturnType<typeof layOutPages>) =>
    layout.notes.map((note) => [note.marker, note.lines.map((line) => line.text).join(" ")]);

  it("rides endnotes under a heading on their markers: no heading block, no back link arrow in the note", () => {
    const first = pageLines([
      ...notedParagraphs(),
      run("Notes", odd.left, 200, 10, undefined, "Helvetica-Bold"),
      run("1. The bylaw is still on the books; nobody has thought it worth", 75, 220, 9, odd.right),
      run("the trouble of repealing. ↩", 87, 232, 9),
      run("2. The company’s accounts show it.", 75, 246, 9),
      run("↩", 87, 258, 9),
    ]);
    const layout = layOutPages([first]);
    expect(layout.blocks.map((block) => block.kind)).toEqual(["paragraph", "paragraph"]);
    expect(notesOf(layout)).toEqual([
      ["1", "The bylaw is still on the books; nobody has thought it worth the trouble of repealing."],
      ["2", "The company’s accounts show it."],
    ]);
  });

  it("takes endnotes set in the body's type (a web page's notes list) when they answer the text's markers in order", () => {
    const page = pageLines([
      ...notedParagraphs(),
      run("A list in the text", odd.left, 190, 14, undefined, "Helvetica-Bold"),
      run("1. a numbered item of the text itself", 90, 210, 10),
      run("2. and the second item of the list", 90, 222, 10),
      run("Notes", odd.left, 250, 14, undefined, "Helvetica-Bold"),
      run("1. The first note, in the body's own type and size,", 90, 270, 10, odd.right),
      run("running onto a second line.", 100, 282, 10),
      run("2. The second note. ↩", 90, 294, 10),
    ]);
    const layout = layOutPages([page]);
    expect(layout.blocks.map((block) => block.lines.map((line) => line.text).join(" ")).slice(2)).toEqual([
      "A list in the text",
      "1. a numbered item of the text itself",
      "2. and the second item of the list",
    ]);
    expect(notesOf(layout)).toEqual([
      ["1", "The first note, in the body's own type and size, running onto a second line."],
      ["2", "The second note."],
    ]);
  });

  it("leaves a numbered list in the body when its numbers are not the text's unanswered markers", () => {
    const page = pageLines([
      ...paragraph([...words(3), "and the paragraph ends with a note."], odd, 90),
      marker("1", 230, 126),
      run("Steps", odd.left, 160, 14, undefined, "Helvetica-Bold"),
      run("1. a numbered item of the text itself", 90, 180, 10),
      run("2. and the second item of the list", 90, 192, 10),
    ]);
    const layout = layOutPages([page]);
    expect(layout.notes).toEqual([]);
    expect(layout.blocks.map((block) => block.kind)).toEqual([
      "paragraph",
      "heading",
      "paragraph",
      "paragraph",
    ]);
  });

  it("drops a heading that ends the text when the notes follow on a page of their own", () => {
    const text = pageLines([
      ...paragraph([...words(3), "and the paragraph ends with a note."], odd, 90),
      marker("1", 230, 126),
      run("Notes", odd.left, 200, 10, undefined, "Helvetica-Bold"),
    ]);
    const notes = pageLines([run("1. The note, on a page of notes.", 75, 90, 9), run("↩", 87, 102, 9)]);
    const layout = layOutPages([text, notes]);
    expect(layout.blocks.map((block) => block.kind)).toEqual(["paragraph"]);
    expect(layout.notes.map((note) => note.lines.map((line) => line.text).join(" "))).toEqual([
      "The note, on a page of notes.",
    ]);
  });
});
