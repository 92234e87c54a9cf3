// Stores an imported text as a new document (version 1) or as the next version of one, atomically.
import { createHash } from "node:crypto";
import type { ImportCorrection } from "../../../shared/schemas/documents.ts";
import type { ImportResult } from "../../domain/import/import-text.ts";
import { mapVersionBlocks } from "../../domain/anchoring/version-mapping.ts";
import { insertAuditEvent } from "../../data/audit.ts";
import {
  findLatestVersion,
  findVersionBySha,
  insertDocument,
  insertVersion,
  loadBlocks,
  lockDocument,
  type NewVersion,
} from "../../data/documents.ts";
import { inSqlTransaction, type Db, type SqlTx } from "../../data/db.ts";

/** The hex SHA-256 of a text (of its UTF-8 bytes) or of a file's bytes: what "identical upload" compares. */
export function sha256Of(source: string | Uint8Array): string {
  return createHash("sha256").update(source).digest("hex");
}

/**
 * What makes two uploads the same version (the `sha256` column): the source text's SHA-256, or, when the uploader
 * corrected the import, the SHA-256 of the source and the corrections together (the import is deterministic, so the
 * same pair gives the same blocks).
 */
export function versionKey(
  source: string | Uint8Array,
  corrections: readonly ImportCorrection[] = [],
): string {
  if (corrections.length === 0) return sha256Of(source);
  return createHash("sha256")
    .update(source)
    .update(`\u0000${JSON.stringify(corrections)}`)
    .digest("hex");
}

export interface StoredImport {
  /** The uploaded text, or the uploaded file's bytes (its text is then the import's normalized text). */
  source: string | Uint8Array;
  /** The uploader's corrections, already applied to `imported`. */
  corrections?: readonly ImportCorrection[];
  imported: ImportResult;
  /** Who uploaded it; null for the command line and the first-start seed. */
  createdById: string | null;
}

/** The version row of an import: its text, normalized text, report and blocks, numbered and placed. */
function versionOf(
  input: StoredImport,
  place: { documentId: string; number: number; sha256: string; mapping?: unknown },
): NewVersion {
  return {
    ...place,
    mapping: place.mapping,
    format: input.imported.report.format,
    sourceText: typeof input.source === "string" ? input.source : input.imported.normalizedText,
    sourceFile: typeof input.source === "string" ? undefined : input.source,
    normalizedText: input.imported.normalizedText,
    report: input.imported.report,
    createdById: input.createdById,
    blocks: input.imported.document.blocks,
  };
}

/** Creates the document and its version 1 inside the caller's transaction. */
export async function storeNewDocument(
  tx: SqlTx,
  input: StoredImport & { groupId: string; title: string; author: string | null },
) {
  const document = await insertDocument(tx, {
    groupId: input.groupId,
    title: input.title,
    author: input.author,
    createdById: input.createdById,
  });
  const version = await insertVersion(
    tx,
    versionOf(input, {
      documentId: document.id,
      number: 1,
      sha256: versionKey(input.source, input.corrections),
    }),
  );
  await insertAuditEvent(tx, {
    groupId: input.groupId,
    actorId: input.createdById,
    action: "document.created",
    targetId: document.id,
    details: { title: input.title, blocks: input.imported.document.blocks.length },
  });
  return { document, version: { ...version, report: input.imported.report } };
}

/**
 * Adds the next version unless an identical text is already stored (then returns that version, created: false).
 * Versions of one document are serialised by a row lock, so numbers stay dense and the identity check holds.
 */
export async function storeNextVersion(
  db: Db,
  input: StoredImport & { documentId: string; groupId: string },
) {
  const sha256 = versionKey(input.source, input.corrections);
  return inSqlTransaction(db, async (tx) => {
    await lockDocument(tx, input.documentId);
    const identical = await findVersionBySha(tx, input.documentId, sha256);
    if (identical) return { created: false as const, version: identical };
    const latest = await findLatestVersion(tx, input.documentId);
    const previousBlocks = latest ? await loadBlocks(tx, latest.id) : [];
    const version = await insertVersion(
      tx,
      versionOf(input, {
        documentId: input.documentId,
        number: (latest?.number ?? 0) + 1,
        sha256,
        mapping: latest ? mapVersionBlocks(previousBlocks, input.imported.document.blocks) : undefined,
      }),
    );
    await insertAuditEvent(tx, {
      groupId: input.groupId,
      actorId: input.createdById,
      action: "document.version_added",
      targetId: input.documentId,
      details: { number: version.number, blocks: input.imported.document.blocks.length },
    });
    return { created: true as const, version };
  });
}
