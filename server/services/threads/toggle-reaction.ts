// Adds or removes the user's reaction (an emoji) on a thread or a reply.
import type { ServiceContext } from "../context.ts";
import { addReaction, removeReaction } from "../../data/discussion-rows.ts";
import { notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
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
    // Deleted words are not there to react to (a reaction already given may still be taken back).
    const record = doc.thread(target.targetId) ?? doc.comment(target.targetId);
    if (!record || (on && record.deleted)) throw notFound("Thread or comment");
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
