// Uploads a new document: imports the text off the event loop, then stores document, version 1 and blocks at once.
import { createHash } from "node:crypto";
import type { ImportFormat } from "../../../shared/schemas/documents.ts";
import { authorize } from "../../domain/policies.ts";
import { recordAudit } from "../../data/audit.ts";
import { insertVersion } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "../groups/load-actor.ts";

export interface UploadedText {
  source: string;
  format: ImportFormat;
  title: string | undefined;
  author: string | undefined;
}

export function sha256Of(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export async function importDocument(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  upload: UploadedText,
) {
  authorize(await loadActor(ctx, groupId, userId), "document.create");
  const imported = await ctx.importer.run(upload);
  const title = upload.title ?? imported.document.title;
  const author = upload.author ?? imported.document.author;
  return ctx.prisma.$transaction(
    async (tx) => {
      const document = await tx.document.create({ data: { groupId, title, author, createdById: userId } });
      const version = await insertVersion(tx, {
        documentId: document.id,
        number: 1,
        format: imported.report.format,
        sourceText: upload.source,
        normalizedText: imported.normalizedText,
        sha256: sha256Of(upload.source),
        report: imported.report,
        mapping: undefined,
        createdById: userId,
        blocks: imported.document.blocks,
      });
      await recordAudit(tx, {
        groupId,
        actorId: userId,
        action: "document.created",
        targetId: document.id,
        details: { title, blocks: imported.document.blocks.length },
      });
      return { document, version, blockCount: imported.document.blocks.length, created: true };
    },
    { timeout: 60_000 },
  );
}
