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
 * The words a viewer may read: a deleted body belongs to nobody any more, a hidden one only to moderators
 * (instructors and owners, who may unhide it). "" when the viewer may not read it.
 */
export function visibleBody(row: Moderated & { body: string }, moderator: boolean): string {
  const state = contentState(row);
  if (state === "deleted" || (state === "hidden" && !moderator)) return "";
  return row.body;
}

/** The thread visibilities a viewer may read: instructors' notes only by instructors and owners. */
export function readableVisibilities(moderator: boolean): ("group" | "instructors")[] {
  return moderator ? ["group", "instructors"] : ["group"];
}

/** A deleted thread stays listed only while replies hang from it, as the reader shows it. */
export function isListed(thread: { deletedAt: Date | null }, replyCount: number): boolean {
  return !thread.deletedAt || replyCount > 0;
}
