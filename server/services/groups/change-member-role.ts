// Changes a member's role; a group never loses its last owner. Their late marks follow (teachers are never late).
import type { Role } from "../../../shared/schemas/groups.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import { listOpenAssignedRoomIds } from "../../data/assignments.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { countOwners, findRole, lockGroup, updateRole } from "../../data/memberships.ts";
import type { ServiceContext } from "../context.ts";
import { remarkLate } from "../rooms/assignment/mark-late.ts";

export async function changeMemberRole(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  targetUserId: string,
  role: Role,
) {
  const { result, changed } = await inTransaction(ctx.db, async (tx) => {
    if (!(await lockGroup(tx, groupId))) throw notFound("Group");
    authorize({ userId, role: await findRole(tx, groupId, userId) }, "group.member.changeRole");
    const current = await findRole(tx, groupId, targetUserId);
    if (!current) throw notFound("Member");
    if (current === role) return { result: { userId: targetUserId, role }, changed: false };
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
    return { result: { userId: targetUserId, role }, changed: true };
  });
  ctx.access.emit("membership-changed", { groupId, userId: targetUserId });
  if (changed) {
    for (const roomId of await listOpenAssignedRoomIds(ctx.db, groupId))
      await remarkLate(ctx, roomId, userId);
  }
  return result;
}
