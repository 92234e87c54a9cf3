// The relational copy of the discussion (threads, replies, reactions, moderation audit), written by the mutation
// commit on its transaction in plain SQL: these statements run once per mutation.
import type { Anchor, AnchorChange, AnchorStatus } from "../../shared/room-doc.ts";
import { sqlOf } from "./clients.ts";
import type { SqlTx } from "./db.ts";
import { isSqlUniqueViolation, utc, prepared } from "./sql.ts";

export interface NewThreadRow {
  id: string;
  roomId: string;
  visibility: string;
  anchor: Anchor;
  authorId: string;
  body: string;
  tags: string[];
  createdAt: Date;
  /** Notified the room when started (owners and instructors); false when absent. */
  announcement?: boolean;
  /** The text version the thread was written on (null or absent: not known). */
  versionNumber?: number | null;
  /** Started against an earlier version and carried onto the room's: how (absent: unchanged, no change). */
  anchorStatus?: AnchorStatus;
  anchorChange?: AnchorChange | null;
  /** Imports only: what the source says (a new thread is open, unedited, by a member). */
  imported?: ImportedColumns & { status: string };
}

/** What an imported thread or reply keeps from its source: when it was edited, and its non-member author's name. */
export interface ImportedColumns {
  editedAt: Date | null;
  importedAuthorName: string | null;
}

export async function insertThread(tx: SqlTx, row: NewThreadRow): Promise<void> {
  const imported = row.imported;
  await sqlOf(tx).query(
    prepared(
      "insert-thread",
      `INSERT INTO "Thread" (id, "roomId", visibility, "blockId", anchor, "authorId", body, tags, status, "createdAt",
                           "updatedAt", "editedAt", "importedAuthorName", announcement, "versionNumber",
                           "anchorStatus", "anchorChange")
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::text[], $10, $9, $9, $11, $12, $13, $14, $15, $16::jsonb)`,
      [
        row.id,
        row.roomId,
        row.visibility,
        row.anchor.blockId,
        JSON.stringify(row.anchor),
        row.authorId,
        row.body,
        row.tags,
        utc(row.createdAt),
        imported?.status ?? "open",
        imported?.editedAt ? utc(imported.editedAt) : null,
        imported?.importedAuthorName ?? null,
        row.announcement ?? false,
        row.versionNumber ?? null,
        row.anchorStatus ?? "unchanged",
        row.anchorChange ? JSON.stringify(row.anchorChange) : null,
      ],
    ),
  );
}

/** A thread's anchor as a version move or a re-attachment leaves it. */
export interface ThreadAnchorRow {
  id: string;
  anchor: Anchor;
  anchorStatus: AnchorStatus;
  anchorChange: AnchorChange | null;
}

/**
 * Sets the anchor columns of the room's threads `rows` in one statement (a move re-anchors thousands at once; one
 * UPDATE per thread would pay a round trip each). Threads of other rooms are left alone.
 */
export async function updateThreadAnchors(tx: SqlTx, roomId: string, rows: readonly ThreadAnchorRow[]) {
  // A statement per slice: encoding the parameters of 10,000 rows at once holds the event loop for tens of ms.
  for (let from = 0; from < rows.length; from += anchorUpdateSlice) {
    const slice = rows.slice(from, from + anchorUpdateSlice);
    await sqlOf(tx).query(
      `UPDATE "Thread" t
          SET "blockId" = u."blockId", anchor = u.anchor::jsonb, "anchorStatus" = u.status,
              "anchorChange" = u.change::jsonb
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
              AS u(id, "blockId", anchor, status, change)
        WHERE t.id = u.id AND t."roomId" = $1::uuid`,
      [
        roomId,
        slice.map((row) => row.id),
        slice.map((row) => row.anchor.blockId),
        slice.map((row) => JSON.stringify(row.anchor)),
        slice.map((row) => row.anchorStatus),
        slice.map((row) => (row.anchorChange ? JSON.stringify(row.anchorChange) : null)),
      ],
    );
  }
}

