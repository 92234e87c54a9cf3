// Uploads a new version of a document; an identical text creates nothing and says which version it matches.
import { recordAudit } from "../../data/audit.ts";
import { findLatestVersion, findVersionBySha, insertVersion, loadBlocks } from "../../data/documents.ts";
import { mapVersionBlocks } from "../../domain/import/version-mapping.ts";
import type { ServiceContext } from "../context.ts";
import { sha256Of, type UploadedText } from "./import-document.ts";
import { authorizeDocument } from "./load-document-actor.ts";

export async function addVersion(
  ctx: ServiceContext,
  userId: string,
  documentId: string,
  upload: UploadedText,
) {
  const access = await authorizeDocument(ctx, userId, documentId, "document.version.create");
  const sha256 = sha256Of(upload.source);
  const identical = await findVersionBySha(ctx.prisma, documentId, sha256);
  if (identical) return { created: false as const, version: identical };

  const previous = await findLatestVersion(ctx.prisma, documentId);
  const [imported, previousBlocks] = await Promise.all([
    ctx.importer.run(upload),
    previous ? loadBlocks(ctx.prisma, previous.id) : Promise.resolve([]),
  ]);
  const mapping = previous ? mapVersionBlocks(previousBlocks, imported.document.blocks) : undefined;
  return ctx.prisma.$transaction(
    async (tx) => {
      // Serialise concurrent uploads to one document so version numbers stay dense and the sha check holds.
      await tx.$queryRaw`SELECT id FROM "Document" WHERE id = ${documentId}::uuid FOR UPDATE`;
      const raced = await findVersionBySha(tx, documentId, sha256);
      if (raced) return { created: false as const, version: raced };
      const latest = await findLatestVersion(tx, documentId);
      const version = await insertVersion(tx, {
        documentId,
        number: (latest?.number ?? 0) + 1,
        format: imported.report.format,
        sourceText: upload.source,
        normalizedText: imported.normalizedText,
        sha256,
        report: imported.report,
        // Computed against the version that was latest before the import; recomputed only if another upload won.
        mapping:
          latest?.id === previous?.id
            ? mapping
            : mapVersionBlocks(await loadBlocks(tx, latest!.id), imported.document.blocks),
        createdById: userId,
        blocks: imported.document.blocks,
      });
      await recordAudit(tx, {
        groupId: access.groupId,
        actorId: userId,
        action: "document.version_added",
        targetId: documentId,
        details: { number: version.number, blocks: imported.document.blocks.length },
      });
      return {
        created: true as const,
        version,
        blockCount: imported.document.blocks.length,
        report: imported.report,
      };
    },
    { timeout: 60_000 },
  );
}
