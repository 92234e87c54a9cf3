// Which version of its text a room reads, as its document says: what thread anchors are checked against.
import { RoomDoc, type RoomScope } from "../../../shared/room-doc.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { RoomActor } from "./load-room-actor.ts";

/** A version of the room's document. */
export interface RoomVersion {
  id: string;
  number: number;
}

/**
 * The version `doc` says its room reads: its version record, which every move puts; a room never moved has none
 * and reads the version it was created with, which is the one `actor` was loaded with (the actor cache may be a
 * few seconds old, and only a move changes the version, so the record settles it once there was one).
 */
export function versionOf(doc: RoomDoc, actor: RoomActor): RoomVersion {
  const record = doc.roomVersion();
  return record
    ? { id: record.id, number: record.number }
    : { id: actor.room.versionId, number: actor.room.versionNumber };
}

/** versionOf the room's committed `scope` document: what a mutation prepares its anchor against. */
export async function roomVersionNow(
  ctx: ServiceContext,
  actor: RoomActor,
  scope: RoomScope,
): Promise<RoomVersion> {
  return versionOf(new RoomDoc((await ctx.rooms.open(actor.room.id, scope)).committed), actor);
}

/** Thrown inside a mutation whose anchor was prepared against a version the room has since moved from. */
export class RoomVersionMoved extends AppError {
  constructor(readonly version: RoomVersion) {
    super(
      "conflict",
      `The room moved to version ${version.number} of its text while this was being sent; nothing was changed. ` +
        "Send it again.",
    );
  }
}

/** Throws RoomVersionMoved unless `doc` (inside a mutation) still reads `prepared`. */
export function assertStillReads(doc: RoomDoc, actor: RoomActor, prepared: RoomVersion): void {
  const now = versionOf(doc, actor);
  if (now.id !== prepared.id) throw new RoomVersionMoved(now);
}
