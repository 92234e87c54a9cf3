// Membership rows and the queries that guard the "last owner" rule.
import type { Role } from "../../shared/schemas/groups.ts";
import type { Prisma } from "./database.ts";
import type { Tx } from "./audit.ts";
import type { Sql } from "./sql.ts";

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

/** A room with the role and name of one of its group's members; undefined for a missing room or an outsider. */
export async function findRoomMember(sql: Sql, roomId: string, userId: string) {
  // Plain SQL, one round trip: every mutation and every sync handshake starts here.
  const { rows } = await sql.query<{
    roomId: string;
    groupId: string;
    versionId: string;
    role: Role;
    displayName: string;
  }>(
    `SELECT r.id AS "roomId", r."groupId", r."versionId", m.role::text AS role, u."displayName"
       FROM "Room" r
       JOIN "Membership" m ON m."groupId" = r."groupId" AND m."userId" = $2::uuid
       JOIN "User" u ON u.id = m."userId"
      WHERE r.id = $1::uuid`,
    [roomId, userId],
  );
  return rows[0];
}
