// What a thread record becomes when its room moves to another version of the text (pure): its new anchor, its
// anchor status, and the change a reader is shown.
import type { Anchor, AnchorChange, ThreadRecord } from "../../../shared/room-doc.ts";
import type { Reanchoring } from "./reanchor.ts";

/** The versions of a move, by number. */
export interface VersionMove {
  fromVersion: number;
  toVersion: number;
}

/**
 * The version a thread's anchor is on: a detached thread keeps the anchor it had on the version it was detached
 * from (so the next move re-anchors from there); every other thread is on the room's version, `roomVersion`.
 */
export function anchorVersionOf(thread: Readonly<ThreadRecord>, roomVersion: number): number {
  return thread.anchorStatus === "detached" && thread.anchorChange
    ? thread.anchorChange.fromVersion
    : roomVersion;
}

/**
 * The record `thread` becomes after `result` (its anchor re-anchored over `move`, where move.fromVersion is the
 * version its anchor was on), or undefined when the record stays exactly as it is (an unchanged thread that
 * never moved), so that a move writes only what changes:
 * - unchanged: the new anchor, status "unchanged", no anchor change (a marker of an earlier move is cleared);
 * - moved: the new anchor, and the change from the old anchor with its score and split;
 * - detached: the old anchor kept, and the change naming the version it was on.
 */
export function carryThread(
  thread: Readonly<ThreadRecord>,
  result: Reanchoring,
  move: VersionMove,
): ThreadRecord | undefined {
  if (result.status === "unchanged") {
    const alreadySo =
      (thread.anchorStatus ?? "unchanged") === "unchanged" &&
      (thread.anchorChange ?? null) === null &&
      sameAnchor(thread.anchor, result.anchor);
    return alreadySo
      ? undefined
      : { ...thread, anchor: result.anchor, anchorStatus: "unchanged", anchorChange: null };
  }
  return {
    ...thread,
    anchor: result.status === "moved" ? result.anchor : thread.anchor,
    anchorStatus: result.status,
    anchorChange: anchorChangeOf(thread.anchor, result, move),
  };
}

/** The change a moved or detached anchor records: the move, the anchor before it, and how sure the match is. */
export function anchorChangeOf(previous: Anchor, result: Reanchoring, move: VersionMove): AnchorChange {
  return {
    fromVersion: move.fromVersion,
    toVersion: move.toVersion,
    previous,
    ...(result.score !== undefined ? { score: result.score } : {}),
    ...(result.split ? { split: true } : {}),
  };
}

const anchorFields = ["blockId", "start", "end", "exact", "prefix", "suffix"] as const;

function sameAnchor(a: Anchor, b: Anchor): boolean {
  return anchorFields.every((field) => a[field] === b[field]);
}
