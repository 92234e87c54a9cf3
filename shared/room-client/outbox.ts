// The client's outbox of mutations: sends them one at a time, retries what may still succeed, marks failed what cannot
// (and what depends on it) while everything else goes on, and keeps the stored queue in step throughout.
import {
  dependentFailures,
  discardGroup,
  nextRetryAt,
  nextToSend,
  retryGroup,
  type QueueEntry,
} from "./mutation-order.ts";
import {
  queueItemVersion,
  type MutationFailure,
  type PendingMutation,
  type QueueStorage,
} from "./mutation-queue.ts";
import type { MutationDraft } from "./mutations.ts";
import { backoffMs, defaultRetryPolicy, retryAfterMs, verdictOf, type RetryPolicy } from "./retry-policy.ts";

/** What the outbox needs of a fetch Response. */
export interface Answer {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

/** A mutation the server refused or kept failing on, or one that needed such a mutation; see `MutationFailure`. */
export type FailedMutation = Readonly<PendingMutation> & { readonly failure: MutationFailure };

/** Rejects a mutation's promise when it is marked failed; `failure` says why. */
export class MutationRejected extends Error {
  override name = "MutationRejected";
  readonly status: number;
  readonly code: string;
  constructor(readonly failure: MutationFailure) {
    super(failure.reason);
    this.status = failure.status;
    this.code = failure.code;
  }
}

export interface OutboxOptions {
  storage: QueueStorage;
  /** Sends one mutation; rejects when no answer came (network down, or `signal` aborted). */
  send(item: PendingMutation, signal: AbortSignal): Promise<Answer>;
  policy?: Partial<RetryPolicy>;
  /** In [0, 1); jitters every delay. */
  random?: () => number;
  /** Called after every change of the queue, of its failures, or of `unreachable` / `signedOut`. */
  onChange(): void;
}

interface Waiter {
  resolve: (body: unknown) => void;
  reject: (error: Error) => void;
}

/** Why nothing is sent until `holdUntil`: no answer, the server asked to wait, or the session ended. */
type Hold = "network" | "server" | "signedOut";

export class Outbox {
  /** Resolves once the stored queue is loaded; nothing is sent before, so earlier sessions' mutations go first. */
  readonly ready: Promise<void>;
  /** The last try got no answer (network down). */
  unreachable = false;
  /** The server answered 401: the session ended, and the queue waits for a new one. */
  signedOut = false;
  private entries: QueueEntry[] = [];
  private readonly waiters = new Map<string, Waiter>();
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  /** Storage writes, chained so they reach storage in the order they were made. */
  private writes: Promise<void>;
  private flushing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  private hold: { until: number; reason: Hold } | undefined;
  /** Consecutive holds, for their backoff. */
  private holds = 0;
  /** Mutations that succeeded so far: a 503 to one while others get through is that mutation's failure. */
  private successes = 0;
  /** The platform says it is offline: send nothing until resume(). */
  private paused = false;
  private inFlight: AbortController | undefined;
  private destroyed = false;

  constructor(private readonly options: OutboxOptions) {
    this.policy = { ...defaultRetryPolicy, ...options.policy };
    this.random = options.random ?? Math.random;
    this.ready = Promise.resolve()
      .then(() => options.storage.load())
      .catch(() => []) // an unreadable store starts an empty queue rather than none at all
      .then((stored) => {
        const queued = new Set(this.entries.map((entry) => entry.item.key));
        const loaded = stored.filter((item) => !queued.has(item.key));
        this.entries = [...loaded.map((item) => ({ item, attempts: 0, retryAt: 0 })), ...this.entries];
        this.options.onChange();
        void this.flush();
      });
    this.writes = this.ready;
  }

  /** Every queued mutation, failed ones included, in the order they were made. */
  items(): readonly Readonly<PendingMutation>[] {
    return this.entries.map((entry) => entry.item);
  }

  /** Mutations still to be sent (not failed). */
  pendingCount(): number {
    return this.entries.filter((entry) => !entry.item.failure).length;
  }

  failures(): FailedMutation[] {
    return this.entries.flatMap((entry) => (entry.item.failure ? [entry.item as FailedMutation] : []));
  }

  /** Queues synchronously (so the overlay shows it at once), stores, then sends; settles when it does. */
  enqueue(draft: MutationDraft): Promise<unknown> {
    const item: PendingMutation = { v: queueItemVersion, ...draft, createdAt: new Date().toISOString() };
    this.entries.push({ item, attempts: 0, retryAt: 0 });
    const done = new Promise<unknown>((resolve, reject) => this.waiters.set(item.key, { resolve, reject }));
    this.write((storage) => storage.add(item));
    this.options.onChange();
    void this.ready.then(() => this.flush());
    return done;
  }

  /**
   * Sends failed mutation `key` again with its group: the mutation its failure came from (if it failed as a
   * dependent) and all that failed because of that one. False if `key` is not a failed mutation.
   */
  retry(key: string): boolean {
    const group = retryGroup(this.entries, key);
    for (const entry of group) {
      const item = { ...entry.item };
      delete item.failure;
      entry.item = item;
      entry.attempts = 0;
      entry.retryAt = 0;
      this.write((storage) => storage.update(item));
    }
    if (group.length === 0) return false;
    this.options.onChange();
    void this.flush();
    return true;
  }

  /** What discard(`key`) would drop: the failed mutation first, then what depends on it; empty unless it failed. */
  discardGroup(key: string): readonly Readonly<PendingMutation>[] {
    return discardGroup(this.entries, key).map((entry) => entry.item);
  }

