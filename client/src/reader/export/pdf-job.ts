// Builds a PDF export as a server job: starts it, follows its progress until the file is ready, and says why not;
// cancelling stops the job on the server too, so it no longer counts against the reader's limit.
import type { ExportJob } from "../../../../shared/schemas/exports.ts";
import { ApiError, request } from "../../api/http.ts";

/** How often the job is asked for, in ms: progress a reader can follow without flooding the server. */
export const pollIntervalMs = 1000;

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new DOMException("The PDF export was cancelled.", "AbortError"));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    if (signal.aborted) aborted();
    else signal.addEventListener("abort", aborted, { once: true });
  });
}

/** Asks the server to stop and forget the job; a failure to reach it changes nothing for the reader. */
function cancelJob(jobId: string): void {
  request(`/api/export-jobs/${encodeURIComponent(jobId)}`, { method: "DELETE" }).catch(() => {});
}

/**
 * A job the server answered for a moment ago and now does not know: a job lives in the memory of the server that
 * was asked, so that server restarted or went away (with several servers, the next request reached another).
 */
const jobLost = () =>
  new ApiError(
    404,
    "export_job_lost",
    "The server building the PDF restarted before it was done, and the export was lost. Download it again.",
  );

/**
 * Starts the job at `startUrl` (POST /api/rooms/:roomId/export-jobs?…), calls `onProgress` with each state of it,
 * and resolves with the done job (its `fileUrl` set). Errors: ApiError with the server's refusal (400, 404, 429),
 * the job's failure, or the job lost with the server building it (export_job_lost); an AbortError when `signal`
 * aborts, after asking the server to cancel the job (DELETE).
 */
export async function buildPdf(
  startUrl: string,
  onProgress: (job: ExportJob) => void,
  signal: AbortSignal,
  intervalMs = pollIntervalMs,
): Promise<ExportJob> {
  let { job } = await request<{ job: ExportJob }>(startUrl, { method: "POST" });
  try {
    for (;;) {
      if (signal.aborted) throw new DOMException("The PDF export was cancelled.", "AbortError");
      onProgress(job);
      if (job.state === "done") return job;
      if (job.state === "failed")
        throw new ApiError(500, "export_failed", job.error ?? "The PDF could not be built.");
      await pause(intervalMs, signal);
      ({ job } = await request<{ job: ExportJob }>(`/api/export-jobs/${encodeURIComponent(job.id)}`).catch(
        (error: unknown) => {
          throw error instanceof ApiError && error.status === 404 ? jobLost() : error;
        },
      ));
    }
  } catch (error) {
    // Still being built for nobody: free the server's worker and the reader's place in the limit.
    if (signal.aborted && (job.state === "queued" || job.state === "running")) cancelJob(job.id);
    throw error;
  }
}
