// Documents, their immutable versions and blocks, and the rooms that read them.
import { randomUUID } from "node:crypto";
import type { Block, ImportReport } from "../../shared/schemas/documents.ts";
import { prismaOf, sqlOf } from "./clients.ts";
import type { Db, SqlTx, Tx } from "./db.ts";

export interface NewVersion {
  documentId: string;
  number: number;
  format: string;
  sourceText: string;
  /** The uploaded file, when the version was converted from one (PDF, Word, EPUB, HTML). */
  sourceFile: Uint8Array | undefined;
  normalizedText: string;
  sha256: string;
  report: ImportReport;
  mapping: unknown;
  createdById: string | null;
  blocks: Block[];
}

/** A stored document's identity, as an import returns it. */
export interface StoredDocument {
  id: string;
  groupId: string;
  title: string;
  author: string | null;
}

export async function insertDocument(
  tx: SqlTx,
  row: Omit<StoredDocument, "id"> & { createdById: string | null },
): Promise<StoredDocument> {
  const id = randomUUID();
  await sqlOf(tx).query(
    `INSERT INTO "Document" (id, "groupId", title, author, "createdById", "createdAt")
     VALUES ($1, $2, $3, $4, $5, now() AT TIME ZONE 'UTC')`,
    [id, row.groupId, row.title, row.author, row.createdById],
  );
  return { id, groupId: row.groupId, title: row.title, author: row.author };
}

/** Rows per block INSERT: each statement's arrays stay a few MB even for the largest texts. */
const blocksPerStatement = 2_000;

/**
 * Inserts a version and all its blocks, inside the caller's transaction (stored completely or not at all). Plain
 * SQL, not Prisma: Prisma hands every argument to its WebAssembly query compiler, whose memory grows to the
 * largest query it has seen and never shrinks (a 5 MB text raised the server's memory by ~100 MB for good).
 */
export async function insertVersion(tx: SqlTx, version: NewVersion): Promise<{ id: string; number: number }> {
  const sql = sqlOf(tx);
  const id = randomUUID();
  await sql.query(
    `INSERT INTO "DocumentVersion"
       (id, "documentId", number, format, "sourceText", "normalizedText", sha256, report, mapping, "createdById",
        "sourceFile", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, now() AT TIME ZONE 'UTC')`,
    [
      id,
      version.documentId,
      version.number,
      version.format,
      version.sourceText,
      version.normalizedText,
      version.sha256,
      JSON.stringify(version.report),
      version.mapping === undefined ? null : JSON.stringify(version.mapping),
      version.createdById,
      version.sourceFile === undefined ? null : Buffer.from(version.sourceFile),
    ],
  );
  for (let start = 0; start < version.blocks.length; start += blocksPerStatement) {
    const slice = version.blocks.slice(start, start + blocksPerStatement);
    await sql.query(
      `INSERT INTO "Block" (id, "versionId", ordinal, kind, text, "anchorId", footnotes, marks)
       SELECT gen_random_uuid(), $1, b.ordinal, b.kind, b.text, b."anchorId", b.footnotes, b.marks
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])
           AS b(ordinal, kind, text, "anchorId", footnotes, marks)`,
      [
        id,
        slice.map((block) => block.ordinal),
        slice.map((block) => block.kind),
        slice.map((block) => block.text),
        slice.map((block) => block.anchorId),
        slice.map((block) => JSON.stringify(block.footnotes)),
        slice.map((block) => JSON.stringify(block.marks ?? [])),
      ],
    );
  }
  return { id, number: version.number };
}

/** Holds the document's row until the transaction ends, so that versions of one document are added one at a time. */
export async function lockDocument(tx: SqlTx, documentId: string): Promise<void> {
  await sqlOf(tx).query(`SELECT id FROM "Document" WHERE id = $1::uuid FOR UPDATE`, [documentId]);
}

export async function findLatestVersion(
  db: Db | SqlTx,
  documentId: string,
): Promise<{ id: string; number: number } | undefined> {
  const { rows } = await sqlOf(db).query<{ id: string; number: number }>(
    `SELECT id, number FROM "DocumentVersion" WHERE "documentId" = $1::uuid ORDER BY number DESC LIMIT 1`,
    [documentId],
  );
  return rows[0];
}

export async function findVersionBySha(
  db: Db | SqlTx,
  documentId: string,
  sha256: string,
): Promise<{ id: string; number: number } | undefined> {
  const { rows } = await sqlOf(db).query<{ id: string; number: number }>(
    `SELECT id, number FROM "DocumentVersion" WHERE "documentId" = $1::uuid AND sha256 = $2`,
    [documentId, sha256],
  );
  return rows[0];
}

export async function loadBlocks(db: Db | SqlTx, versionId: string): Promise<Block[]> {
  const { rows } = await sqlOf(db).query<Omit<Block, "marks"> & { marks: NonNullable<Block["marks"]> }>(
    `SELECT kind, text, "anchorId", ordinal, footnotes, marks FROM "Block" WHERE "versionId" = $1::uuid ORDER BY ordinal`,
    [versionId],
  );
  return rows.map(({ marks, ...block }) => ({ ...block, ...(marks.length ? { marks } : {}) }));
}

