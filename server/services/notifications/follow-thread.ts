// Following a thread: a reply in it notifies the follower (kind activity). Only threads one may read.
import type { FollowedThreadsDto } from "../../../shared/schemas/notifications.ts";
import { listFollowedThreadIds, setThreadFollowed } from "../../data/thread-follows.ts";
import { authorize, can } from "../../domain/policies.ts";
import { readableVisibilities } from "../../domain/visibility.ts";
import type { ServiceContext } from "../context.ts";
import { loadRoomActor } from "../threads/load-room-actor.ts";
import { loadVeil } from "../threads/load-veil.ts";
import { locateReadableThread } from "../threads/locate.ts";

/**
 * Idempotent. Throws 404, as for an unknown thread, when the thread is not in the room, `userId` may not read it,
 * or its words are gone for them (deleted; hidden, unless they moderate).
 */
export async function followThread(
  ctx: ServiceContext,
  userId: string,
  target: { roomId: string; threadId: string },
  followed: boolean,
): Promise<void> {
  const actor = await loadRoomActor(ctx, target.roomId, userId);
  authorize(actor, "room.notifications");
  await locateReadableThread(ctx, actor, target.threadId);
  await setThreadFollowed(ctx.db, userId, target.threadId, followed);
}

/** The threads of the room that `userId` follows and may still read (as followThread would let them follow). */
export async function listFollowedThreads(
  ctx: ServiceContext,
  userId: string,
  roomId: string,
): Promise<FollowedThreadsDto> {
  const actor = await loadRoomActor(ctx, roomId, userId);
  authorize(actor, "room.notifications");
  const visibilities = readableVisibilities(can(actor, "room.readInstructorNotes"));
  return {
    threadIds: await listFollowedThreadIds(ctx.db, userId, actor.room.id, {
      visibilities,
      hidden: can(actor, "content.hide"),
      authorIds: (await loadVeil(ctx, actor))?.authorIds,
    }),
  };
}
