// Before a thread or reply is written: refuse early in an archived room, and say whether the words are late.
import { assertNotArchived, isLate, neverLateRoles } from "../../domain/assignments.ts";
import { notFound } from "../../domain/app-error.ts";
import { findWriteTerms } from "../../data/assignments.ts";
import type { ServiceContext } from "../context.ts";

/**
 * Whether what `userId` writes in the room at `at` is late (after their due date). Throws room_archived when the
 * room is archived — the commit checks again, this only spares the work of a change that cannot land.
 */
export async function checkWriteTerms(ctx: ServiceContext, roomId: string, userId: string, at: Date) {
  const terms = await findWriteTerms(ctx.db, roomId, userId);
  if (!terms) throw notFound("Room");
  assertNotArchived(terms);
  const teachers = new Set(terms.role && neverLateRoles().includes(terms.role) ? [userId] : []);
  const due = terms.dueAt ? { dueAt: terms.dueAt, extensions: new Map<string, Date>(), teachers } : undefined;
  return { late: isLate(at, userId, due) };
}
