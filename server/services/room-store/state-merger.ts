// Runs room-state merges for compaction: small ones inline, large ones on a worker thread, where the hundreds of
// milliseconds a multi-megabyte room takes do not stall every other room's readers and writers.
import type { Logger } from "pino";
import { Piscina } from "piscina";
import { mergeRoomState } from "../../domain/merge-room-state.ts";

/** Below this many bytes in all, a merge takes a few milliseconds and is done on the spot. */
const inlineBelowBytes = 512 * 1024;
// The .mjs entry registers tsx inside the thread, whichever runner started this process.
const workerUrl = new URL("../../workers/merge-worker-entry.mjs", import.meta.url);

export class StateMerger {
  private pool: Piscina | undefined;

  constructor(private readonly logger: Logger) {}

  merge = async (parts: Uint8Array[]): Promise<Uint8Array> => {
    const bytes = parts.reduce((sum, part) => sum + part.byteLength, 0);
    if (bytes < inlineBelowBytes) return mergeRoomState(parts);
    this.pool ??= this.startPool();
    try {
      return (await this.pool.run(parts)) as Uint8Array;
    } catch (error) {
      this.logger.warn({ err: error, bytes }, "the merge worker failed; merging on the main thread instead");
      return mergeRoomState(parts);
    }
  };

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }

  /** One thread, started on the first large merge and stopped after a minute without work. */
  private startPool(): Piscina {
    const pool = new Piscina({ filename: workerUrl.href, minThreads: 0, maxThreads: 1, idleTimeout: 60_000 });
    // A worker that fails to start is reported here rather than to a task; unheard, it would crash the process.
    pool.on("error", (error: unknown) =>
      this.logger.error({ err: error }, "the merge worker could not start"),
    );
    return pool;
  }
}
