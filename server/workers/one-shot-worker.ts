// Runs one CPU-bound job on a worker thread of its own, with a time and memory limit, and answers its one reply.
import { setImmediate } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import type { ErrorCode } from "../../shared/errors.ts";
import { AppError } from "../domain/app-error.ts";

/** What a one-shot worker posts once: its result, or the error it ended with (an AppError's code and details). */
export type OneShotReply<T> =
  { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string; details?: unknown } };

export interface OneShotLimits {
  timeLimitMs: number;
  /** The worker's old-generation heap, in MB. */
  heapMb: number;
  /** The job in words, starting a sentence ("Reading the file"). */
  what: string;
  /** What a failure leaves behind ("nothing was imported"). */
  outcome: string;
  /**
   * Hears the parts a worker posts before its answer (`{ part }` messages): a large answer sent in parts is decoded
   * one message at a time, with the event loop free between them, rather than all at once.
   */
  onPart?: (part: unknown) => void;
  /**
   * Input sent after the worker starts, one `{ part }` message each with the event loop free between them, then
   * `{ end: true }`: copying megabytes to a thread at once (workerData) holds the event loop for a tenth of a second.
   */
  parts?: readonly unknown[];
}

/**
 * Starts `url` with `workerData`, resolves with the value it posts, and stops it. Rejects with the worker's own
 * AppError as it posted it, or 503 (unavailable) when it runs out of time, fails or exits without answering.
 */
export function runOneShotWorker<T>(url: URL, workerData: unknown, limits: OneShotLimits): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData, resourceLimits: { maxOldGenerationSizeMb: limits.heapMb } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const unavailable = (why: string) =>
      settle(() => reject(new AppError("unavailable", `${limits.what} ${why}; ${limits.outcome}.`)));
    const timer = setTimeout(
      () => unavailable(`took longer than ${limits.timeLimitMs / 1000} s`),
      limits.timeLimitMs,
    );
    worker.on("message", (reply: OneShotReply<T>) => {
      if ("part" in reply) {
        if (!settled) limits.onPart?.(reply.part);
        return;
      }
      settle(() =>
        reply.ok
          ? resolve(reply.value)
          : reject(new AppError(reply.error.code, reply.error.message, reply.error.details)),
      );
    });
    worker.on("error", (error) => unavailable(`failed (${error.message})`));
    worker.on("exit", (code) => unavailable(`stopped (exit code ${code})`));
    if (limits.parts) void sendParts(worker, limits.parts, () => settled);
  });
}

async function sendParts(worker: Worker, parts: readonly unknown[], stopped: () => boolean): Promise<void> {
  for (const part of parts) {
    if (stopped()) return;
    worker.postMessage({ part });
    await setImmediate();
  }
  if (!stopped()) worker.postMessage({ end: true });
}
