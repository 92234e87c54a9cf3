// Creates a group with its creator as owner.
import type { CreateGroupInput } from "../../../shared/schemas/groups.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { insertGroupWithOwner } from "../../data/groups.ts";
import type { ServiceContext } from "../context.ts";

export async function createGroup(ctx: ServiceContext, userId: string, input: CreateGroupInput) {
  return inTransaction(ctx.db, async (tx) => {
    const group = await insertGroupWithOwner(tx, {
      name: input.name,
      description: input.description,
      ownerId: userId,
    });
    await recordAudit(tx, { groupId: group.id, actorId: userId, action: "group.created", targetId: userId });
    return { group, role: "owner" as const, memberCount: 1 };
  });
}
