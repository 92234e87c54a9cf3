// Assignment rows of a room (instructions, opening and due dates, extensions), the room's archive mark and the
// participation snapshots taken of it.
import { prepared } from "./sql.ts";
import { prismaOf, sqlOf } from "./clients.ts";
import { idTakenSql } from "./mutations.ts";
import type { Db, Tx } from "./db.ts";
import type { Role } from "../../shared/schemas/groups.ts";

/** The room's archive mark, its group's time zone and its assignment with every extension; undefined if no room. */
export async function loadRoomState(db: Db | Tx, roomId: string) {
  const room = await prismaOf(db).room.findUnique({
    where: { id: roomId },
    select: {
      archivedAt: true,
      group: { select: { timeZone: true } },
      assignment: {
        select: {
          instructions: true,
          opensAt: true,
          dueAt: true,
          extensions: {
            select: { userId: true, dueAt: true, user: { select: { displayName: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  return room ?? undefined;
}
export type RoomState = NonNullable<Awaited<ReturnType<typeof loadRoomState>>>;

export async function setArchivedAt(tx: Tx, roomId: string, archivedAt: Date | null): Promise<void> {
  await prismaOf(tx).room.update({ where: { id: roomId }, data: { archivedAt } });
}

export interface AssignmentValues {
  instructions: string;
  opensAt: Date | null;
  dueAt: Date;
}

/** Creates or replaces the room's assignment; its extensions stay. */
export async function upsertAssignment(tx: Tx, roomId: string, values: AssignmentValues): Promise<void> {
  await prismaOf(tx).assignment.upsert({
    where: { roomId },
    create: { roomId, ...values },
    update: values,
  });
}

/** Removes the room's assignment and with it every extension; false when it had none. */
export async function deleteAssignment(tx: Tx, roomId: string): Promise<boolean> {
  const { count } = await prismaOf(tx).assignment.deleteMany({ where: { roomId } });
  return count > 0;
}

export async function upsertExtension(tx: Tx, roomId: string, userId: string, dueAt: Date): Promise<void> {
  await prismaOf(tx).assignmentExtension.upsert({
    where: { roomId_userId: { roomId, userId } },
    create: { roomId, userId, dueAt },
    update: { dueAt },
  });
}

/** False when the user had no extension. */
export async function deleteExtension(tx: Tx, roomId: string, userId: string): Promise<boolean> {
  const { count } = await prismaOf(tx).assignmentExtension.deleteMany({ where: { roomId, userId } });
  return count > 0;
}

/**
 * Per member of the room's group: threads and replies written in the room, and those after their due date (never
 * for `neverLate`, the roles that set the work).
 */
export async function countParticipation(db: Db | Tx, roomId: string, neverLate: Role[]) {
  // One statement; words brought in by an import (importedAuthorName) are not the importer's, deleted ones are
  // withdrawn. Hidden ones were written and count: hiding is moderation, not the author's choice.
  const rows = await prismaOf(db).$queryRaw<
    {
      userId: string;
      displayName: string;
      role: string;
      dueAt: Date | null;
      threads: number;
      replies: number;
      lateThreads: number;
      lateReplies: number;
    }[]
  >`
    WITH due AS (SELECT "dueAt" FROM "Assignment" WHERE "roomId" = ${roomId}::uuid),
    people AS (
      SELECT m."userId", u."displayName", m.role::text AS role,
             -- Nothing is due from those who set the work (domain/assignments.ts isLate).
             CASE WHEN m.role::text = ANY(${neverLate}::text[]) THEN NULL
                  ELSE COALESCE(e."dueAt", (SELECT "dueAt" FROM due)) END AS "dueAt"
        FROM "Membership" m
        JOIN "User" u ON u.id = m."userId"
        LEFT JOIN "AssignmentExtension" e ON e."roomId" = ${roomId}::uuid AND e."userId" = m."userId"
       WHERE m."groupId" = (SELECT "groupId" FROM "Room" WHERE id = ${roomId}::uuid)
    )
    SELECT p."userId", p."displayName", p.role, p."dueAt",
           COALESCE(t.total, 0)::int AS threads, COALESCE(c.total, 0)::int AS replies,
           COALESCE(t.late, 0)::int AS "lateThreads", COALESCE(c.late, 0)::int AS "lateReplies"
      FROM people p
      LEFT JOIN LATERAL (
        SELECT count(*) AS total, count(*) FILTER (WHERE th."createdAt" > p."dueAt") AS late
          FROM "Thread" th
         WHERE th."roomId" = ${roomId}::uuid AND th."authorId" = p."userId"
           AND th."deletedAt" IS NULL AND th."importedAuthorName" IS NULL
      ) t ON true
      LEFT JOIN LATERAL (
        SELECT count(*) AS total, count(*) FILTER (WHERE co."createdAt" > p."dueAt") AS late
          FROM "Comment" co JOIN "Thread" th ON th.id = co."threadId"
         WHERE th."roomId" = ${roomId}::uuid AND co."authorId" = p."userId"
           AND co."deletedAt" IS NULL AND co."importedAuthorName" IS NULL
      ) c ON true
     ORDER BY p."displayName", p."userId"`;
  return rows;
}

const snapshotSelect = {
  id: true,
  takenAt: true,
  dueAt: true,
  rows: true,
  takenBy: { select: { id: true, displayName: true } },
} as const;

export function insertSnapshot(
  tx: Tx,
  snapshot: { roomId: string; takenById: string; takenAt: Date; dueAt: Date | null; rows: object[] },
) {
  return prismaOf(tx).participationSnapshot.create({ data: snapshot, select: snapshotSelect });
}

export function countSnapshots(tx: Tx, roomId: string): Promise<number> {
  return prismaOf(tx).participationSnapshot.count({ where: { roomId } });
}

/** The room's snapshots, newest first. */
export function listSnapshots(db: Db, roomId: string) {
  return prismaOf(db).participationSnapshot.findMany({
    where: { roomId },
    orderBy: { takenAt: "desc" },
    select: snapshotSelect,
  });
}

export async function findSnapshot(db: Db, roomId: string, snapshotId: string) {
  const row = await prismaOf(db).participationSnapshot.findFirst({
    where: { id: snapshotId, roomId },
    select: snapshotSelect,
  });
  return row ?? undefined;
}
export type SnapshotRow = NonNullable<Awaited<ReturnType<typeof findSnapshot>>>;

/**
 * For a thread or reply `userId` is about to write with id `newId` (null: none): whether the room is archived, the due date that
 * applies to them (their extension, else the assignment's; null without an assignment), their role in the group
 * (null if none) and whether the id is taken (data/mutations.ts idTakenSql). Undefined when there is no room.
 */
export async function findWriteTerms(db: Db, roomId: string, userId: string, newId: string | null) {
  const { rows } = await sqlOf(db).query<{
    archivedAt: Date | null;
    dueAt: Date | null;
    role: Role | null;
    idTaken: boolean;
  }>(
    prepared(
      "find-write-terms",
      `SELECT r."archivedAt", COALESCE(e."dueAt", a."dueAt") AS "dueAt", m.role::text AS role,
            ${idTakenSql("r.id", "$3::uuid")} AS "idTaken"
       FROM "Room" r
       LEFT JOIN "Assignment" a ON a."roomId" = r.id
       LEFT JOIN "AssignmentExtension" e ON e."roomId" = r.id AND e."userId" = $2::uuid
       LEFT JOIN "Membership" m ON m."groupId" = r."groupId" AND m."userId" = $2::uuid
      WHERE r.id = $1::uuid`,
      [roomId, userId, newId],
    ),
  );
  return rows[0];
}

/**
 * The room's due date, every extension and the ids of the group's members holding `neverLate` roles now, as the
 * lateness rule reads them; undefined without an assignment.
 */
export async function loadDueDates(db: Db, roomId: string, neverLate: Role[]) {
  const row = await prismaOf(db).assignment.findUnique({
    where: { roomId },
    select: {
      dueAt: true,
      extensions: { select: { userId: true, dueAt: true } },
      room: {
        select: {
          group: {
            select: { memberships: { where: { role: { in: neverLate } }, select: { userId: true } } },
          },
        },
      },
    },
  });
  if (!row) return undefined;
  return {
    dueAt: row.dueAt,
    extensions: new Map(row.extensions.map((entry) => [entry.userId, entry.dueAt])),
    teachers: new Set(row.room.group.memberships.map((entry) => entry.userId)),
  };
}

/** The group's open (not archived) rooms that have an assignment: where a role change moves late marks. */
export async function listOpenAssignedRoomIds(db: Db, groupId: string): Promise<string[]> {
  const rows = await prismaOf(db).room.findMany({
    where: { groupId, archivedAt: null, assignment: { isNot: null } },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Every thread and reply of the room written here (not imported): who wrote it and when, to mark the late ones. */
export async function listWrittenEntries(db: Db, roomId: string) {
  const { rows } = await sqlOf(db).query<{ id: string; authorId: string; createdAt: Date }>(
    `SELECT id, "authorId", "createdAt" FROM "Thread"
      WHERE "roomId" = $1::uuid AND "importedAuthorName" IS NULL
     UNION ALL
     SELECT c.id, c."authorId", c."createdAt" FROM "Comment" c JOIN "Thread" t ON t.id = c."threadId"
      WHERE t."roomId" = $1::uuid AND c."importedAuthorName" IS NULL`,
    [roomId],
  );
  return rows;
}
