// What a reader process records for ReaderPool: when each mutation reached its first and last reader, and how many
// reader connections closed; shared by the y-websocket replicas and the raw readers.
import type { Arrival, ReaderReply } from "./reader-pool.ts";

export class ArrivalLog {
  private arrivals = new Map<string, Arrival>();
  private closes = 0;

  /** Mutation `id` reached one more reader at `at` (process.hrtime.bigint()). */
  record(id: string, at: bigint): void {
    const seen = this.arrivals.get(id);
    if (!seen) this.arrivals.set(id, { first: at, last: at, count: 1 });
    else {
      seen.last = at;
      seen.count += 1;
    }
  }

  /** One reader connection closed. */
  closed(): void {
    this.closes += 1;
  }

  /** The answer to "reset" (forgets everything recorded). */
  reset(): ReaderReply {
    this.arrivals = new Map();
    this.closes = 0;
    return { type: "reset" };
  }

  /** The answer to "arrivals". */
  report(): ReaderReply {
    return { type: "arrivals", arrivals: [...this.arrivals], closes: this.closes };
  }
}
