// Starts a thread on a paragraph or a passage.
import type { ThreadRecord } from "../../../shared/room-doc.ts";
import type { CreateThreadInput } from "../../../shared/schemas/threads.ts";
import { validateAnchor } from "../../domain/anchors.ts";
import { addedMentions } from "../../domain/notifications/mentions.ts";
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { insertThread } from "../../data/discussion-rows.ts";
import { loadMentionable } from "../notifications/mentionable.ts";
import { blockTexts } from "./block-texts.ts";
import { loadRoomActor } from "./load-room-actor.ts";
import { checkWriteTerms } from "./write-terms.ts";
import { assertNewId, runMutation, type MutationTarget } from "./run-mutation.ts";

/**
 * The thread id is the client's idempotency key, so a retried create names the same thread. Mentioned members
 * are notified, and with `announcement` (owners and instructors) the whole room.
 */
export async function createThread(ctx: ServiceContext, target: MutationTarget, input: CreateThreadInput) {
  const { roomId, userId, key } = target;
  const actor = await loadRoomActor(ctx, roomId, userId);
  authorize(actor, "thread.create");
  if (input.visibility === "instructors") authorize(actor, "room.readInstructorNotes");
  if (input.announcement) authorize(actor, "thread.announce");
  const mentions = addedMentions(
    input.body,
    "",
    await loadMentionable(ctx, actor.room.groupId, input.body),
    input.visibility,
  );
  const texts = await blockTexts(ctx.db, actor.room.versionId);
  const anchor = validateAnchor(input.anchor, texts.get(input.anchor.blockId));
  await assertNewId(ctx, target);
  const now = ctx.now();
  const { late } = await checkWriteTerms(ctx, roomId, userId, now);
  const thread: ThreadRecord = {
    id: key,
    anchor,
    authorId: userId,
    authorName: actor.displayName,
    createdAt: now.toISOString(),
    body: input.body,
    tags: input.tags,
    status: "open",
    resolvedBy: null,
    visibility: input.visibility,
    editedAt: null,
    deleted: false,
    hidden: null,
    announcement: input.announcement ?? false,
    late,
  };
  const result = await runMutation(ctx, { ...target, scope: input.visibility, status: 201 }, (doc) => {
    doc.putThread(thread);
    return {
      response: { thread },
      persist: (tx) =>
        insertThread(tx, {
          id: thread.id,
          roomId,
          visibility: thread.visibility,
          anchor,
          authorId: userId,
          body: thread.body,
          tags: thread.tags,
          createdAt: now,
          announcement: thread.announcement,
        }),
      events: [
        {
          type: "thread.created",
          threadId: thread.id,
          actorId: userId,
          body: thread.body,
          mentions,
          announcement: thread.announcement ?? false,
        },
      ],
    };
  });
  // A reader's first thread lifts the room's veil for them (hide until posted): their live connections are served
  // the whole room now. Said after every thread (a replay too): it closes nothing where nothing was veiled.
  ctx.access.emit("room-view-changed", { roomId, userId });
  return result;
}
