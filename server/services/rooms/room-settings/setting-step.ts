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
  /** Writes this step's part of `input` in the transaction; false when the input names none of its fields. */
  apply(tx: Tx, room: RoomRef, input: UpdateRoomSettingsInput): Promise<boolean>;
  /** Runs once the change is committed, when apply() returned true (tell live connections, say). */
  afterCommit?(ctx: ServiceContext, room: RoomRef): void;
}
