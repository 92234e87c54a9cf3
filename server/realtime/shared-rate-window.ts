// A rate limit decided at once by this process and kept per user across server processes by counts in Redis.
import type { WindowCounter } from "./fanout/shared-limits.ts";
import { RateWindow } from "./rate-window.ts";

/**
 * At most `max` events per `windowMs`, checked synchronously (the sync path answers a message without waiting)
 * against this process's sliding window first. With a shared `counter`, each event let through here is also
 * counted in Redis per fixed window, without waiting: once the count of every process passes `max`, events are
 * refused here until that window ends. So the limit across processes holds within one event per process and
 * a Redis round trip, and costs one Redis command per event let through; a failed count is reported to `onError`
 * and leaves the local limit alone in force. Fixed windows may let up to twice `max` through across a window's
 * edge overall; the local sliding window still holds within each process.
 */
export class SharedRateWindow {
  private readonly local: RateWindow;
  /** Epoch ms until which the shared count is spent. */
  private barredUntil = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly key: string,
    private readonly counter?: WindowCounter,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.local = new RateWindow(max, windowMs);
  }

  /** Records one event; false (and not recorded) when the limit is spent here or, as last heard, overall. */
  take(now = Date.now()): boolean {
    if (now < this.barredUntil) return false;
    if (!this.local.take(now)) return false;
    if (this.counter) {
      const windowEnd = (Math.floor(now / this.windowMs) + 1) * this.windowMs;
      this.counter.hit(this.key, this.windowMs, now).then((count) => {
        if (count > this.max) this.barredUntil = Math.max(this.barredUntil, windowEnd);
      }, this.onError);
    }
    return true;
  }

  /** Whether nothing holds this window's state any more (no recent events, no bar). */
  idle(now = Date.now()): boolean {
    return this.local.idle(now) && now >= this.barredUntil;
  }
}
