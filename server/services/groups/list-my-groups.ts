// The groups the user belongs to, with their role and member count.
import { listGroupsOf } from "../../data/memberships.ts";
import type { ServiceContext } from "../context.ts";

export async function listMyGroups(ctx: ServiceContext, userId: string) {
  const rows = await listGroupsOf(ctx.db, userId);
  return rows.map((row) => ({ group: row.group, role: row.role, memberCount: row.group._count.memberships }));
}
