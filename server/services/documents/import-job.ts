// Messages between the server and the import worker.
import type { ImportFormat } from "../../../shared/schemas/documents.ts";
import type { ImportResult } from "../../domain/import/import-text.ts";

export interface ImportJob {
  id: number;
  source: string;
  format: ImportFormat;
  title: string | undefined;
  author: string | undefined;
}

export type ImportJobReply =
  | { id: number; ok: true; result: ImportResult }
  | { id: number; ok: false; message: string }
  | { ready: true };
