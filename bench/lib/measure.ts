// Small measuring helpers shared by the live benchmarks: percentiles, pacing, progress lines.
import { readFileSync } from "node:fs";
import os from "node:os";

/** Nearest-rank percentile of `values` (p in 0..100); NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Milliseconds with one decimal, for table cells. */
export const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : "–");

/** Nanoseconds between two process.hrtime.bigint() readings, as milliseconds. */
export const elapsedMs = (from: bigint, to: bigint): number => Number(to - from) / 1e6;

export const sleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

/** A progress line on stderr (stdout carries the tables). */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Calls `send(i)` `count` times at `perSecond`, open-loop (a slow answer does not delay the next send), and
 * waits for all of them.
 */
export async function pace(
  count: number,
  perSecond: number,
  send: (i: number) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(send(i));
  }
  await Promise.all(inFlight);
}

/** Median of a few repeated measurements. */
export const median = (values: number[]): number => percentile(values, 50);

/** CPU time (user + system) a process has used so far, in milliseconds (Linux /proc; clock ticks of 10 ms). */
export function processCpuMs(pid: number): number {
  const { user, system } = processCpuSplitMs(pid);
  return user + system;
}

/** CPU time a process has used so far in user and in system (kernel) mode, in milliseconds (as processCpuMs). */
export function processCpuSplitMs(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticksPerSecond = 100;
  return {
    user: (Number(fields[11]) * 1000) / ticksPerSecond,
    system: (Number(fields[12]) * 1000) / ticksPerSecond,
  };
}

/** Resident set size of a process in KiB (VmRSS in /proc/<pid>/status). */
export function residentKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/**
 * A note on how busy the machine was (1-minute load average at the start and end of a run): other work on a shared
 * 2-core machine shifts these numbers, so every table records it.
 */
export function loadNote(loadAtStart: number): string {
  const now = os.loadavg()[0]!;
  return `Machine load (1-min average) at start / end of this run: ${loadAtStart.toFixed(2)} / ${now.toFixed(2)} on ${os.cpus().length} cores; other processes' work is included in every number above.`;
}

/** The 1-minute load average now. */
export const currentLoad = (): number => os.loadavg()[0]!;
