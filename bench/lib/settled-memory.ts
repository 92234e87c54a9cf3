// Server memory readings that wait for the process to settle: RSS from /proc and the JS heap through the inspector,
// each after forced garbage collections.
import { Inspector, inspectorUrlPattern } from "./inspector.ts";
import { residentKiB, sleep } from "./measure.ts";
import type { ServerProcess } from "./scholia-fixture.ts";
import { waitFor } from "../../test/helpers/processes.ts";

/**
 * RSS counts as settled once it has moved by at most `stableKiB` over `stableWindow` one-second readings, each
 * after a forced GC. An idle Node process gives memory back in steps for a while (after start-up, and after a
 * burst of connections), so a single reading a few seconds later can be tens of MiB off.
 */
export const stableWindow = 8;
export const stableKiB = 1024;
/** Gives up waiting for a settled RSS after this long (the table then says so). */
export const settleLimitMs = 40_000;

export interface MemoryReading {
  rssKiB: number;
  /** heapUsed + external, bytes. */
  heapBytes: number;
  /** False when RSS had not settled within `settleLimitMs`. */
  settled: boolean;
}

/** Connects to the inspector of a server started with --inspect=127.0.0.1:0 (see inspectorUrlPattern). */
export async function inspectServer(server: ServerProcess): Promise<Inspector> {
  const url = await waitFor(() => inspectorUrlPattern.exec(server.output())?.[1], 10_000, "inspector");
  return Inspector.connect(url);
}

/** Waits until RSS has settled (see `stableWindow`), then reads RSS (/proc) and the JS heap (inspector). */
export async function settledMemory(server: ServerProcess, inspector: Inspector): Promise<MemoryReading> {
  const deadline = Date.now() + settleLimitMs;
  const readings: number[] = [];
  let settled = false;
  while (!settled && Date.now() < deadline) {
    await sleep(1_000);
    await inspector.collectGarbage();
    readings.push(residentKiB(server.pid));
    const window = readings.slice(-stableWindow);
    settled = window.length === stableWindow && Math.max(...window) - Math.min(...window) <= stableKiB;
  }
  const heap = await inspector.memoryUsage();
  return { rssKiB: residentKiB(server.pid), heapBytes: heap.heapUsed + heap.external, settled };
}

/** RSS in MiB for a table cell, flagged when it had not settled. */
export const mib = (reading: MemoryReading): string =>
  `${(reading.rssKiB / 1024).toFixed(1)}${reading.settled ? "" : " (unsettled)"}`;

/** `--inspect=127.0.0.1:0` added to NODE_OPTIONS, for a server child whose memory is read. */
export const inspectEnv = (): Record<string, string> => ({
  NODE_OPTIONS: [process.env.NODE_OPTIONS, "--inspect=127.0.0.1:0"].filter(Boolean).join(" "),
});
