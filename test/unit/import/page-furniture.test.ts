// Page furniture of texts with form feeds: printed-page headers and footers, told apart from the title and headings.
import { describe, expect, it } from "vitest";
import { splitLines } from "../../../server/domain/import/lines.ts";
import { scanPages } from "../../../server/domain/import/page-artefacts.ts";

const prose = ["alpha", "beta", "gamma", "delta", "epsilon"].map(
  (word) => `The ${word} page has a line of prose that runs on and on`,
);
const textsOf = (text: string) => scanPages(splitLines(text)).lines.map((line) => line.text);

describe("page furniture with form feeds", () => {
  it("takes a browser's printed header and footer off every page, the first included, and keeps the title under it", () => {
    const page = (n: number, total: number) => [
      "3/14/25, 9:05 AM",
      "",
      "A Walk by the River",
      "",
      ...(n === 1 ? ["A Walk by the River", "Written by Ann Smith", ""] : []),
      prose[n - 1] as string,
      "",
      `https://example.org/walk-${n}.html`,
      "",
      `${n}/${total}`,
      "",
    ];
    const texts = textsOf([1, 2, 3].map((n) => page(n, 3).join("\n")).join("\f"));
    expect(texts.filter((text) => text.length > 0)).toEqual([
      "A Walk by the River",
      "Written by Ann Smith",
      prose[0],
      prose[1],
      prose[2],
    ]);
  });

  it("takes a header glued to its date or number for a header, not the title under it", () => {
    const page = (n: number) => [
      "3/14/25, 9:05 AM A Walk by the River",
      ...(n === 1 ? ["A Walk by the River"] : []),
      prose[n - 1] as string,
      `${n}`,
    ];
    const texts = textsOf([1, 2, 3].map((n) => page(n).join("\n")).join("\f"));
    expect(texts).toEqual(["A Walk by the River", prose[0], prose[1], prose[2]]);
  });

  it("takes footer lines alike but for their numbers, even with few letters, when on half the pages", () => {
    const page = (n: number) => [prose[n - 1] as string, `${n + 10}.3.25, 9:0${n} AM`];
    expect(textsOf([1, 2, 3, 4, 5].map((n) => page(n).join("\n")).join("\f"))).toEqual(prose);
    // On two pages of five it is no furniture.
    const twice = [1, 2, 3, 4, 5].map((n) => (n < 3 ? page(n) : [prose[n - 1] as string]).join("\n"));
    expect(textsOf(twice.join("\f"))).toContain("12.3.25, 9:02 AM");
    // Without digits either, it is an ornament or a scene break, wherever it stands.
    const breaks = [1, 2, 3, 4, 5].map((n) => [prose[n - 1] as string, "* * *"].join("\n"));
    expect(textsOf(breaks.join("\f")).filter((text) => text === "* * *")).toHaveLength(5);
  });

  it("keeps section numerals inside pages whose page numbers sit at their edges", () => {
    const sections = ["I", "II", "III", "IV"];
    const page = (n: number) => [
      prose[n - 1] as string,
      "and the sentence goes on",
      "to its end here.",
      "",
      sections[n - 1] as string,
      "A new section starts",
      "and goes on for a while",
      "to the page's foot",
      "",
      `${n}`,
      "",
    ];
    const texts = textsOf([1, 2, 3, 4].map((n) => page(n).join("\n")).join("\f"));
    for (const numeral of sections) expect(texts).toContain(numeral);
    expect(texts).not.toContain("2");
  });
});

describe("section headers and page numbers run into a line", () => {
  const bookPage = (header: string, body: string[], n: number) => [header, "", ...body, "", `${n}/4`, ""];

  it("takes a section's title or numeral in the header slot for the header, and keeps its heading", () => {
    const pages = [
      ["Book Title", "", prose[0] as string, "and it ends here.", "", "1/4", ""],
      bookPage("Book Title", [prose[1] as string, "and ends there."], 2),
      bookPage("The Second Part", ["and goes on at the top.", "", "The Second Part", prose[2] as string], 3),
      bookPage("Book Title", [prose[3] as string, "", "IV", "A section goes on here."], 4),
    ];
    const texts = textsOf(pages.map((page) => page.join("\n")).join("\f")).filter(Boolean);
    expect(texts.filter((text) => text === "The Second Part")).toHaveLength(1);
    expect(texts.indexOf("The Second Part")).toBe(texts.indexOf("and goes on at the top.") + 1);
    expect(texts).toContain("IV");
    // A repeated heading opening a page, over a new paragraph, is a heading: it stays.
    const notes = ["Notes", "A note.", "Another note.", "A third note."];
    const notesPages = [...pages, bookPage("Book Title", [prose[4] as string, "and more.", "", ...notes], 5)];
    notesPages[1] = bookPage("Notes", ["A note opens the page."], 2);
    expect(
      textsOf(notesPages.map((page) => page.join("\n")).join("\f")).filter((text) => text === "Notes"),
    ).toHaveLength(2);
    // A first line met nowhere else in the text is no section's name: it stays.
    pages[2] = bookPage("A Lone Line", ["and goes on at the top."], 3);
    expect(textsOf(pages.map((page) => page.join("\n")).join("\f"))).toContain("A Lone Line");
  });

  it("takes off a page number that a rejoined word ran into the page's last line, giving the hyphen back", () => {
    const pages = [
      [prose[0] as string, "", "1/3", ""],
      [prose[1] as string, "and this line ends with a bro2/3", ""],
      ["ken word.", "", "3/3", ""],
    ];
    const texts = textsOf(pages.map((page) => page.join("\n")).join("\f"));
    expect(texts).toContain("and this line ends with a bro-");
    expect(texts.filter((text) => /\d/u.test(text))).toEqual([]);
  });

  it("keeps a number at a line's end that does not follow the page sequence or whose form differs", () => {
    for (const last of [
      "and this line ends with a bro7/3",
      "and this line ends with a bro2/9",
      "and a year 1/3",
    ]) {
      const pages = [
        [prose[0] as string, "", "1/3", ""],
        [prose[1] as string, last, ""],
        ["ken word.", "", "3/3", ""],
      ];
      expect(textsOf(pages.map((page) => page.join("\n")).join("\f")), last).toContain(last);
    }
  });
});

describe("furniture glued onto a line of text", () => {
  it("takes a repeated header or footer off the start or end of a text line at a page's edge", () => {
    const header = (n: number) => `3/14/25, 9:0${n} AM A Walk by the River`;
    const footer = (n: number) => `https://example.org/walk.html ${n}/4`;
    const pages = [
      ["A Walk by the River", prose[0] as string, header(1), footer(1)],
      [prose[1] as string, `and the line runs on ${header(2)}`, footer(2)],
      [prose[2] as string, `${footer(3)} ${header(3)}`],
      [`${header(4)} and the last page`, prose[3] as string, header(4), footer(4)],
    ];
    expect(textsOf(pages.map((page) => page.join("\n")).join("\f"))).toEqual([
      "A Walk by the River",
      prose[0],
      prose[1],
      "and the line runs on",
      prose[2],
      "and the last page",
      prose[3],
    ]);
  });
});
