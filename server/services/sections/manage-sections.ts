// What every change to a group's sections shares: the group locked, the actor allowed, the change audited, and
// the group's live readers re-scoped once it commits.
import type { SectionListDto } from "../../../shared/schemas/sections.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction, type Tx } from "../../data/db.ts";
import { findRole, lockGroup } from "../../data/memberships.ts";
import { listSectionPlaces, listSections } from "../../data/sections.ts";
import { notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import { presentSectionList } from "../../presenters/section.ts";
import type { ServiceContext } from "../context.ts";

/** A change to the group's sections made inside `change`, audited as `action` with what `change` returns. */
export async function changeSections<T extends object>(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  action: string,
  change: (tx: Tx) => Promise<{ result: T; targetId: string; details: Record<string, unknown> }>,
): Promise<T> {
  const result = await inTransaction(ctx.db, async (tx) => {
    if (!(await lockGroup(tx, groupId))) throw notFound("Group");
    authorize({ userId, role: await findRole(tx, groupId, userId) }, "group.sections.manage");
    const made = await change(tx);
    await recordAudit(tx, {
      groupId,
      actorId: userId,
      action,
      targetId: made.targetId,
      details: made.details,
    });
    return made.result;
  });
  // After the commit: the reconnecting readers must read the new sections.
  ctx.access.emit("sections-changed", groupId);
  return result;
}

/** The group's sections with their members and observers, and those in none, as the API shows them. */
export async function readSectionList(
  db: ServiceContext["db"] | Tx,
  groupId: string,
): Promise<SectionListDto> {
  const [sections, places] = await Promise.all([listSections(db, groupId), listSectionPlaces(db, groupId)]);
  return presentSectionList(sections, places);
}
