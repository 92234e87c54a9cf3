// How often one socket and one user may send events on the people channel (a sliding window each), and what
// happens past it: refused without any work, told once per window, cut off when the flood goes on.
import { RateWindow } from "../rate-window.ts";

/** Events one socket may send per window: a reader scrolling reports a few positions a second at most. */
export const eventsPerSocket = 40;
/** Events one user may send per window over all their tabs (on this process). */
export const eventsPerUser = 100;
export const eventWindowMs = 10_000;
/** Refused events one socket may send per window before it is disconnected: no client keeps sending this far past. */
export const refusalsBeforeCutOff = 3 * eventsPerSocket;

/**
 * The per-user windows of this process, dropped when the user has no socket left and the window is empty; and the
 * users one of whose sockets was cut off for flooding, refused new sockets until a window has passed.
 */
export class UserRates {
  private readonly windows = new Map<string, RateWindow>();
  /** Until when (ms since the epoch) each cut-off user's handshakes are refused. */
  private readonly barred = new Map<string, number>();

  /** One of the user's sockets flooded: their handshakes are refused for a window (no reconnecting straight back). */
  bar(userId: string, now = Date.now()): void {
    this.barred.set(userId, now + eventWindowMs);
  }

  isBarred(userId: string, now = Date.now()): boolean {
    return (this.barred.get(userId) ?? 0) > now;
  }

  of(userId: string): RateWindow {
    let window = this.windows.get(userId);
    if (!window) {
      window = new RateWindow(eventsPerUser, eventWindowMs);
      this.windows.set(userId, window);
    }
    return window;
  }

  /** Forgets users for whom `connected` is false and whose window is empty. */
  sweep(connected: (userId: string) => boolean, now = Date.now()): void {
    for (const [userId, window] of this.windows)
      if (!connected(userId) && window.idle(now)) this.windows.delete(userId);
    for (const [userId, until] of this.barred) if (until <= now) this.barred.delete(userId);
  }
}

/** What to do with one inbound event: `accept` it, `refuse` it, or `cutOff` the socket (it keeps flooding). */
export type Admission = "accept" | "refuse" | "cutOff";

/** Both windows of one socket, its own and its user's, and the count of its refused events. */
export class SocketRate {
  private readonly own = new RateWindow(eventsPerSocket, eventWindowMs);
  /** Refused events since `refusingSince` (ms since the epoch), a fixed window opened by the first refusal. */
  private refused = 0;
  private refusingSince = Number.NEGATIVE_INFINITY;
  /** Whether a refusal was sent unasked (error.event) in the current refusal window. */
  private told = false;

  constructor(private readonly user: RateWindow) {}

  /** Records one event. The socket's window is checked first: a flooding tab does not use up its user's window. */
  admit(now = Date.now()): Admission {
    if (this.own.take(now) && this.user.take(now)) return "accept";
    if (now - this.refusingSince >= eventWindowMs) {
      this.refusingSince = now;
      this.refused = 0;
      this.told = false;
    }
    this.refused += 1;
    return this.refused > refusalsBeforeCutOff ? "cutOff" : "refuse";
  }

  /** Whether to send a refusal nobody asked for: the first time in a refusal window only. */
  tellOnce(): boolean {
    if (this.told) return false;
    this.told = true;
    return true;
  }
}
