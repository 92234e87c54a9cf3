// A process's peak resident memory over a piece of work (Linux: VmHWM, reset through clear_refs), and its idle
// resident memory to measure the peak from.
import { readFileSync, writeFileSync } from "node:fs";
import type { Inspector } from "./inspector.ts";
import { residentKiB, sleep } from "./measure.ts";

/** Peak RSS (VmHWM) of `pid` in KiB since the last reset. */
export function peakKiB(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]);
}

/** Sets VmHWM back to the current RSS (Linux: writing 5 to clear_refs), so the next peak is the next work's. */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

/** RSS of `pid` in KiB once it has given back what it can: forced GCs until two readings a second apart agree. */
export async function idleKiB(pid: number, inspector: Inspector): Promise<number> {
  let previous = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await inspector.collectGarbage();
    await sleep(1_000);
    const now = residentKiB(pid);
    if (Math.abs(now - previous) <= 2048) return now;
    previous = now;
  }
  return residentKiB(pid);
}
