// Uploads a new document: imports the text off the event loop, then stores document, version 1 and blocks at once.
import type { ImportCorrection } from "../../../shared/schemas/documents.ts";
import { correctImport } from "../../domain/import/corrections.ts";
import type { ImportResult } from "../../domain/import/import-text.ts";
import { authorize } from "../../domain/policies.ts";
import { inSqlTransaction } from "../../data/db.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "../groups/load-actor.ts";
import type { ImportInput } from "./import-job.ts";
import type { ImportProgressListener } from "./import-runner.ts";
import { storeNewDocument } from "./store-import.ts";

/** An uploaded text, or file, with the title and author given with it. */
export type UploadedText = ImportInput;

/**
 * The import named after its file (`upload.fileTitle`) when neither the upload nor the text gives a title: the text
 * stays as it is (no title block is added), only the document is named.
 */
export function withFileTitle(imported: ImportResult, upload: UploadedText): ImportResult {
  const untitled = !upload.title && !imported.document.blocks.some((block) => block.kind === "title");
  if (!untitled || !upload.fileTitle) return imported;
  return { ...imported, document: { ...imported.document, title: upload.fileTitle } };
}

/** Throws unless the user may upload documents to the group (its owners and instructors); 404 for outsiders. */
export async function authorizeDocumentUpload(ctx: ServiceContext, userId: string, groupId: string) {
  authorize(await loadActor(ctx, groupId, userId), "document.create");
}

export async function importDocument(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  upload: UploadedText,
  /** The uploader's corrections to the import (as previewed), stored with the version. */
  corrections: readonly ImportCorrection[] = [],
  /** Hears how far the import has got. */
  onProgress?: ImportProgressListener,
) {
  await authorizeDocumentUpload(ctx, userId, groupId);
  const imported = withFileTitle(
    correctImport(await ctx.importer.run(upload, onProgress), corrections),
    upload,
  );
  const stored = await inSqlTransaction(ctx.db, (tx) =>
    storeNewDocument(tx, {
      groupId,
      // The import's own title and author: the given ones, cleaned as the text is (import-text.ts).
      title: imported.document.title,
      author: imported.document.author,
      source: upload.source,
      corrections,
      imported,
      createdById: userId,
    }),
  );
  return { ...stored, blockCount: imported.document.blocks.length };
}
