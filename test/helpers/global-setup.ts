// Integration-test setup: one migrated throwaway database per run, dropped at the end.
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../server/data/migrations.ts";
import { createScratchDatabase, dropDatabase } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createScratchDatabase();
  await applyMigrations({ connectionString: database.url, lock: true });
  project.provide("databaseUrl", database.url);
  return async () => {
    await dropDatabase(database.name);
  };
}
