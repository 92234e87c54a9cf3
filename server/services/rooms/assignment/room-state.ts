// What a reader of a room is told of its state: archived or not, its assignment, their extension.
import { loadRoomState } from "../../../data/assignments.ts";
import { notFound } from "../../../domain/app-error.ts";
import { authorize, can } from "../../../domain/policies.ts";
import type { ServiceContext } from "../../context.ts";
import { loadRoomActor } from "../../threads/load-room-actor.ts";

/** Every member reads it; owners and instructors (`viewer.manager`) also see everyone's extensions. */
export async function loadRoomStateFor(ctx: ServiceContext, userId: string, roomId: string) {
  const actor = await loadRoomActor(ctx, roomId, userId);
  authorize(actor, "room.read");
  const state = await loadRoomState(ctx.db, roomId);
  if (!state) throw notFound("Room");
  return { state, viewer: { userId, manager: can(actor, "room.assignment.manage") } };
}
