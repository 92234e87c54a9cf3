// The sessions and memberships of live connections, read again: which of them ended or changed while this server
// could not hear of it (its subscription to the other servers' access events was down).
import { sqlOf } from "./clients.ts";
import type { Db } from "./db.ts";
import { utc } from "./sql.ts";

/** What a live connection's access rests on: its session, and its user's role in its group (when it reads one). */
export interface HeldAccess {
  sessionId: string;
  userId: string;
  groupId?: string;
  role?: string;
}

/** Sessions no longer live, and members (`${groupId}:${userId}`) no longer in the group with the role they held. */
export interface LostAccess {
  endedSessions: Set<string>;
  changedMembers: Set<string>;
}

/** Of `held`, whose session ended (revoked, expired, deleted) by `now` and whose membership is gone or changed. */
export async function findLostAccess(db: Db, held: readonly HeldAccess[], now: Date): Promise<LostAccess> {
  const sessionIds = [...new Set(held.map((access) => access.sessionId))];
  const members = new Map<string, { groupId: string; userId: string; role: string | null }>();
  for (const { groupId, userId, role } of held)
    if (groupId !== undefined) members.set(`${groupId}:${userId}`, { groupId, userId, role: role ?? null });
  const ended = await sqlOf(db).query<{ id: string }>(
    `SELECT s.id FROM unnest($1::uuid[]) AS s(id)
      WHERE NOT EXISTS (SELECT 1 FROM "Session" x WHERE x.id = s.id AND x."revokedAt" IS NULL AND x."expiresAt" > $2)`,
    [sessionIds, utc(now)],
  );
  const listed = [...members.values()];
  const changed = await sqlOf(db).query<{ groupId: string; userId: string }>(
    `SELECT o."groupId", o."userId" FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS o("groupId", "userId", role)
      WHERE NOT EXISTS (SELECT 1 FROM "Membership" m
                         WHERE m."groupId" = o."groupId" AND m."userId" = o."userId" AND m.role::text = o.role)`,
    [listed.map((m) => m.groupId), listed.map((m) => m.userId), listed.map((m) => m.role)],
  );
  return {
    endedSessions: new Set(ended.rows.map((row) => row.id)),
    changedMembers: new Set(changed.rows.map((row) => `${row.groupId}:${row.userId}`)),
  };
}
