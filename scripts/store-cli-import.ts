// Stores a command-line import in the database (DATABASE_URL, or the embedded one in DATA_DIR).
import { parseEnv } from "../server/config/env.ts";
import { openDatabase } from "../server/data/database.ts";
import { inSqlTransaction, type Db } from "../server/data/db.ts";
import { findDocument } from "../server/data/documents.ts";
import { groupExists, listSomeGroups } from "../server/data/groups.ts";
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
  const { db } = database;
  try {
    if (input.documentId) {
      const document = await findDocument(db, input.documentId);
      if (!document) throw new StoreError(`No document ${input.documentId} in ${database.location}.`);
      const stored = await storeNextVersion(db, {
        ...input,
        documentId: input.documentId,
        groupId: document.groupId,
        createdById: null,
      });
      return stored.created
        ? `Stored "${document.title}" version ${stored.version.number}.`
        : `This text is identical to version ${stored.version.number} of "${document.title}"; nothing was stored.`;
    }
    const groupId = input.groupId ?? (await onlyGroup(db, database.location));
    if (!(await groupExists(db, groupId)))
      throw new StoreError(`No group ${groupId} in ${database.location}.`);
    const { document } = await inSqlTransaction(db, (tx) =>
      storeNewDocument(tx, { ...input, groupId, createdById: null }),
    );
    return `Stored "${document.title}" as document ${document.id} in group ${groupId}. Give it to a group to read with POST /api/groups/:groupId/rooms.`;
  } finally {
    await database.close();
    // Prisma's WASM schema engine leaves a 10 s timer behind after migrating; do not wait for it.
    setTimeout(() => process.exit(), 100).unref();
  }
}

async function onlyGroup(db: Db, location: string): Promise<string> {
  const groups = await listSomeGroups(db, 5);
  if (groups.length === 1) return groups[0]!.id;
  const listed = groups.map((group) => `  ${group.id}  ${group.name}`).join("\n");
  throw new StoreError(
    groups.length === 0
      ? `There is no group in ${location} yet; start the server once, or create one.`
      : `Choose a group with --group:\n${listed}`,
  );
}
