// Changes a room's assignment and archive mark (owners and instructors), audited, then re-marks late work live.
import { recordAudit } from "../../../data/audit.ts";
import { inTransaction } from "../../../data/db.ts";
import { lockRoom } from "../../../data/assignments.ts";
import { findRole } from "../../../data/memberships.ts";
import { notFound } from "../../../domain/app-error.ts";
import { authorize } from "../../../domain/policies.ts";
import type { ServiceContext } from "../../context.ts";
import { applyAssignmentSettings, type AssignmentSettings } from "./apply-settings.ts";
import { remarkLate } from "./mark-late.ts";
import { loadRoomStateFor } from "./room-state.ts";

/** Applies `input` and returns the room's state as its reader shows it. */
export async function updateAssignmentSettings(
  ctx: ServiceContext,
  userId: string,
  roomId: string,
  input: AssignmentSettings,
) {
  const changed = await inTransaction(ctx.db, async (tx) => {
    const room = await lockRoom(tx, roomId);
    if (!room) throw notFound("Room");
    const actor = { userId, role: await findRole(tx, room.groupId, userId) };
    if (input.archived !== undefined) authorize(actor, "room.settings.update");
    if (input.assignment !== undefined) authorize(actor, "room.assignment.manage");
    const changed = await applyAssignmentSettings(tx, roomId, input, ctx.now());
    await recordAudit(tx, {
      groupId: room.groupId,
      actorId: userId,
      action: "room.settings_changed",
      targetId: roomId,
      details: { ...input },
    });
    return changed;
  });
  if (changed.assignment) await remarkLate(ctx, roomId, userId);
  return loadRoomStateFor(ctx, userId, roomId);
}
