// Changes a group's name, description, people-channel switches (reading time, members may lead) and the time zone
// of its dates; owners only.
import type { UpdateGroupSettingsInput } from "../../../shared/schemas/groups.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { findGroupNaming, updateGroupSettings } from "../../data/groups.ts";
import { findRole, lockGroup } from "../../data/memberships.ts";
import { notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";

/**
 * Applies `input` to the group and returns it with the owner's role and the member count. Throws not_found for
 * outsiders and a missing group, forbidden for members who are not owners.
 */
export async function updateGroup(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  input: UpdateGroupSettingsInput,
) {
  const updated = await inTransaction(ctx.db, async (tx) => {
    if (!(await lockGroup(tx, groupId))) throw notFound("Group");
    const role = await findRole(tx, groupId, userId);
    authorize({ userId, role }, "group.settings.update");
    const before = await findGroupNaming(tx, groupId);
    const group = await updateGroupSettings(tx, groupId, input);
    await recordAudit(tx, {
      groupId,
      actorId: userId,
      action: "group.settings_changed",
      targetId: groupId,
      // The old name beside the new, so the log reads "renamed X to Y" after later renames too.
      details: { ...input, ...(input.name !== undefined ? { previousName: before?.name } : {}) },
    });
    return { group, role: role!, memberCount: group._count.memberships };
  });
  // After the commit, so that the re-checks read the new settings.
  ctx.access.emit("group-settings-changed", groupId);
  return updated;
}
