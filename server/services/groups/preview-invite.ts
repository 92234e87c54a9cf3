// Shows the holder of an invite link which group it is for and with which role, without joining.
import { findInvitePreview } from "../../data/invites.ts";
import { findRole } from "../../data/memberships.ts";
import { hashToken } from "../../data/tokens.ts";
import type { ServiceContext } from "../context.ts";
import { unknownInvite, unusableInvite } from "./invite-status.ts";

/**
 * The invite's group, role and expiry, for whoever holds its token (the token is the credential). 404 for an
 * unknown token; 410 for one that can no longer be used, unless `userId` is already in the group (then it says so).
 */
export async function previewInvite(ctx: ServiceContext, token: string, userId: string | undefined) {
  const invite = await findInvitePreview(ctx.db, hashToken(token, ctx.sessionSecret));
  if (!invite) throw unknownInvite();
  const memberRole = userId ? ((await findRole(ctx.db, invite.groupId, userId)) ?? null) : null;
  const unusable = unusableInvite(invite, ctx.now());
  if (unusable && !memberRole) throw unusable;
  return {
    groupId: invite.groupId,
    groupName: invite.group.name,
    groupDescription: invite.group.description,
    role: invite.role,
    expiresAt: invite.expiresAt.toISOString(),
    valid: !unusable,
    memberRole,
  };
}
