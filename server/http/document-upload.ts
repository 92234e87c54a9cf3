// Turns an uploaded file into what the importer takes: a text (UTF-8, plain or Markdown) or a file's bytes in a
// format Scholia converts, told by its first bytes and checked against what the client said it was.
import type { ImportFormat } from "../../shared/schemas/documents.ts";
import { canImport, unsupportedFormat } from "../domain/import/import-file.ts";
import { sniffFormat } from "../domain/import/sniff-format.ts";
import { titleOfFileName } from "../domain/import/file-title.ts";
import type { ImportInput } from "../services/documents/import-job.ts";
import { decodeText, requireUtf8, type FileUpload } from "./read-text-upload.ts";

export { uploadContentTypes as documentContentTypes } from "../domain/import/sniff-format.ts";

/**
 * The import input of an uploaded document. `format` (the "format" field) says how to read a text; a file in another
 * format is converted whatever it says.
 * @throws AppError 415 for a format Scholia does not read, a file whose bytes contradict its declared type, or a text
 *   in another charset than UTF-8; 400 for a text that is empty, binary or not UTF-8.
 */
export function importInputOf(
  upload: FileUpload,
  fields: { format?: ImportFormat | undefined; title?: string | undefined; author?: string | undefined },
): ImportInput {
  const fileTitle = upload.fileName === undefined ? undefined : titleOfFileName(upload.fileName);
  const metadata = { title: fields.title, author: fields.author, ...(fileTitle ? { fileTitle } : {}) };
  const sniffed = sniffFormat(upload.bytes, { contentType: upload.contentType, fileName: upload.fileName });
  if (sniffed.kind === "file") {
    if (!canImport(sniffed.format)) throw unsupportedFormat(sniffed.format);
    return { ...metadata, source: upload.bytes, format: sniffed.format };
  }
  if (upload.fileName === undefined) requireUtf8(upload.contentType);
  const source = decodeText(upload.bytes);
  return { ...metadata, source, format: fields.format ?? (sniffed.markdown ? "markdown" : "auto") };
}
