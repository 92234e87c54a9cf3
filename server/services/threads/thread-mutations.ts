// Changes to an existing thread: edit body and tags, resolve or reopen, delete, hide or unhide, pin or unpin,
// re-attach to the text.
import type { Anchor, RoomDoc, ThreadRecord } from "../../../shared/room-doc.ts";
import type { EditThreadInput } from "../../../shared/schemas/threads.ts";
import { insertAuditEvent } from "../../data/audit.ts";
import { updateThread, updateThreadAnchors } from "../../data/discussion-rows.ts";
import { findThreadBody } from "../../data/threads.ts";
import { validateAnchor } from "../../domain/anchors.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import { addedMentions } from "../../domain/notifications/mentions.ts";
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadMentionable } from "../notifications/mentionable.ts";
import { blockTexts } from "./block-texts.ts";
import { loadRoomActor, type RoomActor } from "./load-room-actor.ts";
import { locateThread } from "./locate.ts";
import { auditModeration, moderationMark } from "./moderation.ts";
import { assertStillReads, roomVersionNow } from "./room-version.ts";
import { runMutation, type MutationPlan, type MutationTarget } from "./run-mutation.ts";

interface ThreadTarget extends MutationTarget {
  threadId: string;
}

/** Loads the actor and the thread's scope, then runs `change` on the live thread under the room lock. */
async function changeThread<R>(
  ctx: ServiceContext,
  target: ThreadTarget,
  change: (thread: ThreadRecord, actor: RoomActor, doc: RoomDoc) => MutationPlan<R>,
) {
  const actor = await loadRoomActor(ctx, target.roomId, target.userId);
  const scope = await locateThread(ctx, actor, target.threadId);
  return runMutation(ctx, { ...target, scope, status: 200 }, (doc) => {
    const thread = doc.thread(target.threadId);
    if (!thread || thread.deleted) throw notFound("Thread");
    return change(thread, actor, doc);
  });
}

