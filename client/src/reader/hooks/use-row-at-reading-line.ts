// Which block of the text is being read: the last of some rows whose top has passed the reading line.
import { useEffect, useState } from "react";
import { blockRowId } from "../dom-ids.ts";

/** The reading line: a third of the way down the window, where the eye rests on a page being read. */
export const readingLine = () => window.innerHeight / 3;

/**
 * The last of `anchorIds` (in reading order) whose row's top is above `line` (viewport pixels), or null when none
 * is. Rows are in order down the page, so a binary search measures only about log2(n) of them per scroll.
 */
export function lastRowAbove(anchorIds: readonly string[], line: number): string | null {
  let low = 0;
  let high = anchorIds.length - 1;
  let found: string | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const row = document.getElementById(blockRowId(anchorIds[middle]!));
    if (row && row.getBoundingClientRect().top < line) {
      found = anchorIds[middle]!;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** The last of `anchorIds` above the reading line, updated (once a frame at most) as the reader scrolls. */
export function useRowAtReadingLine(anchorIds: readonly string[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      setCurrent(lastRowAbove(anchorIds, readingLine()));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
    };
  }, [anchorIds]);
  return current;
}
