// A group's rooms: which documents it reads, at which version (and, for those who manage texts, the removed ones).
import { authorize } from "../../domain/policies.ts";
import { listRoomsOf } from "../../data/rooms.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "../groups/load-actor.ts";

/** The rooms on texts in use; with `removed`, those on removed texts, for the people who manage texts. */
export async function listRooms(ctx: ServiceContext, userId: string, groupId: string, removed = false) {
  const actor = await loadActor(ctx, groupId, userId);
  authorize(actor, removed ? "document.manage" : "room.list");
  return listRoomsOf(ctx.db, groupId, removed);
}
