// How often one socket and one user may send events on the people channel: a sliding window each.
import { RateWindow } from "../rate-window.ts";

/** Events one socket may send per window: a reader scrolling reports a few positions a second at most. */
export const eventsPerSocket = 40;
/** Events one user may send per window over all their tabs (on this process). */
export const eventsPerUser = 100;
export const eventWindowMs = 10_000;

/** The per-user windows of this process, dropped when the user has no socket left and the window is empty. */
export class UserRates {
  private readonly windows = new Map<string, RateWindow>();

  of(userId: string): RateWindow {
    let window = this.windows.get(userId);
    if (!window) {
      window = new RateWindow(eventsPerUser, eventWindowMs);
      this.windows.set(userId, window);
    }
    return window;
  }

  /** Forgets users for whom `connected` is false and whose window is empty. */
  sweep(connected: (userId: string) => boolean): void {
    for (const [userId, window] of this.windows)
      if (!connected(userId) && window.idle()) this.windows.delete(userId);
  }
}

/** Both windows of one socket: its own, and its user's. */
export class SocketRate {
  private readonly own = new RateWindow(eventsPerSocket, eventWindowMs);

  constructor(private readonly user: RateWindow) {}

  /** Records one event; false when the socket or its user sent too many. */
  take(now = Date.now()): boolean {
    const ownOk = this.own.take(now);
    const userOk = this.user.take(now);
    return ownOk && userOk;
  }
}
