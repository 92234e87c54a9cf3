// Append-only audit events for membership and moderation changes.
import { randomUUID } from "node:crypto";
import { prismaOf, sqlOf } from "./clients.ts";
import type { SqlTx, Tx } from "./db.ts";

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
