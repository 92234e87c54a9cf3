// What an annotation import reads: which of its ids the room already holds, which members the file's e-mail
// addresses name, and the titles of the documents its targets name.
import { sqlOf } from "./clients.ts";
import type { Db } from "./db.ts";

/** A thread or reply of the room, found by id: where it sits and which room document holds it. */
export interface ExistingEntry {
  id: string;
  threadId: string;
  kind: "thread" | "reply";
  visibility: "group" | "instructors";
  /** Its words (Markdown source), to tell the same annotation from another that reuses its id. */
  body: string;
}

/** Those of `ids` that are threads or replies of room `roomId` (ids in other rooms are not found). */
export async function findRoomEntries(db: Db, roomId: string, ids: string[]): Promise<ExistingEntry[]> {
  if (ids.length === 0) return [];
  const { rows } = await sqlOf(db).query<ExistingEntry>(
    `SELECT t.id, t.id AS "threadId", 'thread' AS kind, t.visibility, t.body
       FROM "Thread" t WHERE t."roomId" = $1::uuid AND t.id = ANY($2::uuid[])
     UNION ALL
     SELECT c.id, c."threadId", 'reply' AS kind, t.visibility, c.body
       FROM "Comment" c JOIN "Thread" t ON t.id = c."threadId"
      WHERE t."roomId" = $1::uuid AND c.id = ANY($2::uuid[])`,
    [roomId, ids],
  );
  return rows;
}

/** Members of group `groupId` whose e-mail address (compared in lower case) is among `emails`. */
export async function findMembersByEmail(
  db: Db,
  groupId: string,
  emails: string[],
): Promise<Map<string, { userId: string; displayName: string }>> {
  if (emails.length === 0) return new Map();
  const { rows } = await sqlOf(db).query<{ email: string; userId: string; displayName: string }>(
    `SELECT lower(u.email) AS email, u.id AS "userId", u."displayName"
       FROM "Membership" m JOIN "User" u ON u.id = m."userId"
      WHERE m."groupId" = $1::uuid AND lower(u.email) = ANY($2::text[])`,
    [groupId, emails],
  );
  return new Map(rows.map((row) => [row.email, { userId: row.userId, displayName: row.displayName }]));
}

/** The titles of those of `ids` that are documents, by id. */
export async function findDocumentTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sqlOf(db).query<{ id: string; title: string }>(
    `SELECT id, title FROM "Document" WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.title]));
}
