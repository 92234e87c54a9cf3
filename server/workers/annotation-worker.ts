// Worker thread for one annotation import: parses, compacts and anchors the file, so a large import never blocks
// the server's event loop. Answers once, with the prepared import or the error (an AppError's code and details).
import { parentPort, workerData } from "node:worker_threads";
import type { TextBlock } from "../domain/annotations/anchor-quote.ts";
import { prepareImport } from "../domain/annotations/prepare-import.ts";
import { AppError } from "../domain/app-error.ts";
import { runAtBackgroundPriority } from "./background-priority.ts";

if (!parentPort) throw new Error("annotation-worker.ts must run as a worker thread");
runAtBackgroundPriority();
const port = parentPort;
const job = workerData as { text: string; blocks: TextBlock[] };

prepareImport(job.text, job.blocks).then(
  (prepared) => port.postMessage({ ok: true, value: prepared }),
  (error: unknown) =>
    port.postMessage({
      ok: false,
      error:
        error instanceof AppError
          ? { code: error.code, message: error.message, details: error.details }
          : { code: "internal", message: (error as Error).message },
    }),
);
