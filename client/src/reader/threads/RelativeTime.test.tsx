// Relative times keep themselves up to date on one shared clock, without re-rendering what surrounds them.
import { act, cleanup, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clockTickMs } from "./clock.ts";
import { RelativeTime } from "./RelativeTime.tsx";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 10, 26, 15, 30));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("RelativeTime", () => {
  it("shows the time relative to now in a <time> with the full date, and moves on as time passes", () => {
    const iso = new Date(2026, 10, 26, 15, 29, 50).toISOString();
    let parentRenders = 0;
    function Card() {
      parentRenders += 1;
      return (
        <p>
          <RelativeTime iso={iso} />
          <RelativeTime iso={iso} />
        </p>
      );
    }
    const { container } = render(<Card />);
    const time = container.querySelector("time")!;
    expect(time.getAttribute("datetime")).toBe(iso);
    expect(time.getAttribute("title")).toMatch(/2026/);
    expect(time.textContent).toBe("now");
    act(() => vi.advanceTimersByTime(4 * clockTickMs));
    expect(time.textContent).toBe("2 minutes ago");
    act(() => vi.advanceTimersByTime(120 * clockTickMs));
    expect(time.textContent).toBe("1 hour ago");
    expect(parentRenders).toBe(1);
    // One timer, whatever the number of times shown.
    expect(vi.getTimerCount()).toBe(1);
  });
});
