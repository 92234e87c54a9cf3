// Imports an upload the way publishing it would (corrections applied) and answers the result, storing nothing.
import type { ImportCorrection } from "../../../shared/schemas/documents.ts";
import type { UploadPreviewDto } from "../../../shared/schemas/document-api.ts";
import { compareVersions } from "../../domain/anchoring/version-comparison.ts";
import { correctImport } from "../../domain/import/corrections.ts";
import { findLatestVersion, findVersionBySha, loadBlocks } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";
import { withFileTitle, type UploadedText } from "./import-document.ts";
import type { ImportProgressListener } from "./import-runner.ts";
import { versionKey } from "./store-import.ts";

/**
 * The blocks and report an upload would be stored with. The caller authorizes first, as for the upload itself;
 * throws the import's errors, and a 400 for a correction that does not apply. Given `documentId` (a new version of
 * that document), it also answers the comparison with the document's latest version (`mapping`) and, when the
 * upload with these corrections is already stored, that version's number (`identicalTo`).
 */
export async function previewImport(
  ctx: ServiceContext,
  upload: UploadedText,
  corrections: readonly ImportCorrection[],
  /** Hears how far the import has got. */
  onProgress?: ImportProgressListener,
  documentId?: string,
): Promise<UploadPreviewDto> {
  const imported = withFileTitle(
    correctImport(await ctx.importer.run(upload, onProgress), corrections),
    upload,
  );
  const { title, author, blocks } = imported.document;
  const preview: UploadPreviewDto = {
    preview: true,
    document: { title, author },
    blocks,
    report: imported.report,
  };
  if (!documentId) return preview;
  const identical = await findVersionBySha(ctx.db, documentId, versionKey(upload.source, corrections));
  const latest = await findLatestVersion(ctx.db, documentId);
  if (latest)
    preview.mapping = compareVersions(await loadBlocks(ctx.db, latest.id), blocks, latest.number, null);
  if (identical) preview.identicalTo = identical.number;
  return preview;
}
