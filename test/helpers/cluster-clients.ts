// Clients of a server cluster that behave as real ones do when a server goes away: a sync replica that moves to
// another server with a jittered backoff and keeps its document, and a REST writer that retries a mutation under
// the same idempotency key on another server.
import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import { RoomDoc } from "../../shared/room-doc.ts";
import { openRawSyncClient, type RawSyncClient } from "./raw-sync-client.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits between half and all of min(cap, 50 ms × 2^attempt), as the browser client's jittered reconnects do. */
function backoffMs(attempt: number, capMs: number, random: () => number): number {
  return Math.min(capMs, 50 * 2 ** attempt) * (0.5 + random() / 2);
}

export interface RoamingReplicaOptions {
  /** ws:// base URLs of the servers, in the order the replica moves through them. */
  servers: readonly string[];
  /** Index in `servers` of the server it connects to first. */
  start: number;
  /** The sync path, e.g. syncPaths.room(roomId). */
  path: string;
  /** The reader's session cookie (good on every server of the cluster). */
  cookie: string;
  /** Longest wait before a reconnect (ms); default 1 s. */
  maxBackoffMs?: number;
  random?: () => number;
}

/**
 * A read replica of a room over the y-websocket protocol that, whenever its socket closes (its server was killed,
 * restarted or refused it), reconnects to the next server after a jittered wait and syncs the document it holds.
 */
export class RoamingReplica {
  readonly doc = new Y.Doc();
  readonly room = new RoomDoc(this.doc);
  /** Index of the server it is connected or connecting to. */
  at: number;
  /** Whether the current socket has completed its handshake (and has not closed since). */
  synced = false;
  /** Close codes of every socket it lost, oldest first (1006: the server vanished). */
  readonly closes: number[] = [];
  private client: RawSyncClient | undefined;
  private failures = 0;
  private stopped = false;
  private readonly random: () => number;

  constructor(private readonly options: RoamingReplicaOptions) {
    this.at = options.start;
    this.random = options.random ?? Math.random;
    this.connect();
  }

  /** The index of the server it is synced with, or undefined while it is between servers. */
  get server(): number | undefined {
    return this.synced ? this.at : undefined;
  }

  /** Ids of the thread and comment records in its document. */
  ids(): { threads: Set<string>; comments: Set<string> } {
    return { threads: new Set(this.room.threads.keys()), comments: new Set(this.room.comments.keys()) };
  }

  /** Stops reconnecting and closes the socket. */
  close(): void {
    this.stopped = true;
    this.client?.socket.terminate();
  }

  private connect(): void {
    if (this.stopped) return;
    const url = `${this.options.servers[this.at]}${this.options.path}`;
    const client = openRawSyncClient(url, this.options.cookie, this.doc);
    // A refused connection is reported as "error" before "close"; the close is what moves the replica on.
    client.socket.on("error", () => undefined);
    this.client = client;
    void client.synced.then(() => {
      if (this.client !== client) return;
      this.synced = true;
      this.failures = 0;
    });
    void client.closed.then(({ code }) => {
      if (this.client !== client) return;
      this.synced = false;
      this.closes.push(code);
      if (this.stopped) return;
      this.failures += 1;
      this.at = (this.at + 1) % this.options.servers.length;
      setTimeout(
        () => this.connect(),
        backoffMs(this.failures, this.options.maxBackoffMs ?? 1_000, this.random),
      );
    });
  }
}

/** A mutation a server answered 2xx: stored, by the server's word. */
export interface Acknowledged {
  kind: "thread" | "comment";
  /** The record's id (its idempotency key). */
  id: string;
  threadId: string;
  /** Index of the server that answered. */
  server: number;
}

export interface BurstWriterOptions {
  /** http:// base URLs of the servers. */
  servers: readonly string[];
  /** Index of the server it writes to first. */
  start: number;
  roomId: string;
  /** The writer's session cookie (good on every server). */
  cookie: string;
  /** Paragraphs to start threads on. */
  blockIds: readonly string[];
  /** Where every writer of the burst records acknowledged mutations (replies go to threads found here). */
  acks: Acknowledged[];
  /** Where answers no retry explains (4xx, or a mutation given up) are recorded. */
  problems: string[];
  /** Longest wait before a retry (ms); default 1 s. */
  maxBackoffMs?: number;
  /** Share of mutations that reply to an acknowledged thread (0..1); default 0.4. */
  replyShare?: number;
  /** Attempts per mutation before it is given up (and recorded as a problem); default 30. */
  maxAttempts?: number;
  random?: () => number;
}

/**
 * Starts threads and replies (by default two in five mutations reply to an acknowledged thread, from any server) until told to stop. A
 * mutation whose request fails (connection refused or reset, no answer in 10 s) or is answered 5xx is sent again
 * with the same idempotency key to the next server after a jittered wait, as the browser client's outbox replays it.
 */
export class BurstWriter {
  /** Requests that failed or were answered 5xx, as "server: what". */
  readonly retries: string[] = [];
  at: number;
  private readonly random: () => number;

  constructor(private readonly options: BurstWriterOptions) {
    this.at = options.start;
    this.random = options.random ?? Math.random;
  }

  /** Sends mutations one after another until `stop()` is true; resolves once the last one is settled. */
  async run(stop: () => boolean): Promise<void> {
    let n = 0;
    while (!stop()) {
      n += 1;
      await this.send(n);
    }
  }

  /** Sends one mutation until a server acknowledges it (or it is given up). */
  async send(n: number): Promise<Acknowledged | undefined> {
    const { acks, roomId, blockIds } = this.options;
    const threads = acks.filter((ack) => ack.kind === "thread");
    const key = randomUUID();
    const replyTo =
      threads.length > 0 && this.random() < (this.options.replyShare ?? 0.4)
        ? threads[Math.floor(this.random() * threads.length)]
        : undefined;
    const path = replyTo
      ? `/api/rooms/${roomId}/threads/${replyTo.id}/comments`
      : `/api/rooms/${roomId}/threads`;
    const body = replyTo
      ? { body: `Reply ${n}.`, parentId: null }
      : { anchor: { blockId: blockIds[n % blockIds.length] }, body: `Thread ${n}.` };
    const maxAttempts = this.options.maxAttempts ?? 30;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const server = this.at;
      let what: string;
      try {
        const res = await fetch(`${this.options.servers[server]}${path}`, {
          method: "POST",
          headers: {
            cookie: this.options.cookie,
            "content-type": "application/json",
            "idempotency-key": key,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        if (res.ok) {
          const ack: Acknowledged = {
            kind: replyTo ? "comment" : "thread",
            id: key,
            threadId: replyTo?.id ?? key,
            server,
          };
          acks.push(ack);
          return ack;
        }
        what = `${res.status} ${text.slice(0, 200)}`;
        if (res.status < 500) {
          this.options.problems.push(`server ${server}: ${path} answered ${what}`);
          return undefined;
        }
      } catch (error) {
        what = String((error as Error).cause ?? error);
      }
      this.retries.push(`server ${server}: ${what}`);
      this.at = (this.at + 1) % this.options.servers.length;
      await sleep(backoffMs(attempt, this.options.maxBackoffMs ?? 1_000, this.random));
    }
    this.options.problems.push(`gave up ${path} (key ${key}) after ${maxAttempts} attempts`);
    return undefined;
  }
}
