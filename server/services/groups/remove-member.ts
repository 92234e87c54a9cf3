// Removes a member from a group (or lets a member leave); a group never loses its last owner.
import { AppError, notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { countOwners, deleteMembership, findRole, lockGroup } from "../../data/memberships.ts";
import type { ServiceContext } from "../context.ts";

/** Removes `targetUserId` from the group; when it is the actor themself, this is leaving. */
export async function removeMember(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  targetUserId: string,
) {
  const leaving = userId === targetUserId;
  await inTransaction(ctx.db, async (tx) => {
    if (!(await lockGroup(tx, groupId))) throw notFound("Group");
    const actorRole = await findRole(tx, groupId, userId);
    const targetRole = leaving ? actorRole : await findRole(tx, groupId, targetUserId);
    authorize({ userId, role: actorRole }, leaving ? "group.leave" : "group.member.remove", {
      ...(targetRole ? { targetRole } : {}),
    });
    if (!targetRole) throw notFound("Member");
    if (targetRole === "owner" && (await countOwners(tx, groupId)) === 1) {
      throw new AppError(
        "last_owner",
        leaving
          ? "You are the group's last owner. Make another member an owner before leaving."
          : "This is the group's last owner and cannot be removed.",
      );
    }
    await deleteMembership(tx, groupId, targetUserId);
    await recordAudit(tx, {
      groupId,
      actorId: userId,
      action: leaving ? "member.left" : "member.removed",
      targetId: targetUserId,
      details: { role: targetRole },
    });
  });
  ctx.access.emit("membership-changed", { groupId, userId: targetUserId });
}
