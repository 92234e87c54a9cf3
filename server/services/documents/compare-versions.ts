// Compares two versions of a document block by block, for the history's comparison view.
import type { VersionComparisonDto } from "../../../shared/schemas/document-api.ts";
import { notFound } from "../../domain/app-error.ts";
import { compareVersions } from "../../domain/anchoring/version-comparison.ts";
import { findVersion, loadBlocks } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";
import { authorizeDocument } from "./load-document-actor.ts";

/**
 * How version `to` of a document differs from version `from` (either may be the older; the same one compares
 * equal). Needs `document.read`; throws 404 naming the version that does not exist.
 */
export async function compareDocumentVersions(
  ctx: ServiceContext,
  userId: string,
  documentId: string,
  from: number,
  to: number,
): Promise<VersionComparisonDto> {
  await authorizeDocument(ctx, userId, documentId, "document.read");
  const [older, newer] = await Promise.all([
    findVersion(ctx.db, documentId, from),
    findVersion(ctx.db, documentId, to),
  ]);
  if (!older) throw notFound(`Version ${from} of this document`);
  if (!newer) throw notFound(`Version ${to} of this document`);
  const [oldBlocks, newBlocks] = await Promise.all([
    loadBlocks(ctx.db, older.id),
    loadBlocks(ctx.db, newer.id),
  ]);
  return compareVersions(oldBlocks, newBlocks, from, to);
}
