// Room rows: which document, at which version, a group reads. (A room's Yjs state is in room-updates.ts; who may
// enter it is findRoomMember in memberships.ts.)
import { prepared } from "./sql.ts";
import { prismaOf, sqlOf } from "./clients.ts";
import type { Db, SqlTx, Tx } from "./db.ts";

/** What the API shows of a room. */
const roomSummary = {
  id: true,
  groupId: true,
  createdAt: true,
  hideUntilPosted: true,
  instructorThreadsVisible: true,
  archivedAt: true,
  document: { select: { id: true, title: true, author: true } },
  version: { select: { number: true } },
} as const;

/** The group's rooms on texts in use, or with `removed` those on removed texts only; oldest first. */
export function listRoomsOf(db: Db, groupId: string, removed = false) {
  return prismaOf(db).room.findMany({
    where: { groupId, document: { removedAt: removed ? { not: null } : null } },
    orderBy: { createdAt: "asc" },
    select: roomSummary,
  });
}

/** The room; throws if there is none. */
export function loadRoomSummary(db: Db, roomId: string) {
  return prismaOf(db).room.findUniqueOrThrow({ where: { id: roomId }, select: roomSummary });
}

/** The id of the group's room on the document, or undefined if it has none. */
export async function findRoomId(db: Db, groupId: string, documentId: string): Promise<string | undefined> {
  const room = await prismaOf(db).room.findUnique({
    where: { groupId_documentId: { groupId, documentId } },
    select: { id: true },
  });
  return room?.id;
}

/** Creates the group's room on the document at `versionId`; returns its id. */
export async function insertRoom(
  tx: Tx,
  room: { groupId: string; documentId: string; versionId: string; createdById: string },
): Promise<string> {
  const created = await prismaOf(tx).room.create({ data: room, select: { id: true } });
  return created.id;
}

/** Up to `limit` rooms of any group, newest first, with their group's name and their text's title. */
export function listSomeRooms(db: Db, limit: number) {
  return prismaOf(db).room.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, group: { select: { name: true } }, document: { select: { title: true } } },
  });
}

/** The room's group, the room row locked until the transaction ends (its settings change one at a time); undefined if none. */
export async function lockRoomSettings(tx: Tx, roomId: string) {
  const rows = await prismaOf(tx).$queryRaw<{ groupId: string }[]>`
    SELECT "groupId" FROM "Room" WHERE id = ${roomId}::uuid FOR UPDATE`;
  return rows[0];
}

/** Sets the room's hide-until-posted switches (those given). */
export async function updateHideUntilPosted(
  tx: Tx,
  roomId: string,
  change: { hideUntilPosted?: boolean | undefined; instructorThreadsVisible?: boolean | undefined },
): Promise<void> {
  await prismaOf(tx).room.update({
    where: { id: roomId },
    data: {
      ...(change.hideUntilPosted === undefined ? {} : { hideUntilPosted: change.hideUntilPosted }),
      ...(change.instructorThreadsVisible === undefined
        ? {}
        : { instructorThreadsVisible: change.instructorThreadsVisible }),
    },
  });
}

/** The groups with a room on the document. */
export async function listGroupsReading(db: Db, documentId: string): Promise<string[]> {
  const rows = await prismaOf(db).room.findMany({ where: { documentId }, select: { groupId: true } });
  return [...new Set(rows.map((row) => row.groupId))];
}

/** A room's text version as it stands: what a version move starts from. */
export interface RoomVersionState {
  groupId: string;
  documentId: string;
  versionId: string;
  versionNumber: number;
  archivedAt: Date | null;
}

const roomVersionColumns = `r."groupId", r."documentId", r."versionId", v.number AS "versionNumber", r."archivedAt"`;

/** The room's document and the version it reads; undefined if there is no such room. */
export async function findRoomVersionState(db: Db, roomId: string): Promise<RoomVersionState | undefined> {
  const { rows } = await sqlOf(db).query<RoomVersionState>(
    prepared(
      "find-room-version-state",
      `SELECT ${roomVersionColumns} FROM "Room" r JOIN "DocumentVersion" v ON v.id = r."versionId" WHERE r.id = $1::uuid`,
      [roomId],
    ),
  );
  return rows[0];
}

/**
 * findRoomVersionState with the room row locked until the transaction ends (FOR UPDATE: a version move waits for
 * the mutation commits holding it FOR SHARE, and they for it); undefined if there is no such room.
 */
export async function lockRoomVersionState(tx: SqlTx, roomId: string): Promise<RoomVersionState | undefined> {
  const { rows } = await sqlOf(tx).query<RoomVersionState>(
    `SELECT ${roomVersionColumns} FROM "Room" r JOIN "DocumentVersion" v ON v.id = r."versionId"
      WHERE r.id = $1::uuid FOR UPDATE OF r`,
    [roomId],
  );
  return rows[0];
}

/** Version `number` of the document room `roomId` reads (any version of it, not only the room's); undefined if none. */
export async function findVersionOfRoomDocument(
  db: Db,
  roomId: string,
  number: number,
): Promise<{ id: string; number: number } | undefined> {
  const { rows } = await sqlOf(db).query<{ id: string; number: number }>(
    `SELECT v.id, v.number FROM "Room" r JOIN "DocumentVersion" v ON v."documentId" = r."documentId"
      WHERE r.id = $1::uuid AND v.number = $2`,
    [roomId, number],
  );
  return rows[0];
}

/** Points the room at another version of its document. */
export async function setRoomVersion(tx: SqlTx, roomId: string, versionId: string): Promise<void> {
  await sqlOf(tx).query(`UPDATE "Room" SET "versionId" = $2::uuid WHERE id = $1::uuid`, [roomId, versionId]);
}
