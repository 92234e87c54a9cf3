// Uploads a new document: imports the text off the event loop, then stores document, version 1 and blocks at once.
import type { ImportFormat } from "../../../shared/schemas/documents.ts";
import { authorize } from "../../domain/policies.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "../groups/load-actor.ts";
import { storeNewDocument } from "./store-import.ts";

export interface UploadedText {
  source: string;
  format: ImportFormat;
  title: string | undefined;
  author: string | undefined;
}

export async function importDocument(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  upload: UploadedText,
) {
  authorize(await loadActor(ctx, groupId, userId), "document.create");
  const imported = await ctx.importer.run(upload);
  const stored = await ctx.prisma.$transaction(
    (tx) =>
      storeNewDocument(tx, {
        groupId,
        title: upload.title ?? imported.document.title,
        author: upload.author ?? imported.document.author,
        source: upload.source,
        imported,
        createdById: userId,
      }),
    { timeout: 60_000 },
  );
  return { ...stored, blockCount: imported.document.blocks.length };
}
