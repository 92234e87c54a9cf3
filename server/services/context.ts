// What every service receives: the database, the few settings services need, and a clock.
import type { Db } from "../data/db.ts";
import type { AccessCache } from "./access-cache.ts";
import type { AccessEvents } from "./access-events.ts";
import type { PeopleEvents } from "./people-events.ts";
import type { NotesRegistry } from "./room-store/notes-registry.ts";
import type { RoomRegistry } from "./room-store/room-registry.ts";
import type { ImportProgressBoard } from "./documents/import-progress.ts";
import type { TextImporter } from "./documents/import-runner.ts";
import type { ExportJobs } from "./exports/export-jobs.ts";

export interface ServiceContext {
  /** The database: a handle to pass to server/data/'s repository functions (see server/data/db.ts). */
  db: Db;
  sessionSecret: string;
  sessionTtlMs: number;
  publicUrl: string;
  now: () => Date;
  importer: TextImporter;
  /** The progress of the uploads being imported now, for their uploaders to follow. */
  importProgress: ImportProgressBoard;
  /** PDF exports being built, and built files waiting for their download. */
  exportJobs: ExportJobs;
  rooms: RoomRegistry;
  /** The private-notes documents open now. */
  notes: NotesRegistry;
  access: AccessEvents;
  /** Recent session and room-membership lookups, dropped by `access` events. */
  accessCache: AccessCache;
  /** Notifications to deliver live and marks of read, for the socket.io adapter. */
  people: PeopleEvents;
}