/** A block as re-anchoring reads it. */
export type MappableBlockRow = Pick<Block, "anchorId" | "kind" | "text" | "ordinal">;

/** What re-anchoring reads of a version's blocks (anchor id, kind, text, ordinal), in reading order. */
export async function loadMappableBlocks(db: Db | SqlTx, versionId: string): Promise<MappableBlockRow[]> {
  const { rows } = await sqlOf(db).query<MappableBlockRow>(
    `SELECT kind, text, "anchorId", ordinal FROM "Block" WHERE "versionId" = $1::uuid ORDER BY ordinal`,
    [versionId],
  );
  return rows;
}

/** The columns of a document that the API shows (presenters/document.ts). */
const documentColumns = { id: true, groupId: true, title: true, author: true, createdAt: true } as const;

/** A document's identity, or undefined if there is none. */
export async function findDocument(db: Db, documentId: string): Promise<StoredDocument | undefined> {
  const document = await prismaOf(db).document.findUnique({
    where: { id: documentId },
    select: { id: true, groupId: true, title: true, author: true },
  });
  return document ?? undefined;
}

/** A document with the summary of each of its versions, oldest first; throws if there is no such document. */
export function loadDocumentDetail(db: Db, documentId: string) {
  return prismaOf(db).document.findUniqueOrThrow({
    where: { id: documentId },
    select: {
      ...documentColumns,
      versions: {
        orderBy: { number: "asc" },
        select: {
          number: true,
          format: true,
          sha256: true,
          createdAt: true,
          report: true,
          createdBy: { select: { id: true, displayName: true } },
          _count: { select: { blocks: true } },
        },
      },
    },
  });
}

/** Version `number` of a document, or its latest when `number` is undefined; undefined if there is none. */
export async function findVersion(
  db: Db,
  documentId: string,
  number: number | undefined,
): Promise<{ id: string; number: number } | undefined> {
  const version = await prismaOf(db).documentVersion.findFirst({
    where: { documentId, ...(number ? { number } : {}) },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  return version ?? undefined;
}

/** Version `number` of a document with its import report and its mapping from the previous version. */
export function findVersionDetail(db: Db, documentId: string, number: number) {
  return prismaOf(db).documentVersion.findUnique({
    where: { documentId_number: { documentId, number } },
    select: {
      id: true,
      number: true,
      format: true,
      sha256: true,
      createdAt: true,
      report: true,
      mapping: true,
    },
  });
}

/** The text of each block of a version, by anchor id. */
export async function loadBlockTexts(db: Db, versionId: string): Promise<Map<string, string>> {
  const rows = await prismaOf(db).block.findMany({
    where: { versionId },
    select: { anchorId: true, text: true },
  });
  return new Map(rows.map((row) => [row.anchorId, row.text]));
}

/** Group ids through which a user may read a document: its owning group and groups with a room on it. */
export async function findDocumentAccess(db: Db, documentId: string, userId: string) {
  const document = await prismaOf(db).document.findUnique({
    where: { id: documentId },
    select: {
      id: true,
      groupId: true,
      removedAt: true,
      group: { select: { memberships: { where: { userId }, select: { role: true } } } },
      rooms: {
        select: { group: { select: { memberships: { where: { userId }, select: { role: true } } } } },
      },
    },
  });
  if (!document) return undefined;
  const ownerRole = document.group.memberships[0]?.role;
  const readerRoles = document.rooms.flatMap((room) => room.group.memberships.map((member) => member.role));
  return {
    groupId: document.groupId,
    ownerGroupRole: ownerRole,
    anyRole: ownerRole ?? readerRoles[0],
    /** Every role the user holds in a group that reads the document (its owning group and those with a room on it). */
    roles: ownerRole ? [ownerRole, ...readerRoles] : readerRoles,
    removed: document.removedAt !== null,
  };
}

/** The texts a user can read and that are in use (removed ones are left out), newest first. */
export function listDocumentsFor(db: Db, userId: string) {
  const mine = { memberships: { some: { userId } } };
  return prismaOf(db).document.findMany({
    where: { removedAt: null, OR: [{ group: mine }, { rooms: { some: { group: mine } } }] },
    orderBy: { createdAt: "desc" },
    select: {
      ...documentColumns,
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, createdAt: true } },
    },
  });
}

/** Sets a text's title and author (null clears the author); returns the text as the API shows it. */
export function updateDocumentFields(
  tx: Tx,
  documentId: string,
  fields: { title?: string | undefined; author?: string | null | undefined },
) {
  return prismaOf(tx).document.update({
    where: { id: documentId },
    data: fields,
    select: {
      ...documentColumns,
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, createdAt: true } },
    },
  });
}

/** Marks a text removed at `at` unless it already is; returns whether it was marked now. */
export async function markDocumentRemoved(tx: Tx, documentId: string, at: Date): Promise<boolean> {
  const marked = await prismaOf(tx).document.updateMany({
    where: { id: documentId, removedAt: null },
    data: { removedAt: at },
  });
  return marked.count > 0;
}
