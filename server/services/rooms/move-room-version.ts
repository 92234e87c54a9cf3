// Moves a room to another version of its text (owners and instructors): the room's version and every thread's
// anchor change together, in both of the room's documents and in the rows, in one commit.
import { RoomDoc, roomScopes, type ThreadRecord } from "../../../shared/room-doc.ts";
import type { MoveRoomVersionInput } from "../../../shared/schemas/room-version.ts";
import { insertAuditEvent } from "../../data/audit.ts";
import { updateThreadAnchors, type ThreadAnchorRow } from "../../data/discussion-rows.ts";
import {
  findRoomVersionState,
  findVersionOfRoomDocument,
  loadRoomSummary,
  lockRoomVersionState,
  setRoomVersion,
} from "../../data/rooms.ts";
import { anchorVersionOf, carryThread } from "../../domain/anchoring/carry-thread.ts";
import type { Reanchorer } from "../../domain/anchoring/reanchor.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import { assertNotArchived } from "../../domain/assignments.ts";
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadRoomActor } from "../threads/load-room-actor.ts";
import { runAcrossScopes } from "../threads/run-across-scopes.ts";
import { reanchorerBetween } from "./reanchorers.ts";

/** How many of the room's threads (both scopes, deleted and hidden ones too) kept, moved or lost their passage. */
export interface MovedThreadCounts {
  unchanged: number;
  moved: number;
  detached: number;
}

const movedMeanwhile = () =>
  new AppError(
    "conflict",
    "The room moved to another version while this move was being prepared; nothing was changed. Reload and try again.",
  );

/**
 * Moves room `roomId` to version `input.version` of its document and re-anchors every thread (prepareReanchor,
 * once per version pair): both room documents get the re-anchored thread records and the room's version record
 * (putRoomVersion), and the Thread rows, Room.versionId and an audit event commit with them
 * (runAcrossScopes). Returns the room as the API shows it and the counts of threads by anchor status.
 * Throws not_found (outsiders, a version the document does not have), forbidden (members, observers),
 * room_archived, and conflict when the room already reads that version.
 */
export async function moveRoomVersion(
  ctx: ServiceContext,
  userId: string,
  roomId: string,
  input: MoveRoomVersionInput,
) {
  const actor = await loadRoomActor(ctx, roomId, userId);
  authorize(actor, "room.moveVersion");
  const room = await findRoomVersionState(ctx.db, roomId);
  if (!room) throw notFound("Room");
  assertNotArchived(room);
  if (input.version === room.versionNumber) {
    throw new AppError("conflict", `This room already reads version ${input.version} of its text.`);
  }
  const target = await findVersionOfRoomDocument(ctx.db, roomId, input.version);
  if (!target) throw new AppError("not_found", `Version ${input.version} of this room's text was not found.`);
  const reanchorers = await loadReanchorers(ctx, roomId, room, target.id);
  const movedAt = ctx.now();
  const counts = await runAcrossScopes(ctx, roomId, (docs) => {
    const total: MovedThreadCounts = { unchanged: 0, moved: 0, detached: 0 };
    const rows: ThreadAnchorRow[] = [];
    for (const scope of roomScopes) {
      const doc = docs[scope];
      if ((doc.roomVersion()?.id ?? room.versionId) !== room.versionId) throw movedMeanwhile();
      for (const thread of [...doc.threads.values()]) {
        const next = carry(thread, reanchorers, room.versionNumber, target.number, total);
        if (!next) continue;
        doc.putThread(next);
        rows.push(anchorRow(next));
      }
      doc.putRoomVersion({ id: target.id, number: target.number, movedAt: movedAt.toISOString() });
    }
    return {
      response: total,
      persist: async (tx) => {
        // Under the room row's lock: a room archived or moved while this was prepared refuses the whole move.
        const locked = await lockRoomVersionState(tx, roomId);
        if (!locked) throw notFound("Room");
        assertNotArchived(locked);
        if (locked.versionId !== room.versionId) throw movedMeanwhile();
        await updateThreadAnchors(tx, roomId, rows);
        await setRoomVersion(tx, roomId, target.id);
        await insertAuditEvent(tx, {
          groupId: room.groupId,
          actorId: userId,
          action: "room.version_moved",
          targetId: roomId,
          details: { fromVersion: room.versionNumber, toVersion: target.number, threads: total },
        });
      },
      committedAfterAll: async (db) => (await findRoomVersionState(db, roomId))?.versionId === target.id,
    };
  });
  // Every cached member of the room holds the old version id (thread anchors are validated against it).
  ctx.accessCache.roomActors.deleteWhere((cached) => cached.room.id === roomId);
  return { room: await loadRoomSummary(ctx.db, roomId), threads: counts };
}

/**
 * Re-anchorers onto version `targetId`, by the number of the version an anchor is on: the room's, and the
 * versions that detached threads were left on by earlier moves (read from the committed documents: only a move
 * detaches threads, and one that ran meanwhile makes this move refuse under the locks).
 */
async function loadReanchorers(
  ctx: ServiceContext,
  roomId: string,
  room: { versionId: string; versionNumber: number },
  targetId: string,
): Promise<Map<number, Reanchorer>> {
  const sources = new Map<number, string>([[room.versionNumber, room.versionId]]);
  for (const scope of roomScopes) {
    const doc = new RoomDoc((await ctx.rooms.open(roomId, scope)).committed);
    for (const thread of doc.threads.values()) {
      const number = anchorVersionOf(thread, room.versionNumber);
      if (sources.has(number)) continue;
      const version = await findVersionOfRoomDocument(ctx.db, roomId, number);
      if (version) sources.set(number, version.id);
    }
  }
  const reanchorers = new Map<number, Reanchorer>();
  for (const [number, id] of sources) reanchorers.set(number, await reanchorerBetween(ctx.db, id, targetId));
  return reanchorers;
}

/** The record `thread` becomes (undefined: as it is), counted into `total` by its new anchor status. */
function carry(
  thread: Readonly<ThreadRecord>,
  reanchorers: ReadonlyMap<number, Reanchorer>,
  roomVersion: number,
  targetVersion: number,
  total: MovedThreadCounts,
): ThreadRecord | undefined {
  const fromVersion = anchorVersionOf(thread, roomVersion);
  // A version unknown to loadReanchorers (it no longer exists) leaves the thread re-anchored from the room's version.
  const reanchorer = reanchorers.get(fromVersion) ?? reanchorers.get(roomVersion)!;
  const result = reanchorer.reanchor(thread.anchor);
  total[result.status] += 1;
  return carryThread(thread, result, { fromVersion, toVersion: targetVersion });
}

function anchorRow(thread: ThreadRecord): ThreadAnchorRow {
  return {
    id: thread.id,
    anchor: thread.anchor,
    anchorStatus: thread.anchorStatus ?? "unchanged",
    anchorChange: thread.anchorChange ?? null,
  };
}
