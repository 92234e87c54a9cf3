// Uploads a new version of a document; an identical text creates nothing and says which version it matches.
import { findDocument, findVersionBySha } from "../../data/documents.ts";
import type { ImportCorrection } from "../../../shared/schemas/documents.ts";
import { notFound } from "../../domain/app-error.ts";
import { correctImport } from "../../domain/import/corrections.ts";
import type { ServiceContext } from "../context.ts";
import type { UploadedText } from "./import-document.ts";
import type { ImportProgressListener } from "./import-runner.ts";
import { authorizeDocument } from "./load-document-actor.ts";
import { storeNextVersion, versionKey } from "./store-import.ts";

/** The stored version (created: false for an identical text, with that version), and the document it belongs to. */
export async function addVersion(
  ctx: ServiceContext,
  userId: string,
  documentId: string,
  upload: UploadedText,
  /** The uploader's corrections to the import (as previewed), stored with the version. */
  corrections: readonly ImportCorrection[] = [],
  /** Hears how far the import has got (not called for an identical text, which is not imported). */
  onProgress?: ImportProgressListener,
) {
  const access = await authorizeDocument(ctx, userId, documentId, "document.version.create");
  const stored = await storeVersion(
    ctx,
    { userId, documentId, groupId: access.groupId },
    upload,
    corrections,
    onProgress,
  );
  const document = await findDocument(ctx.db, documentId);
  if (!document) throw notFound("Document");
  return { ...stored, document: { id: document.id, title: document.title, author: document.author } };
}

async function storeVersion(
  ctx: ServiceContext,
  target: { userId: string; documentId: string; groupId: string },
  upload: UploadedText,
  corrections: readonly ImportCorrection[],
  onProgress: ImportProgressListener | undefined,
) {
  // Answer a re-upload at once, without running the import.
  const identical = await findVersionBySha(ctx.db, target.documentId, versionKey(upload.source, corrections));
  if (identical) return { created: false as const, version: identical };
  const imported = correctImport(await ctx.importer.run(upload, onProgress), corrections);
  const stored = await storeNextVersion(ctx.db, {
    documentId: target.documentId,
    groupId: target.groupId,
    source: upload.source,
    corrections,
    imported,
    createdById: target.userId,
  });
  return stored.created
    ? { ...stored, blockCount: imported.document.blocks.length, report: imported.report }
    : stored;
}
