// Membership rows and the queries that guard the "last owner" rule.
import type { Role } from "../../shared/schemas/groups.ts";
import type { Prisma } from "./database.ts";
import type { Tx } from "./audit.ts";

export async function findRole(db: Prisma | Tx, groupId: string, userId: string): Promise<Role | undefined> {
  const row = await db.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { role: true },
  });
  return row?.role;
}

/** Locks the group row for the rest of the transaction, serialising membership changes within one group. */
export async function lockGroup(tx: Tx, groupId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Group" WHERE id = ${groupId}::uuid FOR UPDATE`;
  return rows.length > 0;
}

export function countOwners(tx: Tx, groupId: string) {
  return tx.membership.count({ where: { groupId, role: "owner" } });
}

export function listMembers(prisma: Prisma, groupId: string) {
  return prisma.membership.findMany({
    where: { groupId },
    orderBy: [{ createdAt: "asc" }],
    select: {
      role: true,
      createdAt: true,
      user: { select: { id: true, displayName: true, email: true } },
    },
  });
}

export function listGroupsOf(prisma: Prisma, userId: string) {
  return prisma.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      role: true,
      group: {
        select: {
          id: true,
          name: true,
          description: true,
          createdAt: true,
          _count: { select: { memberships: true } },
        },
      },
    },
  });
}
