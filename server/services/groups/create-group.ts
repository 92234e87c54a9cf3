// Creates a group with its creator as owner.
import type { CreateGroupInput } from "../../../shared/schemas/groups.ts";
import { recordAudit } from "../../data/audit.ts";
import type { ServiceContext } from "../context.ts";

export async function createGroup(ctx: ServiceContext, userId: string, input: CreateGroupInput) {
  return ctx.prisma.$transaction(async (tx) => {
    const group = await tx.group.create({
      data: {
        name: input.name,
        description: input.description,
        memberships: { create: { userId, role: "owner" } },
      },
    });
    await recordAudit(tx, { groupId: group.id, actorId: userId, action: "group.created", targetId: userId });
    return { group, role: "owner" as const, memberCount: 1 };
  });
}
