// Counts one connection's events over a sliding window, to cap how often it may do something costly.
export class RateWindow {
  private readonly times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records one event; false when it is more than `max` within the window. */
  take(now = Date.now()): boolean {
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
    this.times.push(now);
    return this.times.length <= this.max;
  }
}
