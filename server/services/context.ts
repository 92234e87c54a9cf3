// What every service receives: the database, the few settings services need, and a clock.
import type { Prisma } from "../data/database.ts";
import type { Sql } from "../data/sql.ts";
import type { AccessCache } from "./access-cache.ts";
import type { AccessEvents } from "./access-events.ts";
import type { NotesRegistry } from "./room-store/notes-registry.ts";
import type { RoomRegistry } from "./room-store/room-registry.ts";
import type { TextImporter } from "./documents/import-runner.ts";

export interface ServiceContext {
  prisma: Prisma;
  /** The same connections as `prisma`, for the hot path's plain SQL (server/data only). */
  sql: Sql;
  sessionSecret: string;
  sessionTtlMs: number;
  publicUrl: string;
  now: () => Date;
  importer: TextImporter;
  rooms: RoomRegistry;
  /** The private-notes documents open now. */
  notes: NotesRegistry;
  access: AccessEvents;
  /** Recent session and room-membership lookups, dropped by `access` events. */
  accessCache: AccessCache;
}
