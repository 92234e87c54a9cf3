// On a phone the bottom sheet covers the lower part of the window: the paragraph whose discussion it opens is
// brought into the part left visible above it, and put back where it was when the sheet closes.
import { useLayoutEffect, useRef } from "react";
import { blockRowId } from "../dom-ids.ts";

/** How much of the paragraph (pixels) must show above the sheet for it to count as visible. */
const enough = 48;

/**
 * Brings block `blockId` (the sheet's, null when closed) between the bars and the sheet's top as the sheet opens on
 * it, when `discussion` says it opened on the block's discussion (a composer or a note opens where the reader is,
 * and the page stays).
 */
export function useBlockAboveSheet(blockId: string | null, discussion: boolean): void {
  const opening = useRef(discussion);
  opening.current = discussion;
  useLayoutEffect(() => {
    if (!blockId || !opening.current) return;
    const row = document.getElementById(blockRowId(blockId));
    const sheet = document.querySelector(".sheet:not(.dialog)");
    if (!row || !sheet) return;
    const covered = document.querySelector(".filters")?.getBoundingClientRect().bottom ?? 0;
    const top = row.getBoundingClientRect().top;
    if (top >= covered && top + enough <= sheet.getBoundingClientRect().top) return;
    const before = window.scrollY;
    window.scrollBy({ top: top - covered - 8, behavior: "instant" });
    const moved = window.scrollY;
    return () => {
      // Back to where the reader was, unless they have scrolled since.
      if (Math.abs(window.scrollY - moved) < 2) window.scrollTo({ top: before, behavior: "instant" });
    };
  }, [blockId]);
}
