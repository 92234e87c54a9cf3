// Runs import jobs one at a time on a worker thread (dictionary loaded once per thread), with time and memory limits. A large
// import's thread is replaced as soon as it is done, and a thread left idle is stopped (unless the server keeps one
// ready), which gives back the memory an import made it grow to.
import { Worker } from "node:worker_threads";
import type { ImportProgress } from "../../../shared/schemas/document-api.ts";
import type { ImportResult } from "../../domain/import/import-text.ts";
import { AppError } from "../../domain/app-error.ts";
import { isTextInput, type ImportInput, type ImportJob, type ImportJobReply } from "./import-job.ts";

/**
 * Turns raw text or a file's bytes into an imported document; the server's implementation runs off the event loop.
 * A file's bytes are copied to the worker, so the caller keeps them. `onProgress` hears how far the job has got:
 * each stage as it starts, and each page of a PDF once read.
 */
export interface TextImporter {
  run(job: ImportInput, onProgress?: ImportProgressListener): Promise<ImportResult>;
  close(): Promise<void>;
}

export type ImportProgressListener = (progress: ImportProgress) => void;

interface Queued {
  job: ImportJob;
  onProgress: ImportProgressListener | undefined;
  /** Whether the thread is replaced after this job (the file's bytes are gone once handed to the thread). */
  large: boolean;
  resolve: (result: ImportResult) => void;
  reject: (error: Error) => void;
}

/**
 * The worker's young generation, in MB. The import allocates short-lived strings by the hundred megabytes; V8's
 * default lets the young generation grow to tens of MB of memory, this keeps it small (a 5 MB import peaks ~30 MB
 * lower, in about the same time).
 */
const youngGenerationMb = 8;

/** Texts at least this long (UTF-16 units) get a fresh worker thread after their import; see finish(). */
const largeJobChars = 1_000_000;

/** Files at least this large (bytes) do too: a PDF's fonts and pages take many times its size while it is read. */
const largeFileBytes = 1_000_000;

/** How often a running job's memory is checked, in ms. */
const memoryCheckMs = 50;

// The .mjs entry registers tsx inside the thread, whichever runner started this process.
const workerUrl = new URL("../../workers/import-worker-entry.mjs", import.meta.url);

export class WorkerTextImporter implements TextImporter {
  private worker: Worker | undefined;
  private workerReady = false;
  private nextId = 1;
  private readonly queue: Queued[] = [];
  private current: (Queued & { timer: NodeJS.Timeout; memoryWatch: NodeJS.Timeout }) | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private keepingReady = false;

  /**
   * @param timeLimitMs how long one import may run before its worker is stopped (a 5 MB text takes seconds).
   * @param idleMs how long the worker may wait for the next job before it is stopped; a 5 MB import leaves its heap
   *   ~50 MB larger, which V8 does not give back while the thread lives. The next import starts a new thread
   *   (about a second).
   * @param memoryLimitMb how far the process's resident memory may grow above where it stood when a job started before
   *   the job is stopped (413). The thread's heap limits cannot see the buffers a file's decoders fill outside it: a
   *   1 MB PDF whose compressed stream unpacks to a gigabyte took the server to 3.5 GB. A 300-page PDF peaks about
   *   70 MB above idle (BENCHMARKS.md).
   */
  constructor(
    private readonly timeLimitMs = 60_000,
    private readonly idleMs = 30_000,
    private readonly memoryLimitMb = 512,
  ) {}

  /** Whether a worker thread is running (started by a job, stopped once idle). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Starts a worker thread now and keeps one started from then on (the server does): an import never waits for a
   * thread to start, and the ~45 MB a thread takes at rest is part of the server's idle memory rather than of each
   * import. A large import's thread is still replaced by a fresh one as soon as it is done.
   */
  keepReady(): void {
    this.keepingReady = true;
    this.dispatch();
  }

