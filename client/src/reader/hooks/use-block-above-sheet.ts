// On a phone or a tablet the bottom sheet covers the lower part of the window: the paragraph whose discussion it opens
// (or the passage a new thread is being written on) is brought into the part left visible above it, and put back
// where it was when the sheet closes.
import { useLayoutEffect, useRef } from "react";
import { blockRowId } from "../dom-ids.ts";

/** How much of the paragraph (pixels) must show above the sheet for it to count as visible. */
const enough = 48;
/** The gap between the bars and what is brought up below them, in pixels. */
const belowBars = 8;

/** Where the sticky bars end, in viewport pixels. */
const barsBottom = () => document.querySelector(".filters")?.getBoundingClientRect().bottom ?? 0;

/** What the sheet discusses in `row`: a new thread's passage (its draft highlight), else the row itself. */
const discussedIn = (row: HTMLElement): Element => row.querySelector("mark.hl.draft") ?? row;

/**
 * Scrolls so that what the sheet discusses in `row` (a new thread's passage, else the row's top) sits just below
 * the bars: where this hook put it, kept there when the window changes width (use-place-across-widths.ts).
 */
export function keepAboveSheet(row: HTMLElement): void {
  const shift = discussedIn(row).getBoundingClientRect().top - barsBottom() - belowBars;
  if (Math.abs(shift) >= 1) window.scrollBy({ top: shift, behavior: "instant" });
}

/**
 * Brings block `blockId` (the sheet's, null when closed) between the bars and the sheet's top as the sheet opens on
 * it, when `discussion` says it opened on the block's discussion or on a new thread's composer; for a composer on a
 * passage, the passage (its draft highlight). A note opens where the reader is, and the page stays; so does a
 * composer whose paragraph or passage still shows above the sheet.
 */
export function useBlockAboveSheet(blockId: string | null, discussion: boolean): void {
  const opening = useRef(discussion);
  opening.current = discussion;
  useLayoutEffect(() => {
    if (!blockId || !opening.current) return;
    const row = document.getElementById(blockRowId(blockId));
    const sheet = document.querySelector(".sheet:not(.dialog)");
    if (!row || !sheet) return;
    // A passage low in a long paragraph can be under the sheet while the paragraph's top shows.
    const target = discussedIn(row);
    const { top, height } = target.getBoundingClientRect();
    const needed = target === row ? enough : Math.min(height, enough);
    if (top >= barsBottom() && top + needed <= sheet.getBoundingClientRect().top) return;
    const before = window.scrollY;
    keepAboveSheet(row);
    const moved = window.scrollY;
    return () => {
      // Back to where the reader was, unless they have scrolled since.
      if (Math.abs(window.scrollY - moved) < 2) window.scrollTo({ top: before, behavior: "instant" });
    };
  }, [blockId]);
}
