// Worker thread for one re-anchoring job (a room's version move, or a thread written on an earlier version): maps
// the versions' blocks and re-anchors every anchor, so a long text never blocks the server's event loop.
import { parentPort } from "node:worker_threads";
import { prepareReanchor, type Reanchorer } from "../domain/anchoring/reanchor.ts";
import type { ReanchorJob, ReanchorJobPart } from "../services/rooms/reanchor-job.ts";
import { runAtBackgroundPriority } from "./background-priority.ts";

if (!parentPort) throw new Error("reanchor-worker.ts must run as a worker thread");
runAtBackgroundPriority();
const port = parentPort;
/** Results per part of the answer. */
const resultSlice = 1_000;
const job: ReanchorJob = { target: [], sources: [], anchors: [] };

// The job arrives in parts (ReanchorJobPart), then { end: true }.
port.on("message", (message: { part: ReanchorJobPart } | { end: true }) => {
  if ("part" in message) {
    const { part } = message;
    if (part.kind === "target") job.target.push(...part.items);
    else if (part.kind === "anchors") job.anchors.push(...part.items);
    else {
      const source = job.sources.find((candidate) => candidate.version === part.version);
      if (source) source.blocks.push(...part.items);
      else job.sources.push({ version: part.version, blocks: [...part.items] });
    }
    return;
  }
  run();
});

function run(): void {
  try {
    const reanchorers = new Map<number, Reanchorer>();
    const reanchorerFrom = (version: number) => {
      let reanchorer = reanchorers.get(version);
      if (!reanchorer) {
        const source = job.sources.find((candidate) => candidate.version === version);
        if (!source) throw new Error(`no blocks were given for version ${version}`);
        reanchorer = prepareReanchor(source.blocks, job.target);
        reanchorers.set(version, reanchorer);
      }
      return reanchorer;
    };
    // An anchor that stays exactly as it is comes back as null: most do. The answer goes as JSON text in parts, one
    // message each, which the main thread decodes one at a time between other work rather than megabytes at once.
    const results = job.anchors.map(({ version, anchor }) => {
      const result = reanchorerFrom(version).reanchor(anchor);
      return result.status === "unchanged" && result.anchor === anchor ? null : result;
    });
    for (let from = 0; from < results.length; from += resultSlice)
      port.postMessage({ part: JSON.stringify(results.slice(from, from + resultSlice)) });
    port.postMessage({ ok: true, value: results.length });
  } catch (error) {
    port.postMessage({ ok: false, error: { code: "internal", message: (error as Error).message } });
  }
}
