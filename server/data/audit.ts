// Append-only audit events for membership and moderation changes.
import { randomUUID } from "node:crypto";
import type { Prisma } from "./database.ts";
import type { SqlTx } from "./sql.ts";

export type Tx = Parameters<Parameters<Prisma["$transaction"]>[0]>[0];

export interface AuditEntry {
  groupId: string;
  actorId: string | null;
  action: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

export function recordAudit(db: Tx | Prisma, entry: AuditEntry) {
  return db.auditEvent.create({
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
  await tx.query(
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
