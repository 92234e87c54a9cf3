// Messages between the server and the import worker.
import type { ErrorCode } from "../../../shared/errors.ts";
import type { ImportProgress } from "../../../shared/schemas/document-api.ts";
import type { ImportFormat } from "../../../shared/schemas/documents.ts";
import type { ImportResult } from "../../domain/import/import-text.ts";
import type { FileFormat } from "../../domain/import/sniff-format.ts";

/**
 * What to import: a text read as plain text or Markdown (`format` an ImportFormat), or the bytes of a file converted
 * from its format (`format` a FileFormat: sniff-format.ts). Title and author override what the import finds;
 * `fileTitle` (the uploaded file's name, tidied: titleOfFileName) names a text that gives no title of its own.
 */
export type ImportInput = { title: string | undefined; author: string | undefined; fileTitle?: string } & (
  { source: string; format: ImportFormat } | { source: Uint8Array; format: FileFormat }
);

export type ImportJob = ImportInput & { id: number };

export type ImportJobReply =
  | { id: number; ok: true; result: ImportResult }
  /** `code` when the import refused the source for a reason the uploader can act on (AppError). */
  | { id: number; ok: false; message: string; code?: ErrorCode }
  /** How far the job has got (sent as each stage starts, and after each page of a PDF). */
  | { id: number; progress: ImportProgress }
  | { ready: true };

/** Whether the input is a text (read as text or Markdown) rather than a file's bytes. */
export const isTextInput = (input: ImportInput): input is Extract<ImportInput, { source: string }> =>
  typeof input.source === "string";
