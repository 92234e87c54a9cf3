// What a re-anchoring job hands its worker thread, and runs it there with a time and memory limit.
import { setImmediate } from "node:timers/promises";
import type { Anchor } from "../../../shared/room-doc.ts";
import type { MappableBlock } from "../../domain/anchoring/version-mapping.ts";
import type { Reanchoring } from "../../domain/anchoring/reanchor.ts";
import { runOneShotWorker } from "../../workers/one-shot-worker.ts";
import { AsyncLock } from "../room-store/async-lock.ts";

/**
 * The blocks of the version anchors go to (`target`), of each version they come from (`sources`, by version
 * number), and the anchors, each with the number of the version it is on.
 */
export interface ReanchorJob {
  target: MappableBlock[];
  sources: { version: number; blocks: MappableBlock[] }[];
  anchors: { version: number; anchor: Anchor }[];
}

/** One message of a job to the worker: some of the target's blocks, of a source version's, or of the anchors. */
export type ReanchorJobPart =
  | { kind: "target"; items: MappableBlock[] }
  | { kind: "source"; version: number; items: MappableBlock[] }
  | { kind: "anchors"; items: ReanchorJob["anchors"] };

/** Blocks or anchors per part. */
const partSize = 1_000;

function inParts<T, P>(items: readonly T[], part: (items: T[]) => P): P[] {
  const parts: P[] = [];
  for (let from = 0; from < items.length; from += partSize)
    parts.push(part(items.slice(from, from + partSize)));
  return parts;
}

const workerUrl = new URL("../../workers/reanchor-worker-entry.mjs", import.meta.url);

/** 10,000 threads on a 5 MB text take about a second (BENCHMARKS.md); far beyond that something is wrong. */
const timeLimitMs = 60_000;
/** Two versions of a 5 MB text and their indexes. */
const heapMb = 1_024;

/**
 * Jobs run one after another: each thread may hold two versions of a long text and their indexes (hundreds of MB),
 * and a burst of stale thread creations must not start a thread each.
 */
const oneAtATime = new AsyncLock();

/**
 * Where each of `job.anchors` stands on the target version, in the same order (prepareReanchor per source
 * version, on a worker thread of its own: moves are rare, and one costs a second of CPU on a long text).
 * Errors: 503 (unavailable) when the worker fails, runs out of time or memory; nothing has changed then.
 */
export function reanchorInWorker(job: ReanchorJob): Promise<Reanchoring[]> {
  if (job.anchors.length === 0) return Promise.resolve([]);
  return oneAtATime.run(() => runJob(job));
}

async function runJob(job: ReanchorJob): Promise<Reanchoring[]> {
  // The job goes in parts of a thousand blocks or anchors (see OneShotLimits.parts).
  const input: ReanchorJobPart[] = [
    ...inParts(job.target, (items) => ({ kind: "target" as const, items })),
    ...job.sources.flatMap(({ version, blocks }) =>
      inParts(blocks, (items) => ({ kind: "source" as const, version, items })),
    ),
    ...inParts(job.anchors, (items) => ({ kind: "anchors" as const, items })),
  ];
  const parts: string[] = [];
  const count = await runOneShotWorker<number>(workerUrl, null, {
    timeLimitMs,
    heapMb,
    what: "Re-anchoring the threads",
    outcome: "nothing was changed",
    onPart: (part) => parts.push(part as string),
    parts: input,
  });
  const results: Reanchoring[] = [];
  for (const [index, part] of parts.entries()) {
    if (index > 0) await setImmediate();
    for (const result of JSON.parse(part) as (Reanchoring | null)[])
      results.push(result ?? { status: "unchanged", anchor: job.anchors[results.length]!.anchor });
  }
  if (results.length !== count)
    throw new Error(`the re-anchoring worker sent ${results.length} of ${count} results`);
  return results;
}
