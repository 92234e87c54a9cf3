// A group's audit log, newest first, page by page, with the names of the people and texts it involves.
import type { AuditQuery } from "../../../shared/schemas/groups.ts";
import { authorize } from "../../domain/policies.ts";
import { findAuditTargetNames, listAuditEvents } from "../../data/audit.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "./load-actor.ts";

/** One page of events and the cursor of the next (null on the last). 404 for outsiders, 403 for learners. */
export async function listAudit(ctx: ServiceContext, userId: string, groupId: string, query: AuditQuery) {
  authorize(await loadActor(ctx, groupId, userId), "group.audit.read");
  const rows = await listAuditEvents(ctx.db, groupId, query.before, query.limit);
  const page = rows.slice(0, query.limit);
  const names = await findAuditTargetNames(
    ctx.db,
    page.flatMap((row) => (row.targetId ? [row.targetId] : [])),
  );
  return {
    events: page.map((row) => ({
      ...row,
      targetName: row.targetId ? (names.get(row.targetId) ?? null) : null,
    })),
    nextCursor: rows.length > query.limit ? page.at(-1)!.id : null,
  };
}