  /**
   * Drops failed mutation `key`, and with it every queued mutation on what it would have created (a reply to a
   * thread never created cannot succeed either). False if `key` is not a failed mutation.
   */
  discard(key: string): boolean {
    const group = new Set(discardGroup(this.entries, key));
    if (group.size === 0) return false;
    this.entries = this.entries.filter((entry) => !group.has(entry));
    for (const entry of group) this.write((storage) => storage.remove(entry.item.key));
    this.options.onChange();
    return true;
  }

  /** The platform went offline: abandon the request in flight (it is resent later, same key) and send nothing. */
  pause(): void {
    this.paused = true;
    this.inFlight?.abort();
  }

  /**
   * The way to the server is back (network online, sync socket connected): send now rather than after a backoff,
   * unless the server itself asked to wait.
   */
  resume(): void {
    this.paused = false;
    this.unreachable = false;
    if (this.hold && this.hold.reason !== "server") {
      this.hold = undefined;
      this.holds = 0;
    }
    void this.flush();
  }

  /** The connection was found dead: abandon the request in flight, which would hang; it is resent, same key. */
  abandonInFlight(): void {
    this.inFlight?.abort();
  }

  /** Stops sending and retrying; the queue stays in storage for the next session. */
  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.timer);
    this.inFlight?.abort();
  }

  /** Sends what may be sent, one at a time, until nothing is ready; then sleeps until something will be. */
  private async flush(): Promise<void> {
    await this.ready;
    if (this.flushing || this.destroyed) return;
    this.flushing = true;
    try {
      for (;;) {
        this.failDependents(); // even while paused: a reply to a thread that failed fails at once
        if (this.destroyed || this.paused) return;
        const now = Date.now();
        if (this.hold && this.hold.until > now) return this.wakeAt(this.hold.until);
        const entry = nextToSend(this.entries, now);
        if (!entry) {
          const at = nextRetryAt(this.entries, now);
          return at === undefined ? undefined : this.wakeAt(at);
        }
        await this.attempt(entry);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async attempt(entry: QueueEntry): Promise<void> {
    const controller = new AbortController();
    this.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(), this.policy.requestTimeoutMs);
    let answer: Answer | undefined;
    let body: unknown;
    try {
      answer = await this.options.send(entry.item, controller.signal);
      body = await answer.json().catch(() => undefined);
    } catch {
      answer = undefined;
    } finally {
      clearTimeout(timeout);
      this.inFlight = undefined;
    }
    if (this.destroyed) return;
    const now = Date.now();
    this.unreachable = answer === undefined;
    if (!answer) {
      this.holdFor("network", now);
    } else {
      let verdict = verdictOf(answer.status);
      this.signedOut = verdict === "signedOut";
      if (verdict === "unavailable") {
        // The server answered others since this one was last told "unavailable", or this one has been failing
        // already: it is this one that fails, not the service.
        if ((entry.unavailableMark ?? Infinity) < this.successes || entry.attempts > 0) verdict = "failing";
        entry.unavailableMark = this.successes;
      }
      if (verdict === "done") {
        this.holds = 0;
        this.successes += 1;
        this.settle(entry, body);
      } else if (verdict === "unavailable" || verdict === "rateLimited") {
        this.holdFor("server", now, retryAfterMs(answer.headers.get("retry-after"), now));
        // After the wait another mutation goes first, so that a 503 for this one alone shows as such.
        entry.retryAt = this.hold!.until + 1;
      } else if (verdict === "signedOut") {
        this.holdFor("signedOut", now); // with backoff: the user may sign in again in another tab
      } else if (verdict === "failing" && entry.attempts + 1 < this.policy.maxAttempts) {
        entry.attempts += 1;
        entry.retryAt = now + backoffMs(this.policy, entry.attempts, this.random());
      } else {
        this.fail(entry, failureOf(answer.status, body));
      }
    }
    this.options.onChange();
  }

  private holdFor(reason: Hold, now: number, askedMs?: number): void {
    this.holds += 1;
    const delay =
      askedMs === undefined
        ? backoffMs(this.policy, this.holds, this.random())
        : Math.min(askedMs, this.policy.maxRetryAfterMs) + this.random() * this.policy.baseDelayMs;
    this.hold = { until: now + delay, reason };
  }

  private settle(entry: QueueEntry, body: unknown): void {
    this.entries = this.entries.filter((queued) => queued !== entry);
    this.write((storage) => storage.remove(entry.item.key));
    this.waiters.get(entry.item.key)?.resolve(body);
    this.waiters.delete(entry.item.key);
  }

  private fail(entry: QueueEntry, failure: MutationFailure): void {
    entry.item = { ...entry.item, failure };
    const item = entry.item;
    this.write((storage) => storage.update(item));
    this.waiters.get(item.key)?.reject(new MutationRejected(failure));
    this.waiters.delete(item.key);
  }

  private failDependents(): void {
    const failed = dependentFailures(this.entries, new Date().toISOString());
    for (const { entry, failure } of failed) this.fail(entry, failure);
    if (failed.length > 0) this.options.onChange();
  }

  private wakeAt(at: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        void this.flush();
      },
      Math.max(0, at - Date.now()),
    );
  }

  private write(change: (storage: QueueStorage) => void | Promise<void>): void {
    // A storage that fails (a full localStorage) costs persistence across reloads, not the queue in memory.
    this.writes = this.writes.then(() => change(this.options.storage)).catch(() => undefined);
  }
}

/** A refusal or a last server error as a failure, with the error body's code and message when it has them. */
function failureOf(status: number, body: unknown): MutationFailure {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    status,
    code: typeof error?.code === "string" ? error.code : "error",
    reason:
      typeof error?.message === "string" && error.message !== ""
        ? error.message
        : `The server answered ${status}.`,
    failedAt: new Date().toISOString(),
  };
}
