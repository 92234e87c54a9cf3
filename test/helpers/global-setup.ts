// Integration-test setup: one migrated throwaway database per run, dropped at the end.
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../server/data/migrations.ts";
import { createScratchDatabase, dropDatabase, withAdmin } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createScratchDatabase();
  // A database whose sessions run in a zone far from UTC: a timestamp left to a column default, or sent as a
  // local-time Date, would be stored hours off, and the tests comparing stored times with the document fail.
  await withAdmin((client) =>
    client.query(`ALTER DATABASE "${database.name}" SET timezone TO 'Pacific/Auckland'`),
  );
  await applyMigrations({ connectionString: database.url, lock: true });
  project.provide("databaseUrl", database.url);
  return async () => {
    await dropDatabase(database.name);
  };
}
