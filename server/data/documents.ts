// Documents, their immutable versions and blocks, and the rooms that read them.
import type { Block, ImportReport } from "../../shared/schemas/documents.ts";
import type { Tx } from "./audit.ts";
import type { Prisma } from "./database.ts";

export interface NewVersion {
  documentId: string;
  number: number;
  format: string;
  sourceText: string;
  normalizedText: string;
  sha256: string;
  report: ImportReport;
  mapping: unknown;
  createdById: string | null;
  blocks: Block[];
}

/** Inserts a version and all its blocks (inside the caller's transaction: stored completely or not at all). */
export async function insertVersion(tx: Tx, version: NewVersion) {
  const { blocks, report, mapping, ...columns } = version;
  const created = await tx.documentVersion.create({
    data: { ...columns, report: report as object, ...(mapping === undefined ? {} : { mapping: mapping as object }) },
  });
  // createMany in slices keeps each statement's parameter count under Postgres's limit on large texts.
  for (let start = 0; start < blocks.length; start += 2_000) {
    await tx.block.createMany({
      data: blocks.slice(start, start + 2_000).map((block) => ({
        versionId: created.id,
        ordinal: block.ordinal,
        kind: block.kind,
        text: block.text,
        anchorId: block.anchorId,
        footnotes: block.footnotes as object[],
        marks: (block.marks ?? []) as object[],
      })),
    });
  }
  return created;
}

export function findLatestVersion(db: Prisma | Tx, documentId: string) {
  return db.documentVersion.findFirst({
    where: { documentId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, sha256: true },
  });
}

export function findVersionBySha(db: Prisma | Tx, documentId: string, sha256: string) {
  return db.documentVersion.findUnique({
    where: { documentId_sha256: { documentId, sha256 } },
    select: { id: true, number: true },
  });
}

export async function loadBlocks(db: Prisma | Tx, versionId: string): Promise<Block[]> {
  const rows = await db.block.findMany({ where: { versionId }, orderBy: { ordinal: "asc" } });
  return rows.map((row) => ({
    kind: row.kind as Block["kind"],
    text: row.text,
    anchorId: row.anchorId,
    ordinal: row.ordinal,
    footnotes: row.footnotes as Block["footnotes"],
    ...((row.marks as unknown[]).length ? { marks: row.marks as Block["marks"] } : {}),
  }));
}

/** Group ids through which a user may read a document: its owning group and groups with a room on it. */
export async function findDocumentAccess(prisma: Prisma, documentId: string, userId: string) {
  const document = await prisma.document.findUnique({
    where: { id: documentId },
    select: {
      id: true,
      groupId: true,
      group: { select: { memberships: { where: { userId }, select: { role: true } } } },
      rooms: { select: { group: { select: { memberships: { where: { userId }, select: { role: true } } } } } },
    },
  });
  if (!document) return undefined;
  const ownerRole = document.group.memberships[0]?.role;
  const readerRole = document.rooms.flatMap((room) => room.group.memberships)[0]?.role;
  return { groupId: document.groupId, ownerGroupRole: ownerRole, anyRole: ownerRole ?? readerRole };
}

export function listDocumentsFor(prisma: Prisma, userId: string) {
  const mine = { memberships: { some: { userId } } };
  return prisma.document.findMany({
    where: { OR: [{ group: mine }, { rooms: { some: { group: mine } } }] },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      groupId: true,
      title: true,
      author: true,
      createdAt: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, createdAt: true } },
    },
  });
}
