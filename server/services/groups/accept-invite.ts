// Joins a group through an invite link, consuming one use atomically.
import { recordAudit } from "../../data/audit.ts";
import { inTransaction, isUniqueViolation } from "../../data/db.ts";
import { consumeInviteUse, findInvite } from "../../data/invites.ts";
import { findRole, insertMembership } from "../../data/memberships.ts";
import { hashToken } from "../../data/tokens.ts";
import type { ServiceContext } from "../context.ts";
import { unknownInvite, unusableInvite, usedUp } from "./invite-status.ts";

export async function acceptInvite(ctx: ServiceContext, userId: string, token: string) {
  const joined = await joinOnce(ctx, userId, token);
  // After the commit: a veiled view lists whose words it shows (a section's learners, the teachers), and the
  // newcomer may be one of them now (registry: veiled views of the group reconnect).
  if (joined.joined) ctx.access.emit("membership-changed", { groupId: joined.groupId, userId });
  return joined;
}

async function joinOnce(ctx: ServiceContext, userId: string, token: string) {
  try {
    return await joinWithInvite(ctx, userId, hashToken(token, ctx.sessionSecret));
  } catch (error) {
    // The same person accepting twice at once: the second insert hits the membership key and its transaction
    // (including the use it consumed) rolls back; answer it like any repeated accept.
    if (!isUniqueViolation(error)) throw error;
    return joinWithInvite(ctx, userId, hashToken(token, ctx.sessionSecret));
  }
}

function joinWithInvite(ctx: ServiceContext, userId: string, tokenHash: string) {
  return inTransaction(ctx.db, async (tx) => {
    const invite = await findInvite(tx, tokenHash);
    if (!invite) throw unknownInvite();
    const existingRole = await findRole(tx, invite.groupId, userId);
    if (existingRole) return { groupId: invite.groupId, role: existingRole, joined: false };
    const unusable = unusableInvite(invite, ctx.now());
    if (unusable) throw unusable;
    if (!(await consumeInviteUse(tx, invite))) throw usedUp();
    await insertMembership(tx, { groupId: invite.groupId, userId, role: invite.role });
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
