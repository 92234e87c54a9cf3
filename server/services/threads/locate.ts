// Finds which room document (scope) holds a thread or comment, hiding instructors' threads from other roles. Ids
// are looked up inside the actor's room only: an id is never resolved to another room's content.
import type { RoomScope } from "../../../shared/room-doc.ts";
import { findCommentPlace, findThreadPlace } from "../../data/threads.ts";
import { notFound } from "../../domain/app-error.ts";
import { can } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import type { RoomActor } from "./load-room-actor.ts";

export async function locateThread(
  ctx: ServiceContext,
  actor: RoomActor,
  threadId: string,
): Promise<RoomScope> {
  return checkVisible(actor, await findThreadPlace(ctx.db, actor.room.id, threadId), "Thread");
}

export async function locateComment(
  ctx: ServiceContext,
  actor: RoomActor,
  commentId: string,
): Promise<RoomScope> {
  const row = await findCommentPlace(ctx.db, actor.room.id, commentId);
  return checkVisible(actor, row?.thread ?? null, "Comment");
}

/**
 * A reaction's target may be a thread or a comment. Either way one the actor may not see is "not found" in the same
 * words as one that does not exist, so that the answer does not tell an instructors' thread from a wrong id.
 */
export async function locateTarget(
  ctx: ServiceContext,
  actor: RoomActor,
  targetId: string,
): Promise<RoomScope> {
  const place =
    (await findThreadPlace(ctx.db, actor.room.id, targetId)) ??
    (await findCommentPlace(ctx.db, actor.room.id, targetId))?.thread ??
    null;
  return checkVisible(actor, place, "Thread or comment");
}

function checkVisible(
  actor: RoomActor,
  row: { roomId: string; visibility: string } | null,
  what: string,
): RoomScope {
  if (!row || row.roomId !== actor.room.id) throw notFound(what);
  if (row.visibility === "instructors" && !can(actor, "room.readInstructorNotes")) throw notFound(what);
  return row.visibility as RoomScope;
}
