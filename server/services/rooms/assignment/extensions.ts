// Per-student extensions of a room's assignment (owners and instructors): a later due date for one member.
import type { ExtensionInput } from "../../../../shared/schemas/assignments.ts";
import { instantToLocal } from "../../../../shared/time-zone.ts";
import { recordAudit } from "../../../data/audit.ts";
import { inTransaction, type Tx } from "../../../data/db.ts";
import { deleteExtension, loadRoomState, upsertExtension } from "../../../data/assignments.ts";
import { findRole } from "../../../data/memberships.ts";
import { lockRoomSettings } from "../../../data/rooms.ts";
import { AppError, notFound } from "../../../domain/app-error.ts";
import { assertNotArchived } from "../../../domain/assignments.ts";
import { authorize } from "../../../domain/policies.ts";
import type { ServiceContext } from "../../context.ts";
import { remarkLate } from "./mark-late.ts";
import { toInstant } from "./zoned-input.ts";

/**
 * Gives `memberId` the due date `input.dueAt` (group time zone), replacing any earlier extension. An extension only
 * lengthens: a date not after the assignment's due date is refused (400 naming dueAt).
 */
export async function grantExtension(
  ctx: ServiceContext,
  userId: string,
  roomId: string,
  memberId: string,
  input: ExtensionInput,
) {
  await changeExtension(ctx, userId, roomId, memberId, async (tx, timeZone, assignmentDueAt) => {
    const dueAt = toInstant(input.dueAt, timeZone, "dueAt");
    if (dueAt <= assignmentDueAt) {
      const message = `must be after the assignment's due date, ${instantToLocal(assignmentDueAt, timeZone)}`;
      throw new AppError("validation_failed", `dueAt ${message}.`, [{ field: "dueAt", message }]);
    }
    await upsertExtension(tx, roomId, memberId, dueAt);
    return { action: "assignment.extension_granted", details: { dueAt: dueAt.toISOString() } };
  });
}

/** Takes `memberId`'s extension back: the assignment's due date applies to them again. 404 if they had none. */
export async function revokeExtension(ctx: ServiceContext, userId: string, roomId: string, memberId: string) {
  await changeExtension(ctx, userId, roomId, memberId, async (tx) => {
    if (!(await deleteExtension(tx, roomId, memberId))) throw notFound("Extension");
    return { action: "assignment.extension_revoked", details: {} };
  });
}

type Change = (
  tx: Tx,
  timeZone: string,
  assignmentDueAt: Date,
) => Promise<{ action: string; details: Record<string, unknown> }>;

async function changeExtension(
  ctx: ServiceContext,
  userId: string,
  roomId: string,
  memberId: string,
  change: Change,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const room = await lockRoomSettings(tx, roomId);
    if (!room) throw notFound("Room");
    authorize({ userId, role: await findRole(tx, room.groupId, userId) }, "room.assignment.manage");
    const state = (await loadRoomState(tx, roomId))!;
    assertNotArchived(state);
    if (!state.assignment) {
      throw new AppError("conflict", "This room has no assignment; set one before granting extensions.");
    }
    if (!(await findRole(tx, room.groupId, memberId))) throw notFound("Member");
    const { action, details } = await change(tx, state.group.timeZone, state.assignment.dueAt);
    await recordAudit(tx, {
      groupId: room.groupId,
      actorId: userId,
      action,
      targetId: memberId,
      details: { roomId, ...details },
    });
  });
  await remarkLate(ctx, roomId, userId);
}
