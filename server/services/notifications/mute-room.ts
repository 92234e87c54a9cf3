// Mutes or unmutes a room for one member: a muted room notifies them of nothing.
import { setRoomMuted } from "../../data/notification-settings.ts";
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadRoomActor } from "../threads/load-room-actor.ts";

/** Idempotent. Throws 404 when `userId` is not a member of the room's group. */
export async function muteRoom(
  ctx: ServiceContext,
  userId: string,
  roomId: string,
  muted: boolean,
): Promise<void> {
  const actor = await loadRoomActor(ctx, roomId, userId);
  authorize(actor, "room.notifications");
  await setRoomMuted(ctx.db, userId, actor.room.id, muted);
}
