// Append-only audit events for membership and moderation changes.
import type { Prisma } from "./database.ts";

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
