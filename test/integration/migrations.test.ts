// Committed migrations: apply to an empty database, idempotent, safe under concurrency, and in step with schema.prisma.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  applyMigrations,
  loadMigrationList,
  migrationsDir,
  prismaDir,
} from "../../server/data/migrations.ts";
import { noSchemaFilter, openSchemaEngine } from "../../server/data/schema-engine.ts";
import { createScratchDatabase, dropDatabase } from "../helpers/postgres.ts";
import { spawnScript } from "../helpers/processes.ts";

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map(dropDatabase));
});

async function scratch() {
  const database = await createScratchDatabase("scholia_migrate");
  created.push(database.name);
  return database;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Tables, columns, indexes and constraints of the public schema, as sets of comparable strings. */
async function describeSchema(url: string): Promise<Record<string, string[]>> {
  const columns = await query<{ d: string }>(
    url,
    `SELECT table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS d
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const indexes = await query<{ d: string }>(
    url,
    `SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  const constraints = await query<{ d: string }>(
    url,
    `SELECT c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS d
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations'`,
  );
  const enums = await query<{ d: string }>(
    url,
    `SELECT t.typname || ':' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS d
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  );
  const sorted = (rows: { d: string }[]) => rows.map((row) => row.d).sort();
  return {
    columns: sorted(columns),
    indexes: sorted(indexes),
    constraints: sorted(constraints),
    enums: sorted(enums),
  };
}

describe("migrations", () => {
  it("apply to an empty database, and are a no-op the second time", async () => {
    const database = await scratch();
    const names = (await loadMigrationList()).migrationDirectories.map((dir) => dir.path);
    expect(await applyMigrations({ connectionString: database.url, lock: true })).toEqual(names);
    expect(await applyMigrations({ connectionString: database.url, lock: true })).toEqual([]);
    const recorded = await query<{ migration_name: string; finished_at: Date | null }>(
      database.url,
      `SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(recorded.map((row) => row.migration_name)).toEqual(names);
    expect(recorded.every((row) => row.finished_at !== null)).toBe(true);
  });

  it("are safe when two processes run them at once", async () => {
    const database = await scratch();
    const runs = [0, 1].map(() => spawnScript("scripts/migrate.ts", { DATABASE_URL: database.url }));
    const results = await Promise.all(runs.map((run) => run.finished));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const applied = results.filter((result) => result.stdout.includes("Applied"));
    expect(applied).toHaveLength(1);
    const rows = await query<{ n: string }>(database.url, `SELECT count(*) AS n FROM _prisma_migrations`);
    const names = (await loadMigrationList()).migrationDirectories;
    expect(Number(rows[0]!.n)).toBe(names.length);
  });

  it("match schema.prisma: the latest snapshot is the current schema and the databases agree", async () => {
    const list = await loadMigrationList();
    const latest = list.migrationDirectories.at(-1)!.path;
    const schema = await readFile(path.join(prismaDir, "schema.prisma"), "utf8");
    const snapshot = await readFile(path.join(migrationsDir, latest, "schema.prisma"), "utf8");
    expect(snapshot, "schema.prisma changed without a migration: run npm run db:migration -- <name>").toBe(
      schema,
    );

    const [viaMigrations, viaSchema] = [await scratch(), await scratch()];
    await applyMigrations({ connectionString: viaMigrations.url, lock: true });
    const { engine, close } = await openSchemaEngine({ connectionString: viaSchema.url, datamodel: schema });
    try {
      const diff = await engine.diff({
        from: { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
        script: true,
        exitCode: null,
        filters: noSchemaFilter,
      });
      await query(viaSchema.url, diff.stdout ?? "");
    } finally {
      await close();
    }
    expect(await describeSchema(viaMigrations.url)).toEqual(await describeSchema(viaSchema.url));
  });
});
