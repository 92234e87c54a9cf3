// What one room setting contributes to PATCH /api/rooms/:roomId: its change inside the transaction, its effect after.
import type { UpdateRoomSettingsInput } from "../../../../shared/schemas/room-settings.ts";
import type { Tx } from "../../../data/db.ts";
import type { ServiceContext } from "../../context.ts";

export interface RoomRef {
  roomId: string;
  groupId: string;
}

/** One setting (or a few that only make sense together), applied by update-room-settings.ts in order. */
export interface RoomSettingStep {
  /**
   * Writes this step's part of `input` in the transaction, as of `now`; false when the input names none of its
   * fields (or changes nothing).
   */
  apply(tx: Tx, room: RoomRef, input: UpdateRoomSettingsInput, now: Date): Promise<boolean>;
  /**
   * Runs once the change is committed, when apply() returned true (tell live connections, say); the answer waits
   * for it. `change` is who asked for what.
   */
  afterCommit?(
    ctx: ServiceContext,
    room: RoomRef,
    change: { actorId: string; input: UpdateRoomSettingsInput },
  ): void | Promise<void>;
}
