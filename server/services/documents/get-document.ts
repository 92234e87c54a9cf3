// One document with the list of its versions.
import type { ServiceContext } from "../context.ts";
import { authorizeDocument } from "./load-document-actor.ts";

export async function getDocument(ctx: ServiceContext, userId: string, documentId: string) {
  await authorizeDocument(ctx, userId, documentId, "document.read");
  return ctx.prisma.document.findUniqueOrThrow({
    where: { id: documentId },
    select: {
      id: true,
      groupId: true,
      title: true,
      author: true,
      createdAt: true,
      versions: {
        orderBy: { number: "asc" },
        select: {
          number: true,
          format: true,
          sha256: true,
          createdAt: true,
          report: true,
          _count: { select: { blocks: true } },
        },
      },
    },
  });
}
