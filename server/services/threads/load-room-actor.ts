// Resolves a room and the acting user's role in its group; outsiders (and learners, once its text is removed) get 404.
import type { Role } from "../../../shared/schemas/groups.ts";
import { findRoomMember } from "../../data/memberships.ts";
import { notFound } from "../../domain/app-error.ts";
import { can } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";

export interface RoomActor {
  userId: string;
  displayName: string;
  role: Role;
  /** The room, and the version of its text it read when this was looked up (cached: see roomVersionNow). */
  room: { id: string; groupId: string; versionId: string; versionNumber: number };
}

export async function loadRoomActor(ctx: ServiceContext, roomId: string, userId: string): Promise<RoomActor> {
  const key = `${roomId}:${userId}`;
  const now = ctx.now().getTime();
  const cache = ctx.accessCache.roomActors;
  const cached = cache.get(key, now);
  if (cached) return cached;
  const epoch = cache.epoch;
  const member = await findRoomMember(ctx.db, roomId, userId);
  // A removed text's rooms stay open only to those who manage texts, to read and export the discussion.
  if (!member || (member.documentRemoved && !can({ userId, role: member.role }, "document.manage"))) {
    throw notFound("Room");
  }
  const actor: RoomActor = {
    userId,
    displayName: member.displayName,
    role: member.role,
    room: {
      id: member.roomId,
      groupId: member.groupId,
      versionId: member.versionId,
      versionNumber: member.versionNumber,
    },
  };
  cache.set(key, actor, epoch, now);
  return actor;
}
