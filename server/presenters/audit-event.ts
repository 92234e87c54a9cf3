// Audit event row (with the names it involves) → AuditEventDto.
import type { AuditEventDto } from "../../shared/schemas/groups.ts";

export function presentAuditEvent(row: {
  id: string;
  action: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  targetId: string | null;
  targetName: string | null;
  details: Record<string, unknown>;
}): AuditEventDto {
  return {
    id: row.id,
    action: row.action,
    createdAt: row.createdAt.toISOString(),
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "" } : null,
    target: row.targetId ? { id: row.targetId, name: row.targetName } : null,
    details: row.details,
  };
}
