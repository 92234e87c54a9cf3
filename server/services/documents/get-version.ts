// One version of a document with its blocks, its import report and its mapping from the previous version.
import { notFound } from "../../domain/app-error.ts";
import { findVersionDetail, loadBlocks } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";
import { authorizeDocument } from "./load-document-actor.ts";

export async function getVersion(ctx: ServiceContext, userId: string, documentId: string, number: number) {
  await authorizeDocument(ctx, userId, documentId, "document.read");
  const version = await findVersionDetail(ctx.db, documentId, number);
  if (!version) throw notFound(`Version ${number} of this document`);
  return { version, blocks: await loadBlocks(ctx.db, version.id) };
}
