// Starts a complete Scholia server from a configuration: database, migrations, seed, HTTP; and stops it cleanly.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { createApp } from "./app.ts";
import type { EnvConfig } from "./config/env.ts";
import { loadSecrets } from "./config/secrets.ts";
import { openDatabase, type Database } from "./data/database.ts";
import { WorkerTextImporter, type TextImporter } from "./services/documents/import-runner.ts";
import { AccessCache } from "./services/access-cache.ts";
import { AccessEvents } from "./services/access-events.ts";
import { RoomRegistry } from "./services/room-store/room-registry.ts";
import { seedDemo } from "./services/seed-demo.ts";
import { encodeUpdateMessage } from "./realtime/sync-messages.ts";
import { attachSyncServer } from "./realtime/sync-server.ts";
import { NotesRegistry } from "./services/room-store/notes-registry.ts";
import type { ServiceContext } from "./services/context.ts";

export interface RunningServer {
  server: Server;
  database: Database;
  url: string;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), then closes the database. */
  stop(graceMs?: number): Promise<void>;
}

export async function startServer(config: EnvConfig, logger: Logger): Promise<RunningServer> {
  const secrets = await loadSecrets(config.dataDir, config.sessionSecret);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  logger.info(
    { mode: database.mode, location: database.location, migrationsApplied: database.appliedMigrations },
    database.mode === "embedded"
      ? `Using the embedded database in ${database.location} (set DATABASE_URL to use a Postgres server).`
      : `Using Postgres at ${database.location}.`,
  );
  const importer = new WorkerTextImporter();
  try {
    if (config.demo) await announceDemo(database, importer, config, logger);
    const access = new AccessEvents();
    const ctx: ServiceContext = {
      prisma: database.prisma,
      sql: database.sql,
      sessionSecret: secrets.sessionSecret,
      sessionTtlMs: config.sessionTtlMs,
      publicUrl: config.publicUrl,
      now: () => new Date(),
      importer,
      rooms: new RoomRegistry(database.sql, logger, encodeUpdateMessage),
      access,
      accessCache: new AccessCache(access),
    };
    const app = createApp({
      ctx,
      logger,
      secureCookies: config.secureCookies,
      mutationsPerMinute: config.mutationsPerMinute,
    });
    const server = createServer(app);
    const sync = attachSyncServer(server, {
      ctx,
      notes: new NotesRegistry(database.prisma, encodeUpdateMessage),
      logger,
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
    logger.info({ url, publicUrl: config.publicUrl }, `Scholia is listening on ${url}`);
    return {
      server,
      database,
      url,
      stop: async (graceMs = 10_000) => {
        sync.close();
        await ctx.rooms.close();
        await stopServer(server, database, graceMs);
        await importer.close();
      },
    };
  } catch (error) {
    await importer.close();
    await database.close();
    throw error;
  }
}

async function announceDemo(
  database: Database,
  importer: TextImporter,
  config: EnvConfig,
  logger: Logger,
): Promise<void> {
  const demo = await seedDemo(database.prisma, importer);
  if (!demo) return;
  const file = path.join(config.dataDir, "demo-account.txt");
  await writeFile(file, `email: ${demo.email}\npassword: ${demo.password}\n`, { mode: 0o600 });
  logger.info(
    { email: demo.email, credentialsFile: file },
    `First start: created a demo account. Sign in at ${config.publicUrl} with ${demo.email} and password ${demo.password} (also saved in ${file}).`,
  );
}

async function stopServer(server: Server, database: Database, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
  await database.close();
}
