// PDF exports as jobs held in this process's memory: a few at a time on worker threads, the rest queued; each
// user sees only their own, a few finished files are kept for a while (per user and in all), an identical request
// joins the job already building, and everything is removed when the server closes. A user's unfinished jobs count
// across the deployment's servers when a Redis ledger is given.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ErrorCode } from "../../../shared/errors.ts";
import type { ExportJob, ExportLayout } from "../../../shared/schemas/exports.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import type { ConnectionLedger } from "../../realtime/fanout/shared-connections.ts";
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
  /** Finished jobs (files or failures) kept per user; starting one more forgets their oldest. */
  keptPerUser: number;
  /** Bytes of finished files kept in all; past it the oldest files (anyone's) are deleted first. */
  keptBytes: number;
}

export const defaultExportJobLimits: ExportJobLimits = {
  perUser: 2,
  running: 1,
  queued: 20,
  timeLimitMs: 5 * 60_000,
  keepMs: 60 * 60_000,
  keptPerUser: 3,
  keptBytes: 256 * 1024 * 1024,
};

/** Whom a job is built for, as its room's access check found them when it started (export-job-access.ts). */
export interface JobOwner {
  userId: string;
  roomId: string;
  /**
   * What the viewer read when the job started (export-room.ts viewOf: instructor-only threads and hidden words, and
   * whose words their discussion section lets through): the file holds that.
   */
  view: string;
}

/** What a new job is: the same `key` (room, query, user) as a job still queued or running joins that job. */
export interface JobRequest extends JobOwner {
  key: string;
  layout: ExportLayout;
  /** Started for one direct download (GET …/export?format=pdf), which removes it once sent (release()). */
  transient: boolean;
}

/** A started or joined job: its view, and whether it was already there (an identical request's). */
export interface StartedJob {
  job: ExportJob;
  joined: boolean;
}

interface Job extends JobOwner {
  id: string;
  key: string;
  state: ExportJob["state"];
  done: number;
  total: number;
  fileName: string;
  /** Why it failed, in words for people, and the code a direct download answers with. */
  error: { code: ErrorCode; message: string } | undefined;
  prepared: PreparedExport | undefined;
  layout: ExportLayout;
  transient: boolean;
  filePath: string | undefined;
  bytes: number;
  startedAt: number;
  endedAt: number;
  /** Stops this job's drawing (its owner cancelled it, or lost access to the room). */
  stop: AbortController;
  settled: Promise<void>;
  settle: () => void;
  expiry: NodeJS.Timeout | undefined;
}

/** A finished job's file, for a download. */
export interface ExportFile {
  path: string;
  fileName: string;
}

/** A 429 from the job limits, with how long to wait before trying again (the route's Retry-After). */
export class JobLimitError extends AppError {
  constructor(
    message: string,
    /** Seconds, a whole number from 1. */
    readonly retryAfterSeconds: number,
  ) {
    super("rate_limited", message);
  }
}

/** What a failure that is no limit of ours says: the engine's own message is for the log, not for people. */
const drawingFailed =
  "Something in this discussion could not be drawn. Try a part of it (a section or a date range); if it happens again, tell the server's administrator.";

