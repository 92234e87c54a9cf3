// A refusal from the PDF job limits carries Retry-After, so a client knows how long to wait instead of guessing.
import type { Response } from "express";
import { JobLimitError } from "../services/exports/export-jobs.ts";

/** Runs `work`; when it is refused by the job limits, the response gets their wait (seconds) as Retry-After. */
export async function withRetryAfter<T>(res: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof JobLimitError) res.setHeader("Retry-After", String(error.retryAfterSeconds));
    throw error;
  }
}
