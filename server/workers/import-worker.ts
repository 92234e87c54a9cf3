// Worker thread that runs the CPU-heavy import pipeline, so a 5 MB upload never blocks the server's event loop.
import { parentPort } from "node:worker_threads";
import type { ImportProgress } from "../../shared/schemas/document-api.ts";
import { AppError } from "../domain/app-error.ts";
import { importFile } from "../domain/import/import-file.ts";
import { importText, type ImportResult } from "../domain/import/import-text.ts";
import { loadEnglishDictionary } from "../domain/import/load-dictionary.ts";
import { noTextToRead } from "../domain/import/refusals.ts";
import { isTextInput, type ImportJob, type ImportJobReply } from "../services/documents/import-job.ts";
import { runAtBackgroundPriority } from "./background-priority.ts";

if (!parentPort) throw new Error("import-worker.ts must run as a worker thread");
runAtBackgroundPriority();
const port = parentPort;
const dictionary = loadEnglishDictionary();

async function run(job: ImportJob): Promise<ImportResult> {
  const report = (progress: ImportProgress) =>
    port.postMessage({ id: job.id, progress } satisfies ImportJobReply);
  const options = {
    dictionary,
    ...(job.title ? { title: job.title } : {}),
    ...(job.author ? { author: job.author } : {}),
    onProgress: (stage: string) => report({ stage }),
  };
  if (!isTextInput(job))
    return importFile(job.format, job.source, {
      ...options,
      onPage: (page, pages) => report({ stage: "pages", page, pages }),
    });
  const result = importText(job.source, { ...options, format: job.format });
  // An upload with nothing to read (Markdown of rules only) would give the group an empty text.
  if (result.document.blocks.length === 0) throw noTextToRead(result.report.format);
  return result;
}

port.on("message", (job: ImportJob) => {
  run(job).then(
    (result) => port.postMessage({ id: job.id, ok: true, result } satisfies ImportJobReply),
    (error: unknown) => {
      const reply: ImportJobReply = { id: job.id, ok: false, message: (error as Error).message };
      if (error instanceof AppError) reply.code = error.code;
      port.postMessage(reply);
    },
  );
});

// Tells the runner the dictionary is loaded, so time limits count only the work of each job.
port.postMessage({ ready: true });
