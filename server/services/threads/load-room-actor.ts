// Resolves a room and the acting user's role in its group; outsiders get 404.
import type { Role } from "../../../shared/schemas/groups.ts";
import { notFound } from "../../domain/app-error.ts";
import type { ServiceContext } from "../context.ts";

export interface RoomActor {
  userId: string;
  displayName: string;
  role: Role;
  room: { id: string; groupId: string; versionId: string };
}

export async function loadRoomActor(ctx: ServiceContext, roomId: string, userId: string): Promise<RoomActor> {
  const room = await ctx.prisma.room.findUnique({
    where: { id: roomId },
    select: {
      id: true,
      groupId: true,
      versionId: true,
      group: {
        select: {
          memberships: { where: { userId }, select: { role: true, user: { select: { displayName: true } } } },
        },
      },
    },
  });
  const membership = room?.group.memberships[0];
  if (!room || !membership) throw notFound("Room");
  return {
    userId,
    displayName: membership.user.displayName,
    role: membership.role,
    room: { id: room.id, groupId: room.groupId, versionId: room.versionId },
  };
}