/** Thread rows re-anchored per UPDATE statement. */
const anchorUpdateSlice = 1_000;

export interface NewCommentRow {
  id: string;
  threadId: string;
  parentId: string | null;
  authorId: string;
  body: string;
  createdAt: Date;
  /** Imports only. */
  imported?: ImportedColumns;
}

export async function insertComment(tx: SqlTx, row: NewCommentRow): Promise<void> {
  await sqlOf(tx).query(
    prepared(
      "insert-comment",
      `INSERT INTO "Comment" (id, "threadId", "parentId", "authorId", body, "createdAt", "editedAt", "importedAuthorName")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.id,
        row.threadId,
        row.parentId,
        row.authorId,
        row.body,
        utc(row.createdAt),
        row.imported?.editedAt ? utc(row.imported.editedAt) : null,
        row.imported?.importedAuthorName ?? null,
      ],
    ),
  );
}

/** Who hid a thread or reply and why; all null when it is unhidden. */
export interface ModerationColumns {
  hiddenAt: Date | null;
  hiddenById: string | null;
  hiddenReason: string | null;
}

export type ThreadChange = Partial<
  {
    body: string;
    editedAt: Date;
    tags: string[];
    status: string;
    deletedAt: Date;
    pinnedAt: Date | null;
    pinnedById: string | null;
  } & ModerationColumns
> & { updatedAt: Date };

export type CommentChange = Partial<{ body: string; editedAt: Date; deletedAt: Date } & ModerationColumns>;

/** Changes the thread `id` of room `roomId` (ids are matched within their room only). */
export function updateThread(tx: SqlTx, roomId: string, id: string, change: ThreadChange): Promise<void> {
  return updateById(tx, { table: "Thread", id, parent: "roomId", parentId: roomId }, change);
}

/** Changes the reply `comment.id` of thread `comment.threadId`. */
export function updateComment(
  tx: SqlTx,
  comment: { id: string; threadId: string },
  change: CommentChange,
): Promise<void> {
  return updateById(
    tx,
    { table: "Comment", id: comment.id, parent: "threadId", parentId: comment.threadId },
    change,
  );
}

/** Column names come from the change types above, never from input; values travel as parameters. */
async function updateById(
  tx: SqlTx,
  row: { table: "Thread" | "Comment"; id: string; parent: "roomId" | "threadId"; parentId: string },
  change: Record<string, string | string[] | Date | null | undefined>,
): Promise<void> {
  const entries = Object.entries(change).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return;
  const assignments = entries.map(([column], index) => `"${column}" = $${index + 3}`).join(", ");
  const values = entries.map(([, value]) => (value instanceof Date ? utc(value) : value));
  await sqlOf(tx).query(`UPDATE "${row.table}" SET ${assignments} WHERE id = $1 AND "${row.parent}" = $2`, [
    row.id,
    row.parentId,
    ...values,
  ]);
}

/** Whether `error` is the insert of a thread or reply whose id another one already has (in any room). */
export function isDiscussionIdTaken(error: unknown): boolean {
  return isSqlUniqueViolation(error, ["Thread_pkey", "Comment_pkey"]);
}

export interface ReactionRow {
  targetId: string;
  userId: string;
  emoji: string;
  roomId: string;
  createdAt: Date;
}

export async function addReaction(tx: SqlTx, row: ReactionRow): Promise<void> {
  await sqlOf(tx).query(
    prepared(
      "add-reaction",
      `INSERT INTO "Reaction" ("targetId", "userId", emoji, "roomId", "createdAt") VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
      [row.targetId, row.userId, row.emoji, row.roomId, utc(row.createdAt)],
    ),
  );
}

export async function removeReaction(tx: SqlTx, row: Omit<ReactionRow, "createdAt">): Promise<void> {
  await sqlOf(tx).query(
    prepared(
      "remove-reaction",
      `DELETE FROM "Reaction" WHERE "roomId" = $1 AND "targetId" = $2 AND "userId" = $3 AND emoji = $4`,
      [row.roomId, row.targetId, row.userId, row.emoji],
    ),
  );
}
