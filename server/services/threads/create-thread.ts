// Starts a thread on a paragraph or a passage.
import type { Anchor, AnchorChange, AnchorStatus, ThreadRecord } from "../../../shared/room-doc.ts";
import type { CreateThreadInput } from "../../../shared/schemas/threads.ts";
import { insertThread } from "../../data/discussion-rows.ts";
import { loadMappableBlocks } from "../../data/documents.ts";
import { findVersionOfRoomDocument } from "../../data/rooms.ts";
import { anchorChangeOf } from "../../domain/anchoring/carry-thread.ts";
import { validateAnchor } from "../../domain/anchors.ts";
import { AppError } from "../../domain/app-error.ts";
import { addedMentions } from "../../domain/notifications/mentions.ts";
import { authorize, can } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadMentionable } from "../notifications/mentionable.ts";
import { reanchorInWorker } from "../rooms/reanchor-job.ts";
import { blockTexts } from "./block-texts.ts";
import { loadRoomActor } from "./load-room-actor.ts";
import { assertStillReads, roomVersionNow, RoomVersionMoved, type RoomVersion } from "./room-version.ts";
import { checkWriteTerms } from "./write-terms.ts";
import { runMutation, type MutationTarget } from "./run-mutation.ts";

/** Where a new thread sits on the room's version, as placeThread found it. */
type Placement =
  | { detached: false; anchor: Anchor; anchorStatus?: AnchorStatus; anchorChange?: AnchorChange }
  | { detached: true };

/** Tries of a creation that keeps meeting a version move (a second one in a row is already unlikely). */
const maxAttempts = 3;

/**
 * The thread id is the client's idempotency key, so a retried create names the same thread. Mentioned members
 * are notified, and with `announcement` (owners and instructors) the whole room. An anchor made on an earlier
 * version of the text (input.version) is carried onto the room's, or refused with anchor_detached (409).
 */
export async function createThread(ctx: ServiceContext, target: MutationTarget, input: CreateThreadInput) {
  const { roomId, userId, key } = target;
  const actor = await loadRoomActor(ctx, roomId, userId);
  authorize(actor, "thread.create");
  if (input.visibility === "instructors") authorize(actor, "thread.createForInstructors");
  if (input.announcement) authorize(actor, "thread.announce");
  const mentions = addedMentions(
    input.body,
    "",
    await loadMentionable(ctx, actor.room.groupId, input.body),
    input.visibility,
  );
  let version = await roomVersionNow(ctx, actor, input.visibility);
  let placed = await placeThread(ctx, roomId, input, version);
  const now = ctx.now();
  const { late } = await checkWriteTerms(ctx, target, now);
  // A move between placing the anchor and committing it sends the thread round again, onto the new version.
  for (let attempt = 1; ; attempt += 1) {
    const on = version;
    const where = placed;
    try {
      const result = await runMutation(ctx, { ...target, scope: input.visibility, status: 201 }, (doc) => {
        assertStillReads(doc, actor, on);
        // Refused here rather than before: a replay of a creation that succeeded is answered from its record.
        if (where.detached) throw anchorDetached(on.number);
        const thread: ThreadRecord = {
          id: key,
          anchor: where.anchor,
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
          // The version its words were written against: the client's when it says so (it may be offline behind a move).
          version: input.version ?? on.number,
          ...(where.anchorStatus
            ? { anchorStatus: where.anchorStatus, anchorChange: where.anchorChange }
            : {}),
        };
        doc.putThread(thread);
        return {
          response: { thread },
          persist: (tx) =>
            insertThread(tx, {
              id: thread.id,
              roomId,
              visibility: thread.visibility,
              anchor: thread.anchor,
              authorId: userId,
              body: thread.body,
              tags: thread.tags,
              createdAt: now,
              announcement: thread.announcement,
              versionNumber: thread.version!,
              anchorStatus: thread.anchorStatus ?? "unchanged",
              anchorChange: thread.anchorChange ?? null,
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
      // A reader's first thread lifts the room's veil for them (hide until posted): their live connections are
      // served the whole room now. Said after every thread (a replay too): it closes nothing where nothing was veiled.
      // Not for those who read before posting (owners, instructors), whom that veil never covers: every server
      // would hear it and look through its connections for nothing, on every thread they write.
      if (!can(actor, "room.readBeforePosting")) ctx.access.emit("room-view-changed", { roomId, userId });
      return result;
    } catch (error) {
      if (!(error instanceof RoomVersionMoved) || attempt >= maxAttempts) throw error;
      version = error.version;
      placed = await placeThread(ctx, roomId, input, version);
    }
  }
}

/**
 * Where the thread goes on the room's `version`: its anchor checked against the version the client anchored on
 * (input.version; the room's when absent) and, when that is another one, carried onto the room's as a move would
 * carry it (moved: with its status and change), or detached when the room's version no longer holds the passage.
 * Throws validation_failed for an anchor that does not fit the version it names, or a version the text lacks.
 */
async function placeThread(
  ctx: ServiceContext,
  roomId: string,
  input: CreateThreadInput,
  version: RoomVersion,
): Promise<Placement> {
  const written =
    input.version === undefined || input.version === version.number
      ? version
      : await findVersionOfRoomDocument(ctx.db, roomId, input.version);
  if (!written) {
    throw new AppError("validation_failed", `Version ${input.version} of this room's text was not found.`, [
      { field: "version", message: "is not a version of this room's text" },
    ]);
  }
  if (written.id === version.id) {
    const texts = await blockTexts(ctx.db, written.id);
    return { detached: false, anchor: validateAnchor(input.anchor, texts.get(input.anchor.blockId)) };
  }
  // Written on an earlier version: its blocks are loaded once, to check the anchor and to re-anchor from.
  const [source, target] = await Promise.all([
    loadMappableBlocks(ctx.db, written.id),
    loadMappableBlocks(ctx.db, version.id),
  ]);
  const anchor = validateAnchor(
    input.anchor,
    source.find((block) => block.anchorId === input.anchor.blockId)?.text,
  );
  const [result] = await reanchorInWorker({
    target,
    sources: [{ version: written.number, blocks: source }],
    anchors: [{ version: written.number, anchor }],
  });
  if (!result) throw new Error("the re-anchoring job answered nothing");
  if (result.status === "detached") return { detached: true };
  if (result.status === "unchanged") return { detached: false, anchor: result.anchor };
  const move = { fromVersion: written.number, toVersion: version.number };
  return {
    detached: false,
    anchor: result.anchor,
    anchorStatus: "moved",
    anchorChange: anchorChangeOf(anchor, result, move),
  };
}

const anchorDetached = (version: number) =>
  new AppError(
    "anchor_detached",
    `This passage is no longer in the text: the room moved to version ${version}. Copy your words and start ` +
      "the thread again on the new text.",
    [{ field: "anchor", message: `is not in version ${version} of the text` }],
  );
