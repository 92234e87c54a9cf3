// Invite → InviteDto; the token appears only in the response that created it.
import type { InviteDto, Role } from "../../shared/schemas/groups.ts";

export function presentInvite(
  invite: {
    id: string;
    groupId: string;
    role: Role;
    expiresAt: Date;
    maxUses: number;
    uses: number;
    createdAt: Date;
  },
  secret?: { token: string; url: string },
): InviteDto {
  return {
    id: invite.id,
    groupId: invite.groupId,
    role: invite.role,
    expiresAt: invite.expiresAt.toISOString(),
    maxUses: invite.maxUses,
    uses: invite.uses,
    createdAt: invite.createdAt.toISOString(),
    ...(secret ?? {}),
  };
}
