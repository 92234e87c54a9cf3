// Opens a PDF with pdf.js and turns its failures (encrypted, damaged, not a PDF) into errors a person can act on.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as PdfJsModule from "pdfjs-dist";
import type { PDFDocumentProxy } from "pdfjs-dist";
import { AppError } from "../../app-error.ts";

type PdfJs = typeof PdfJsModule;
export type PdfDocument = PDFDocumentProxy;

/** pdf.js's legacy build: the modern one needs browser APIs Node lacks (Path2D, DOMMatrix). */
let pdfjs: Promise<PdfJs> | undefined;
const loadPdfJs = () => (pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs") as Promise<PdfJs>);

// Fonts that PDFs name without embedding (Helvetica, Times) and CJK character maps: pdf.js reads them from its package.
const packageDir = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/**
 * The most pages a PDF may have: more than the longest books, which take well under the import's time limit. A page
 * tree can name a page a billion times in a file of a few kilobytes (its nodes share their kids).
 */
const maxPdfPages = 2000;

/** A PDF that cannot be imported, with the reason and what to do. */
export const unreadablePdf = (message: string) => new AppError("unprocessable_content", message);

/**
 * Opens `bytes` as a PDF. pdf.js is given a plain Uint8Array copy: it refuses a Node Buffer (a Uint8Array subclass,
 * what file reads and uploads produce) and may take over the array it is given, so the caller's bytes stay theirs.
 * @throws AppError unprocessable_content (422) for an encrypted (password-protected) or damaged PDF;
 *   payload_too_large (413) for one of more than maxPdfPages pages, refused before any page is read.
 */
export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: join(packageDir, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(packageDir, "standard_fonts") + "/",
  });
  let document: PdfDocument;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    const name = (error as Error).name;
    if (name === "PasswordException") {
      throw unreadablePdf(
        "This PDF is encrypted with a password. Remove the password (for example, print it to a new PDF) and upload it again.",
      );
    }
    throw unreadablePdf(
      `This PDF is damaged and could not be read (${(error as Error).message}). Open it in a PDF reader and save or print it to a new PDF, then upload that.`,
    );
  }
  if (document.numPages > maxPdfPages) {
    const pages = document.numPages;
    await document.destroy();
    throw new AppError(
      "payload_too_large",
      `This PDF has ${pages} pages; Scholia imports at most ${maxPdfPages}. Upload the part your group reads (most PDF readers can print a range of pages to a new PDF).`,
    );
  }
  return document;
}
