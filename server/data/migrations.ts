// Applies the committed Prisma migrations with the WASM schema engine, one process at a time.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { noSchemaFilter, openSchemaEngine } from "./schema-engine.ts";

export const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma");
export const migrationsDir = path.join(prismaDir, "migrations");

/** Arbitrary constant naming Scholia's migration advisory lock ("scholia" in ASCII, truncated to int4). */
const migrationLockKey = 0x7363686f;

/** Reads the committed migrations folder in the shape the schema engine expects. */
export async function loadMigrationList(dir = migrationsDir): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: await readFile(path.join(dir, name, "migration.sql"), "utf8").then(
          (sql) => ({ tag: "ok" as const, value: sql }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        ),
      },
    })),
  );
  const lockPath = path.join(dir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export interface MigrateOptions {
  connectionString: string;
  /**
   * Serialize concurrent migrators with a Postgres advisory lock held on a separate connection. Off for the
   * embedded database, which has a single session and is guarded by its data-directory lock instead.
   */
  lock: boolean;
  maxConnections?: number;
}

/** Applies every committed migration not yet recorded in `_prisma_migrations`; returns the names applied. */
export async function applyMigrations(options: MigrateOptions): Promise<string[]> {
  const lockClient = options.lock ? new pg.Client({ connectionString: options.connectionString }) : undefined;
  if (lockClient) {
    await lockClient.connect();
    await lockClient.query("SELECT pg_advisory_lock($1)", [migrationLockKey]);
  }
  try {
    const [datamodel, migrationsList] = await Promise.all([
      readFile(path.join(prismaDir, "schema.prisma"), "utf8"),
      loadMigrationList(),
    ]);
    const { engine, close } = await openSchemaEngine({
      connectionString: options.connectionString,
      datamodel,
      maxConnections: options.maxConnections ?? 1,
    });
    try {
      const result = await engine.applyMigrations({ migrationsList, filters: noSchemaFilter });
      return result.appliedMigrationNames;
    } finally {
      await close();
    }
  } finally {
    if (lockClient) {
      await lockClient.query("SELECT pg_advisory_unlock($1)", [migrationLockKey]).catch(() => undefined);
      await lockClient.end();
    }
  }
}
