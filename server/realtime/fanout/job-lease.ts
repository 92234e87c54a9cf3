// A lease in Redis that lets one server process at a time run a periodic job, renewed while the job runs and taken
// over by another process once a holder that died lets it expire.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { RedisClient } from "./redis-clients.ts";

/*
 * Which periodic jobs take a lease (issue 18: several servers on one database), decided job by job:
 * - notification e-mail sender (services/email/email-sender.ts, every 15 s): leased, "email-sender". Its row claims
 *   (FOR UPDATE SKIP LOCKED, then a claim time) already keep one notification from going out twice, but two senders
 *   could each claim part of one person's digest and send two that day. Runs without the lease if Redis is down.
 * - room compaction and idle unload (room-store/room-registry.ts, every minute): no lease. Unloading frees this
 *   process's memory only; compaction is serialised per room by an advisory lock (data/room-updates.ts).
 * - reading-time flush (realtime/people/people-server.ts, every 30 s): no lease. Each process writes the time it
 *   measured itself, as increments added in the database.
 * - presence refresh, sync keep-alive, import worker restarts, export file expiry, session expiry timers: no lease.
 *   Each is about this process's own sockets, worker or files.
 */

/** Runs a job only while holding the job's lease. */
export interface JobLease {
  /**
   * Runs `job` if this process holds (or can take) the lease, and resolves with its result; resolves with
   * undefined, without running it, while another process holds it.
   */
  run<T>(job: () => Promise<T>): Promise<T | undefined>;
  /** Gives the lease up if held (the next process need not wait for it to expire). */
  release(): Promise<void>;
}

/** The lease of a process alone (no Redis): always held. */
export const soleLease: JobLease = {
  run: (job) => job(),
  release: async () => undefined,
};

/** How long a run waits for Redis to say who holds the lease before running or skipping as if it were down. */
const answerWithinMs = 5_000;

/** What to do when Redis cannot say who holds the lease. */
export type WhenRedisDown = "run" | "skip";

/** Extends the lease if `ARGV[1]` holds it: 1 if so, 0 if it was lost. */
const renewScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * A lease on Redis key `key` (SET NX PX, value: this holder's id) that expires `ttlMs` after it was last taken or
 * renewed. The holder keeps it between runs (renewing at each run), and renews it every ttlMs / 3 while a run lasts,
 * so a long run keeps it; a holder that dies stops renewing and the next process takes it within `ttlMs`.
 * `whenRedisDown` decides whether a run goes ahead while Redis is unreachable (a job whose own claims are safe
 * should rather run than stop).
 */
export class RedisJobLease implements JobLease {
  readonly holder = randomUUID();
  /** Set while Redis does not answer, so that an outage is logged once, not at every tick of the job. */
  private unreachable = false;

  constructor(
    private readonly client: RedisClient,
    private readonly key: string,
    private readonly ttlMs: number,
    private readonly whenRedisDown: WhenRedisDown,
    private readonly logger: Logger,
  ) {}

  /** Takes the lease or renews it if held: true when this holder holds it now. Rejects when Redis is unreachable. */
  async take(): Promise<boolean> {
    const renewed = await this.client.eval(renewScript, {
      keys: [this.key],
      arguments: [this.holder, String(this.ttlMs)],
    });
    if (Number(renewed) === 1) return true;
    const set = await this.client.set(this.key, this.holder, {
      condition: "NX",
      expiration: { type: "PX", value: this.ttlMs },
    });
    return set === "OK";
  }

  async run<T>(job: () => Promise<T>): Promise<T | undefined> {
    let held: boolean;
    try {
      held = await this.takeWithin(Math.min(answerWithinMs, this.ttlMs));
    } catch (err) {
      if (!this.unreachable) {
        this.unreachable = true;
        this.logger.warn(
          { err, lease: this.key },
          this.whenRedisDown === "run"
            ? "Redis is unreachable: running this periodic job without its lease until Redis answers again"
            : "Redis is unreachable: skipping this periodic job, which needs its lease, until Redis answers again",
        );
      }
      return this.whenRedisDown === "run" ? job() : undefined;
    }
    if (this.unreachable) {
      this.unreachable = false;
      this.logger.info(
        { lease: this.key },
        "Redis answers again: this periodic job runs under its lease again",
      );
    }
    if (!held) return undefined;
    const renewal = setInterval(
      () => {
        this.take().then(
          (still) => {
            if (!still) this.logger.warn({ lease: this.key }, "lost a job lease while the job ran");
          },
          (err: unknown) => this.logger.warn({ err, lease: this.key }, "renewing a job lease failed"),
        );
      },
      Math.max(1, Math.floor(this.ttlMs / 3)),
    );
    renewal.unref();
    try {
      return await job();
    } finally {
      clearInterval(renewal);
    }
  }

  /**
   * take(), refused after `ms`: node-redis refuses commands at once while it knows the connection is down, but waits
   * without end on a connection that is open and silent.
   */
  private async takeWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const silent = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([this.take(), silent]);
    } finally {
      clearTimeout(timer);
    }
  }

  async release(): Promise<void> {
    await this.client
      .eval(releaseScript, { keys: [this.key], arguments: [this.holder] })
      .catch((err: unknown) => this.logger.warn({ err, lease: this.key }, "releasing a job lease failed"));
  }
}
