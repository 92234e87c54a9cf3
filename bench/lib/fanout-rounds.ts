// One fan-out round of the live benchmarks: the same readers open on every target, then mutations go to the targets
// alternately at a fixed rate, and each mutation's arrival at the first and last reader is timed.
import { randomUUID } from "node:crypto";
import { elapsedMs, pace, processCpuMs, processCpuSplitMs, sleep } from "./measure.ts";
import type { Arrival, ReaderPool } from "./reader-pool.ts";
import type { ServerProcess } from "./scholia-fixture.ts";

/** One server under test: how its readers connect and how the writer sends one mutation. */
export interface FanoutTarget {
  name: string;
  /** The processes serving it (their CPU is summed); the writer sends to the first. */
  servers: ServerProcess[];
  open(cookies: string[]): Promise<void>;
  /** Performs one mutation creating thread `id`; false if the server refused it. */
  send(id: string): Promise<boolean>;
}

export interface FanoutRound {
  /** Send → last reader, per complete mutation (ms). */
  latencies: number[];
  /** Send → first reader (ms). */
  firstLatencies: number[];
  /** Measured mutations that did not reach every reader in time. */
  missing: number;
  openSeconds: number;
  /** Send → the writer's answer (ms). */
  answered: number[];
  /** The first server's own responseTime (pino-http log lines) for the measured thread creations (ms). */
  serverTimes: number[];
  errors: number;
  /** CPU (user + system) of all of the target's servers over the measured phase, per mutation (ms). */
  serverCpuPerMutation: number;
  /** The part of it spent in the kernel (socket writes, loopback delivery), per mutation (ms). */
  serverSystemCpuPerMutation: number;
  /**
   * CPU of all of the target's servers per second with the readers open and no mutations (keep-alives, timers,
   * background checks), measured just before: included in serverCpuPerMutation at 1/perSecond of it per mutation.
   */
  idleCpuPerSecond: number;
  /** serverCpuPerMutation's share of each server, in `servers` order (ms). */
  serverCpuEach: number[];
}

export interface FanoutSettings {
  /** Measured mutations per target. */
  mutations: number;
  /** Mutations per second sent to each target. */
  perSecond: number;
  /** Mutations per target sent and waited for before measuring. */
  warmUp: number;
  /** How long after the last send a round waits for stragglers before counting them as missing (ms). */
  arrivalTimeoutMs: number;
}

/** How long the servers' CPU is read with the readers open and nothing sent, before the measured mutations. */
const idleSampleMs = 5_000;
const cpuOf = (servers: ServerProcess[]) =>
  servers.reduce((sum, server) => sum + processCpuMs(server.pid), 0);

/** A pino-http line for a thread creation, capturing its responseTime (ms). */
const postLogLine = /"method":"POST","url":"\/api\/rooms\/[\w-]+\/threads"[^\n]*"responseTime":(\d+)/g;

/**
 * Opens `cookies.length` readers on each target, then sends mutations to the targets alternately, each target at
 * `perSecond` (a warm-up, then `mutations` each), so that all are measured under the same background load. The
 * readers are closed at the end.
 */
export async function runInterleaved(
  pool: ReaderPool,
  targets: FanoutTarget[],
  cookies: string[],
  settings: FanoutSettings,
) {
  const { mutations, perSecond, warmUp, arrivalTimeoutMs } = settings;
  const replicas = cookies.length;
  const openSeconds: number[] = [];
  for (const target of targets) {
    const started = performance.now();
    await target.open(cookies);
    openSeconds.push((performance.now() - started) / 1000);
  }
  const sent = new Map<string, bigint>();
  const fire = async (each: number) => {
    const ids = targets.map(() => [] as string[]);
    const answered = targets.map(() => [] as number[]);
    const errors = targets.map(() => 0);
    await pace(each * targets.length, perSecond * targets.length, async (i) => {
      const which = i % targets.length;
      const id = randomUUID();
      ids[which]!.push(id);
      const at = process.hrtime.bigint();
      sent.set(id, at);
      if (!(await targets[which]!.send(id))) errors[which]! += 1;
      answered[which]!.push(elapsedMs(at, process.hrtime.bigint()));
    });
    return { ids, answered, errors };
  };
  await pool.waitForArrivals((await fire(warmUp)).ids.flat(), replicas, arrivalTimeoutMs);
  await pool.reset();
  const idleStarted = performance.now();
  const idleBefore = targets.map((target) => cpuOf(target.servers));
  await sleep(idleSampleMs);
  const idleCpu = targets.map(
    (target, which) =>
      (cpuOf(target.servers) - idleBefore[which]!) / ((performance.now() - idleStarted) / 1000),
  );
  const serverCpu = () =>
    targets.map((target) =>
      target.servers.reduce(
        (sum, server) => {
          const { user, system } = processCpuSplitMs(server.pid);
          return { total: sum.total + user + system, system: sum.system + system };
        },
        { total: 0, system: 0 },
      ),
    );
  const cpuBefore = serverCpu();
  const eachBefore = targets.map((target) => target.servers.map((server) => processCpuMs(server.pid)));
  const readersBefore = pool.pids.map(processCpuMs);
  const logFrom = targets.map((target) => target.servers[0]!.output().length);
  const started = performance.now();
  const measured = await fire(mutations);
  // Over the sending phase only: waiting for stragglers would dilute it.
  const seconds = (performance.now() - started) / 1000;
  const readerCpuWhileSending = pool.pids.map((pid, i) => processCpuMs(pid) - readersBefore[i]!);
  const { arrivals, closes } = await pool.waitForArrivals(measured.ids.flat(), replicas, arrivalTimeoutMs);
  const readerCpu = pool.pids.map((pid, i) => processCpuMs(pid) - readersBefore[i]!);
  const cpuAfter = serverCpu();
  const eachAfter = targets.map((target) => target.servers.map((server) => processCpuMs(server.pid)));
  await pool.close();
  const rounds = targets.map((target, which): FanoutRound => {
    const complete = measured.ids[which]!.map((id) => [id, arrivals.get(id)] as const).filter(
      (entry): entry is readonly [string, Arrival] => (entry[1]?.count ?? 0) >= replicas,
    );
    const log = target.servers[0]!.output().slice(logFrom[which]);
    return {
      latencies: complete.map(([id, arrival]) => elapsedMs(sent.get(id)!, arrival.last)),
      firstLatencies: complete.map(([id, arrival]) => elapsedMs(sent.get(id)!, arrival.first)),
      missing: mutations - complete.length,
      openSeconds: openSeconds[which]!,
      answered: measured.answered[which]!,
      serverTimes: [...log.matchAll(postLogLine)].map((match) => Number(match[1])),
      errors: measured.errors[which]!,
      serverCpuPerMutation: (cpuAfter[which]!.total - cpuBefore[which]!.total) / mutations,
      serverSystemCpuPerMutation: (cpuAfter[which]!.system - cpuBefore[which]!.system) / mutations,
      idleCpuPerSecond: idleCpu[which]!,
      serverCpuEach: eachAfter[which]!.map((after, i) => (after - eachBefore[which]![i]!) / mutations),
    };
  });
  const readersCpu = readerCpu.reduce((sum, value) => sum + value, 0);
  return {
    rounds,
    reconnects: closes,
    readerCpuPerMutation: readersCpu / (mutations * targets.length),
    /** The busiest reader process's CPU while the measured mutations were sent, as a share of one core (0–1). */
    busiestReaderShare: Math.max(...readerCpuWhileSending) / 1000 / seconds,
  };
}
