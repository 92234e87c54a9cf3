// Uploads a new version of a document; an identical text creates nothing and says which version it matches.
import { findVersionBySha } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";
import type { UploadedText } from "./import-document.ts";
import { authorizeDocument } from "./load-document-actor.ts";
import { sha256Of, storeNextVersion } from "./store-import.ts";

export async function addVersion(
  ctx: ServiceContext,
  userId: string,
  documentId: string,
  upload: UploadedText,
) {
  const access = await authorizeDocument(ctx, userId, documentId, "document.version.create");
  // Answer a re-upload at once, without running the import.
  const identical = await findVersionBySha(ctx.sql, documentId, sha256Of(upload.source));
  if (identical) return { created: false as const, version: identical };
  const imported = await ctx.importer.run(upload);
  const stored = await storeNextVersion(ctx.sql, {
    documentId,
    groupId: access.groupId,
    source: upload.source,
    imported,
    createdById: userId,
  });
  return stored.created
    ? { ...stored, blockCount: imported.document.blocks.length, report: imported.report }
    : stored;
}
