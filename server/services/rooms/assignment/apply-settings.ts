// The assignment and archive settings of a room, written inside the transaction that changes the room's settings.
import type { AssignmentInput } from "../../../../shared/schemas/assignments.ts";
import { assertNotArchived } from "../../../domain/assignments.ts";
import {
  deleteAssignment,
  loadRoomState,
  setArchivedAt,
  upsertAssignment,
} from "../../../data/assignments.ts";
import type { Tx } from "../../../data/db.ts";
import { toInstant } from "./zoned-input.ts";

export interface AssignmentSettings {
  /** The room's assignment, entered in the group's time zone; null removes it (and its extensions). */
  assignment?: AssignmentInput | null | undefined;
  /** true archives the room (read-only, still exportable), false reopens it. */
  archived?: boolean | undefined;
}

/**
 * Applies `input` to the locked room at `now`; returns what changed. Reopening comes first and archiving last, so
 * that one request may reopen a room and change its assignment, while an archived room's assignment is refused
 * (409) like any other change to it.
 */
export async function applyAssignmentSettings(tx: Tx, roomId: string, input: AssignmentSettings, now: Date) {
  const state = (await loadRoomState(tx, roomId))!;
  let archivedAt = state.archivedAt;
  const changed = { assignment: false, archived: false };
  if (input.archived === false && archivedAt) {
    archivedAt = null;
    changed.archived = true;
  }
  if (input.assignment !== undefined) {
    assertNotArchived({ archivedAt });
    const { timeZone } = state.group;
    if (input.assignment === null) changed.assignment = await deleteAssignment(tx, roomId);
    else {
      const { opensAt } = input.assignment;
      await upsertAssignment(tx, roomId, {
        instructions: input.assignment.instructions,
        opensAt: opensAt === null ? null : toInstant(opensAt, timeZone, "assignment.opensAt"),
        dueAt: toInstant(input.assignment.dueAt, timeZone, "assignment.dueAt"),
      });
      changed.assignment = true;
    }
  }
  // Archiving an archived room keeps the time it was first archived.
  if (input.archived === true && !archivedAt) {
    archivedAt = now;
    changed.archived = true;
  }
  if (changed.archived) await setArchivedAt(tx, roomId, archivedAt);
  return changed;
}