  run(job: ImportInput, onProgress?: ImportProgressListener): Promise<ImportResult> {
    return new Promise((resolve, reject) => {
      // A copy of a file's bytes goes to the worker (transferred, not cloned); the caller may still store them.
      const own = isTextInput(job) ? job : { ...job, source: new Uint8Array(job.source) };
      const large = isTextInput(job)
        ? job.source.length >= largeJobChars
        : job.source.byteLength >= largeFileBytes;
      this.queue.push({ job: { ...own, id: this.nextId++ }, onProgress, large, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.keepingReady = false;
    await this.restartWorker();
  }

  private dispatch(): void {
    if (this.current) return;
    clearTimeout(this.idleTimer);
    if (this.queue.length === 0) {
      if (this.keepingReady) this.ensureWorker();
      else if (this.worker) this.idleTimer = setTimeout(() => void this.restartWorker(), this.idleMs).unref();
      this.worker?.unref();
      return;
    }
    const worker = this.ensureWorker();
    worker.ref(); // keep the process alive while a job is out (a CLI has nothing else keeping it up)
    if (!this.workerReady) return; // dispatched again when the worker says it is ready
    const next = this.queue.shift()!;
    const timer = setTimeout(
      () =>
        this.stop(
          new AppError(
            "unavailable",
            `The import took longer than ${this.timeLimitMs / 1000} s and was stopped. Try a smaller text.`,
          ),
        ),
      this.timeLimitMs,
    );
    this.current = { ...next, timer, memoryWatch: this.watchMemory() };
    worker.postMessage(next.job, isTextInput(next.job) ? [] : [next.job.source.buffer as ArrayBuffer]);
  }

  private finish(outcome: ImportResult | Error): void {
    const current = this.current;
    if (!current) return;
    clearTimeout(current.timer);
    clearInterval(current.memoryWatch);
    this.current = undefined;
    if (outcome instanceof Error) current.reject(outcome);
    else current.resolve(outcome);
    // A large text grows the thread's heap by tens of MB, which V8 keeps while the thread lives: stop it now, so
    // that the memory is back before the caller stores the result (the next job starts a fresh thread).
    if (current.large) void this.restartWorker();
    this.dispatch();
  }

  /** Stops the running job, and its thread, once the process has grown more than the limit since the job began. */
  private watchMemory(): NodeJS.Timeout {
    const limit = process.memoryUsage.rss() + this.memoryLimitMb * 1024 * 1024;
    return setInterval(() => {
      if (process.memoryUsage.rss() <= limit) return;
      this.stop(
        new AppError(
          "payload_too_large",
          `Reading the file took more than ${this.memoryLimitMb} MB of memory (it unpacks to far more than its ` +
            "size), so the import was stopped and nothing was stored. Upload the text in a simpler form: a PDF " +
            "saved again from a reader, or the text itself.",
        ),
      );
    }, memoryCheckMs).unref();
  }

  /**
   * Ends the running job with `error` and replaces its thread. The thread goes first: the next job in the queue must
   * start on a fresh thread, not be handed to the one still busy with this job and about to be stopped.
   */
  private stop(error: AppError): void {
    void this.restartWorker();
    this.finish(error);
  }

  private async restartWorker(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.workerReady = false;
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
    worker.on("message", (reply: ImportJobReply) => {
      if ("ready" in reply) {
        this.workerReady = true;
        this.dispatch();
        return;
      }
      if (reply.id !== this.current?.job.id) return;
      if ("progress" in reply) this.current.onProgress?.(reply.progress);
      else if (reply.ok) this.finish(reply.result);
      else if (reply.code) this.finish(new AppError(reply.code, reply.message));
      else this.finish(new Error(`The import failed: ${reply.message}`));
    });
    const onDeath = (error: Error) => {
      if (this.worker !== worker) return; // already replaced (time limit or close)
      this.worker = undefined;
      this.workerReady = false;
      if (this.current) this.finish(error);
      else this.queue.splice(0).forEach((queued) => queued.reject(error));
    };
    worker.on("error", onDeath);
    worker.on("exit", (code) =>
      onDeath(new Error(`The import worker stopped unexpectedly (exit code ${code}).`)),
    );
    this.worker = worker;
    return worker;
  }
}
