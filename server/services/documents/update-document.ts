// Renames a text (title, author); owners and instructors of the group that uploaded it. Audited.
import type { UpdateDocumentInput } from "../../../shared/schemas/document-api.ts";
import { notFound } from "../../domain/app-error.ts";
import { recordAudit } from "../../data/audit.ts";
import { inTransaction } from "../../data/db.ts";
import { findDocument, updateDocumentFields } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";
import { authorizeDocument } from "./load-document-actor.ts";

/** The text with its new title or author; an empty author clears it. */
export async function updateDocument(
  ctx: ServiceContext,
  userId: string,
  documentId: string,
  input: UpdateDocumentInput,
) {
  const access = await authorizeDocument(ctx, userId, documentId, "document.manage");
  if (access.removed) throw notFound("Document");
  const before = await findDocument(ctx.db, documentId);
  return inTransaction(ctx.db, async (tx) => {
    const updated = await updateDocumentFields(tx, documentId, {
      title: input.title,
      author: input.author === undefined ? undefined : input.author || null,
    });
    await recordAudit(tx, {
      groupId: access.groupId,
      actorId: userId,
      action: "document.renamed",
      targetId: documentId,
      details: {
        from: { title: before?.title, author: before?.author ?? null },
        to: { title: updated.title, author: updated.author },
      },
    });
    return updated;
  });
}
