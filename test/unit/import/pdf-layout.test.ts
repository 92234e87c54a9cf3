// PDF import on real PDFs typeset by pdfTeX, XeTeX (two columns) and a browser: blocks, running heads, footnotes,
// hyphenation, and the refusals of PDFs it cannot read.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../../server/domain/import/import-file.ts";
import { loadEnglishDictionary } from "../../../server/domain/import/load-dictionary.ts";

const dictionary = loadEnglishDictionary();
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/pdf/${name}`, import.meta.url)));
const importPdf = (name: string) => importFile("pdf", fixture(name), { dictionary });

const essayKinds = [
  "title",
  "author",
  "heading",
  "paragraph",
  "paragraph",
  "paragraph",
  "heading",
  "paragraph",
  "paragraph",
  "paragraph",
];

describe("PDF layout", () => {
  // pdf.js and its worker module are loaded once, on first use (seconds on a loaded machine): not part of any test.
  beforeAll(() => importPdf("browser.pdf"), 60_000);

  it("reads a pdfTeX book page by page: no running heads or page numbers, notes on their markers, hyphens rejoined", async () => {
    const { document, report } = await importPdf("pdftex.pdf");
    expect(document.blocks.map((block) => block.kind)).toEqual(essayKinds);
    expect(document).toMatchObject({ title: "Self-Reliance", author: "Ralph Waldo Emerson" });
    const texts = document.blocks.map((block) => block.text);
    expect(texts.slice(1).join(" ")).not.toMatch(/Self-Reliance|(^|\s)\d(\s|$)/u);
    expect(texts[3]).toMatch(
      /^I read the other day .* that is genius\. Speak your latent conviction, .* the Last Judgment\.$/u,
    );
    // A paragraph across a page break is one block; words cut at line ends are whole.
    expect(texts[5]).toMatch(/take with shame our own opinion from another\.$/u);
    expect(texts.join(" ")).not.toMatch(/\p{L}- \p{L}/u);
    expect(texts.join(" ")).toContain("good-humored inflexibility");
    for (const word of [
      "becomes",
      "rejected",
      "spontaneous",
      "character",
      "deliverance",
      "benefactors",
      "enviable",
    ])
      expect(texts.join(" ")).toContain(` ${word}`);
    expect(report.dehyphenated.lineBreak + report.dehyphenated.pageBreak).toBeGreaterThan(0);
    expect(report.pageArtefactsRemoved).toBeGreaterThanOrEqual(6);
    expect(report.paragraphsJoinedAcrossPages).toBeGreaterThan(0);

    const notes = document.blocks.flatMap((block) =>
      block.footnotes.map((ref) => ({ ...ref, block: block.text })),
    );
    expect(notes.map((ref) => [ref.marker, ref.note?.text])).toEqual([
      ["1", "Emerson’s essay first appeared in Essays: First Series, 1841."],
      ["2", "The sentence is often quoted, and as often misquoted; the difference is instructive."],
      [
        "3",
        "A third note, long enough to run over a line of the small type at the foot of the page, so that a note body of two lines is tested.",
      ],
    ]);
    expect(notes.map((ref) => ref.block.slice(ref.offset - 8, ref.offset))).toEqual(
      ["genius.", "nother.", "to it."].map((end) => expect.stringContaining(end)),
    );
    expect(report.footnoteMarkersSeparated).toBe(3);
  });

  it("reads a two-column XeTeX page column by column, to the same blocks as the one-column book", async () => {
    const [oneColumn, twoColumns] = await Promise.all([
      importPdf("pdftex.pdf"),
      importPdf("xetex-two-columns.pdf"),
    ]);
    const shape = (blocks: typeof oneColumn.document.blocks) =>
      blocks.map((block) => ({
        kind: block.kind,
        text: block.text,
        notes: block.footnotes.map((ref) => ref.note?.text),
      }));
    expect(shape(twoColumns.document.blocks)).toEqual(shape(oneColumn.document.blocks));
  });

  it("reads a browser-printed page: title, byline, heading, indented paragraphs, a marker without a note", async () => {
    const { document } = await importPdf("browser.pdf");
    expect(document.blocks.map((block) => [block.kind, block.text.slice(0, 24)])).toEqual([
      ["title", "A Short Essay on Reading"],
      ["author", "Jane Doe"],
      ["heading", "First part"],
      ["paragraph", "The office of the reader"],
      ["paragraph", "A second paragraph start"],
    ]);
    expect(document.blocks[3]!.text).toContain("difficult efficient affluent flow");
    const [marker] = document.blocks[3]!.footnotes;
    expect(document.blocks[3]!.text.slice(0, marker!.offset)).toMatch(/another begins\.$/u);
  });

  it("reads a PDF given as a Node Buffer (what file reads and uploads give) and leaves the caller's bytes as they were", async () => {
    const buffer = readFileSync(new URL("../../fixtures/pdf/browser.pdf", import.meta.url));
    const copy = Buffer.from(buffer);
    const { document } = await importFile("pdf", buffer, { dictionary });
    expect(document.title).toBe("A Short Essay on Reading");
    expect(buffer.equals(copy)).toBe(true);
  });

  it.each([
    ["scan.pdf", /^This PDF has no text; run OCR on it first\.$/u],
    ["encrypted.pdf", /encrypted with a password/u],
    ["truncated.pdf", /damaged and could not be read/u],
  ])("refuses %s with a 422 that says what to do", async (name, message) => {
    await expect(importPdf(name)).rejects.toMatchObject({
      code: "unprocessable_content",
      status: 422,
      message: expect.stringMatching(message),
    });
  });
});
