// Bringing another reader's paragraph to where this reader reads, as follow-me and the people list do.
import { blockRowId } from "../dom-ids.ts";
import { readingLine } from "../hooks/use-row-at-reading-line.ts";

/** How far the row's top sits above the reading line, so that it counts as the paragraph being read. */
const aboveLine = 8;
/** For browsers without the `scrollend` event: a smooth scroll is over by then. */
const scrollEndFallbackMs = 1_500;

/**
 * Scrolls the window (smoothly, unless the reader asked for reduced motion) so that block `blockId`'s top sits just
 * above the reading line — where the other reader has it. Resolves once the scroll is over (at once when there is
 * nothing to scroll, or the block is not in the text).
 */
export function goToBlock(blockId: string): Promise<void> {
  const row = document.getElementById(blockRowId(blockId));
  if (!row) return Promise.resolve();
  const bottom = document.documentElement.scrollHeight - window.innerHeight;
  const wanted = row.getBoundingClientRect().top + window.scrollY - readingLine() + aboveLine;
  const top = Math.round(Math.min(bottom, Math.max(0, wanted)));
  if (Math.abs(top - window.scrollY) < 1) return Promise.resolve();
  const reduced = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(fallback);
      window.removeEventListener("scrollend", done);
      resolve();
    };
    const fallback = setTimeout(done, scrollEndFallbackMs);
    window.addEventListener("scrollend", done);
    window.scrollTo({ top, behavior: reduced ? "auto" : "smooth" });
  });
}
