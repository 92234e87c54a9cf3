// The e-mail side of Notification rows: claiming those whose e-mail is due (safely for several server processes),
// recording what happened to each, and the recipient's e-mail setting as unsubscribing changes it.
import type { Role } from "../../shared/schemas/groups.ts";
import { sqlOf } from "./clients.ts";
import { recipientMayRead } from "./notification-access.ts";
import type { Db, SqlTx } from "./db.ts";
import { utc } from "./sql.ts";

/** A notification whose e-mail is due, with what its message needs. */
export interface DueNotificationEmail {
  id: string;
  userId: string;
  kind: string;
  groupId: string;
  roomId: string;
  threadId: string;
  /** The document's title. */
  roomTitle: string;
  /** As stored: mentions may still be `<@userId>` tokens. */
  excerpt: string;
  actorName: string | null;
  /** The recipient started the thread. */
  ownThread: boolean;
  createdAt: Date;
  /** Read in the app already. */
  read: boolean;
  /** The recipient may still read what it is about: the inbox's own rule (recipientMayRead), evaluated now. */
  mayRead: boolean;
  /** The recipient's e-mail setting now; null without a settings row. */
  mode: string | null;
  lastDigestAt: Date | null;
  /** Failed sends so far. */
  emailAttempts: number;
  recipientEmail: string;
  recipientName: string;
}

/**
 * Locks up to `limit` notifications whose e-mail is due at `now` and not sent, oldest due first, skipping rows
 * another transaction holds (another server's sender): within `tx`, no one else claims them. `instructorReaders`:
 * the roles that read instructors' threads (for mayRead).
 */
export async function lockDueNotificationEmails(
  tx: SqlTx,
  now: Date,
  limit: number,
  instructorReaders: readonly Role[],
  teacherRoles: readonly Role[],
): Promise<DueNotificationEmail[]> {
  const { rows } = await sqlOf(tx).query<DueNotificationEmail>(
    `SELECT n.id, n."userId", n.kind, r."groupId", n."roomId", n."threadId", d.title AS "roomTitle", n.excerpt,
            a."displayName" AS "actorName", t."authorId" = n."userId" AS "ownThread",
            n."createdAt" AT TIME ZONE 'UTC' AS "createdAt", n."readAt" IS NOT NULL AS read,
            coalesce(${recipientMayRead("$3", "$4")}, false) AS "mayRead",
            p.email AS mode, p."lastDigestAt" AT TIME ZONE 'UTC' AS "lastDigestAt", n."emailAttempts",
            u.email AS "recipientEmail", u."displayName" AS "recipientName"
       FROM "Notification" n
       JOIN "User" u ON u.id = n."userId"
       JOIN "Room" r ON r.id = n."roomId"
       JOIN "Document" d ON d.id = r."documentId"
       JOIN "Thread" t ON t.id = n."threadId"
       LEFT JOIN "Comment" c ON c.id = n."commentId"
       LEFT JOIN "Membership" m ON m."groupId" = r."groupId" AND m."userId" = n."userId"
       LEFT JOIN "User" a ON a.id = n."actorId"
       LEFT JOIN "NotificationPreference" p ON p."userId" = n."userId"
      WHERE n."emailDueAt" <= $1 AND n."emailedAt" IS NULL
      ORDER BY n."emailDueAt"
      LIMIT $2
        FOR UPDATE OF n SKIP LOCKED`,
    [utc(now), limit, instructorReaders, teacherRoles],
  );
  return rows;
}

/** Sets when the e-mail of each of `ids` is due (null: none is); a claim, a postponement or a cancellation. */
export async function setEmailDueAt(
  handle: Db | SqlTx,
  ids: readonly string[],
  dueAt: Date | null,
): Promise<void> {
  if (ids.length === 0) return;
  await sqlOf(handle).query(`UPDATE "Notification" SET "emailDueAt" = $2 WHERE id = ANY($1::uuid[])`, [
    ids,
    dueAt && utc(dueAt),
  ]);
}

/** Records that the e-mail carrying `ids` was accepted by the mail server at `at`. */
export async function markNotificationsEmailed(db: Db, ids: readonly string[], at: Date): Promise<void> {
  await sqlOf(db).query(
    `UPDATE "Notification" SET "emailedAt" = $2, "emailError" = NULL WHERE id = ANY($1::uuid[])`,
    [ids, utc(at)],
  );
}

/** Records a failed attempt for `ids`: the mail server's answer, and when to try again. */
export async function recordNotificationEmailFailure(
  db: Db,
  ids: readonly string[],
  error: string,
  retryAt: Date,
): Promise<void> {
  await sqlOf(db).query(
    `UPDATE "Notification" SET "emailAttempts" = "emailAttempts" + 1, "emailError" = $2, "emailDueAt" = $3
      WHERE id = ANY($1::uuid[])`,
    [ids, error, utc(retryAt)],
  );
}

/** Records that `userId`'s digest went out at `at`. */
export async function setLastDigestAt(db: Db, userId: string, at: Date): Promise<void> {
  await sqlOf(db).query(`UPDATE "NotificationPreference" SET "lastDigestAt" = $2 WHERE "userId" = $1`, [
    userId,
    utc(at),
  ]);
}

/** Sets `userId`'s e-mail setting to "never"; false when there is no such user. */
export async function turnOffNotificationEmails(db: Db, userId: string, now: Date): Promise<boolean> {
  const { rowCount } = await sqlOf(db).query(
    `INSERT INTO "NotificationPreference" ("userId", email, "updatedAt")
     SELECT id, 'never', $2 FROM "User" WHERE id = $1::uuid
     ON CONFLICT ("userId") DO UPDATE SET email = 'never', "updatedAt" = $2`,
    [userId, utc(now)],
  );
  return rowCount === 1;
}
