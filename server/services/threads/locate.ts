// Finds which room document (scope) holds a thread or comment, hiding instructors' threads from other roles and,
// while the room hides the class's threads from the actor (hide until posted), everything their veil does not let
// through. Ids are looked up inside the actor's room only: an id is never resolved to another room's content.
import type { RoomScope } from "../../../shared/room-doc.ts";
import { findCommentPlace, findThreadPlace } from "../../data/threads.ts";
import { notFound } from "../../domain/app-error.ts";
import { can } from "../../domain/policies.ts";
import { seenThrough, type Veil } from "../../domain/hide-until-posted.ts";
import { wordsReadable } from "../../domain/visibility.ts";
import type { ServiceContext } from "../context.ts";
import type { RoomActor } from "./load-room-actor.ts";
import { loadVeil } from "./load-veil.ts";

export async function locateThread(
  ctx: ServiceContext,
  actor: RoomActor,
  threadId: string,
): Promise<RoomScope> {
  const row = await findThreadPlace(ctx.db, actor.room.id, threadId);
  return checkVisible(actor, row, "Thread", await loadVeil(ctx, actor));
}

/**
 * Like locateThread, and also "not found" once the thread's words are gone for the actor: deleted by their author
 * (for everyone), or hidden by a moderator (for those who may not see hidden content). For choices about the
 * thread's future words, such as following it.
 */
export async function locateReadableThread(
  ctx: ServiceContext,
  actor: RoomActor,
  threadId: string,
): Promise<RoomScope> {
  const row = await findThreadPlace(ctx.db, actor.room.id, threadId);
  const scope = checkVisible(actor, row, "Thread", await loadVeil(ctx, actor));
  if (!wordsReadable(row!, can(actor, "content.hide"))) throw notFound("Thread");
  return scope;
}

export async function locateComment(
  ctx: ServiceContext,
  actor: RoomActor,
  commentId: string,
): Promise<RoomScope> {
  const row = await findCommentPlace(ctx.db, actor.room.id, commentId);
  const veil = await loadVeil(ctx, actor);
  if (row && !seenThrough(veil, row.authorId)) throw notFound("Comment");
  return checkVisible(actor, row?.thread ?? null, "Comment", veil);
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
  const veil = await loadVeil(ctx, actor);
  const thread = await findThreadPlace(ctx.db, actor.room.id, targetId);
  if (thread) return checkVisible(actor, thread, "Thread or comment", veil);
  const comment = await findCommentPlace(ctx.db, actor.room.id, targetId);
  if (comment && !seenThrough(veil, comment.authorId)) throw notFound("Thread or comment");
  return checkVisible(actor, comment?.thread ?? null, "Thread or comment", veil);
}

function checkVisible(
  actor: RoomActor,
  row: { roomId: string; visibility: string; authorId: string } | null,
  what: string,
  veil: Veil | undefined,
): RoomScope {
  if (!row || row.roomId !== actor.room.id) throw notFound(what);
  if (!seenThrough(veil, row.authorId)) throw notFound(what);
  if (row.visibility === "instructors" && !can(actor, "room.readInstructorNotes")) throw notFound(what);
  return row.visibility as RoomScope;
}
