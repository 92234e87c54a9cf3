// Append-only audit events for membership and moderation changes.
import { randomUUID } from "node:crypto";
import { prismaOf, sqlOf } from "./clients.ts";
import type { Db, SqlTx, Tx } from "./db.ts";

export interface AuditEntry {
  groupId: string;
  actorId: string | null;
  action: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Records `entry` in the Prisma transaction of the change it describes. */
export function recordAudit(tx: Tx, entry: AuditEntry) {
  return prismaOf(tx).auditEvent.create({
    data: {
      groupId: entry.groupId,
      actorId: entry.actorId,
      action: entry.action,
      targetId: entry.targetId ?? null,
      details: (entry.details ?? {}) as object,
    },
  });
}

/** recordAudit on a plain-SQL transaction (the mutation commit, imports), in the same commit as what it records. */
export async function insertAuditEvent(tx: SqlTx, entry: AuditEntry): Promise<void> {
  await sqlOf(tx).query(
    `INSERT INTO "AuditEvent" (id, "groupId", "actorId", action, "targetId", details, "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, now() AT TIME ZONE 'UTC')`,
    [
      randomUUID(),
      entry.groupId,
      entry.actorId,
      entry.action,
      entry.targetId ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

/** An audit event as the log lists it, with its actor's current name. */
export interface AuditEventRow {
  id: string;
  action: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

/**
 * A page of the group's audit events, newest first: `limit` events older than event `before` (or the newest), plus
 * one more to tell whether there is another page. Each with its actor's current name.
 */
export async function listAuditEvents(db: Db, groupId: string, before: string | undefined, limit: number) {
  const { rows } = await sqlOf(db).query<AuditEventRow>(
    // Prisma's DateTime columns are `timestamp` holding UTC: read them as UTC instants, whatever the session's zone.
    `SELECT e.id, e.action, e."createdAt" AT TIME ZONE 'UTC' AS "createdAt", e."actorId", u."displayName" AS "actorName", e."targetId", e.details
       FROM "AuditEvent" e
       LEFT JOIN "User" u ON u.id = e."actorId"
      WHERE e."groupId" = $1::uuid
        AND ($2::uuid IS NULL OR (e."createdAt", e.id) < (
              SELECT c."createdAt", c.id FROM "AuditEvent" c WHERE c.id = $2::uuid AND c."groupId" = $1::uuid))
      ORDER BY e."createdAt" DESC, e.id DESC
      LIMIT $3`,
    [groupId, before ?? null, limit + 1],
  );
  return rows;
}

/**
 * The names audit events' targets have now: people by user id, texts by document id, rooms by their text's title
 * (unknown ids are left out).
 */
export async function findAuditTargetNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(ids.filter((id) => uuidPattern.test(id)))];
  if (uuids.length === 0) return new Map();
  const { rows } = await sqlOf(db).query<{ id: string; name: string }>(
    `SELECT id::text, "displayName" AS name FROM "User" WHERE id = ANY($1::uuid[])
     UNION ALL
     SELECT id::text, title AS name FROM "Document" WHERE id = ANY($1::uuid[])
     UNION ALL
     SELECT r.id::text, d.title AS name FROM "Room" r JOIN "Document" d ON d.id = r."documentId" WHERE r.id = ANY($1::uuid[])`,
    [uuids],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
