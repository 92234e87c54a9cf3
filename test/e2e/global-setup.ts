// End-to-end setup: builds the web client (the server serves client/dist) and a migrated throwaway database.
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { build } from "vite";
import { createScratchDatabase, dropDatabase } from "../helpers/postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build; build what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: "client/vite.config.ts", logLevel: "warn", mode: "production" });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const database = await createScratchDatabase("scholia_e2e");
  // Migrate in a child process: the WASM schema engine is not safe to run twice at once in one process, and the
  // integration project's setup may be migrating its own database right now.
  execFileSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  project.provide("databaseUrl", database.url);
  return async () => {
    await dropDatabase(database.name);
  };
}
