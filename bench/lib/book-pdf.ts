// A book-like PDF of a given number of pages, typeset at run time (pdfkit, embedded DejaVu Serif): a title, chapter
// headings, justified indented paragraphs, a running head and a page number on every page.
import PDFDocument from "pdfkit";
import { loadFonts } from "../../server/domain/export/pdf-fonts.ts";

export interface BookPdf {
  bytes: Buffer;
  pages: number;
  /** Characters of body text set (paragraphs and headings). */
  characters: number;
}

/**
 * Sets `paragraphs` (used in turn, from the first again when they run out) until the book has `pages` pages, a
 * chapter heading every `chapterEvery` paragraphs. The last paragraph may end a little way into the last page.
 */
export async function typesetBook(
  title: string,
  paragraphs: readonly string[],
  pages: number,
  chapterEvery = 40,
): Promise<BookPdf> {
  const fonts = loadFonts();
  const doc = new PDFDocument({
    size: "A5",
    margins: { top: 54, bottom: 54, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: title, Creator: "Scholia bench" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.registerFont("serif", fonts.data.serif);
  doc.registerFont("bold", fonts.data.serifBold);
  doc.font("bold").fontSize(18).text(title, { align: "center" }).moveDown(2);
  let characters = title.length;
  for (let index = 0; doc.bufferedPageRange().count < pages; index++) {
    if (index % chapterEvery === 0) {
      const heading = `Chapter ${index / chapterEvery + 1}`;
      doc.font("bold").fontSize(13).text(heading, { paragraphGap: 6 });
      characters += heading.length;
    }
    const paragraph = paragraphs[index % paragraphs.length]!.replace(/\s+/gu, " ");
    doc.font("serif").fontSize(10).text(paragraph, { align: "justify", indent: 14, lineGap: 1 });
    characters += paragraph.length;
  }
  const { count } = doc.bufferedPageRange();
  for (let page = 0; page < count; page++) {
    doc.switchToPage(page);
    const { margins } = doc.page;
    const bottom = margins.bottom;
    margins.bottom = 0; // writing below the text area would otherwise start a new page
    doc.font("serif").fontSize(8);
    if (page > 0) doc.text(title, margins.left, 30, { lineBreak: false });
    doc.text(String(page + 1), doc.page.width / 2 - 6, doc.page.height - 36, { lineBreak: false });
    margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), pages: count, characters };
}
