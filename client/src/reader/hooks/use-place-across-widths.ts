// Keeping the reader's place when the window changes width (a phone turned, a window dragged across the one-column
// breakpoint): the text reflows, taller or shorter, and without this the same scroll offset lands paragraphs away.
import { useEffect, useRef } from "react";
import { blockRowId } from "../dom-ids.ts";
import { restorePlace } from "../text/keep-position.ts";
import { keepAboveSheet } from "./use-block-above-sheet.ts";
import { lastRowAbove, readingLine } from "./use-row-at-reading-line.ts";

/** The paragraph at the reading line, and how far down it the line runs (0: its top, 1: its bottom). */
export interface ReadingPlace {
  blockId: string;
  fraction: number;
}

/**
 * How long after a change of width the page follows the text while it settles: the one-column layout renders
 * after the media query flips, and the margin's cards are placed after that.
 */
const settleMs = 600;

/** The reader's place among `anchorIds` (in reading order); null above the first row (nothing read yet). */
export function measureReadingPlace(anchorIds: readonly string[]): ReadingPlace | null {
  const line = readingLine();
  const blockId = lastRowAbove(anchorIds, line);
  if (blockId === null) return null;
  const row = document.getElementById(blockRowId(blockId));
  if (!row) return null;
  const { top, height } = row.getBoundingClientRect();
  return { blockId, fraction: height > 0 ? Math.min(1, (line - top) / height) : 0 };
}

/** Scrolls so that the reading line runs through `place`'s row as far down it as before (nothing if it does). */
export function restoreReadingPlace(place: ReadingPlace): void {
  const row = document.getElementById(blockRowId(place.blockId));
  if (!row) return;
  // The row's top where the line runs as far down it as before: its height is the reflowed text's.
  restorePlace({
    blockId: place.blockId,
    top: readingLine() - place.fraction * row.getBoundingClientRect().height,
  });
}

/**
 * Holds the paragraph being read at the reading line across changes of the window's width. The place is measured
 * as the reader scrolls (once a frame at most); a change of height alone (a phone's address bar) reflows nothing
 * and is left to the browser. While a bottom sheet discusses block `sheetBlock`, that block (or the passage a new
 * thread is written on) is what is kept, just below the bars, where the sheet brought it.
 */
export function usePlaceAcrossWidths(anchorIds: readonly string[], sheetBlock: string | null = null): void {
  const sheet = useRef(sheetBlock);
  sheet.current = sheetBlock;
  useEffect(() => {
    let place = measureReadingPlace(anchorIds);
    let width = window.innerWidth;
    let settlingUntil = 0;
    let frame = 0;
    const settling = () => performance.now() < settlingUntil;
    const onScroll = () => {
      // The page's own moves while it settles are not the reader's: the place stays the one read before.
      if (settling() || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        place = measureReadingPlace(anchorIds);
      });
    };
    const follow = () => {
      if (!settling()) return;
      const discussed = sheet.current ? document.getElementById(blockRowId(sheet.current)) : null;
      if (discussed) keepAboveSheet(discussed);
      else if (place) restoreReadingPlace(place);
    };
    const onResize = () => {
      if (window.innerWidth === width) return;
      width = window.innerWidth;
      // The place stays the one measured before: the paragraph read is the same at every width.
      settlingUntil = performance.now() + settleMs;
      follow();
    };
    // Each reflow while settling (the layout switch, the cards placed) moves the text again: follow it.
    const observer = new ResizeObserver(follow);
    observer.observe(document.body);
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onResize);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onResize);
    };
  }, [anchorIds]);
}
