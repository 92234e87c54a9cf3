// Reads of a room's discussion for an export: the room's text and people, then threads, replies and reaction counts
// a batch of blocks at a time, so a large room is never held in memory whole.
import type { Anchor } from "../../shared/room-doc.ts";
import type { Role } from "../../shared/schemas/groups.ts";
import { sqlOf } from "./clients.ts";
import type { Db } from "./db.ts";

/** What an export's heading says about the room. */
export interface ExportRoomHead {
  roomId: string;
  groupId: string;
  documentId: string;
  groupName: string;
  title: string;
  author: string | null;
  versionId: string;
  versionNumber: number;
}

export async function loadExportHead(db: Db, roomId: string): Promise<ExportRoomHead | undefined> {
  const { rows } = await sqlOf(db).query<ExportRoomHead>(
    `SELECT r.id AS "roomId", r."groupId", r."documentId", g.name AS "groupName", d.title, d.author,
            r."versionId", v.number AS "versionNumber"
       FROM "Room" r
       JOIN "Group" g ON g.id = r."groupId"
       JOIN "Document" d ON d.id = r."documentId"
       JOIN "DocumentVersion" v ON v.id = r."versionId"
      WHERE r.id = $1::uuid`,
    [roomId],
  );
  return rows[0];
}

/** The role of each current member of the group, by user id (people who left have none). */
export async function loadRoles(db: Db, groupId: string): Promise<Map<string, Role>> {
  const { rows } = await sqlOf(db).query<{ userId: string; role: Role }>(
    `SELECT "userId", role::text AS role FROM "Membership" WHERE "groupId" = $1::uuid`,
    [groupId],
  );
  return new Map(rows.map((row) => [row.userId, row.role]));
}

/** Which threads to read; a null field does not filter. */
export interface ExportThreadFilter {
  roomId: string;
  blockIds: string[];
  visibilities: string[];
  authorId: string | null;
  tag: string | null;
  status: string | null;
  since: Date | null;
  until: Date | null;
  /** Only these threads (a search's matches). */
  ids: string[] | null;
  /** Only threads, replies and reactions by these people (the viewer's veil: their discussion section), or all. */
  authorIds: string[] | null;
}

interface Moderated {
  body: string;
  createdAt: Date;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  authorId: string;
  authorName: string;
  importedAuthorName: string | null;
}

export interface ExportThreadRow extends Moderated {
  id: string;
  blockId: string;
  anchor: Anchor;
  visibility: "group" | "instructors";
  tags: string[];
  status: "open" | "resolved";
  editedAt: Date | null;
  replyCount: number;
}

// Prisma's DateTime columns are `timestamp` holding UTC: read them as UTC instants, whatever the session's zone.
// An imported entry stands under a member's id with the name the file gave: domain/shown-author.ts names it.
const moderatedColumns = (table: string) => `${table}.body, ${table}."authorId",
  u."displayName" AS "authorName", ${table}."importedAuthorName",
  ${table}."createdAt" AT TIME ZONE 'UTC' AS "createdAt", ${table}."deletedAt" AT TIME ZONE 'UTC' AS "deletedAt",
  ${table}."hiddenAt" AT TIME ZONE 'UTC' AS "hiddenAt", ${table}."hiddenReason"`;

/** The WHERE clause of `filter` over "Thread" t, and its parameters ($1…$9). */
function threadWhere(filter: ExportThreadFilter): { where: string; params: unknown[] } {
  return {
    where: `t."roomId" = $1::uuid
        AND t."blockId" = ANY($2::text[])
        AND t.visibility = ANY($3::text[])
        AND ($4::uuid IS NULL OR t."authorId" = $4::uuid)
        AND ($5::text IS NULL OR $5::text = ANY(t.tags))
        AND ($6::text IS NULL OR t.status = $6::text)
        AND ($7::timestamptz IS NULL OR t."createdAt" >= $7::timestamptz AT TIME ZONE 'UTC')
        AND ($8::timestamptz IS NULL OR t."createdAt" <= $8::timestamptz AT TIME ZONE 'UTC')
        AND ($9::uuid[] IS NULL OR t.id = ANY($9::uuid[]))
        AND ($10::uuid[] IS NULL OR t."authorId" = ANY($10::uuid[]))`,
    params: [
      filter.roomId,
      filter.blockIds,
      filter.visibilities,
      filter.authorId,
      filter.tag,
      filter.status,
      filter.since?.toISOString() ?? null,
      filter.until?.toISOString() ?? null,
      filter.ids,
      filter.authorIds,
    ],
  };
}

