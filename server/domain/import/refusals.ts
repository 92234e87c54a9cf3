// The import's refusals of a source that holds nothing to read, worded for the person who uploaded it.
import type { SourceFormat } from "../../../shared/schemas/documents.ts";
import { AppError } from "../app-error.ts";

/** How people call a source of each format, as in "This PDF …". */
export const formatLabels: Record<SourceFormat, string> = {
  text: "text",
  markdown: "Markdown text",
  pdf: "PDF",
  docx: "Word file",
  epub: "EPUB",
  html: "web page",
};

/**
 * The refusal (422 unprocessable_content) of a source in which the import found no paragraph, heading, quotation
 * or list item, only a title and author at most: storing it would give the group an empty text to read.
 */
export const noTextToRead = (format: SourceFormat) =>
  new AppError(
    "unprocessable_content",
    `Nothing to read was found in this ${formatLabels[format]}: no paragraph or heading, so nothing was stored. ` +
      "Check that it is the right file (a scanned document needs OCR first), or paste its text instead.",
  );
