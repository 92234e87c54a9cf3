// Pure rules of a room's assignment and archive: whose words are late, and that an archived room is not changed.
import { AppError } from "./app-error.ts";

/** A room's due date and the students' later ones (user id → due date). */
export interface DueDates {
  dueAt: Date;
  extensions: ReadonlyMap<string, Date>;
}

/** The due date that applies to `authorId`: their extension, else the assignment's; undefined without one. */
export function dueFor(due: DueDates | undefined, authorId: string): Date | undefined {
  if (!due) return undefined;
  return due.extensions.get(authorId) ?? due.dueAt;
}

/**
 * Whether a thread or reply written at `createdAt` by `authorId` is late: strictly after the due date that
 * applies to them (written at the due minute itself is on time). Nothing is late in a room without an assignment.
 */
export function isLate(createdAt: Date | string, authorId: string, due: DueDates | undefined): boolean {
  const limit = dueFor(due, authorId);
  if (!limit) return false;
  return new Date(createdAt).getTime() > limit.getTime();
}

export const archivedMessage = "This room is archived; it can be read and exported, not changed.";

/** Throws room_archived (409) when the room is archived: every change to its discussion is refused. */
export function assertNotArchived(room: { archivedAt: Date | null }): void {
  if (room.archivedAt) throw new AppError("room_archived", archivedMessage);
}