/** Members the edit newly mentions are notified; those mentioned before are not told again. */
export async function editThread(ctx: ServiceContext, target: ThreadTarget, input: EditThreadInput) {
  const { room } = await loadRoomActor(ctx, target.roomId, target.userId);
  const members = await loadMentionable(ctx, room.groupId, input.body);
  return changeThread(ctx, target, (thread, actor, doc) => {
    const ownThread = { authorId: thread.authorId };
    if (input.body !== undefined) authorize(actor, "content.edit", ownThread);
    if (input.body !== undefined && thread.hidden) {
      throw new AppError(
        "conflict",
        "A moderator has hidden this thread; it cannot be edited until it is unhidden.",
      );
    }
    if (input.tags !== undefined) authorize(actor, "thread.tag", ownThread);
    const mentions =
      input.body === undefined ? [] : addedMentions(input.body, thread.body, members, thread.visibility);
    const now = ctx.now();
    const next: ThreadRecord = {
      ...thread,
      ...(input.body !== undefined ? { body: input.body, editedAt: now.toISOString() } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
    };
    doc.putThread(next);
    return {
      response: { thread: next },
      // Only what the request changes: a hidden thread's document body is blank, and writing that back would
      // erase the words its row keeps for the moderators and for unhiding.
      persist: (tx) =>
        updateThread(tx, target.roomId, thread.id, {
          ...(input.body !== undefined ? { body: input.body, editedAt: now } : {}),
          ...(input.tags !== undefined ? { tags: input.tags } : {}),
          updatedAt: now,
        }),
      events:
        input.body !== undefined
          ? [{ type: "thread.edited", threadId: thread.id, actorId: actor.userId, body: next.body, mentions }]
          : [],
    };
  });
}

/** The thread's author is told when someone else resolves or reopens it. */
export function setThreadStatus(ctx: ServiceContext, target: ThreadTarget, status: "open" | "resolved") {
  return changeThread(ctx, target, (thread, actor, doc) => {
    authorize(actor, "thread.resolve", { authorId: thread.authorId });
    const now = ctx.now();
    const next: ThreadRecord = {
      ...thread,
      status,
      resolvedBy:
        status === "resolved" ? { id: actor.userId, name: actor.displayName, at: now.toISOString() } : null,
    };
    doc.putThread(next);
    return {
      response: { thread: next },
      persist: (tx) => updateThread(tx, target.roomId, thread.id, { status, updatedAt: now }),
      events:
        thread.status === status
          ? []
          : [
              {
                type: status === "resolved" ? "thread.resolved" : "thread.reopened",
                threadId: thread.id,
                actorId: actor.userId,
                body: thread.body,
                threadAuthorId: thread.authorId,
              },
            ],
    };
  });
}

/** Deleting keeps the thread's place (its replies stay readable) but removes its words. */
export function deleteThread(ctx: ServiceContext, target: ThreadTarget) {
  return changeThread(ctx, target, (thread, actor, doc) => {
    authorize(actor, "content.delete", { authorId: thread.authorId });
    const now = ctx.now();
    const next: ThreadRecord = { ...thread, body: "", tags: [], deleted: true };
    doc.putThread(next);
    return {
      response: { thread: next },
      persist: (tx) =>
        updateThread(tx, target.roomId, thread.id, { body: "", tags: [], deletedAt: now, updatedAt: now }),
    };
  });
}

/**
 * Hiding blanks the body in the room document (every member holds a replica) and keeps it only in the database,
 * where moderators can read it; unhiding restores it from there.
 */
export async function hideThread(ctx: ServiceContext, target: ThreadTarget, reason: string | null) {
  const storedBody = await findThreadBody(ctx.db, target.roomId, target.threadId);
  return changeThread(ctx, target, (thread, actor, doc) => {
    authorize(actor, "content.hide");
    const now = ctx.now();
    const { hidden, columns } = moderationMark(actor, reason, now);
    const next: ThreadRecord = { ...thread, hidden, body: hidden ? "" : (storedBody ?? thread.body) };
    doc.putThread(next);
    return {
      response: { thread: next },
      persist: async (tx) => {
        await updateThread(tx, target.roomId, thread.id, { ...columns, updatedAt: now });
        await auditModeration(
          tx,
          actor,
          { kind: "thread", id: thread.id, authorId: thread.authorId },
          reason,
        );
      },
    };
  });
}

/**
 * Pinning puts the thread ahead of the others in every reader's margin and list (a field of the thread record, so
 * it reaches live readers through the room document like any other). Audited; pinning a pinned thread again keeps
 * the first pin and records nothing.
 */
export function setThreadPin(ctx: ServiceContext, target: ThreadTarget, pin: boolean) {
  return changeThread(ctx, target, (thread, actor, doc) => {
    authorize(actor, "thread.pin");
    if (pin === Boolean(thread.pinned)) return { response: { thread }, persist: async () => {} };
    const now = ctx.now();
    const next: ThreadRecord = {
      ...thread,
      pinned: pin ? { byId: actor.userId, byName: actor.displayName, at: now.toISOString() } : null,
    };
    doc.putThread(next);
    return {
      response: { thread: next },
      persist: async (tx) => {
        await updateThread(tx, target.roomId, thread.id, {
          pinnedAt: pin ? now : null,
          pinnedById: pin ? actor.userId : null,
          updatedAt: now,
        });
        await insertAuditEvent(tx, {
          groupId: actor.room.groupId,
          actorId: actor.userId,
          action: pin ? "thread.pinned" : "thread.unpinned",
          targetId: thread.id,
          details: { roomId: actor.room.id, authorId: thread.authorId },
        });
      },
    };
  });
}

/**
 * Puts a thread (typically one a version move detached) on a passage or block of the room's current version, by
 * hand (owners and instructors; audited). The thread then reads as moved, its change naming who re-attached it and
 * its anchor before (fromVersion = toVersion = the room's version). Throws validation_failed for an anchor that
 * does not fit the room's version, not_found for a deleted or unknown thread, and conflict if the room moved
 * meanwhile.
 */
export async function reattachThread(ctx: ServiceContext, target: ThreadTarget, input: Anchor) {
  const actor = await loadRoomActor(ctx, target.roomId, target.userId);
  authorize(actor, "thread.reattach");
  // Both documents carry the same version record (a move puts it in both in one commit).
  const version = await roomVersionNow(ctx, actor, "group");
  const anchor = validateAnchor(input, (await blockTexts(ctx.db, version.id)).get(input.blockId));
  return changeThread(ctx, target, (thread, actor, doc) => {
    assertStillReads(doc, actor, version);
    const now = ctx.now();
    const next: ThreadRecord = {
      ...thread,
      anchor,
      anchorStatus: "moved",
      anchorChange: {
        fromVersion: version.number,
        toVersion: version.number,
        previous: thread.anchor,
        reattached: { byId: actor.userId, byName: actor.displayName, at: now.toISOString() },
      },
    };
    doc.putThread(next);
    return {
      response: { thread: next },
      persist: async (tx) => {
        await updateThreadAnchors(tx, target.roomId, [
          { id: thread.id, anchor, anchorStatus: "moved", anchorChange: next.anchorChange ?? null },
        ]);
        await insertAuditEvent(tx, {
          groupId: actor.room.groupId,
          actorId: actor.userId,
          action: "thread.reattached",
          targetId: thread.id,
          details: {
            roomId: actor.room.id,
            authorId: thread.authorId,
            version: version.number,
            fromBlockId: thread.anchor.blockId,
            toBlockId: anchor.blockId,
          },
        });
      },
    };
  });
}
