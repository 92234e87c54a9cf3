// Revokes an invite link: it stops working at once; the revocation is audited.
import { notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { findGroupInvite, revokeInvite as markRevoked } from "../../data/invites.ts";
import { findRole } from "../../data/memberships.ts";
import type { ServiceContext } from "../context.ts";

/**
 * Revokes invite `inviteId` of the group. Revoking one already revoked changes nothing (and records nothing).
 * 404 for outsiders and unknown invites; 403 for an instructor revoking an instructor's invite.
 */
export async function revokeInvite(ctx: ServiceContext, userId: string, groupId: string, inviteId: string) {
  await inTransaction(ctx.db, async (tx) => {
    const role = await findRole(tx, groupId, userId);
    const invite = role ? await findGroupInvite(tx, groupId, inviteId) : null;
    authorize({ userId, role }, "group.invite.revoke", invite ? { grantedRole: invite.role } : {});
    if (!invite) throw notFound("Invite");
    if (invite.revokedAt) return;
    await markRevoked(tx, invite.id, ctx.now());
    await recordAudit(tx, {
      groupId,
      actorId: userId,
      action: "invite.revoked",
      targetId: invite.id,
      details: { role: invite.role, uses: invite.uses, maxUses: invite.maxUses },
    });
  });
}
