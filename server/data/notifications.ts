// Notification rows: recorded by the mutation commit in its own transaction (one statement per batch), listed,
// counted and marked read for their recipient. A row is shown only while its recipient may still read its thread.
import type { NotificationDto, NotificationKind } from "../../shared/schemas/notifications.ts";
import type { Role } from "../../shared/schemas/groups.ts";
import { sqlOf } from "./clients.ts";
import { recipientMayRead } from "./notification-access.ts";
import type { Db, SqlTx } from "./db.ts";
import { utc, prepared } from "./sql.ts";

/** One event of a committed batch, with the people it may notify (see domain/notifications/events.ts). */
export interface NotificationEventRow {
  /** Unique per event: with the recipient, what makes a replayed event store nothing new. */
  eventKey: string;
  threadId: string;
  commentId: string | null;
  actorId: string;
  excerpt: string;
  direct: { userId: string; kind: NotificationKind }[];
  /** Every member of the room's group (an announcement). */
  room: boolean;
  /** Everyone who follows the thread (activity). */
  followers: boolean;
}

/** What the recording rule needs besides the events: kinds by precedence, and who reads instructors' threads. */
export interface RecordingRule {
  precedence: readonly NotificationKind[];
  instructorReaders: Role[];
  /** teacherRoles() of domain/hide-until-posted.ts: whose threads show while a room hides the class's. */
  teacherRoles: Role[];
  now: Date;
}

/** A stored notification with what its presenter needs (the DTO's fields, as rows hold them). Dates are UTC. */
export type NotificationRow = Omit<NotificationDto, "actor" | "createdAt" | "readAt" | "link"> & {
  userId: string;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date;
  readAt: Date | null;
};

const presented = (n: string) => `
  ${n}.id, ${n}."userId", ${n}.kind, r."groupId", ${n}."roomId", d.title AS "roomTitle", ${n}."threadId",
  ${n}."commentId", ${n}."actorId", a."displayName" AS "actorName", ${n}.excerpt,
  ${n}."createdAt" AT TIME ZONE 'UTC' AS "createdAt", ${n}."readAt" AT TIME ZONE 'UTC' AS "readAt"`;

/**
 * Stores the notifications of a batch's events in one statement on the commit's transaction: for each event and
 * person, the most specific kind; never the actor, nobody outside the group or unable to read the thread, nothing
 * for deleted or hidden words, nobody who muted the room. E-mail is due now for people whose e-mail setting is
 * not "never". An event already recorded for a person (same eventKey) stores nothing. Returns the rows stored.
 */
export async function recordNotifications(
  tx: SqlTx,
  roomId: string,
  events: NotificationEventRow[],
  rule: RecordingRule,
): Promise<NotificationRow[]> {
  const result = await sqlOf(tx).query<NotificationRow>(
    prepared(
      "record-notifications",
      `WITH ev AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS e(
         ord int, "eventKey" text, "threadId" uuid, "commentId" uuid, "actorId" uuid, excerpt text, direct jsonb,
         room boolean, followers boolean)
     ), candidate AS (
       SELECT ev.ord, d."userId", d.kind
         FROM ev CROSS JOIN LATERAL jsonb_to_recordset(ev.direct) AS d("userId" uuid, kind text)
       UNION ALL
       SELECT ev.ord, m."userId", 'announcement'
         FROM ev JOIN "Room" r ON r.id = $1 JOIN "Membership" m ON m."groupId" = r."groupId"
        WHERE ev.room
       UNION ALL
       SELECT ev.ord, f."userId", 'activity'
         FROM ev JOIN "ThreadFollow" f ON f."threadId" = ev."threadId"
        WHERE ev.followers
     ), best AS (
       SELECT DISTINCT ON (ord, "userId") ord, "userId", kind
         FROM candidate ORDER BY ord, "userId", array_position($3::text[], kind)
     ), inserted AS (
       INSERT INTO "Notification" (id, "userId", kind, "eventKey", "roomId", "threadId", "commentId", "actorId",
                                   excerpt, "createdAt", "emailDueAt")
       SELECT gen_random_uuid(), b."userId", b.kind,
              -- A mention is one per body and person, whether it came with the words or with an edit.
              CASE WHEN b.kind = 'mention' THEN 'mention:' || coalesce(ev."commentId", ev."threadId")::text
                   ELSE ev."eventKey" END,
              t."roomId", ev."threadId", ev."commentId", ev."actorId", ev.excerpt, $4::timestamp,
              CASE WHEN coalesce(p.email, 'never') <> 'never' THEN $4::timestamp END
         FROM best b
         JOIN ev ON ev.ord = b.ord
         JOIN "Thread" t ON t.id = ev."threadId" AND t."roomId" = $1
         JOIN "Room" r ON r.id = t."roomId"
         JOIN "Membership" m ON m."groupId" = r."groupId" AND m."userId" = b."userId"
         LEFT JOIN "Comment" c ON c.id = ev."commentId"
         LEFT JOIN "NotificationPreference" p ON p."userId" = b."userId"
        WHERE b."userId" <> ev."actorId"
          AND ${recipientMayRead("$5", "$6")}
          AND NOT EXISTS (SELECT 1 FROM "RoomMute" rm WHERE rm."userId" = b."userId" AND rm."roomId" = $1)
       ON CONFLICT ("userId", "eventKey") DO NOTHING
       RETURNING *
     )
     SELECT ${presented("i")}
       FROM inserted i
       JOIN "Room" r ON r.id = i."roomId"
       JOIN "Document" d ON d.id = r."documentId"
       LEFT JOIN "User" a ON a.id = i."actorId"`,
      [
        roomId,
        JSON.stringify(events.map((event, ord) => ({ ord, ...event }))),
        rule.precedence,
        utc(rule.now),
        rule.instructorReaders,
        rule.teacherRoles,
      ],
    ),
  );
  return result.rows;
}

