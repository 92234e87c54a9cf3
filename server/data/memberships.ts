// Membership rows and the queries that guard the "last owner" rule.
import type { Role } from "../../shared/schemas/groups.ts";
import { prismaOf, sqlOf } from "./clients.ts";
import { prepared } from "./sql.ts";
import type { Db, Tx } from "./db.ts";

export async function findRole(db: Db | Tx, groupId: string, userId: string): Promise<Role | undefined> {
  const row = await prismaOf(db).membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { role: true },
  });
  return row?.role;
}

/** Locks the group row for the rest of the transaction, serialising membership changes within one group. */
export async function lockGroup(tx: Tx, groupId: string): Promise<boolean> {
  const db = prismaOf(tx);
  const rows = await db.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Group" WHERE id = ${groupId}::uuid FOR UPDATE`;
  return rows.length > 0;
}

export function countOwners(tx: Tx, groupId: string) {
  return prismaOf(tx).membership.count({ where: { groupId, role: "owner" } });
}

export async function insertMembership(tx: Tx, membership: { groupId: string; userId: string; role: Role }) {
  await prismaOf(tx).membership.create({ data: membership });
}

export async function updateRole(tx: Tx, groupId: string, userId: string, role: Role): Promise<void> {
  await prismaOf(tx).membership.update({ where: { groupId_userId: { groupId, userId } }, data: { role } });
}

export async function deleteMembership(tx: Tx, groupId: string, userId: string): Promise<void> {
  await prismaOf(tx).membership.delete({ where: { groupId_userId: { groupId, userId } } });
}

export function listMembers(db: Db, groupId: string) {
  return prismaOf(db).membership.findMany({
    where: { groupId },
    orderBy: [{ createdAt: "asc" }],
    select: {
      role: true,
      createdAt: true,
      user: { select: { id: true, displayName: true, email: true } },
    },
  });
}

export function listGroupsOf(db: Db, userId: string) {
  return prismaOf(db).membership.findMany({
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
          recordReadingTime: true,
          membersMayLead: true,
          timeZone: true,
          _count: { select: { memberships: true } },
        },
      },
    },
  });
}

/**
 * A room with the role and name of one of its group's members, and whether its text was removed; undefined for a
 * missing room or an outsider.
 */
export async function findRoomMember(db: Db, roomId: string, userId: string) {
  // Plain SQL, one round trip: every mutation and every sync handshake starts here.
  const { rows } = await sqlOf(db).query<{
    roomId: string;
    groupId: string;
    versionId: string;
    versionNumber: number;
    role: Role;
    displayName: string;
    documentRemoved: boolean;
  }>(
    prepared(
      "find-room-member",
      `SELECT r.id AS "roomId", r."groupId", r."versionId", v.number AS "versionNumber", m.role::text AS role,
            u."displayName", d."removedAt" IS NOT NULL AS "documentRemoved"
       FROM "Room" r
       JOIN "Document" d ON d.id = r."documentId"
       JOIN "DocumentVersion" v ON v.id = r."versionId"
       JOIN "Membership" m ON m."groupId" = r."groupId" AND m."userId" = $2::uuid
       JOIN "User" u ON u.id = m."userId"
      WHERE r.id = $1::uuid`,
      [roomId, userId],
    ),
  );
  return rows[0];
}

/** The members of `groupId` among `userIds`, with their name and role. */
export async function findMembersAmong(db: Db, groupId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  const rows = await prismaOf(db).membership.findMany({
    where: { groupId, userId: { in: userIds } },
    select: { role: true, user: { select: { id: true, displayName: true } } },
  });
  return rows.map((row) => ({
    userId: row.user.id,
    displayName: row.user.displayName,
    role: row.role as Role,
  }));
}
