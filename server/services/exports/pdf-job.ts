// Messages between the server and a PDF worker thread. The worker pulls: it asks for more blocks when it has drawn
// all it was sent, so at most one batch is in its memory.
import type { ExportLayout } from "../../../shared/schemas/exports.ts";
import type { BlockDiscussion, ExportHead } from "../../domain/export/discussion.ts";

/** The export's heading as it crosses to the worker: a function does not, so links travel with each batch. */
export type PdfHead = Omit<ExportHead, "threadUrl">;

export type PdfJobMessage =
  | { type: "start"; head: PdfHead; layout: ExportLayout; filePath: string }
  /** The next blocks in reading order, and the reader's address of each of their threads. */
  | { type: "blocks"; blocks: BlockDiscussion[]; threadUrls: [threadId: string, url: string][] }
  /** No more blocks: finish the file. */
  | { type: "end" };

export type PdfJobReply =
  | { type: "ready" }
  /** Every block sent so far is drawn (`drawn` in all): send the next batch, or "end". */
  | { type: "more"; drawn: number }
  /** The file is written and closed. */
  | { type: "finished" }
  | { type: "failed"; message: string };
