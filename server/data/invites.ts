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

/** The invite columns a group's managers see (never the token's hash). */
const inviteColumns = {
  id: true,
  groupId: true,
  role: true,
  expiresAt: true,
  maxUses: true,
  uses: true,
  createdAt: true,
} as const;

/** The group's invites that can still be used at `now` (not revoked, not expired, uses left), newest first. */
export async function listOpenInvites(db: Db | Tx, groupId: string, now: Date, limit: number) {
  const rows = await prismaOf(db).invite.findMany({
    where: {
      groupId,
      revokedAt: null,
      expiresAt: { gt: now },
      uses: { lt: prismaOf(db).invite.fields.maxUses },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: inviteColumns,
  });
  return rows;
}

/** Invite `inviteId` of group `groupId` with its revocation, or null. */
export function findGroupInvite(tx: Tx, groupId: string, inviteId: string) {
  return prismaOf(tx).invite.findFirst({
    where: { id: inviteId, groupId },
    select: { ...inviteColumns, revokedAt: true },
  });
}

/** Marks the invite revoked at `at`: its link stops working at once. */
export async function revokeInvite(tx: Tx, inviteId: string, at: Date): Promise<void> {
  await prismaOf(tx).invite.update({ where: { id: inviteId }, data: { revokedAt: at } });
}
