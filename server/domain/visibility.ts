// Who sees what of the discussion: one rule for the read API (presenters/thread.ts) and the exports.

/** Whether a thread's or reply's words stand, were hidden by a moderator, or were deleted by their author. */
export type ContentState = "visible" | "hidden" | "deleted";

interface Moderated {
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

export function contentState(row: Moderated): ContentState {
  if (row.deletedAt) return "deleted";
  return row.hiddenAt ? "hidden" : "visible";
}

/**
 * Whether a viewer may read the words: a deleted body belongs to nobody any more, a hidden one only to moderators
 * (instructors and owners, who may unhide it).
 */
export function wordsReadable(row: Moderated, moderator: boolean): boolean {
  const state = contentState(row);
  return state === "visible" || (state === "hidden" && moderator);
}

/** The words a viewer may read (wordsReadable); "" when the viewer may not read them. */
export function visibleBody(row: Moderated & { body: string }, moderator: boolean): string {
  return wordsReadable(row, moderator) ? row.body : "";
}

/** The thread visibilities a viewer may read: instructors' notes only by instructors and owners. */
export function readableVisibilities(moderator: boolean): ("group" | "instructors")[] {
  return moderator ? ["group", "instructors"] : ["group"];
}

/** A deleted thread stays listed only while replies hang from it, as the reader shows it. */
export function isListed(thread: { deletedAt: Date | null }, replyCount: number): boolean {
  return !thread.deletedAt || replyCount > 0;
}
