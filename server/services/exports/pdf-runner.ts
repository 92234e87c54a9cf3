// Draws one PDF export on a worker thread of its own: feeds it the export's blocks a batch at a time as it asks,
// reports progress, and stops it at a time limit. The thread ends with the job, giving back all it grew to.
import { Worker } from "node:worker_threads";
import type { ExportLayout } from "../../../shared/schemas/exports.ts";
import { AppError } from "../../domain/app-error.ts";
import type { BlockDiscussion, ExportHead } from "../../domain/export/discussion.ts";
import { toWire, type PdfJobMessage, type PdfJobReply } from "./pdf-job.ts";

/**
 * Sent to the worker at a time, at most: blocks, and threads and replies (a block with more goes alone). Each
 * message is copied whole into the worker (structured clone), so it is kept as small as the export's own batches.
 */
const blocksPerMessage = 64;
const entriesPerMessage = 500;

/** pdfkit makes many short-lived objects; a small young generation keeps the thread's memory low (as imports). */
const youngGenerationMb = 8;

// The .mjs entry registers tsx inside the thread, whichever runner started this process.
const workerUrl = new URL("../../workers/pdf-worker-entry.mjs", import.meta.url);

export interface PdfRender {
  head: ExportHead;
  blocks: AsyncIterable<BlockDiscussion>;
  layout: ExportLayout;
  /** Where the file is written (created or replaced). */
  filePath: string;
  /** Called with the blocks drawn so far, after each batch. */
  onProgress: (drawn: number) => void;
  /** How long the drawing may take, in ms, before the thread is stopped. */
  timeLimitMs: number;
  /** Stops the thread (the server is closing). */
  signal: AbortSignal;
}

/**
 * Writes the PDF to `filePath`; resolves when the file is complete. Rejects with AppError "unavailable" at the time
 * limit, with the worker's message if drawing fails, or with the error of reading the blocks.
 */
export function renderPdf(render: PdfRender): Promise<void> {
  const worker = new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
  const blocks = render.blocks[Symbol.asyncIterator]();
  const post = (message: PdfJobMessage) => worker.postMessage(message);
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      render.signal.removeEventListener("abort", onAbort);
      void worker.terminate();
      if (error) {
        void blocks.return?.();
        reject(error);
      } else resolve();
    };
    const timer = setTimeout(
      () =>
        settle(
          new AppError(
            "unavailable",
            `The PDF took longer than ${render.timeLimitMs / 1000} s and was stopped. Export a part of the text (a section or a date range).`,
          ),
        ),
      render.timeLimitMs,
    );
    const onAbort = () => settle(new AppError("unavailable", "The server stopped before the PDF was built."));
    render.signal.addEventListener("abort", onAbort);
    const sendMore = async () => {
      const batch: BlockDiscussion[] = [];
      let entries = 0;
      while (batch.length < blocksPerMessage && entries < entriesPerMessage) {
        const next = await blocks.next();
        if (next.done) break;
        batch.push(next.value);
        entries += next.value.threads.reduce((sum, thread) => sum + 1 + thread.replyCount, 0);
      }
      if (settled) return;
      if (batch.length === 0) return post({ type: "end" });
      const threadUrls = batch.flatMap(({ threads }) =>
        threads.map((thread): [string, string] => [thread.id, render.head.threadUrl(thread.id)]),
      );
      post({ type: "blocks", blocks: batch.map(toWire), threadUrls });
    };
    worker.on("message", (reply: PdfJobReply) => {
      if (reply.type === "ready") {
        const { threadUrl: _links, ...head } = render.head;
        post({ type: "start", head, layout: render.layout, filePath: render.filePath });
      } else if (reply.type === "more") {
        render.onProgress(reply.drawn);
        sendMore().catch((error: Error) => settle(error));
      } else if (reply.type === "finished") settle();
      else settle(new Error(`The PDF could not be built: ${reply.message}`));
    });
    worker.on("error", (error) => settle(error));
    worker.on("exit", (code) =>
      settle(new Error(`The PDF worker stopped unexpectedly (exit code ${code}).`)),
    );
  });
}
