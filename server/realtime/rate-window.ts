// Counts events over a sliding window, to cap how often someone may do something costly.
export class RateWindow {
  private readonly times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /**
   * Records one event; false (and not recorded) when `max` were already taken within the window. Refused events are
   * not kept, so a flood costs neither memory nor a longer lock-out than the window.
   */
  take(now = Date.now()): boolean {
    this.forgetBefore(now - this.windowMs);
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
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
