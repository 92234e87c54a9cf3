// The composition root: builds the services' context and the HTTP server (express app, WebSocket endpoints, socket
// bookkeeping) in one place, so that server.ts and the test helpers run the same assembly.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { peopleSocketPath } from "../shared/people-protocol.ts";
import { createApp, type AppDeps } from "./app.ts";
import type { Db } from "./data/db.ts";
import { ServerSockets } from "./http/server-sockets.ts";
import { encodeUpdateMessage } from "./realtime/sync-messages.ts";
import { createPeopleServer, type PeopleServer } from "./realtime/people/people-server.ts";
import { createSyncServer, type SyncServer } from "./realtime/sync-server.ts";
import { UpgradeRouter } from "./realtime/upgrade-router.ts";
import { AccessCache } from "./services/access-cache.ts";
import { AccessEvents } from "./services/access-events.ts";
import type { ServiceContext } from "./services/context.ts";
import type { SharedLimits } from "./realtime/fanout/shared-limits.ts";
import { ImportProgressBoard } from "./services/documents/import-progress.ts";
import type { TextImporter } from "./services/documents/import-runner.ts";
import { ExportJobs } from "./services/exports/export-jobs.ts";
import { PeopleEvents } from "./services/people-events.ts";
import { NotesRegistry } from "./services/room-store/notes-registry.ts";
import type { RoomBus } from "./services/room-store/room-bus.ts";
import { RoomRegistry } from "./services/room-store/room-registry.ts";
import { watchJobAccess } from "./services/exports/export-job-access.ts";

export interface ServiceSettings {
  db: Db;
  sessionSecret: string;
  sessionTtlMs: number;
  publicUrl: string;
  importer: TextImporter;
  logger: Logger;
  /** How committed room and notes updates reach the other servers (default: one process, no other servers). */
  bus?: RoomBus;
  /** The deployment's limits in Redis (REDIS_URL set): a user's PDF jobs count on every server. */
  sharedLimits?: SharedLimits;
}

/**
 * The context every service receives, with its registries and access notices. `overrides` replace parts (tests:
 * a clock, a faulty pool); the parts built here from others (the access cache from `access`) use the overrides.
 */
export function createServiceContext(
  settings: ServiceSettings,
  overrides: Partial<ServiceContext> = {},
): ServiceContext {
  const access = overrides.access ?? new AccessEvents();
  const ctx: ServiceContext = {
    db: settings.db,
    sessionSecret: settings.sessionSecret,
    sessionTtlMs: settings.sessionTtlMs,
    publicUrl: settings.publicUrl,
    now: () => new Date(),
    importer: settings.importer,
    importProgress: overrides.importProgress ?? new ImportProgressBoard(),
    exportJobs:
      overrides.exportJobs ??
      new ExportJobs(
        {},
        undefined,
        (err, jobId) => settings.logger.error({ err, jobId }, "PDF export failed"),
        settings.sharedLimits?.connections("pdf-jobs"),
      ),
    rooms:
      overrides.rooms ?? new RoomRegistry(settings.db, settings.logger, encodeUpdateMessage, settings.bus),
    notes: overrides.notes ?? new NotesRegistry(settings.db, encodeUpdateMessage, settings.bus),
    access,
    accessCache: overrides.accessCache ?? new AccessCache(access),
    people: overrides.people ?? new PeopleEvents(),
    ...overrides,
  };
  watchJobAccess(ctx, (err) =>
    settings.logger.error({ err }, "Re-checking PDF export jobs after a membership change failed"),
  );
  return ctx;
}

export interface HttpServer {
  server: Server;
  app: ReturnType<typeof createApp>;
  sync: SyncServer;
  people: PeopleServer;
  /** Listens on `port` (0: any free one) and `host`; resolves with the URL it answers on. */
  listen(port: number, host: string): Promise<string>;
  /**
   * Stops accepting, closes every WebSocket (clients are told the server is restarting), closes idle and half-sent
   * connections at once, and lets responses in flight finish for up to `graceMs`. Leaves the services running.
   */
  stop(graceMs: number): Promise<void>;
}

/**
 * The express app on an http.Server, with the sync endpoints under /yjs/, socket.io under /socket.io/ and every
 * other upgrade refused.
 */
export function createHttpServer(deps: AppDeps): HttpServer {
  const app = createApp(deps);
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  const sockets = new ServerSockets(server, deps.logger);
  const upgrades = new UpgradeRouter(server, deps.logger);
  const sync = createSyncServer({
    ctx: deps.ctx,
    logger: deps.logger,
    ...(deps.sharedLimits
      ? { sharedCounter: deps.sharedLimits.counter, connectionLedger: deps.sharedLimits.connections("sync") }
      : {}),
  });
  upgrades.route("/yjs/", sync);
  const people = createPeopleServer({
    ctx: deps.ctx,
    logger: deps.logger,
    options: deps.people,
    ...(deps.sharedLimits ? { connectionLedger: deps.sharedLimits.connections("people") } : {}),
  });
  upgrades.route(`${peopleSocketPath}/`, people);
  return {
    server,
    app,
    sync,
    people,
    async listen(port, host) {
      await people.ready;
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      // From now on an error is a connection the server failed to accept (too many open files…): not fatal.
      server.on("error", (error) => deps.logger.error({ err: error }, "the HTTP server failed to accept"));
      const address = server.address() as AddressInfo;
      return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
    },
    async stop(graceMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      upgrades.close();
      await sockets.close(graceMs);
      await closed;
      await people.stop();
    },
  };
}
