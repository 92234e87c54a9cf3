// Runs the CPU-bound part of an annotation import (domain/annotations/prepare-import.ts) on a worker thread of its
// own, with a time and memory limit: imports are rare, so a thread per import costs less than keeping one ready.
import { Worker } from "node:worker_threads";
import type { TextBlock } from "../../domain/annotations/anchor-quote.ts";
import type { PreparedImport } from "../../domain/annotations/prepare-import.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ErrorCode } from "../../../shared/errors.ts";

const workerUrl = new URL("../../workers/annotation-worker-entry.mjs", import.meta.url);

/** How long one file may take to read and anchor (2000 annotations take about a second here). */
const timeLimitMs = 60_000;
/** The worker's heap: a 5 MB file expands several-fold while it is compacted. */
const heapMb = 512;

type Reply =
  | { ok: true; prepared: PreparedImport }
  | { ok: false; error: { code: ErrorCode; message: string; details?: unknown } };

/**
 * The file read and its threads anchored, off the event loop. Errors: the worker's AppError (400 for a bad file)
 * as it was thrown; 503 when it ran out of time or memory.
 */
export function prepareInWorker(text: string, blocks: readonly TextBlock[]): Promise<PreparedImport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, {
      workerData: { text, blocks },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new AppError(
              "unavailable",
              `Reading the file took longer than ${timeLimitMs / 1000} s; nothing was imported.`,
            ),
          ),
        ),
      timeLimitMs,
    );
    worker.on("message", (reply: Reply) =>
      settle(() =>
        reply.ok
          ? resolve(reply.prepared)
          : reject(new AppError(reply.error.code, reply.error.message, reply.error.details)),
      ),
    );
    worker.on("error", (error) =>
      settle(() =>
        reject(
          new AppError("unavailable", `Reading the file failed (${error.message}); nothing was imported.`),
        ),
      ),
    );
    worker.on("exit", (code) =>
      settle(() =>
        reject(
          new AppError("unavailable", `Reading the file stopped (exit code ${code}); nothing was imported.`),
        ),
      ),
    );
  });
}