/** When nothing tells how long a job will take yet, in seconds. */
const unknownWaitSeconds = 30;

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  private running = 0;
  private dir: Promise<string> | undefined;
  private readonly stopping = new AbortController();
  private readonly limits: ExportJobLimits;

  /**
   * @param render draws one PDF: on a worker thread of its own (pdf-runner.ts).
   * @param logFailure hears of every failure that is not a time limit, a shutdown or a cancel, with its real cause.
   * @param ledger counts each user's unfinished jobs on every server of the deployment (Redis) against `perUser`.
   */
  constructor(
    limits: Partial<ExportJobLimits> = {},
    private readonly render: (job: PdfRender) => Promise<void> = renderPdf,
    private readonly logFailure: (error: unknown, jobId: string) => void = () => {},
    private readonly ledger?: ConnectionLedger,
  ) {
    this.limits = { ...defaultExportJobLimits, ...limits };
  }

  /**
   * Throws when the user may not start one more job. Errors: 429 (JobLimitError, with a wait in seconds) when they
   * have `perUser` jobs unfinished or the line is full; 503 once the server is closing.
   */
  private admit(userId: string): void {
    if (this.stopping.signal.aborted) throw new AppError("unavailable", "The server is stopping.");
    const unfinished = this.unfinished(userId);
    if (unfinished.length >= this.limits.perUser) {
      throw new JobLimitError(
        `You already have ${unfinished.length} PDF exports being built. Wait for one to finish (or cancel it), then try again.`,
        this.soonestEnd(unfinished),
      );
    }
    if (this.waiting.length >= this.limits.queued) {
      throw new JobLimitError(
        "The server is building many PDFs right now. Try again in a minute.",
        Math.max(60, this.soonestEnd([...this.jobs.values()].filter((job) => job.state === "running"))),
      );
    }
  }

  /**
   * Joins the request's user's identical job still queued or running, or else (limits allowing, before and after
   * `prepare` reads the room) queues a PDF of what `prepare` gives. Forgets the user's oldest finished jobs beyond
   * `keptPerUser - 1`. Errors: 429 (JobLimitError, with a wait in seconds) when the user has `perUser` jobs
   * unfinished or the line is full; 503 once the server is closing; what `prepare` throws.
   */
  async start(request: JobRequest, prepare: () => Promise<PreparedExport>): Promise<StartedJob> {
    const before = this.joinOrAdmit(request);
    if (before) return before;
    const prepared = await prepare();
    // Another request may have started the same job, or filled the line, while this one read the room.
    const meanwhile = this.joinOrAdmit(request);
    if (meanwhile) return meanwhile;
    const slot = await this.takeSlot(request.userId);
    // The same again while Redis was asked: an identical job started meanwhile (which may have taken the user's last
    // slot) is joined, and a slot taken for this request goes back.
    try {
      const joined = this.joinOrAdmit(request);
      if (joined) {
        slot?.();
        return joined;
      }
    } catch (error) {
      slot?.();
      throw error;
    }
    if (!slot) throw this.deploymentFull();
    // Room for this job's file among the user's kept ones.
    this.keepLatest(request.userId, this.limits.keptPerUser - 1);
    let settle = () => {};
    const settled = new Promise<void>((resolve) => {
      settle = () => {
        resolve();
        slot();
      };
    });
    const job: Job = {
      id: randomUUID(),
      userId: request.userId,
      roomId: request.roomId,
      view: request.view,
      key: request.key,
      state: "queued",
      done: 0,
      total: prepared.blockCount,
      fileName: prepared.fileName,
      error: undefined,
      prepared,
      layout: request.layout,
      transient: request.transient,
      filePath: undefined,
      bytes: 0,
      startedAt: Date.now(),
      endedAt: 0,
      stop: new AbortController(),
      settled,
      settle,
      expiry: undefined,
    };
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    this.dispatch();
    return { job: this.view(job), joined: false };
  }

  /** Whom the job was built for. Errors: 404 when there is no such job, or it is someone else's. */
  ownerOf(userId: string, jobId: string): JobOwner {
    const { roomId, view } = this.find(userId, jobId);
    return { userId, roomId, view };
  }

  /** The rooms the user has jobs on, each with the view they were built with (one entry per pair). */
  roomsOf(userId: string): { roomId: string; view: string }[] {
    const pairs = new Map<string, { roomId: string; view: string }>();
    for (const job of this.jobs.values())
      if (job.userId === userId)
        pairs.set(`${job.roomId}|${job.view}`, { roomId: job.roomId, view: job.view });
    return [...pairs.values()];
  }

  /** The users who have jobs. */
  owners(): string[] {
    return [...new Set([...this.jobs.values()].map((job) => job.userId))];
  }

  /** The job as its owner sees it. Errors: 404 as ownerOf(). */
  get(userId: string, jobId: string): ExportJob {
    return this.view(this.find(userId, jobId));
  }

  /** Resolves when the job is done or failed (it never rejects). Errors: 404 as ownerOf(). */
  async whenSettled(userId: string, jobId: string): Promise<ExportJob> {
    const job = this.find(userId, jobId);
    await job.settled;
    return this.view(job);
  }

  /**
   * The finished file. Errors: 404 as ownerOf(); 409 while it is being built or when it failed (saying why); for
   * `direct` (a download waiting for the job), a failure answers with its own code instead: 503 for the time limit
   * or a shutdown, 500 for a drawing that failed, 409 for a cancel.
   */
  file(userId: string, jobId: string, direct = false): ExportFile {
    const job = this.find(userId, jobId);
    if (job.state === "failed") {
      const code = direct ? (job.error?.code ?? "internal") : "conflict";
      throw new AppError(code, `The PDF could not be built: ${job.error?.message ?? drawingFailed}`);
    }
    if (job.state !== "done" || !job.filePath)
      throw new AppError("conflict", "The PDF is not ready yet. Ask for the job until its state is done.");
    return { path: job.filePath, fileName: job.fileName };
  }

  /** After a direct download: forgets the job and deletes its file, unless someone else has joined it since. */
  async release(userId: string, jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (job?.userId === userId && job.transient && (job.state === "done" || job.state === "failed"))
      await this.expire(job);
  }

  /**
   * A direct download's reader went away before the PDF was ready: stops and forgets the job, unless a dialog has
   * joined it since (then it is theirs to wait for).
   */
  async abandon(userId: string, jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (job?.userId === userId && job.transient && job.state !== "done" && job.state !== "failed")
      await this.drop(job);
  }

  /** Stops the job if it is queued or running, and forgets it and its file. Errors: 404 as ownerOf(). */
  async cancel(userId: string, jobId: string): Promise<void> {
    await this.drop(this.find(userId, jobId));
  }

  /**
   * Stops and forgets the user's jobs on the room (all of them, or only those built with another view than
   * `view`): they lost access to what the files hold.
   */
  async revoke(userId: string, roomId: string, view?: string): Promise<void> {
    const lost = [...this.jobs.values()].filter(
      (job) => job.userId === userId && job.roomId === roomId && job.view !== view,
    );
    await Promise.all(lost.map((job) => this.drop(job)));
  }

  /** Stops every job, deletes every file. */
  async close(): Promise<void> {
    this.stopping.abort();
    for (const job of this.waiting.splice(0))
      this.fail(job, { code: "unavailable", message: "The server stopped before the PDF was built." });
    await Promise.all([...this.jobs.values()].map((job) => job.settled));
    for (const job of this.jobs.values()) clearTimeout(job.expiry);
    this.jobs.clear();
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }

  /**
   * One of the user's `perUser` slots across the deployment's servers (none to take without a ledger); resolves
   * with what gives it back, once, or undefined when their jobs on every server hold all the slots.
   */
  private async takeSlot(userId: string): Promise<(() => void) | undefined> {
    const ledger = this.ledger;
    if (!ledger) return () => {};
    if (!(await ledger.take(userId, this.limits.perUser))) return undefined;
    let given = false;
    return () => {
      if (!given) ledger.give(userId);
      given = true;
    };
  }

  /** 429 for a user whose jobs on the deployment's servers hold every slot. */
  private deploymentFull(): JobLimitError {
    return new JobLimitError(
      `You already have ${this.limits.perUser} PDF exports being built. Wait for one to finish (or cancel it), then try again.`,
      unknownWaitSeconds,
    );
  }

  /** The identical unfinished job, joined; else nothing, once admit() lets the user start one (or throws). */
  private joinOrAdmit(request: JobRequest): StartedJob | undefined {
    const joined = this.join(request);
    if (!joined) this.admit(request.userId);
    return joined;
  }

  private join(request: JobRequest): StartedJob | undefined {
    const same = this.unfinished(request.userId).find((job) => job.key === request.key);
    if (!same) return undefined;
    // Someone waits for it beyond one download: it stays after that download.
    if (!request.transient) same.transient = false;
    return { job: this.view(same), joined: true };
  }

  private find(userId: string, jobId: string): Job {
    const job = this.jobs.get(jobId);
    // Someone else's job is as absent as none: its id says nothing about the room or the user.
    if (!job || job.userId !== userId) throw notFound("Export job");
    return job;
  }

  private unfinished(userId: string): Job[] {
    return [...this.jobs.values()].filter(
      (job) => job.userId === userId && (job.state === "queued" || job.state === "running"),
    );
  }

  /** Finished jobs that `which` picks, oldest first. */
  private ended(which: (job: Job) => boolean): Job[] {
    return [...this.jobs.values()]
      .filter((job) => (job.state === "done" || job.state === "failed") && which(job))
      .sort((a, b) => a.endedAt - b.endedAt);
  }

  /**
   * Seconds until the first of `jobs` likely ends: a running job's pace so far carried over what it has left
   * (queued ones, or none yet drawn, count as `unknownWaitSeconds`), from 1 to the time limit.
   */
  private soonestEnd(jobs: readonly Job[]): number {
    const now = Date.now();
    const left = jobs.map((job) =>
      job.state === "running" && job.done > 0
        ? (((now - job.startedAt) / job.done) * (job.total - job.done)) / 1000
        : unknownWaitSeconds,
    );
    const soonest = left.length > 0 ? Math.min(...left) : unknownWaitSeconds;
    return Math.min(Math.max(1, Math.ceil(soonest)), Math.ceil(this.limits.timeLimitMs / 1000));
  }

  private view(job: Job): ExportJob {
    return {
      id: job.id,
      state: job.state,
      progress: { done: job.done, total: job.total },
      fileName: job.fileName,
      ...(job.error !== undefined ? { error: job.error.message } : {}),
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
    job.startedAt = Date.now();
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
        signal: AbortSignal.any([this.stopping.signal, job.stop.signal]),
      });
      job.bytes = (await stat(filePath)).size;
      job.done = job.total;
      job.state = "done";
      job.endedAt = Date.now();
      job.settle();
    } catch (error) {
      this.fail(job, this.failureOf(job, error));
      if (job.filePath) await rm(job.filePath, { force: true });
      job.filePath = undefined;
    }
    if (!this.jobs.has(job.id)) return; // dropped while it ran: its file is gone with it
    this.trim(job);
    job.expiry = setTimeout(() => void this.expire(job), this.limits.keepMs).unref();
  }

  /** Why the job failed, for people: the limits and stops say so; anything else is logged and said plainly. */
  private failureOf(job: Job, error: unknown): { code: ErrorCode; message: string } {
    if (job.stop.signal.aborted) return { code: "conflict", message: "The PDF export was cancelled." };
    if (error instanceof AppError && error.code === "unavailable")
      return { code: "unavailable", message: error.message };
    this.logFailure(error, job.id);
    return { code: "internal", message: drawingFailed };
  }

  /** Forgets the user's finished jobs (other than `newest`) but the `count` latest. */
  private keepLatest(userId: string, count: number, newest?: Job): void {
    const ended = this.ended((job) => job.userId === userId && job !== newest);
    for (const job of ended.slice(0, Math.max(0, ended.length - count))) void this.expire(job);
  }

  /** Keeps the user's finished jobs and everyone's files within the limits, deleting the oldest first. */
  private trim(newest: Job): void {
    this.keepLatest(newest.userId, this.limits.keptPerUser - 1, newest);
    const files = this.ended((job) => job.bytes > 0);
    let over = files.reduce((sum, job) => sum + job.bytes, 0) - this.limits.keptBytes;
    for (const job of files) {
      if (over <= 0) break;
      if (job === newest) continue; // the file just made is kept for its download, however large
      over -= job.bytes;
      void this.expire(job);
    }
  }

  private fail(job: Job, error: { code: ErrorCode; message: string }): void {
    job.state = "failed";
    job.error = error;
    job.prepared = undefined;
    job.endedAt = Date.now();
    job.settle();
  }

  /** Stops a queued or running job and forgets it. */
  private async drop(job: Job): Promise<void> {
    const queued = this.waiting.indexOf(job);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
      this.fail(job, { code: "conflict", message: "The PDF export was cancelled." });
    }
    job.stop.abort();
    this.jobs.delete(job.id);
    await job.settled;
    await this.expire(job);
  }

  private async expire(job: Job): Promise<void> {
    clearTimeout(job.expiry);
    job.expiry = undefined;
    if (this.jobs.get(job.id) === job) this.jobs.delete(job.id);
    if (job.filePath) await rm(job.filePath, { force: true });
  }
}
