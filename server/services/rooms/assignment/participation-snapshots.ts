// Participation snapshots (owners and instructors): each member's threads, replies and late ones, counted and kept.
import { limits } from "../../../../shared/limits.ts";
import {
  countParticipation,
  countSnapshots,
  findSnapshot,
  insertSnapshot,
  listSnapshots,
  loadRoomState,
} from "../../../data/assignments.ts";
import { recordAudit } from "../../../data/audit.ts";
import { inTransaction } from "../../../data/db.ts";
import { findRole } from "../../../data/memberships.ts";
import { lockRoomSettings } from "../../../data/rooms.ts";
import { AppError, notFound } from "../../../domain/app-error.ts";
import { neverLateRoles } from "../../../domain/assignments.ts";
import { authorize } from "../../../domain/policies.ts";
import type { ServiceContext } from "../../context.ts";
import { loadRoomActor } from "../../threads/load-room-actor.ts";

/**
 * Counts now and keeps the figures, so that the record at the deadline does not change as people go on writing
 * (or delete). Allowed in an archived room: it reads the discussion, it does not change it.
 */
export async function takeSnapshot(ctx: ServiceContext, userId: string, roomId: string) {
  return inTransaction(ctx.db, async (tx) => {
    const room = await lockRoomSettings(tx, roomId);
    if (!room) throw notFound("Room");
    authorize({ userId, role: await findRole(tx, room.groupId, userId) }, "room.assignment.manage");
    if ((await countSnapshots(tx, roomId)) >= limits.snapshotsPerRoom) {
      throw new AppError(
        "conflict",
        `This room has ${limits.snapshotsPerRoom} participation snapshots, the most it keeps.`,
      );
    }
    const state = (await loadRoomState(tx, roomId))!;
    const rows = (await countParticipation(tx, roomId, neverLateRoles())).map((row) => ({
      ...row,
      dueAt: row.dueAt?.toISOString() ?? null,
    }));
    const snapshot = await insertSnapshot(tx, {
      roomId,
      takenById: userId,
      takenAt: ctx.now(),
      dueAt: state.assignment?.dueAt ?? null,
      rows,
    });
    await recordAudit(tx, {
      groupId: room.groupId,
      actorId: userId,
      action: "assignment.snapshot_taken",
      targetId: snapshot.id,
      details: { roomId },
    });
    return { snapshot, timeZone: state.group.timeZone };
  });
}

/** The room's snapshots, newest first, with the group's time zone to show them in. */
export async function listRoomSnapshots(ctx: ServiceContext, userId: string, roomId: string) {
  const timeZone = await authorizeReading(ctx, userId, roomId);
  return { snapshots: await listSnapshots(ctx.db, roomId), timeZone };
}

export async function loadRoomSnapshot(
  ctx: ServiceContext,
  userId: string,
  roomId: string,
  snapshotId: string,
) {
  const timeZone = await authorizeReading(ctx, userId, roomId);
  const snapshot = await findSnapshot(ctx.db, roomId, snapshotId);
  if (!snapshot) throw notFound("Snapshot");
  return { snapshot, timeZone };
}

async function authorizeReading(ctx: ServiceContext, userId: string, roomId: string): Promise<string> {
  authorize(await loadRoomActor(ctx, roomId, userId), "room.assignment.manage");
  const state = await loadRoomState(ctx.db, roomId);
  if (!state) throw notFound("Room");
  return state.group.timeZone;
}
