// Builds the real app on the run's test database, with knobs for tests (rate limits, clock, cookie flags).
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import supertest from "supertest";
import { inject } from "vitest";
import { createApp, type AppDeps } from "../../server/app.ts";
import { createDatabaseClients, type Prisma } from "../../server/data/database.ts";
import type { Sql } from "../../server/data/sql.ts";
import type { ServiceContext } from "../../server/services/context.ts";
import { WorkerTextImporter } from "../../server/services/documents/import-runner.ts";
import { AccessCache } from "../../server/services/access-cache.ts";
import { AccessEvents } from "../../server/services/access-events.ts";
import { RoomRegistry } from "../../server/services/room-store/room-registry.ts";
import { encodeUpdateMessage } from "../../server/realtime/sync-messages.ts";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  prisma: Prisma;
  ctx: ServiceContext;
}

let shared: { prisma: Prisma; sql: Sql } | undefined;
let sharedImporter: WorkerTextImporter | undefined;

/** The Prisma client for this test file's worker, connected to the run's database. */
/** Prisma and the pg pool under it, shared by this test file's worker. */
export function testDatabase(): { prisma: Prisma; sql: Sql } {
  shared ??= createDatabaseClients(inject("databaseUrl"), 4);
  return shared;
}

export function buildTestApp(
  overrides: Partial<Omit<AppDeps, "ctx">> & { ctx?: Partial<ServiceContext> } = {},
): TestApp {
  const { prisma, sql } = testDatabase();
  const access = overrides.ctx?.access ?? new AccessEvents();
  const ctx: ServiceContext = {
    prisma,
    sql,
    sessionSecret: randomBytes(32).toString("hex"),
    sessionTtlMs: 60 * 60 * 1000,
    publicUrl: "http://scholia.test",
    now: () => new Date(),
    importer: (sharedImporter ??= new WorkerTextImporter()),
    rooms: new RoomRegistry(sql, pino({ level: "silent" }), encodeUpdateMessage),
    access,
    accessCache: new AccessCache(access),
    ...overrides.ctx,
  };
  const app = createApp({
    logger: pino({ level: "silent" }),
    secureCookies: false,
    authRateLimits: { windowMs: 60_000, perIp: 10_000, perAccount: 10_000 },
    mutationsPerMinute: 0,
    ...overrides,
    ctx,
  });
  return { app, prisma, ctx };
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

/** Registers a fresh user and returns a cookie-carrying agent plus the user's id. */
export async function signUp(app: TestApp["app"], overrides: Parameters<typeof buildUser>[0] = {}) {
  const agent = supertest.agent(app);
  const body = buildUser(overrides);
  const res = await agent.post("/api/auth/register").send(body).expect(201);
  return { agent, id: res.body.user.id as string, ...body };
}
