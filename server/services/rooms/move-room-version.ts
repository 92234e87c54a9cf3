// Moves a room to another version of its text (owners and instructors): the room's version and every thread's
// anchor change together, in both of the room's documents and in the rows, in one commit.
import { setImmediate } from "node:timers/promises";
import type { RoomDoc } from "../../../shared/room-doc.ts";
import { roomScopes, type RoomScope, type ThreadRecord } from "../../../shared/room-doc.ts";
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
import { loadMappableBlocks, type MappableBlockRow } from "../../data/documents.ts";
import { AppError, notFound } from "../../domain/app-error.ts";
import { assertNotArchived } from "../../domain/assignments.ts";
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadRoomActor } from "../threads/load-room-actor.ts";
import { runAcrossScopes } from "../threads/run-across-scopes.ts";
import { reanchorInWorker, type ReanchorJob } from "./reanchor-job.ts";

/** How many of the room's threads (both scopes, deleted and hidden ones too) kept, moved or lost their passage. */
export interface MovedThreadCounts {
  unchanged: number;
  moved: number;
  detached: number;
}

/** Also what a move finds when another move to the same version got there first. */
const alreadyReads = (version: number) =>
  new AppError("conflict", `This room already reads version ${version} of its text.`);

const movedMeanwhile = () =>
  new AppError(
    "conflict",
    "The room moved to another version while this move was being prepared; nothing was changed. Reload and try again.",
  );

/**
 * Moves room `roomId` to version `input.version` of its document and re-anchors every thread (prepareReanchor,
 * on a worker thread, under both documents' locks): both room documents get the re-anchored thread records and the room's version record
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
  if (input.version === room.versionNumber) throw alreadyReads(input.version);
  const target = await findVersionOfRoomDocument(ctx.db, roomId, input.version);
  if (!target) throw new AppError("not_found", `Version ${input.version} of this room's text was not found.`);
  const movedAt = ctx.now();
  // Loaded before the room's locks are taken, so its mutations wait only for the re-anchoring itself.
  const [roomBlocks, targetBlocks] = await Promise.all([
    loadMappableBlocks(ctx.db, room.versionId),
    loadMappableBlocks(ctx.db, target.id),
  ]);
  const counts = await runAcrossScopes(ctx, roomId, async (docs) => {
    const entries: ThreadEntry[] = [];
    for (const scope of roomScopes) {
      const doc = docs[scope];
      const reads = doc.roomVersion()?.id ?? room.versionId;
      if (reads !== room.versionId)
        throw reads === target.id ? alreadyReads(target.number) : movedMeanwhile();
      entries.push(...(await readThreads(doc, scope, room.versionNumber)));
    }
    const results = await reanchorInWorker(
      await reanchorJob(ctx, roomId, { ...room, blocks: roomBlocks }, targetBlocks, entries),
    );
    // The version first: a reader fetches the new text while the threads arrive.
    for (const scope of roomScopes) {
      const doc = docs[scope];
      doc.doc.transact(() =>
        doc.putRoomVersion({ id: target.id, number: target.number, movedAt: movedAt.toISOString() }),
      );
    }
    const total: MovedThreadCounts = { unchanged: 0, moved: 0, detached: 0 };
    const rows: ThreadAnchorRow[] = [];
    for (let from = 0; from < entries.length; from += writeSlice) {
      await setImmediate();
      transactBoth(docs, () => {
        for (const [offset, entry] of entries.slice(from, from + writeSlice).entries()) {
          const result = results[from + offset]!;
          total[result.status] += 1;
          const next = carryThread(entry.thread, result, {
            fromVersion: entry.version,
            toVersion: target.number,
          });
          if (!next) continue;
          docs[entry.scope].putThread(next);
          rows.push(anchorRow(next));
        }
      });
    }
    return {
      response: total,
      persist: async (tx) => {
        // Under the room row's lock: a room archived or moved while this was prepared refuses the whole move.
        const locked = await lockRoomVersionState(tx, roomId);
        if (!locked) throw notFound("Room");
        assertNotArchived(locked);
        if (locked.versionId !== room.versionId) {
          throw locked.versionId === target.id ? alreadyReads(target.number) : movedMeanwhile();
        }
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

/** A thread of one of the room's documents, with the number of the version its anchor is on. */
interface ThreadEntry {
  scope: RoomScope;
  thread: Readonly<ThreadRecord>;
  version: number;
}

/**
 * Records read, and re-anchored records written, per slice before the event loop gets a turn: parsing or writing
 * a thousand records at once holds it for tens of milliseconds.
 */
const readSlice = 250;
const writeSlice = 100;

/** Runs `work` inside one Yjs transaction on each of the room's documents. */
function transactBoth(docs: Record<RoomScope, RoomDoc>, work: () => void): void {
  docs.group.doc.transact(() => docs.instructors.doc.transact(work));
}

/** Every thread record of `doc` (deleted and hidden ones too), read in slices that let the event loop breathe. */
async function readThreads(doc: RoomDoc, scope: RoomScope, roomVersion: number): Promise<ThreadEntry[]> {
  const entries: ThreadEntry[] = [];
  const keys = [...doc.threads.keys()];
  for (let from = 0; from < keys.length; from += readSlice) {
    if (from > 0) await setImmediate();
    for (const key of keys.slice(from, from + readSlice)) {
      const thread = doc.threads.get(key);
      if (thread) entries.push({ scope, thread, version: anchorVersionOf(thread, roomVersion) });
    }
  }
  return entries;
}

/**
 * The worker's job: the target version's blocks, and those of every version the threads' anchors are on (the
 * room's, loaded already, and those detached threads were left on by earlier moves). An anchor on a version the document no
 * longer has is re-anchored from the room's version.
 */
async function reanchorJob(
  ctx: ServiceContext,
  roomId: string,
  room: { versionNumber: number; blocks: MappableBlockRow[] },
  target: MappableBlockRow[],
  entries: ThreadEntry[],
): Promise<ReanchorJob> {
  const sources = [{ version: room.versionNumber, blocks: room.blocks }];
  for (const number of new Set(entries.map((entry) => entry.version))) {
    if (number === room.versionNumber) continue;
    const version = await findVersionOfRoomDocument(ctx.db, roomId, number);
    if (version) sources.push({ version: number, blocks: await loadMappableBlocks(ctx.db, version.id) });
  }
  const known = new Set(sources.map((source) => source.version));
  for (const entry of entries) if (!known.has(entry.version)) entry.version = room.versionNumber;
  return {
    target,
    sources,
    anchors: entries.map((entry) => ({ version: entry.version, anchor: entry.thread.anchor })),
  };
}

function anchorRow(thread: ThreadRecord): ThreadAnchorRow {
  return {
    id: thread.id,
    anchor: thread.anchor,
    anchorStatus: thread.anchorStatus ?? "unchanged",
    anchorChange: thread.anchorChange ?? null,
  };
}
