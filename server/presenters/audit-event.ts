// Audit event row (with the names it involves) → AuditEventDto.
import type { AuditEventDto } from "../../shared/schemas/groups.ts";
import type { AuditEventRow } from "../data/audit.ts";

export function presentAuditEvent(row: AuditEventRow & { targetName: string | null }): AuditEventDto {
  return {
    id: row.id,
    action: row.action,
    createdAt: row.createdAt.toISOString(),
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "" } : null,
    target: row.targetId ? { id: row.targetId, name: row.targetName } : null,
    details: row.details,
  };
}
