// Builds the real app on the run's test database, with knobs for tests (rate limits, clock, cookie flags).
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import supertest from "supertest";
import { inject } from "vitest";
import { createApp, type AppDeps } from "../../server/app.ts";
import { createServiceContext } from "../../server/composition.ts";
import { clientsOf, createDb, type Prisma } from "../../server/data/clients.ts";
import { createDatabaseClients } from "../../server/data/database.ts";
import type { Db } from "../../server/data/db.ts";
import type { Sql } from "../../server/data/sql.ts";
import type { ServiceContext } from "../../server/services/context.ts";
import { WorkerTextImporter } from "../../server/services/documents/import-runner.ts";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  /** The clients behind `ctx.db`, for tests that read or write rows directly. */
  prisma: Prisma;
  sql: Sql;
  ctx: ServiceContext;
}

/** What tests may change of the real assembly: the app's options, and parts of the service context. */
export type TestAppOverrides = Partial<Omit<AppDeps, "ctx">> & { ctx?: Partial<ServiceContext> };

let shared: { db: Db; prisma: Prisma; sql: Sql } | undefined;
let sharedImporter: WorkerTextImporter | undefined;

/** Prisma and the pg pool under it, shared by this test file's worker, connected to the run's database. */
export function testDatabase(): { db: Db; prisma: Prisma; sql: Sql } {
  shared ??= createDatabaseClients(inject("databaseUrl"), 4);
  return shared;
}

/** The run's database with its plain SQL going through `sql` (a faulty pool) and Prisma as usual. */
export function testDbWithSql(sql: Sql): Db {
  return createDb(testDatabase().prisma, sql);
}

/** The app's parts a test reaches directly: the app, its service context and the clients behind `ctx.db`. */
export function testAppOf(app: TestApp["app"], ctx: ServiceContext): TestApp {
  return { app, ...clientsOf(ctx.db), ctx };
}

/**
 * The dependencies production assembles (server/composition.ts) on the run's test database, with settings for
 * tests (a silent logger, generous rate limits) and `overrides` on top.
 */
export function buildTestDeps(overrides: TestAppOverrides = {}): AppDeps {
  const { db } = testDatabase();
  const logger = overrides.logger ?? pino({ level: "silent" });
  const ctx = createServiceContext(
    {
      db,
      sessionSecret: randomBytes(32).toString("hex"),
      sessionTtlMs: 60 * 60 * 1000,
      publicUrl: "http://scholia.test",
      importer: (sharedImporter ??= new WorkerTextImporter()),
      logger,
    },
    overrides.ctx,
  );
  return {
    logger,
    secureCookies: false,
    authRateLimits: { windowMs: 60_000, perIp: 10_000, perAccount: 10_000 },
    mutationsPerMinute: 0,
    ...overrides,
    ctx,
  };
}

/** The real express app (no listening server), for supertest. */
export function buildTestApp(overrides: TestAppOverrides = {}): TestApp {
  const deps = buildTestDeps(overrides);
  return testAppOf(createApp(deps), deps.ctx);
}

let counter = 0;

/** A unique, valid registration body. */
export function buildUser(overrides: Partial<{ email: string; password: string; displayName: string }> = {}) {
  counter += 1;
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}${counter}`;
  return {
    email: `reader-${tag}@example.org`,
    password: "a long enough password",
    displayName: `Reader ${counter}`,
    ...overrides,
  };
}

/** What supertest can send requests to: an app in this process, or the URL of a running server (or proxy). */
export type RequestTarget = TestApp["app"] | string;

/** Registers a fresh user and returns a cookie-carrying agent plus the user's id. */
export async function signUp(app: RequestTarget, overrides: Parameters<typeof buildUser>[0] = {}) {
  const agent = supertest.agent(app);
  const body = buildUser(overrides);
  const res = await agent.post("/api/auth/register").send(body).expect(201);
  return { agent, id: res.body.user.id as string, ...body };
}
