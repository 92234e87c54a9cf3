// Changes a member's role; a group never loses its last owner.
import type { Role } from "../../../shared/schemas/groups.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { countOwners, findRole, lockGroup, updateRole } from "../../data/memberships.ts";
import type { ServiceContext } from "../context.ts";

export async function changeMemberRole(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  targetUserId: string,
  role: Role,
) {
  const result = await inTransaction(ctx.db, async (tx) => {
    if (!(await lockGroup(tx, groupId))) throw notFound("Group");
    authorize({ userId, role: await findRole(tx, groupId, userId) }, "group.member.changeRole");
    const current = await findRole(tx, groupId, targetUserId);
    if (!current) throw notFound("Member");
    if (current === role) return { userId: targetUserId, role };
    if (current === "owner" && (await countOwners(tx, groupId)) === 1) {
      throw new AppError("last_owner", "This is the group's last owner. Make someone else an owner first.");
    }
    await updateRole(tx, groupId, targetUserId, role);
    await recordAudit(tx, {
      groupId,
      actorId: userId,
      action: "member.role_changed",
      targetId: targetUserId,
      details: { from: current, to: role },
    });
    return { userId: targetUserId, role };
  });
  ctx.access.emit("membership-changed", { groupId, userId: targetUserId });
  return result;
}
