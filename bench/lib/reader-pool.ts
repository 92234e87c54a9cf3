// Spreads many y-websocket read replicas (and, on request, a people-channel socket.io tab per reader) over a few child
// processes (bench/lib/reader-process.ts), so that the client-side cost of applying every update is not serialised on
// the bench process's one thread.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../../test/helpers/processes.ts";
import { sleep } from "./measure.ts";

/** When one thread id reached the replicas of a process (process.hrtime.bigint(), nanoseconds). */
export interface Arrival {
  first: bigint;
  last: bigint;
  /** How many replicas have it. */
  count: number;
}

/** What the people-channel tabs of the processes saw, counted since they were opened. */
export interface PeopleStats {
  /** presence.update events sent. */
  updates: number;
  /** `presence` lists received, and the people they listed in all. */
  lists: number;
  listed: number;
  /** Refusals received as `error.event`, by code (rate_limited shows the server's limits bit). */
  refusals: Record<string, number>;
  /** Tabs the server disconnected. */
  disconnects: number;
  /** When each notification arrived, by its comment id (else its own id). */
  notifications: [string, bigint][];
}

/** Counters before anything was sent or received. */
export const emptyPeopleStats = (): PeopleStats => ({
  updates: 0,
  lists: 0,
  listed: 0,
  refusals: {},
  disconnects: 0,
  notifications: [],
});

export type ReaderCommand =
  | { type: "open"; serverUrl: string; room: string; cookies: string[]; batch: number }
  | { type: "reset" }
  | { type: "arrivals" }
  | { type: "close" }
  | { type: "people.open"; url: string; roomId: string; cookies: string[]; batch: number }
  | { type: "presence.start"; roomId: string; blockIds: string[]; periodMs: number }
  | { type: "presence.stop" }
  | { type: "people.stats" }
  | { type: "people.close" };

export type ReaderReply =
  | { type: "opened"; ms: number }
  | { type: "reset" }
  | { type: "arrivals"; arrivals: [string, Arrival][]; closes: number }
  | { type: "closed" }
  | { type: "done" }
  | { type: "people.stats"; stats: PeopleStats }
  | { type: "error"; message: string };

const commandTimeoutMs = 180_000;

function request<T extends ReaderReply["type"]>(
  child: ChildProcess,
  command: ReaderCommand,
  expected: T,
): Promise<Extract<ReaderReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      reject(new Error(`reader process did not answer "${command.type}" in time`));
    }, commandTimeoutMs);
    const onMessage = (message: ReaderReply) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      if (message.type === expected) resolve(message as Extract<ReaderReply, { type: T }>);
      else reject(new Error(message.type === "error" ? message.message : `unexpected ${message.type}`));
    };
    child.on("message", onMessage);
    child.send(command);
  });
}

/** A fixed set of reader processes; every command goes to all of them and waits for every answer. */
export class ReaderPool {
  private constructor(private readonly children: ChildProcess[]) {}

