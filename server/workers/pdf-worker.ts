// Worker thread that draws one PDF export (pdfkit is synchronous and CPU-heavy) into a file, from the blocks the
// server sends a batch at a time, so a long export never blocks the server's event loop.
import { createWriteStream } from "node:fs";
import { parentPort } from "node:worker_threads";
import type { BlockDiscussion } from "../domain/export/discussion.ts";
import { writePdf } from "../domain/export/pdf.ts";
import { loadFonts } from "../domain/export/pdf-fonts.ts";
import { collectGarbage } from "../services/exports/collect-garbage.ts";
import { fromWire, type PdfJobMessage, type PdfJobReply } from "../services/exports/pdf-job.ts";
import { runAtBackgroundPriority } from "./background-priority.ts";

if (!parentPort) throw new Error("pdf-worker.ts must run as a worker thread");
runAtBackgroundPriority();
const port = parentPort;
const reply = (message: PdfJobReply) => port.postMessage(message);

// pdfkit leaves garbage by the hundred MB (its live set stays tens of MB); V8 collects it late, so the thread asks for
// a full collection every other batch: a 10,000-thread export peaked ~240 MB above idle without it, ~115-160 MB
// with it (every batch or every fourth; bench/exports.ts), for 10-40 % more time.
/** Batches between two collections. */
const batchesPerCollection = 2;
let batches = 0;

const queue: BlockDiscussion[] = [];
const threadUrls = new Map<string, string>();
let ended = false;
let wake: (() => void) | undefined;

/** The blocks as they arrive; when all sent are drawn, asks for more and waits. */
async function* blocks(): AsyncGenerator<BlockDiscussion> {
  let drawn = 0;
  for (;;) {
    const next = queue.shift();
    if (next) {
      yield next;
      drawn += 1;
      continue;
    }
    if (ended) return;
    threadUrls.clear();
    if (++batches % batchesPerCollection === 0) collectGarbage();
    const arrived = new Promise<void>((resolve) => (wake = resolve));
    reply({ type: "more", drawn });
    await arrived;
  }
}

port.on("message", (message: PdfJobMessage) => {
  if (message.type === "start") {
    const head = { ...message.head, threadUrl: (id: string) => threadUrls.get(id) ?? "" };
    writePdf(head, blocks(), message.layout, loadFonts(), createWriteStream(message.filePath)).then(
      () => reply({ type: "finished" }),
      (error: Error) => reply({ type: "failed", message: error.message }),
    );
    return;
  }
  if (message.type === "blocks") {
    for (const block of message.blocks) queue.push(fromWire(block));
    for (const [id, url] of message.threadUrls) threadUrls.set(id, url);
  } else ended = true;
  wake?.();
});

reply({ type: "ready" });
