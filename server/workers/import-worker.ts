// Worker thread that runs the CPU-heavy import pipeline, so a 5 MB upload never blocks the server's event loop.
import { parentPort } from "node:worker_threads";
import { importText } from "../domain/import/import-text.ts";
import { loadEnglishDictionary } from "../domain/import/load-dictionary.ts";
import type { ImportJob, ImportJobReply } from "../services/documents/import-job.ts";

if (!parentPort) throw new Error("import-worker.ts must run as a worker thread");
const port = parentPort;
const dictionary = loadEnglishDictionary();

port.on("message", (job: ImportJob) => {
  let reply: ImportJobReply;
  try {
    const result = importText(job.source, {
      dictionary,
      format: job.format,
      ...(job.title ? { title: job.title } : {}),
      ...(job.author ? { author: job.author } : {}),
    });
    reply = { id: job.id, ok: true, result };
  } catch (error) {
    reply = { id: job.id, ok: false, message: (error as Error).message };
  }
  port.postMessage(reply);
});

// Tells the runner the dictionary is loaded, so time limits count only the work of each job.
port.postMessage({ ready: true });