/** New words for the notifications about a thread's own words (`commentId` null) or about one reply. */
export interface ExcerptEdit {
  threadId: string;
  commentId: string | null;
  excerpt: string;
}

/**
 * Rewrites the excerpt of every stored notification about the words `edits` name, on the edit's transaction: words
 * edited away are not kept in anyone's inbox or e-mail. One statement; for words edited twice, the last edit wins.
 */
export async function rewriteNotificationExcerpts(tx: SqlTx, edits: readonly ExcerptEdit[]): Promise<void> {
  if (edits.length === 0) return;
  const last = new Map(edits.map((edit) => [`${edit.threadId}:${edit.commentId}`, edit]));
  await sqlOf(tx).query(
    `UPDATE "Notification" n SET excerpt = e.excerpt
       FROM jsonb_to_recordset($1::jsonb) AS e("threadId" uuid, "commentId" uuid, excerpt text)
      WHERE n."threadId" = e."threadId" AND n."commentId" IS NOT DISTINCT FROM e."commentId"`,
    [JSON.stringify([...last.values()])],
  );
}

/**
 * Where a page of the list starts: after the notification created at `createdAt` with id `id`, in the list's order
 * (createdAt, then id, both descending). Without `id`: after every notification created at `createdAt`.
 */
export interface NotificationCursor {
  createdAt: Date;
  id: string | null;
}

/** Which notifications of a recipient to list: unread only, after `before` (a cursor), at most `limit`. */
export interface NotificationQuery {
  userId: string;
  instructorReaders: Role[];
  teacherRoles: Role[];
  unreadOnly: boolean;
  before: NotificationCursor | null;
  limit: number;
}

const shownTo = `
  FROM "Notification" n
  JOIN "Thread" t ON t.id = n."threadId"
  JOIN "Room" r ON r.id = n."roomId"
  JOIN "Document" d ON d.id = r."documentId"
  JOIN "Membership" m ON m."groupId" = r."groupId" AND m."userId" = n."userId"
  LEFT JOIN "Comment" c ON c.id = n."commentId"
  LEFT JOIN "User" a ON a.id = n."actorId"
  WHERE n."userId" = $1 AND ${recipientMayRead("$2", "$3")}`;

/** The recipient's notifications they may still read, newest first. */
export async function listNotifications(db: Db, query: NotificationQuery): Promise<NotificationRow[]> {
  const result = await sqlOf(db).query<NotificationRow>(
    `SELECT ${presented("n")} ${shownTo}
       AND ($4::boolean IS NOT TRUE OR n."readAt" IS NULL)
       -- No id sorts below the nil UUID: a cursor without one starts after every notification of its instant.
       AND ($5::timestamptz IS NULL
            OR (n."createdAt", n.id) < ($5::timestamptz AT TIME ZONE 'UTC',
                                        coalesce($7::uuid, '00000000-0000-0000-0000-000000000000')))
     ORDER BY n."createdAt" DESC, n.id DESC
     LIMIT $6`,
    [
      query.userId,
      query.instructorReaders,
      query.teacherRoles,
      query.unreadOnly,
      query.before && utc(query.before.createdAt),
      query.limit,
      query.before?.id ?? null,
    ],
  );
  return result.rows;
}

/** How many unread notifications the recipient may still read. */
export async function countUnread(
  db: Db,
  userId: string,
  instructorReaders: Role[],
  teacherRoles: Role[],
): Promise<number> {
  const result = await sqlOf(db).query<{ count: number }>(
    `SELECT count(*)::int AS count ${shownTo} AND n."readAt" IS NULL`,
    [userId, instructorReaders, teacherRoles],
  );
  return result.rows[0]!.count;
}

/** Marks the recipient's notifications `ids` read (others' ids are ignored), or all of them; the ids marked. */
export async function markNotificationsRead(
  db: Db,
  userId: string,
  ids: string[] | "all",
  now: Date,
): Promise<string[]> {
  const result = await sqlOf(db).query<{ id: string }>(
    `UPDATE "Notification" SET "readAt" = $3
      WHERE "userId" = $1 AND "readAt" IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
      RETURNING id`,
    [userId, ids === "all" ? null : ids, utc(now)],
  );
  return result.rows.map((row) => row.id);
}
