// Documents and versions → DTOs.
import type { Block, ImportReport } from "../../shared/schemas/documents.ts";
import type { DocumentSummaryDto, VersionSummaryDto } from "../../shared/schemas/document-api.ts";

interface DocumentRow {
  id: string;
  groupId: string;
  title: string;
  author: string | null;
  createdAt: Date;
}

export function presentDocumentSummary(
  row: DocumentRow & { versions: { number: number }[] },
): DocumentSummaryDto {
  return {
    id: row.id,
    groupId: row.groupId,
    title: row.title,
    author: row.author,
    latestVersion: row.versions[0]?.number ?? 0,
    createdAt: row.createdAt.toISOString(),
  };
}

interface VersionRow {
  number: number;
  format: string;
  sha256: string;
  createdAt: Date;
  report: unknown;
}

/** A version row as the document's list of versions reads it: with its uploader and its count of blocks. */
type ListedVersionRow = VersionRow & {
  createdBy: { id: string; displayName: string } | null;
  _count: { blocks: number };
};

export function presentVersionSummary(row: ListedVersionRow): VersionSummaryDto {
  return {
    number: row.number,
    format: row.format,
    sha256: row.sha256,
    blockCount: row._count.blocks,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy ? { id: row.createdBy.id, name: row.createdBy.displayName } : null,
    report: row.report as ImportReport,
  };
}

export function presentDocumentDetail(row: DocumentRow & { versions: ListedVersionRow[] }) {
  return {
    ...presentDocumentSummary({ ...row, versions: [...row.versions].reverse() }),
    versions: row.versions.map(presentVersionSummary),
  };
}

export function presentVersionDetail(
  documentId: string,
  version: VersionRow & { mapping: unknown },
  blocks: Block[],
) {
  return {
    documentId,
    number: version.number,
    format: version.format,
    sha256: version.sha256,
    createdAt: version.createdAt.toISOString(),
    report: version.report as ImportReport,
    mapping: version.mapping ?? null,
    blocks,
  };
}
