// Removes a text softly: it and its rooms leave every list; the discussion stays for owners and instructors to
// read and export (rooms of a removed text answer 404 to everyone else). Audited.
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { markDocumentRemoved } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";
import { authorizeDocument } from "./load-document-actor.ts";

/** Marks the text removed; removing it again changes nothing. 404 for readers outside, 403 for learners. */
export async function removeDocument(ctx: ServiceContext, userId: string, documentId: string) {
  const access = await authorizeDocument(ctx, userId, documentId, "document.manage");
  await inTransaction(ctx.db, async (tx) => {
    if (!(await markDocumentRemoved(tx, documentId, ctx.now()))) return;
    await recordAudit(tx, {
      groupId: access.groupId,
      actorId: userId,
      action: "document.removed",
      targetId: documentId,
    });
  });
}
