// Imports an uploaded file (PDF, Word, EPUB, HTML): picks the converter for its format, then the steps every import
// shares (finishImport).
import type { ImportReport } from "../../../shared/schemas/documents.ts";
import { AppError } from "../app-error.ts";
import type { Dictionary } from "./dictionary.ts";
import { finishImport, type DraftBlock, type ImportOptions, type ImportResult } from "./import-text.ts";
import { formatLabels, noTextToRead } from "./refusals.ts";
import type { FileFormat } from "./sniff-format.ts";

/** What a converter makes of a file: blocks in reading order, its report, and the text it extracted. */
export interface ConvertedFile {
  drafts: DraftBlock[];
  /** Counts of what the converter repaired; `format` is the file's format. */
  report: ImportReport;
  /** The document's text as extracted (what the version stores as its source text and normalized text). */
  text: string;
}

export interface ConvertOptions {
  dictionary: Dictionary;
  onProgress?: ImportOptions["onProgress"];
  /** Called after each page of a paged file is read, with its number (from 1) and the number of pages. */
  onPage?: (page: number, pages: number) => void;
}

/**
 * Turns a file's bytes into blocks. Throws AppError (422 unprocessable_content) for a file of the right format that
 * cannot be read (encrypted, damaged, no text), with what to do about it.
 */
export type FileConverter = (
  bytes: Uint8Array,
  options: ConvertOptions,
) => ConvertedFile | Promise<ConvertedFile>;

/**
 * The converter of each file format. Each is loaded on first use (a PDF library is megabytes of code), so this map
 * is cheap to import where only the list of formats is needed.
 */
export const fileConverters: Partial<Record<FileFormat, FileConverter>> = {
  pdf: async (bytes, options) => (await import("./pdf/convert-pdf.ts")).convertPdf(bytes, options),
  docx: async (bytes) => (await import("./formats/convert-file.ts")).convertDocxFile(bytes),
  epub: async (bytes) => (await import("./formats/convert-file.ts")).convertEpubFile(bytes),
  html: async (bytes) => (await import("./formats/convert-file.ts")).convertHtmlFile(bytes),
};

/** Whether files of `format` can be imported. */
export const canImport = (format: FileFormat): boolean => fileConverters[format] !== undefined;

/** How people name a file of each format, and what they can do when one cannot be read. */
const remedies: Record<FileFormat, string> = {
  pdf: "Open it in a PDF reader and save or print it to a new PDF, then upload that.",
  docx: "Save it again from its editor, or upload its text.",
  epub: "Export it again from its editor, or upload its text.",
  html: "Save the page again from the browser, or upload its text.",
};

/**
 * Imports a file of `format` (already sniffed: sniff-format.ts) into blocks with anchor ids and a report.
 * @throws AppError unsupported_media_type when no converter reads the format; what the converter throws when it
 *   is an AppError; unprocessable_content (422) naming the reason for any other failure of the converter, since
 *   the parsers it calls fail that way on a damaged or hostile file (a page tree that loops, an undeclared entity,
 *   nesting deeper than the stack, a malformed address); unprocessable_content when the file holds no text beyond
 *   a title and author.
 */
export async function importFile(
  format: FileFormat,
  bytes: Uint8Array,
  options: ConvertOptions & Pick<ImportOptions, "title" | "author">,
): Promise<ImportResult> {
  const convert = fileConverters[format];
  if (!convert) throw unsupportedFormat(format);
  let converted: ConvertedFile;
  try {
    converted = await convert(bytes, options);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      "unprocessable_content",
      `This ${formatLabels[format]} is damaged and could not be read (${reason.replace(/\s+/gu, " ").trim().slice(0, 200)}). ${remedies[format]}`,
    );
  }
  // A converter adds the title and author its metadata states; with nothing else, there is no text to read.
  if (converted.drafts.every((draft) => draft.kind === "title" || draft.kind === "author"))
    throw noTextToRead(format);
  return finishImport(converted.drafts, converted.report, converted.text, options);
}

/** The refusal of a format with no converter yet. */
export function unsupportedFormat(format: FileFormat) {
  const supported = (Object.keys(fileConverters) as FileFormat[]).map((name) => name.toUpperCase());
  return new AppError(
    "unsupported_media_type",
    `Scholia cannot import ${format.toUpperCase()} files yet. Upload plain text, Markdown${supported.map((name) => ` or ${name}`).join("")}.`,
  );
}
