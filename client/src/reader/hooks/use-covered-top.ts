// Keeps --covered-top (the page's scroll-padding-top: where what is scrolled to lands) equal to what the reader's
// sticky bars cover, which grows when the filters wrap onto a second row (phones).
import { useLayoutEffect } from "react";

/** Room between the bars and what is scrolled below them, in pixels. */
const clearance = 12;

/**
 * While mounted, sets --covered-top on the document to the heights of the reader bar and the filter bar (found by
 * their classes, `.reader-bar` and `.filters`) plus `clearance`, in pixels, following their size; removed on unmount,
 * which leaves styles.css's default.
 */
export function useCoveredTop(): void {
  useLayoutEffect(() => {
    const root = document.documentElement;
    const bars = [...document.querySelectorAll<HTMLElement>(".reader-bar, .filters")];
    if (bars.length === 0) return;
    const measure = () => {
      const covered = bars.reduce((sum, bar) => sum + bar.offsetHeight, 0);
      root.style.setProperty("--covered-top", `${covered + clearance}px`);
    };
    measure();
    const observer = new ResizeObserver(measure);
    for (const bar of bars) observer.observe(bar);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--covered-top");
    };
  }, []);
}
