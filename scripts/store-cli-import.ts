// Stores a command-line import in the database (DATABASE_URL, or the embedded one in DATA_DIR).
import { parseEnv } from "../server/config/env.ts";
import { openDatabase } from "../server/data/database.ts";
import { inTransaction } from "../server/data/sql.ts";
import type { ImportResult } from "../server/domain/import/import-text.ts";
import { storeNewDocument, storeNextVersion } from "../server/services/documents/store-import.ts";

/** A failure to store, explained for the person at the terminal. */
export class StoreError extends Error {}

export interface CliImport {
  source: string;
  imported: ImportResult;
  groupId: string | undefined;
  documentId: string | undefined;
  title: string;
  author: string | null;
}

/** Stores the import and returns a sentence saying what happened. */
export async function storeImport(input: CliImport): Promise<string> {
  const config = parseEnv(process.env);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  const prisma = database.prisma;
  try {
    if (input.documentId) {
      const document = await prisma.document.findUnique({
        where: { id: input.documentId },
        select: { groupId: true, title: true },
      });
      if (!document) throw new StoreError(`No document ${input.documentId} in ${database.location}.`);
      const stored = await storeNextVersion(database.sql, {
        ...input,
        documentId: input.documentId,
        groupId: document.groupId,
        createdById: null,
      });
      return stored.created
        ? `Stored "${document.title}" version ${stored.version.number}.`
        : `This text is identical to version ${stored.version.number} of "${document.title}"; nothing was stored.`;
    }
    const groupId = input.groupId ?? (await onlyGroup(prisma, database.location));
    if (!(await prisma.group.findUnique({ where: { id: groupId }, select: { id: true } }))) {
      throw new StoreError(`No group ${groupId} in ${database.location}.`);
    }
    const { document } = await inTransaction(database.sql, (tx) =>
      storeNewDocument(tx, { ...input, groupId, createdById: null }),
    );
    return `Stored "${document.title}" as document ${document.id} in group ${groupId}. Give it to a group to read with POST /api/groups/:groupId/rooms.`;
  } finally {
    await database.close();
    // Prisma's WASM schema engine leaves a 10 s timer behind after migrating; do not wait for it.
    setTimeout(() => process.exit(), 100).unref();
  }
}

async function onlyGroup(
  prisma: Awaited<ReturnType<typeof openDatabase>>["prisma"],
  location: string,
): Promise<string> {
  const groups = await prisma.group.findMany({ select: { id: true, name: true }, take: 5 });
  if (groups.length === 1) return groups[0]!.id;
  const listed = groups.map((group) => `  ${group.id}  ${group.name}`).join("\n");
  throw new StoreError(
    groups.length === 0
      ? `There is no group in ${location} yet; start the server once, or create one.`
      : `Choose a group with --group:\n${listed}`,
  );
}
