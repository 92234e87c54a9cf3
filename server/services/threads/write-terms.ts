// Before a thread or reply is written: refuse a taken id, refuse early in an archived room, and say whether the words
// are late.
import { assertNotArchived, isLate, neverLateRoles } from "../../domain/assignments.ts";
import { notFound } from "../../domain/app-error.ts";
import { findWriteTerms } from "../../data/assignments.ts";
import type { ServiceContext } from "../context.ts";
import { idTaken, type MutationTarget } from "./run-mutation.ts";

/**
 * Before what `target.userId` writes in the room (a new thread or reply with id `target.key`, when given): refuses
 * an id already taken (id_taken), then, in an archived room, room_archived — the commit checks again, this only
 * spares the work of a change that cannot land — and says whether the words are late at `at`. One query.
 */
export async function checkWriteTerms(
  ctx: ServiceContext,
  target: Pick<MutationTarget, "roomId" | "userId"> & { key?: string },
  at: Date,
) {
  const { roomId, userId } = target;
  const terms = await findWriteTerms(ctx.db, roomId, userId, target.key ?? null);
  if (terms?.idTaken) throw idTaken();
  if (!terms) throw notFound("Room");
  assertNotArchived(terms);
  const teachers = new Set(terms.role && neverLateRoles().includes(terms.role) ? [userId] : []);
  const due = terms.dueAt ? { dueAt: terms.dueAt, extensions: new Map<string, Date>(), teachers } : undefined;
  return { late: isLate(at, userId, due) };
}
