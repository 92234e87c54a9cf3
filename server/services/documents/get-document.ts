// One document with the list of its versions.
import { loadDocumentDetail } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";
import { authorizeDocument } from "./load-document-actor.ts";

export async function getDocument(ctx: ServiceContext, userId: string, documentId: string) {
  await authorizeDocument(ctx, userId, documentId, "document.read");
  return loadDocumentDetail(ctx.db, documentId);
}
