// Keeping the reader's place while the text under them is replaced by another version: which block to hold still,
// and holding it at the same height in the window, so that a live version switch never moves what they read.
import type { ThreadRecord } from "../../../../shared/room-doc.ts";
import { blockRowId } from "../dom-ids.ts";
import { lastRowAbove, readingLine } from "../hooks/use-row-at-reading-line.ts";

/** What blockToKeep reads of a thread: where it is now, and where it was before the move. */
export type MovedThread = Pick<ThreadRecord, "anchor" | "anchorStatus" | "anchorChange">;

/**
 * The block of the new text to hold where block `at` of the old text was: `at` itself when the new text keeps it;
 * else the block a thread on it moved to (the re-anchoring found its passage there); else its nearest neighbour in
 * the old text that the new one keeps, the one before first at each distance (the reader has read it). Null when
 * nothing of the old text is left.
 * @param oldIds the old text's anchor ids, in reading order; `newIds` the new text's, in reading order.
 */
export function blockToKeep(
  at: string,
  oldIds: readonly string[],
  newIds: readonly string[],
  threads: Iterable<MovedThread>,
): string | null {
  const kept = new Set(newIds);
  if (kept.has(at)) return at;
  const newOrder = new Map(newIds.map((id, index) => [id, index]));
  let moved: string | null = null;
  for (const thread of threads) {
    if (thread.anchorStatus !== "moved" || thread.anchorChange?.previous.blockId !== at) continue;
    const to = thread.anchor.blockId;
    if (newOrder.has(to) && (moved === null || newOrder.get(to)! < newOrder.get(moved)!)) moved = to;
  }
  if (moved !== null) return moved;
  const from = oldIds.indexOf(at);
  for (let distance = 1; from >= 0 && distance < oldIds.length; distance += 1) {
    for (const candidate of [oldIds[from - distance], oldIds[from + distance]]) {
      if (candidate !== undefined && kept.has(candidate)) return candidate;
    }
  }
  return null;
}

/** A block of the new text, and where (viewport pixels from the top) its row's top must be. */
export interface PlaceToKeep {
  blockId: string;
  top: number;
}

/**
 * Measures the reader's place before the text changes: the block at the reading line, as blockToKeep finds it in
 * the new text, and the height it must stay at (that of the old row it stands for). Null at the top of the text
 * (nothing read yet to keep) or when nothing of the old text is left.
 */
export function measurePlace(
  oldIds: readonly string[],
  newIds: readonly string[],
  threads: Iterable<MovedThread>,
): PlaceToKeep | null {
  const at = lastRowAbove(oldIds, readingLine());
  if (at === null) return null;
  const blockId = blockToKeep(at, oldIds, newIds, threads);
  if (blockId === null) return null;
  // A block the old text did not have (a thread's new paragraph) takes the place of the one read.
  const row = document.getElementById(blockRowId(oldIds.includes(blockId) ? blockId : at));
  return row ? { blockId, top: row.getBoundingClientRect().top } : null;
}

/** Once the new text is in the page: scrolls so that `place`'s row is back at its height (nothing if it is). */
export function restorePlace(place: PlaceToKeep): void {
  const row = document.getElementById(blockRowId(place.blockId));
  if (!row) return;
  const shift = row.getBoundingClientRect().top - place.top;
  if (Math.abs(shift) >= 1) window.scrollTo(window.scrollX, window.scrollY + shift);
}
