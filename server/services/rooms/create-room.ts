// Attaches a document (at a version, by default its latest) to a group: the group's room for reading it.
import { AppError, notFound } from "../../domain/app-error.ts";
import { authorize } from "../../domain/policies.ts";
import { recordAudit } from "../../data/audit.ts";
import { findDocumentAccess } from "../../data/documents.ts";
import type { ServiceContext } from "../context.ts";
import { loadActor } from "../groups/load-actor.ts";

export async function createRoom(
  ctx: ServiceContext,
  userId: string,
  groupId: string,
  input: { documentId: string; version?: number | undefined },
) {
  authorize(await loadActor(ctx, groupId, userId), "room.create");
  const access = await findDocumentAccess(ctx.prisma, input.documentId, userId);
  if (!access?.anyRole) throw notFound("Document");
  const version = await ctx.prisma.documentVersion.findFirst({
    where: { documentId: input.documentId, ...(input.version ? { number: input.version } : {}) },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  if (!version) throw new AppError("not_found", `Version ${input.version} of this document was not found.`);
  const existing = await ctx.prisma.room.findUnique({
    where: { groupId_documentId: { groupId, documentId: input.documentId } },
  });
  if (existing) return { room: existing, created: false };
  const room = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.room.create({
      data: { groupId, documentId: input.documentId, versionId: version.id, createdById: userId },
    });
    await recordAudit(tx, {
      groupId,
      actorId: userId,
      action: "room.created",
      targetId: created.id,
      details: { documentId: input.documentId, version: version.number },
    });
    return created;
  });
  return { room, created: true };
}
