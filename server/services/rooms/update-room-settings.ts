// Changes a room's settings (owners and instructors): each given field is applied by its setting's step.
import type { UpdateRoomSettingsInput } from "../../../shared/schemas/room-settings.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { findRole } from "../../data/memberships.ts";
import { loadRoomSummary, lockRoomSettings } from "../../data/rooms.ts";
import { notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { assignmentStep } from "./assignment/assignment-step.ts";
import { hideUntilPostedStep } from "./room-settings/hide-until-posted.ts";
import type { RoomSettingStep } from "./room-settings/setting-step.ts";

/** Every setting's step; a new setting adds its own here. */
const steps: RoomSettingStep[] = [hideUntilPostedStep, assignmentStep];

/**
 * Applies `input` in one transaction (the room row locked, the change audited) and returns the room as the API
 * shows it. Throws not_found for outsiders and a missing room, forbidden for members who may not change settings.
 */
export async function updateRoomSettings(
  ctx: ServiceContext,
  userId: string,
  roomId: string,
  input: UpdateRoomSettingsInput,
) {
  const { room, applied } = await inTransaction(ctx.db, async (tx) => {
    const locked = await lockRoomSettings(tx, roomId);
    if (!locked) throw notFound("Room");
    authorize({ userId, role: await findRole(tx, locked.groupId, userId) }, "room.settings.update");
    const room = { roomId, groupId: locked.groupId };
    const applied: RoomSettingStep[] = [];
    const now = ctx.now();
    for (const step of steps) if (await step.apply(tx, room, input, now)) applied.push(step);
    await recordAudit(tx, {
      groupId: room.groupId,
      actorId: userId,
      action: "room.settings_changed",
      targetId: roomId,
      details: input,
    });
    return { room, applied };
  });
  // After the commit, so that whatever re-checks access reads the new settings.
  for (const step of applied) await step.afterCommit?.(ctx, room, { actorId: userId, input });
  return loadRoomSummary(ctx.db, roomId);
}
