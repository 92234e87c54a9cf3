// Joins a group through an invite link, consuming one use atomically.
import { recordAudit } from "../../data/audit.ts";
import { hashToken } from "../../data/tokens.ts";
import type { ServiceContext } from "../context.ts";
import { unknownInvite, unusableInvite, usedUp } from "./invite-status.ts";

export async function acceptInvite(ctx: ServiceContext, userId: string, token: string) {
  try {
    return await joinWithInvite(ctx, userId, hashToken(token, ctx.sessionSecret));
  } catch (error) {
    // The same person accepting twice at once: the second insert hits the membership key and its transaction
    // (including the use it consumed) rolls back; answer it like any repeated accept.
    if ((error as { code?: string }).code !== "P2002") throw error;
    return joinWithInvite(ctx, userId, hashToken(token, ctx.sessionSecret));
  }
}

function joinWithInvite(ctx: ServiceContext, userId: string, tokenHash: string) {
  return ctx.prisma.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { tokenHash } });
    if (!invite) throw unknownInvite();
    const existing = await tx.membership.findUnique({
      where: { groupId_userId: { groupId: invite.groupId, userId } },
    });
    if (existing) return { groupId: invite.groupId, role: existing.role, joined: false };
    const unusable = unusableInvite(invite, ctx.now());
    if (unusable) throw unusable;
    // Compare-and-increment in one statement so concurrent accepts never exceed maxUses.
    const consumed = await tx.invite.updateMany({
      where: { id: invite.id, uses: { lt: invite.maxUses } },
      data: { uses: { increment: 1 } },
    });
    if (consumed.count === 0) throw usedUp();
    await tx.membership.create({ data: { groupId: invite.groupId, userId, role: invite.role } });
    await recordAudit(tx, {
      groupId: invite.groupId,
      actorId: userId,
      action: "member.joined",
      targetId: userId,
      details: { inviteId: invite.id, role: invite.role },
    });
    return { groupId: invite.groupId, role: invite.role, joined: true };
  });
}
