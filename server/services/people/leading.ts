// Who may lead a "follow me" in a room: owners and instructors, and members where their group allows it.
import { findGroupSettings } from "../../data/groups.ts";
import { authorize, can } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import type { RoomActor } from "../threads/load-room-actor.ts";

/** Throws forbidden (with the reason) unless `actor` may lead in their room. */
export async function authorizeLead(ctx: ServiceContext, actor: RoomActor): Promise<void> {
  authorize(actor, "room.lead", await leadResource(ctx, actor));
}

/** Whether `actor` may lead in their room (after a role change, say). */
export async function mayLead(ctx: ServiceContext, actor: RoomActor): Promise<boolean> {
  return can(actor, "room.lead", await leadResource(ctx, actor));
}

async function leadResource(ctx: ServiceContext, actor: RoomActor) {
  const settings = await findGroupSettings(ctx.db, actor.room.groupId);
  return { membersMayLead: settings?.membersMayLead ?? false };
}
