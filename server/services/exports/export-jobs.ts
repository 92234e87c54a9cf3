// PDF exports as jobs held in this process's memory: a few at a time on worker threads, the rest queued; each
// user sees only their own, a finished file is kept for a while, and everything is removed when the server closes.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ExportJob, ExportLayout } from "../../../shared/schemas/exports.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import type { PreparedExport } from "./export-room.ts";
import { renderPdf, type PdfRender } from "./pdf-runner.ts";

export interface ExportJobLimits {
  /** Jobs one user may have queued or running at once; one more is refused with 429. */
  perUser: number;
  /** Jobs drawn at once (each on its own worker thread); the rest wait in line. */
  running: number;
  /** Jobs waiting in line at most; one more is refused with 429. */
  queued: number;
  /** How long one PDF may take to draw, in ms. */
  timeLimitMs: number;
  /** How long a finished file (or a failure) is kept for its download, in ms. */
  keepMs: number;
}

export const defaultExportJobLimits: ExportJobLimits = {
  perUser: 2,
  running: 1,
  queued: 20,
  timeLimitMs: 5 * 60_000,
  keepMs: 60 * 60_000,
};

interface Job {
  id: string;
  userId: string;
  state: ExportJob["state"];
  done: number;
  total: number;
  fileName: string;
  error: string | undefined;
  prepared: PreparedExport | undefined;
  layout: ExportLayout;
  filePath: string | undefined;
  settled: Promise<void>;
  settle: () => void;
  expiry: NodeJS.Timeout | undefined;
}

/** A finished job's file, for a download. */
export interface ExportFile {
  path: string;
  fileName: string;
}

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  private running = 0;
  private dir: Promise<string> | undefined;
  private readonly stopping = new AbortController();
  private readonly limits: ExportJobLimits;

  /** @param render draws one PDF: on a worker thread of its own (pdf-runner.ts). */
  constructor(
    limits: Partial<ExportJobLimits> = {},
    private readonly render: (job: PdfRender) => Promise<void> = renderPdf,
  ) {
    this.limits = { ...defaultExportJobLimits, ...limits };
  }

  /**
   * Queues a PDF of `prepared` for `userId`. Errors: 429 when the user has `perUser` jobs unfinished, or the line
   * is full; 503 once the server is closing.
   */
  start(userId: string, prepared: PreparedExport, layout: ExportLayout): ExportJob {
    if (this.stopping.signal.aborted) throw new AppError("unavailable", "The server is stopping.");
    const unfinished = [...this.jobs.values()].filter(
      (job) => job.userId === userId && (job.state === "queued" || job.state === "running"),
    ).length;
    if (unfinished >= this.limits.perUser) {
      throw new AppError(
        "rate_limited",
        `You already have ${unfinished} PDF exports being built. Wait for one to finish, then try again.`,
      );
    }
    if (this.waiting.length >= this.limits.queued) {
      throw new AppError(
        "rate_limited",
        "The server is building many PDFs right now. Try again in a minute.",
      );
    }
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const job: Job = {
      id: randomUUID(),
      userId,
      state: "queued",
      done: 0,
      total: prepared.blockCount,
      fileName: prepared.fileName,
      error: undefined,
      prepared,
      layout,
      filePath: undefined,
      settled,
      settle,
      expiry: undefined,
    };
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    this.dispatch();
    return this.view(job);
  }

  /** The job as its owner sees it. Errors: 404 when there is no such job, or it is someone else's. */
  get(userId: string, jobId: string): ExportJob {
    return this.view(this.find(userId, jobId));
  }

  /** Resolves when the job is done or failed (it never rejects). Errors: 404 as get(). */
  async whenSettled(userId: string, jobId: string): Promise<ExportJob> {
    const job = this.find(userId, jobId);
    await job.settled;
    return this.view(job);
  }

  /** The finished file. Errors: 404 as get(); 409 while it is being built; the job's error when it failed. */
  file(userId: string, jobId: string): ExportFile {
    const job = this.find(userId, jobId);
    if (job.state === "failed") throw new AppError("conflict", `The PDF could not be built: ${job.error}`);
    if (job.state !== "done" || !job.filePath)
      throw new AppError("conflict", "The PDF is not ready yet. Ask for the job until its state is done.");
    return { path: job.filePath, fileName: job.fileName };
  }

  /** Forgets a settled job and deletes its file now (a download that needed it once). */
  async remove(userId: string, jobId: string): Promise<void> {
    const job = this.find(userId, jobId);
    if (job.state === "done" || job.state === "failed") await this.expire(job);
  }

  /** Stops every job, deletes every file. */
  async close(): Promise<void> {
    this.stopping.abort();
    for (const job of this.waiting.splice(0)) this.fail(job, "The server stopped before the PDF was built.");
    await Promise.all([...this.jobs.values()].map((job) => job.settled));
    for (const job of this.jobs.values()) clearTimeout(job.expiry);
    this.jobs.clear();
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }

  private find(userId: string, jobId: string): Job {
    const job = this.jobs.get(jobId);
    // Someone else's job is as absent as none: its id says nothing about the room or the user.
    if (!job || job.userId !== userId) throw notFound("Export job");
    return job;
  }

  private view(job: Job): ExportJob {
    return {
      id: job.id,
      state: job.state,
      progress: { done: job.done, total: job.total },
      fileName: job.fileName,
      ...(job.error !== undefined ? { error: job.error } : {}),
      ...(job.state === "done" ? { fileUrl: `/api/export-jobs/${job.id}/file` } : {}),
    };
  }

  private dispatch(): void {
    while (this.running < this.limits.running && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running += 1;
      void this.run(job).finally(() => {
        this.running -= 1;
        this.dispatch();
      });
    }
  }

  private async run(job: Job): Promise<void> {
    const prepared = job.prepared!;
    job.prepared = undefined; // its blocks are read once; the job keeps only its progress
    job.state = "running";
    try {
      this.dir ??= mkdtemp(path.join(tmpdir(), "scholia-pdf-"));
      const filePath = path.join(await this.dir, `${job.id}.pdf`);
      job.filePath = filePath;
      await this.render({
        head: prepared.head,
        blocks: prepared.blocks,
        layout: job.layout,
        filePath,
        onProgress: (drawn) => (job.done = Math.min(drawn, job.total)),
        timeLimitMs: this.limits.timeLimitMs,
        signal: this.stopping.signal,
      });
      job.done = job.total;
      job.state = "done";
      job.settle();
    } catch (error) {
      this.fail(job, (error as Error).message);
      if (job.filePath) await rm(job.filePath, { force: true });
    }
    job.expiry = setTimeout(() => void this.expire(job), this.limits.keepMs).unref();
  }

  private fail(job: Job, message: string): void {
    job.state = "failed";
    job.error = message;
    job.prepared = undefined;
    job.settle();
  }

  private async expire(job: Job): Promise<void> {
    clearTimeout(job.expiry);
    this.jobs.delete(job.id);
    if (job.filePath) await rm(job.filePath, { force: true });
  }
}
