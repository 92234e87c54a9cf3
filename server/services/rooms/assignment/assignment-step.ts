// The assignment and archive settings as a step of PATCH /api/rooms/:roomId: written in its transaction, then the
// room's late marks brought in line with the new due date.
import type { RoomSettingStep } from "../room-settings/setting-step.ts";
import { applyAssignmentSettings } from "./apply-settings.ts";
import { remarkLate } from "./mark-late.ts";

export const assignmentStep: RoomSettingStep = {
  async apply(tx, room, input, now) {
    if (input.assignment === undefined && input.archived === undefined) return false;
    const changed = await applyAssignmentSettings(tx, room.roomId, input, now);
    return changed.assignment || changed.archived;
  },
  async afterCommit(ctx, room, { actorId, input }) {
    // A changed assignment leaves the room open: it is refused in an archived room and with archived: true.
    if (input.assignment === undefined) return;
    await remarkLate(ctx, room.roomId, actorId);
  },
};
