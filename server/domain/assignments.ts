// Pure rules of a room's assignment and archive: whose words are late, and that an archived room is not changed.
import type { Role } from "../../shared/schemas/groups.ts";
import { AppError } from "./app-error.ts";
import { rolesAllowed } from "./policies.ts";

/**
 * A room's due date, the students' later ones (user id → due date) and the group's teachers now (user ids): those
 * who set the work are never late for it, so a role changed later changes their marks wherever they are worked out.
 */
export interface DueDates {
  dueAt: Date;
  extensions: ReadonlyMap<string, Date>;
  teachers: ReadonlySet<string>;
}

/** The roles that set the work (policies' room.assignment.manage): their words are never late. */
export function neverLateRoles(): Role[] {
  return rolesAllowed("room.assignment.manage");
}

/**
 * The due date that applies to `authorId`: their extension, else the assignment's; undefined without one, and for
 * the group's teachers (nothing is due from them).
 */
export function dueFor(due: DueDates | undefined, authorId: string): Date | undefined {
  if (!due || due.teachers.has(authorId)) return undefined;
  return due.extensions.get(authorId) ?? due.dueAt;
}

/**
 * Whether a thread or reply written at `createdAt` by `authorId` is late: strictly after the due date that
 * applies to them (written at the due minute itself is on time). Nothing is late in a room without an assignment,
 * and nothing the group's teachers write.
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
