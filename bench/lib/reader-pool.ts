// Spreads many y-websocket read replicas over a few child processes (bench/lib/reader-process.ts), so that the
// client-side cost of applying every update is not serialised on the bench process's one thread.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../../test/helpers/processes.ts";

/** When one thread id reached the replicas of a process (process.hrtime.bigint(), nanoseconds). */
export interface Arrival {
  first: bigint;
  last: bigint;
  /** How many replicas have it. */
  count: number;
}

export type ReaderCommand =
  | { type: "open"; serverUrl: string; room: string; cookies: string[]; batch: number }
  | { type: "reset" }
  | { type: "arrivals" }
  | { type: "close" };

export type ReaderReply =
  | { type: "opened"; ms: number }
  | { type: "reset" }
  | { type: "arrivals"; arrivals: [string, Arrival][]; closes: number }
  | { type: "closed" }
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

  /** Starts `processes` reader processes. */
  static start(processes: number): ReaderPool {
    const script = path.join(repoRoot, "bench/lib/reader-process.ts");
    const children = Array.from({ length: processes }, () =>
      spawn(process.execPath, ["--import", "tsx", script], {
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
            cookies: cookies.filter((_, i) => i % this.children.length === index),
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

  /** Closes every replica (the processes stay for the next round). */
  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => request(child, { type: "close" }, "closed")));
  }

  /** Ends the processes. */
  stop(): void {
    for (const child of this.children) child.disconnect();
  }
}
