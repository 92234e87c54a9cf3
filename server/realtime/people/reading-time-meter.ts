// Reading time from presence: how long each reader had each paragraph in view (and was active), summed in memory
// per (room, user, paragraph, UTC day) and written in batches, so that presence updates cost no database write.
import type { ReadingTimeIncrement } from "../../services/people/record-reading-time.ts";

/** What one reader has in view in one room: the paragraph (null: none) and whether they are idle. */
export interface ReadingView {
  blockId: string | null;
  idle: boolean;
}

/**
 * The most one span between two observations may add. Clients report at least when the view changes and the
 * meter closes spans at every flush, so a longer span means a reader whose updates stopped arriving: it is not
 * counted beyond this.
 */
export const maxSpanMs = 2 * 60_000;

interface Watch {
  view: ReadingView;
  since: number;
}

interface Total {
  roomId: string;
  userId: string;
  blockId: string;
  day: string;
  ms: number;
  activeMs: number;
}

export class ReadingTimeMeter {
  private readonly watching = new Map<string, Watch & { roomId: string; userId: string }>();
  private readonly totals = new Map<string, Total>();

  /** The reader's view from `now` on (null: they left the room); the span before it is counted. Times in ms. */
  observe(roomId: string, userId: string, view: ReadingView | null, now: number): void {
    const key = `${roomId}|${userId}`;
    const watch = this.watching.get(key);
    if (watch) this.count(watch.roomId, watch.userId, watch, now);
    if (view) this.watching.set(key, { roomId, userId, view, since: now });
    else this.watching.delete(key);
  }

  /**
   * Closes every open span at `now` and hands over the whole seconds counted so far, keeping the fractions for
   * the next batch.
   */
  take(now: number): ReadingTimeIncrement[] {
    for (const watch of this.watching.values()) {
      this.count(watch.roomId, watch.userId, watch, now);
      watch.since = now;
    }
    const increments: ReadingTimeIncrement[] = [];
    for (const [key, total] of this.totals) {
      const seconds = Math.floor(total.ms / 1000);
      const activeSeconds = Math.min(seconds, Math.floor(total.activeMs / 1000));
      if (seconds === 0) continue;
      const { ms, activeMs, ...row } = total;
      increments.push({ ...row, seconds, activeSeconds });
      total.ms = ms - seconds * 1000;
      total.activeMs = Math.max(0, activeMs - activeSeconds * 1000);
      if (total.ms === 0 && total.activeMs === 0) this.totals.delete(key);
    }
    return increments;
  }

  private count(roomId: string, userId: string, watch: Watch, now: number): void {
    const { blockId, idle } = watch.view;
    if (blockId === null) return;
    const ms = Math.min(Math.max(0, now - watch.since), maxSpanMs);
    if (ms === 0) return;
    const day = new Date(watch.since).toISOString().slice(0, 10);
    const key = `${roomId}|${userId}|${blockId}|${day}`;
    const total = this.totals.get(key) ?? { roomId, userId, blockId, day, ms: 0, activeMs: 0 };
    total.ms += ms;
    if (!idle) total.activeMs += ms;
    this.totals.set(key, total);
  }
}
