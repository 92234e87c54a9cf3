// A group's members, for its members only.
import { authorize } from "../../domain/policies.ts";
import { listMembers } from "../../data/memberships.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "./load-actor.ts";

export async function listGroupMembers(ctx: ServiceContext, userId: string, groupId: string) {
  const actor = await loadActor(ctx, groupId, userId);
  authorize(actor, "group.members.list");
  const rows = await listMembers(ctx.db, groupId);
  return { viewerRole: actor.role!, members: rows };
}
