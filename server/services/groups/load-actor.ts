// Looks up the acting user's role in a group, for policy checks.
import type { Actor } from "../../domain/policies.ts";
import { findRole } from "../../data/memberships.ts";
import type { ServiceContext } from "../context.ts";

export async function loadActor(ctx: ServiceContext, groupId: string, userId: string): Promise<Actor> {
  return { userId, role: await findRole(ctx.db, groupId, userId), within: "Group" };
}
