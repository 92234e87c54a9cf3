// Imports an upload the way publishing it would (corrections applied) and answers the result, storing nothing.
import type { ImportCorrection } from "../../../shared/schemas/documents.ts";
import type { UploadPreviewDto } from "../../../shared/schemas/document-api.ts";
import { correctImport } from "../../domain/import/corrections.ts";
import type { ServiceContext } from "../context.ts";
import type { UploadedText } from "./import-document.ts";
import type { ImportProgressListener } from "./import-runner.ts";

/**
 * The blocks and report an upload would be stored with. The caller authorizes first, as for the upload itself;
 * throws the import's errors, and a 400 for a correction that does not apply.
 */
export async function previewImport(
  ctx: ServiceContext,
  upload: UploadedText,
  corrections: readonly ImportCorrection[],
  /** Hears how far the import has got. */
  onProgress?: ImportProgressListener,
): Promise<UploadPreviewDto> {
  const imported = correctImport(await ctx.importer.run(upload, onProgress), corrections);
  const { title, author, blocks } = imported.document;
  return { preview: true, document: { title, author }, blocks, report: imported.report };
}
