// Adds or removes the user's reaction (an emoji) on a thread or a reply.
import type { ServiceContext } from "../context.ts";
import { addReaction, removeReaction } from "../../data/discussion-rows.ts";
import { notFound } from "../../domain/app-error.ts";
import { authorize, can } from "../../domain/policies.ts";
import { wordsAnswerable } from "../../../shared/answerable.ts";
import { loadRoomActor } from "./load-room-actor.ts";
import { locateTarget } from "./locate.ts";
import { runMutation, type MutationTarget } from "./run-mutation.ts";

export async function toggleReaction(
  ctx: ServiceContext,
  target: MutationTarget & { targetId: string },
  emoji: string,
  on: boolean,
) {
  const actor = await loadRoomActor(ctx, target.roomId, target.userId);
  authorize(actor, "reaction.toggle");
  const scope = await locateTarget(ctx, actor, target.targetId);
  return runMutation(ctx, { ...target, scope, status: 200 }, (doc) => {
    // Deleted words, and hidden ones for those who do not moderate, are not there to react to (a reaction already
    // given may still be taken back).
    const record = doc.thread(target.targetId) ?? doc.comment(target.targetId);
    if (!record || (on && !wordsAnswerable(record, can(actor, "content.hide")))) {
      throw notFound("Thread or comment");
    }
    const now = ctx.now();
    const reaction = {
      targetId: target.targetId,
      userId: actor.userId,
      userName: actor.displayName,
      emoji,
      createdAt: now.toISOString(),
    };
    if (on) doc.putReaction(reaction);
    else doc.removeReaction(target.targetId, actor.userId, emoji);
    return {
      response: { reaction: { targetId: target.targetId, emoji, on } },
      persist: (tx) =>
        on
          ? addReaction(tx, {
              targetId: target.targetId,
              userId: actor.userId,
              emoji,
              roomId: target.roomId,
              createdAt: now,
            })
          : removeReaction(tx, {
              roomId: target.roomId,
              targetId: target.targetId,
              userId: actor.userId,
              emoji,
            }),
    };
  });
}
