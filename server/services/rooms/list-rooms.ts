// A group's rooms: which documents it reads, at which version.
import { authorize } from "../../domain/policies.ts";
import { listRoomsOf } from "../../data/rooms.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "../groups/load-actor.ts";

export async function listRooms(ctx: ServiceContext, userId: string, groupId: string) {
  authorize(await loadActor(ctx, groupId, userId), "room.list");
  return listRoomsOf(ctx.db, groupId);
}
