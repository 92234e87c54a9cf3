// Replies: create (nested), edit and delete one's own, hide or unhide as a moderator.
import type { CommentRecord, RoomDoc } from "../../../shared/room-doc.ts";
import type { CreateCommentInput } from "../../../shared/schemas/threads.ts";
import { insertComment, updateComment } from "../../data/discussion-rows.ts";
import { findCommentBody } from "../../data/threads.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import { addedMentions } from "../../domain/notifications/mentions.ts";
import { authorize, can } from "../../domain/policies.ts";
import { wordsAnswerable } from "../../../shared/answerable.ts";
import type { ServiceContext } from "../context.ts";
import { loadMentionable } from "../notifications/mentionable.ts";
import { loadRoomActor, type RoomActor } from "./load-room-actor.ts";
import { locateComment, locateThread } from "./locate.ts";
import { auditModeration, moderationMark } from "./moderation.ts";
import { checkWriteTerms } from "./write-terms.ts";
import { runMutation, type MutationPlan, type MutationTarget } from "./run-mutation.ts";

/** The reply's id is the client's idempotency key. The thread's author, the parent's and the mentioned are told. */
export async function createComment(
  ctx: ServiceContext,
  target: MutationTarget & { threadId: string },
  input: CreateCommentInput,
) {
  const actor = await loadRoomActor(ctx, target.roomId, target.userId);
  authorize(actor, "comment.create");
  const scope = await locateThread(ctx, actor, target.threadId);
  const mentions = addedMentions(
    input.body,
    "",
    await loadMentionable(ctx, actor.room.groupId, input.body),
    scope,
  );
  const now = ctx.now();
  const { late } = await checkWriteTerms(ctx, target, now);
  return runMutation(ctx, { ...target, scope, status: 201 }, (doc) => {
    const thread = doc.thread(target.threadId);
    if (!thread) throw notFound("Thread");
    const parent = input.parentId === null ? null : doc.comment(input.parentId);
    if (parent !== null && parent?.threadId !== target.threadId) {
      throw new AppError("validation_failed", "parentId must be a reply in the same thread.", [
        { field: "parentId", message: "is not a reply in this thread" },
      ]);
    }
    // Deleted words keep their place only for the replies they had, and hidden ones are not there for those who do
    // not moderate: neither takes a new direct reply (as neither takes an edit), while the replies that stay under
    // them can still be answered, as the reader offers.
    if (!wordsAnswerable(parent ?? thread, can(actor, "content.hide"))) {
      throw notFound(parent === null ? "Thread" : "Reply");
    }
    const comment: CommentRecord = {
      id: target.key,
      threadId: target.threadId,
      parentId: input.parentId,
      authorId: actor.userId,
      authorName: actor.displayName,
      body: input.body,
      createdAt: now.toISOString(),
      editedAt: null,
      deleted: false,
      hidden: null,
      late,
    };
    doc.putComment(comment);
    return {
      response: { comment },
      persist: (tx) =>
        insertComment(tx, {
          id: comment.id,
          threadId: comment.threadId,
          parentId: comment.parentId,
          authorId: actor.userId,
          body: comment.body,
          createdAt: now,
        }),
      events: [
        {
          type: "comment.created",
          threadId: thread.id,
          commentId: comment.id,
          actorId: actor.userId,
          body: comment.body,
          mentions,
          threadAuthorId: thread.authorId,
          parentAuthorId: input.parentId === null ? null : doc.comment(input.parentId)!.authorId,
        },
      ],
    };
  });
}

async function changeComment<R>(
  ctx: ServiceContext,
  target: MutationTarget & { commentId: string },
  change: (comment: CommentRecord, actor: RoomActor, doc: RoomDoc) => MutationPlan<R>,
) {
  const actor = await loadRoomActor(ctx, target.roomId, target.userId);
  const scope = await locateComment(ctx, actor, target.commentId);
  return runMutation(ctx, { ...target, scope, status: 200 }, (doc) => {
    const comment = doc.comment(target.commentId);
    if (!comment || comment.deleted) throw notFound("Comment");
    return change(comment, actor, doc);
  });
}

/** Members the edit newly mentions are notified; those mentioned before are not told again. */
export async function editComment(
  ctx: ServiceContext,
  target: MutationTarget & { commentId: string },
  body: string,
) {
  const { room } = await loadRoomActor(ctx, target.roomId, target.userId);
  const members = await loadMentionable(ctx, room.groupId, body);
  return changeComment(ctx, target, (comment, actor, doc) => {
    authorize(actor, "content.edit", { authorId: comment.authorId });
    if (comment.hidden)
      throw new AppError(
        "conflict",
        "A moderator has hidden this reply; it cannot be edited until it is unhidden.",
      );
    const visibility = doc.thread(comment.threadId)?.visibility ?? "group";
    const mentions = addedMentions(body, comment.body, members, visibility);
    const now = ctx.now();
    const next: CommentRecord = { ...comment, body, editedAt: now.toISOString() };
    doc.putComment(next);
    return {
      response: { comment: next },
      persist: (tx) => updateComment(tx, comment, { body, editedAt: now }),
      events: [
        {
          type: "comment.edited",
          threadId: comment.threadId,
          commentId: comment.id,
          actorId: actor.userId,
          body,
          mentions,
        },
      ],
    };
  });
}

/** A deleted reply keeps its place in the thread as "deleted", so the replies to it still make sense. */
export function deleteComment(ctx: ServiceContext, target: MutationTarget & { commentId: string }) {
  return changeComment(ctx, target, (comment, actor, doc) => {
    authorize(actor, "content.delete", { authorId: comment.authorId });
    const now = ctx.now();
    const next: CommentRecord = { ...comment, body: "", deleted: true };
    doc.putComment(next);
    return {
      response: { comment: next },
      persist: (tx) => updateComment(tx, comment, { body: "", deletedAt: now }),
    };
  });
}

/** Like hiding a thread: the body leaves the shared document and stays in the database for moderators. */
export async function hideComment(
  ctx: ServiceContext,
  target: MutationTarget & { commentId: string },
  reason: string | null,
) {
  const storedBody = await findCommentBody(ctx.db, target.roomId, target.commentId);
  return changeComment(ctx, target, (comment, actor, doc) => {
    authorize(actor, "content.hide");
    const { hidden, columns } = moderationMark(actor, reason, ctx.now());
    const next: CommentRecord = { ...comment, hidden, body: hidden ? "" : (storedBody ?? comment.body) };
    doc.putComment(next);
    return {
      response: { comment: next },
      persist: async (tx) => {
        await updateComment(tx, comment, columns);
        await auditModeration(
          tx,
          actor,
          { kind: "comment", id: comment.id, authorId: comment.authorId },
          reason,
        );
      },
    };
  });
}
