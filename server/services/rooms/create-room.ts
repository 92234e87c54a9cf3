// Attaches a document (at a version, by default its latest) to a group: the group's room for reading it.
import { AppError, notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction, isUniqueViolation } from "../../data/db.ts";
import { findDocumentAccess, findVersion } from "../../data/documents.ts";
import { findRoomId, insertRoom, loadRoomSummary } from "../../data/rooms.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "../groups/load-actor.ts";

/** The group's room on the document (created: false when it had one already), as the API shows a room. */
export async function createRoom(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  input: { documentId: string; version?: number | undefined },
) {
  authorize(await loadActor(ctx, groupId, userId), "room.create");
  const access = await findDocumentAccess(ctx.db, input.documentId, userId);
  if (!access?.anyRole || access.removed) throw notFound("Document");
  const version = await findVersion(ctx.db, input.documentId, input.version);
  if (!version) throw new AppError("not_found", `Version ${input.version} of this document was not found.`);
  const existingId = await findRoomId(ctx.db, groupId, input.documentId);
  if (existingId) return { room: await loadRoomSummary(ctx.db, existingId), created: false };
  let roomId: string;
  try {
    roomId = await inTransaction(ctx.db, async (tx) => {
      const id = await insertRoom(tx, {
        groupId,
        documentId: input.documentId,
        versionId: version.id,
        createdById: userId,
      });
      await recordAudit(tx, {
        groupId,
        actorId: userId,
        action: "room.created",
        targetId: id,
        details: { documentId: input.documentId, version: version.number },
      });
      return id;
    });
  } catch (error) {
    // Another request attached the same document meanwhile (the group's room on a document is unique): answer
    // with its room, as for any repeated attach.
    const raced = isUniqueViolation(error) ? await findRoomId(ctx.db, groupId, input.documentId) : undefined;
    if (!raced) throw error;
    return { room: await loadRoomSummary(ctx.db, raced), created: false };
  }
  return { room: await loadRoomSummary(ctx.db, roomId), created: true };
}
