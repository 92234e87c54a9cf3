// Invite rows: a token's hash with the role it grants, its expiry and its uses.
import type { Role } from "../../shared/schemas/groups.ts";
import { prismaOf } from "./clients.ts";
import type { Db, Tx } from "./db.ts";

export interface NewInvite {
  tokenHash: string;
  groupId: string;
  role: Role;
  createdById: string;
  expiresAt: Date;
  maxUses: number;
}

export function insertInvite(tx: Tx, invite: NewInvite) {
  return prismaOf(tx).invite.create({ data: invite });
}

/** The invite whose token hashes to `tokenHash`, or null. */
export function findInvite(tx: Tx, tokenHash: string) {
  return prismaOf(tx).invite.findUnique({ where: { tokenHash } });
}

/**
 * Counts one use of the invite unless it has reached `maxUses`, in one compare-and-increment statement so that
 * concurrent accepts never exceed it. Returns whether a use was counted.
 */
export async function consumeInviteUse(tx: Tx, invite: { id: string; maxUses: number }): Promise<boolean> {
  const consumed = await prismaOf(tx).invite.updateMany({
    where: { id: invite.id, uses: { lt: invite.maxUses } },
    data: { uses: { increment: 1 } },
  });
  return consumed.count > 0;
}

/** What an invite link shows before joining: the invite's terms and its group's name and description, or null. */
export function findInvitePreview(db: Db, tokenHash: string) {
  return prismaOf(db).invite.findUnique({
    where: { tokenHash },
    select: {
      groupId: true,
      role: true,
      expiresAt: true,
      revokedAt: true,
      uses: true,
      maxUses: true,
      group: { select: { name: true, description: true } },
    },
  });
}
