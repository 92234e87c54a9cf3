// Counts events over a sliding window, to cap how often someone may do something costly.
export class RateWindow {
  private readonly times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records one event; false when it is more than `max` within the window. */
  take(now = Date.now()): boolean {
    this.forgetBefore(now - this.windowMs);
    this.times.push(now);
    return this.times.length <= this.max;
  }

  /** Whether no event falls within the window any more. */
  idle(now = Date.now()): boolean {
    this.forgetBefore(now - this.windowMs);
    return this.times.length === 0;
  }

  private forgetBefore(cutoff: number): void {
    while (this.times.length > 0 && this.times[0]! <= cutoff) this.times.shift();
  }
}
