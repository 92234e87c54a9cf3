// Runs the CPU-bound part of an annotation import (domain/annotations/prepare-import.ts) on a worker thread of its
// own, with a time and memory limit: imports are rare, so a thread per import costs less than keeping one ready.
import type { TextBlock } from "../../domain/annotations/anchor-quote.ts";
import type { PreparedImport } from "../../domain/annotations/prepare-import.ts";
import { runOneShotWorker } from "../../workers/one-shot-worker.ts";

const workerUrl = new URL("../../workers/annotation-worker-entry.mjs", import.meta.url);

/** How long one file may take to read and anchor (2000 annotations take about a second here). */
const timeLimitMs = 60_000;
/** The worker's heap: a 5 MB file expands several-fold while it is compacted. */
const heapMb = 512;

/**
 * The file read and its threads anchored, off the event loop. Errors: the worker's AppError (400 for a bad file)
 * as it was thrown; 503 when it ran out of time or memory.
 */
export function prepareInWorker(text: string, blocks: readonly TextBlock[]): Promise<PreparedImport> {
  return runOneShotWorker<PreparedImport>(
    workerUrl,
    { text, blocks },
    { timeLimitMs, heapMb, what: "Reading the file", outcome: "nothing was imported" },
  );
}