/** The threads of these blocks that match `filter`, oldest first. */
export async function listExportThreads(db: Db, filter: ExportThreadFilter): Promise<ExportThreadRow[]> {
  const { where, params } = threadWhere(filter);
  const { rows } = await sqlOf(db).query<ExportThreadRow>(
    `SELECT t.id, t."blockId", t.anchor, t.visibility, t.tags, t.status,
            t."editedAt" AT TIME ZONE 'UTC' AS "editedAt", ${moderatedColumns("t")},
            (SELECT count(*)::int FROM "Comment" c
              WHERE c."threadId" = t.id AND ($10::uuid[] IS NULL OR c."authorId" = ANY($10::uuid[]))) AS "replyCount"
       FROM "Thread" t
       JOIN "User" u ON u.id = t."authorId"
      WHERE ${where}
      ORDER BY t."createdAt", t.id`,
    params,
  );
  return rows;
}

/**
 * How many threads and replies match `filter` on each block (blocks with none are absent): what reading a block's
 * discussion will cost, so that an export can read a few hundred at a time however they are spread.
 */
export async function countExportEntries(db: Db, filter: ExportThreadFilter): Promise<Map<string, number>> {
  const { where, params } = threadWhere(filter);
  const { rows } = await sqlOf(db).query<{ blockId: string; entries: number }>(
    `SELECT t."blockId", (count(*) + sum((SELECT count(*) FROM "Comment" c
                                            WHERE c."threadId" = t.id
                                              AND ($10::uuid[] IS NULL OR c."authorId" = ANY($10::uuid[])))))::int AS entries
       FROM "Thread" t
      WHERE ${where}
      GROUP BY t."blockId"`,
    params,
  );
  return new Map(rows.map((row) => [row.blockId, row.entries]));
}

export interface ExportCommentRow extends Moderated {
  id: string;
  threadId: string;
  parentId: string | null;
  editedAt: Date | null;
}

/** The replies of these threads (by `authorIds` only, when given), oldest first. */
export async function listExportComments(
  db: Db,
  threadIds: string[],
  authorIds: string[] | null,
): Promise<ExportCommentRow[]> {
  if (threadIds.length === 0) return [];
  const { rows } = await sqlOf(db).query<ExportCommentRow>(
    `SELECT c.id, c."threadId", c."parentId", c."editedAt" AT TIME ZONE 'UTC' AS "editedAt", ${moderatedColumns("c")}
       FROM "Comment" c
       JOIN "User" u ON u.id = c."authorId"
      WHERE c."threadId" = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR c."authorId" = ANY($2::uuid[]))
      ORDER BY c."createdAt", c.id`,
    [threadIds, authorIds],
  );
  return rows;
}

/** How many people (of `authorIds`, when given) reacted with each emoji, per thread or reply id. */
export async function countReactions(
  db: Db,
  roomId: string,
  targetIds: string[],
  authorIds: string[] | null,
): Promise<Map<string, Map<string, number>>> {
  const counts = new Map<string, Map<string, number>>();
  if (targetIds.length === 0) return counts;
  const { rows } = await sqlOf(db).query<{ targetId: string; emoji: string; count: number }>(
    `SELECT "targetId", emoji, count(*)::int AS count FROM "Reaction"
      WHERE "roomId" = $1::uuid AND "targetId" = ANY($2::uuid[])
        AND ($3::uuid[] IS NULL OR "userId" = ANY($3::uuid[]))
      GROUP BY "targetId", emoji`,
    [roomId, targetIds, authorIds],
  );
  for (const row of rows) {
    const perEmoji = counts.get(row.targetId) ?? new Map<string, number>();
    perEmoji.set(row.emoji, row.count);
    counts.set(row.targetId, perEmoji);
  }
  return counts;
}

/** What decides whether a reader may see a thread of this room: its visibility, deletion and replies; undefined if none. */
export async function loadThreadListing(
  db: Db,
  roomId: string,
  threadId: string,
): Promise<{ visibility: string; deletedAt: Date | null; replyCount: number; authorId: string } | undefined> {
  const { rows } = await sqlOf(db).query<{
    visibility: string;
    deletedAt: Date | null;
    replyCount: number;
    authorId: string;
  }>(
    `SELECT t.visibility, t."deletedAt", t."authorId",
            (SELECT count(*)::int FROM "Comment" c WHERE c."threadId" = t.id) AS "replyCount"
       FROM "Thread" t
      WHERE t.id = $1::uuid AND t."roomId" = $2::uuid`,
    [threadId, roomId],
  );
  return rows[0];
}
