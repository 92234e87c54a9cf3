// Bringing another reader's paragraph to where this reader reads, as follow-me and the people list do.
import { blockRowId } from "../dom-ids.ts";
import { readingLine } from "../hooks/use-row-at-reading-line.ts";

/** How far the row's top sits above the reading line, so that it counts as the paragraph being read. */
const aboveLine = 8;

/**
 * Scrolls the window (smoothly, unless the reader asked for reduced motion) so that block `blockId`'s top sits just
 * above the reading line — where the other reader has it; does nothing for a block not in the text.
 */
export function goToBlock(blockId: string): void {
  const row = document.getElementById(blockRowId(blockId));
  if (!row) return;
  const top = row.getBoundingClientRect().top + window.scrollY - readingLine() + aboveLine;
  const reduced = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
  window.scrollTo({ top: Math.max(0, top), behavior: reduced ? "auto" : "smooth" });
}
