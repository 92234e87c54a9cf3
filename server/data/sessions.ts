// Session rows: created at login, looked up on every request, revoked at logout.
import { prismaOf, sqlOf } from "./clients.ts";
import type { Db } from "./db.ts";
import { prepared, utc } from "./sql.ts";

export interface NewSession {
  tokenHash: string;
  userId: string;
  expiresAt: Date;
  userAgent: string | undefined;
  ip: string | undefined;
}

export function insertSession(db: Db, session: NewSession) {
  return prismaOf(db).session.create({
    data: { ...session, userAgent: session.userAgent?.slice(0, 300) ?? null, ip: session.ip ?? null },
  });
}

/** The live session with this token hash and its user, or null if unknown, expired or revoked. */
export async function findLiveSession(db: Db, tokenHash: string, now: Date) {
  // One joined query in plain SQL: this runs on every authenticated request and every sync handshake.
  const { rows } = await sqlOf(db).query<{
    sessionId: string;
    id: string;
    email: string;
    displayName: string;
    createdAt: Date;
    expiresAt: Date;
  }>(
    prepared(
      "find-live-session",
      `SELECT s.id AS "sessionId", s."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt",
            u.id, u.email, u."displayName", u."createdAt" AT TIME ZONE 'UTC' AS "createdAt"
       FROM "Session" s JOIN "User" u ON u.id = s."userId"
      WHERE s."tokenHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > $2`,
      [tokenHash, utc(now)],
    ),
  );
  const row = rows[0];
  if (!row) return null;
  const { sessionId, expiresAt, ...user } = row;
  return { id: sessionId, expiresAt, user };
}

export function revokeSession(db: Db, sessionId: string, now: Date) {
  return prismaOf(db).session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now },
  });
}
