// Starts a complete Scholia server from a configuration: database, migrations, seed, HTTP; and stops it cleanly.
import { writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import path from "node:path";
import type { Logger } from "pino";
import { createHttpServer, createServiceContext } from "./composition.ts";
import type { EnvConfig } from "./config/env.ts";
import { secureDataDir } from "./config/data-dir.ts";
import { loadSecrets } from "./config/secrets.ts";
import { openDatabase, type Database } from "./data/database.ts";
import { connectSharedState, type SharedState } from "./realtime/fanout/shared-state.ts";
import { AccessEvents } from "./services/access-events.ts";
import { WorkerTextImporter, type TextImporter } from "./services/documents/import-runner.ts";
import { startEmailSender } from "./services/email/start-email-sender.ts";
import { seedDemo } from "./services/seed-demo.ts";
import type { RoomBus } from "./services/room-store/room-bus.ts";
import { RedisRoomBus } from "./realtime/fanout/redis-room-bus.ts";

/** How long another process waits to send e-mails after the sending one dies (it renews while it lives). */
const emailLeaseMs = 60_000;

/** How long shutdown spends compacting the update logs of loaded rooms, after the last request finished. */
const compactOnStopMs = 2_000;

export interface RunningServer {
  server: Server;
  database: Database;
  url: string;
  /**
   * Stops accepting, closes every WebSocket and idle connection, lets requests in flight finish (up to `graceMs`),
   * compacts loaded rooms (up to 2 s), then closes the database.
   */
  stop(graceMs?: number): Promise<void>;
}

export async function startServer(config: EnvConfig, logger: Logger): Promise<RunningServer> {
  await secureDataDir(config.dataDir, logger);
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
  importer.keepReady();
  // Shared with the other server processes through Redis (none without REDIS_URL): access events, rate limits,
  // job leases (server/realtime/fanout/shared-state.ts), and room updates (the room bus).
  const access = new AccessEvents();
  let shared: SharedState | undefined;
  let bus: RoomBus | undefined;
  try {
    shared = await connectSharedState(
      config.redisUrl ? { url: config.redisUrl, prefix: config.redisPrefix } : undefined,
      access,
      logger,
    );
    bus = config.redisUrl
      ? await RedisRoomBus.connect(
          { url: config.redisUrl, prefix: config.redisPrefix },
          secrets.sessionSecret,
          logger,
        )
      : undefined;
    if (config.demo) await announceDemo(database, importer, config, logger);
    const ctx = createServiceContext(
      {
        db: database.db,
        sessionSecret: secrets.sessionSecret,
        sessionTtlMs: config.sessionTtlMs,
        publicUrl: config.publicUrl,
        importer,
        logger,
        bus,
        ...(shared.limits ? { sharedLimits: shared.limits } : {}),
      },
      { access },
    );
    const http = createHttpServer({
      ctx,
      logger,
      secureCookies: config.secureCookies,
      mutationsPerMinute: config.mutationsPerMinute,
      trustProxy: config.trustProxy,
      ...(shared.limits ? { sharedLimits: shared.limits } : {}),
      people: {
        redisUrl: config.redisUrl,
        redisPrefix: config.redisPrefix,
        accessRelayed: shared.accessRelayed,
      },
    });
    const url = await http.listen(config.port, config.host);
    logger.info({ url, publicUrl: config.publicUrl }, `Scholia is listening on ${url}`);
    // One sender at a time across processes (see EmailSenderOptions.lease); held while its process lives.
    const emails =
      config.email &&
      startEmailSender(config.email, ctx, logger, shared.lease("email-sender", emailLeaseMs, "run"));
    const sharedState = shared;
    return {
      server: http.server,
      database,
      url,
      stop: async (graceMs = 5_000) => {
        await http.stop(graceMs);
        await emails?.stop();
        await ctx.rooms.close(compactOnStopMs);
        await bus?.close();
        await ctx.exportJobs.close();
        await importer.close();
        await sharedState.close();
        await database.close();
      },
    };
  } catch (error) {
    await bus?.close();
    await importer.close();
    await shared?.close();
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
  const demo = await seedDemo(database.db, importer);
  if (!demo) return;
  const file = path.join(config.dataDir, "demo-account.txt");
  await writeFile(file, `email: ${demo.email}\npassword: ${demo.password}\n`, { mode: 0o600 });
  logger.info(
    { email: demo.email, credentialsFile: file },
    `First start: created a demo account. Sign in at ${config.publicUrl} with ${demo.email} and password ${demo.password} (also saved in ${file}).`,
  );
}
