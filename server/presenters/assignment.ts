// A room's archive mark and assignment → RoomStateDto, and participation snapshots → SnapshotDto, times in the
// group's zone.
import type {
  ParticipationRow,
  RoomStateDto,
  SnapshotDto,
  ZonedTime,
} from "../../shared/schemas/assignments.ts";
import { instantToLocal } from "../../shared/time-zone.ts";
import type { RoomState, SnapshotRow } from "../data/assignments.ts";

/** An instant with the same as the group's clocks show it. */
export const presentZoned = (at: Date, timeZone: string): ZonedTime => ({
  at: at.toISOString(),
  local: instantToLocal(at, timeZone),
});

/** `manager`: the viewer sets assignments (sees everyone's extensions); others see only their own. */
export function presentRoomState(
  state: RoomState,
  viewer: { userId: string; manager: boolean },
): RoomStateDto {
  const { timeZone } = state.group;
  const assignment = state.assignment;
  const mine = assignment?.extensions.find((entry) => entry.userId === viewer.userId);
  return {
    archived: state.archivedAt !== null,
    archivedAt: state.archivedAt?.toISOString() ?? null,
    timeZone,
    assignment: assignment && {
      instructions: assignment.instructions,
      opensAt: assignment.opensAt && presentZoned(assignment.opensAt, timeZone),
      dueAt: presentZoned(assignment.dueAt, timeZone),
      timeZone,
      myExtension: mine ? presentZoned(mine.dueAt, timeZone) : null,
      ...(viewer.manager
        ? {
            extensions: assignment.extensions.map((entry) => ({
              userId: entry.userId,
              displayName: entry.user.displayName,
              dueAt: presentZoned(entry.dueAt, timeZone),
            })),
          }
        : {}),
    },
  };
}

export function presentSnapshot(row: SnapshotRow, timeZone: string): SnapshotDto {
  return {
    id: row.id,
    takenAt: presentZoned(row.takenAt, timeZone),
    takenBy: row.takenBy && { id: row.takenBy.id, name: row.takenBy.displayName },
    dueAt: row.dueAt && presentZoned(row.dueAt, timeZone),
    rows: row.rows as ParticipationRow[],
  };
}
