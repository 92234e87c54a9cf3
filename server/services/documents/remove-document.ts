// Removes a text softly: it and its rooms leave every list; the discussion stays for owners and instructors to
// read and export (rooms of a removed text answer 404 to everyone else). Audited.
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { markDocumentRemoved } from "../../data/documents.ts";
import { listGroupsReading } from "../../data/rooms.ts";
import type { ServiceContext } from "../context.ts";
import { authorizeDocument } from "./load-document-actor.ts";

/** Marks the text removed; removing it again changes nothing. 404 for readers outside, 403 for learners. */
export async function removeDocument(ctx: ServiceContext, userId: string, documentId: string) {
  const access = await authorizeDocument(ctx, userId, documentId, "document.manage");
  const removed = await inTransaction(ctx.db, async (tx) => {
    if (!(await markDocumentRemoved(tx, documentId, ctx.now()))) return false;
    await recordAudit(tx, {
      groupId: access.groupId,
      actorId: userId,
      action: "document.removed",
      targetId: documentId,
    });
    return true;
  });
  // After the commit, so that the checks it sets off read the removal.
  if (!removed) return;
  for (const groupId of await listGroupsReading(ctx.db, documentId))
    ctx.access.emit("group-access-changed", groupId);
}
