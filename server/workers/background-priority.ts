// Lowers the calling worker thread's CPU priority, so long background jobs yield the cores to the server's event loop.
import { setPriority } from "node:os";

/**
 * Sets this thread's nice value to 10. On Linux `setpriority(PRIO_PROCESS, 0)` applies to the calling thread only,
 * so requests and live sync on the main thread keep their share while an import or export runs on a busy machine
 * (measured: /healthz p99 stays low during a 300-page PDF import). Elsewhere, or where it is refused, jobs simply run
 * at normal priority.
 */
export function runAtBackgroundPriority(): void {
  try {
    setPriority(10);
  } catch {
    // Not permitted here (some containers): the job still runs, at normal priority.
  }
}
