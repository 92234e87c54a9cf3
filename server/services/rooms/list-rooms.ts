// A group's rooms: which documents it reads, at which version.
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "../groups/load-actor.ts";

export async function listRooms(ctx: ServiceContext, userId: string, groupId: string) {
  authorize(await loadActor(ctx, groupId, userId), "room.list");
  return ctx.prisma.room.findMany({
    where: { groupId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      groupId: true,
      createdAt: true,
      document: { select: { id: true, title: true, author: true } },
      version: { select: { number: true } },
    },
  });
}
