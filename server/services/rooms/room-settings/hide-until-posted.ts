// The hide-until-posted switches of a room: stored, then every live reader of the room is re-checked at once.
import { updateHideUntilPosted } from "../../../data/rooms.ts";
import type { RoomSettingStep } from "./setting-step.ts";

export const hideUntilPostedStep: RoomSettingStep = {
  async apply(tx, room, { hideUntilPosted, instructorThreadsVisible }) {
    if (hideUntilPosted === undefined && instructorThreadsVisible === undefined) return false;
    await updateHideUntilPosted(tx, room.roomId, { hideUntilPosted, instructorThreadsVisible });
    return true;
  },
  // Readers who now see more (or less) reconnect to the document their view calls for, without reloading.
  afterCommit(ctx, room) {
    ctx.access.emit("room-view-changed", { roomId: room.roomId });
  },
};