  /**
   * Starts `processes` reader processes running `script` (relative to the repository): y-websocket replicas
   * (reader-process.ts) by default, or raw-reader-process.ts for readers that only time arrivals.
   */
  static start(processes: number, script = "bench/lib/reader-process.ts"): ReaderPool {
    const children = Array.from({ length: processes }, () =>
      spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, script)], {
        cwd: repoRoot,
        stdio: ["ignore", "inherit", "inherit", "ipc"],
        // Structured clone, so bigint timestamps cross the channel intact.
        serialization: "advanced",
      }),
    );
    return new ReaderPool(children);
  }

  /** Process ids of the reader processes (for CPU accounting). */
  get pids(): number[] {
    return this.children.map((child) => child.pid!);
  }

  /**
   * Opens one replica per cookie of `room` at `serverUrl` (y-websocket appends "/room"), dealt round-robin to
   * the processes, and resolves once every replica has synced.
   */
  async open(serverUrl: string, room: string, cookies: string[], batch = 20): Promise<void> {
    await Promise.all(
      this.children.map((child, index) =>
        request(
          child,
          {
            type: "open",
            serverUrl,
            room,
            cookies: this.dealt(cookies, index),
            batch,
          },
          "opened",
        ),
      ),
    );
  }

  /** Forgets the arrivals recorded so far (e.g. the warm-up's). */
  async reset(): Promise<void> {
    await Promise.all(this.children.map((child) => request(child, { type: "reset" }, "reset")));
  }

  /** Arrivals merged over the processes: first and last replica to have each id, and how many have it. */
  async arrivals(): Promise<{ arrivals: Map<string, Arrival>; closes: number }> {
    const replies = await Promise.all(
      this.children.map((child) => request(child, { type: "arrivals" }, "arrivals")),
    );
    const merged = new Map<string, Arrival>();
    let closes = 0;
    for (const answer of replies) {
      closes += answer.closes;
      for (const [id, arrival] of answer.arrivals) {
        const seen = merged.get(id);
        if (!seen) merged.set(id, { ...arrival });
        else {
          if (arrival.first < seen.first) seen.first = arrival.first;
          if (arrival.last > seen.last) seen.last = arrival.last;
          seen.count += arrival.count;
        }
      }
    }
    return { arrivals: merged, closes };
  }

  /** Polls the processes until every id reached `replicas` replicas, or `timeoutMs` passes; the last poll's result. */
  async waitForArrivals(ids: string[], replicas: number, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await this.arrivals();
      const done = ids.every((id) => (result.arrivals.get(id)?.count ?? 0) >= replicas);
      if (done || Date.now() > deadline) return result;
      await sleep(250);
    }
  }

  /**
   * Opens one people-channel (socket.io) tab per cookie at `url`, dealt round-robin like the replicas (so the i-th
   * cookie's replica and tab share a process), each joined to `roomId`; resolves once every tab has joined.
   */
  async openPeople(url: string, roomId: string, cookies: string[], batch = 20): Promise<void> {
    await Promise.all(
      this.children.map((child, index) =>
        request(
          child,
          {
            type: "people.open",
            url,
            roomId,
            cookies: this.dealt(cookies, index),
            batch,
          },
          "done",
        ),
      ),
    );
  }

  /** Every tab sends presence.update (a random one of `blockIds`) every `periodMs`, phases spread at random. */
  async startPresence(roomId: string, blockIds: string[], periodMs: number): Promise<void> {
    await this.all({ type: "presence.start", roomId, blockIds, periodMs });
  }

  /** The tabs stop sending presence updates (they stay connected and joined). */
  async stopPresence(): Promise<void> {
    await this.all({ type: "presence.stop" });
  }

  /** The tabs' counters, added up over the processes. */
  async peopleStats(): Promise<PeopleStats> {
    const replies = await Promise.all(
      this.children.map((child) => request(child, { type: "people.stats" }, "people.stats")),
    );
    const total = emptyPeopleStats();
    for (const { stats } of replies) {
      total.updates += stats.updates;
      total.lists += stats.lists;
      total.listed += stats.listed;
      total.disconnects += stats.disconnects;
      total.notifications.push(...stats.notifications);
      for (const [code, count] of Object.entries(stats.refusals))
        total.refusals[code] = (total.refusals[code] ?? 0) + count;
    }
    return total;
  }

  /** Disconnects every people-channel tab (the replicas stay). */
  async closePeople(): Promise<void> {
    await this.all({ type: "people.close" });
  }

  /** The cookies dealt to the `index`-th process (round-robin: the i-th cookie goes to process i mod n). */
  private dealt(cookies: string[], index: number): string[] {
    return cookies.filter((_, i) => i % this.children.length === index);
  }

  private async all(command: ReaderCommand): Promise<void> {
    await Promise.all(this.children.map((child) => request(child, command, "done")));
  }

  /** Closes every replica (the processes stay for the next round). */
  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => request(child, { type: "close" }, "closed")));
  }

  /** Ends the processes. */
  stop(): void {
    for (const child of this.children) child.disconnect();
  }
}
