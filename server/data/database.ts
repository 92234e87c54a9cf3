// Opens the database (embedded or external), applies migrations and returns the handle services use (see db.ts for
// the data boundary), and checks that it answers.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { clientsOf, createDb, type Prisma } from "./clients.ts";
import type { Db } from "./db.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations } from "./migrations.ts";
import { createSqlPool, type Sql } from "./sql.ts";

/** A connected, migrated database. */
export interface Database {
  db: Db;
  /** "embedded" (PGlite under DATA_DIR) or "postgres" (DATABASE_URL). */
  mode: "embedded" | "postgres";
  /** Where the data lives, for the start-up message; never contains a password. */
  location: string;
  appliedMigrations: string[];
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
}

/**
 * A pg pool and a Prisma client over it, so that both share `poolSize` connections, and the Db holding both; used
 * for both modes (and by tests, which read rows through `prisma`).
 */
export function createDatabaseClients(
  connectionString: string,
  poolSize: number,
  sharedSession = false,
): { db: Db; prisma: Prisma; sql: Sql } {
  const sql = createSqlPool(connectionString, poolSize, sharedSession);
  // The pool ends when Prisma disconnects.
  const prisma = new PrismaClient({ adapter: new PrismaPg(sql, { disposeExternalPool: true }) });
  return { db: createDb(prisma, sql), prisma, sql };
}

/**
 * Runs one small model query so that Prisma loads its query compiler now, while the server starts, rather than
 * during the first request that needs it (a few hundred milliseconds on a small machine).
 */
async function warmUp(prisma: Prisma): Promise<void> {
  await prisma.user.findFirst({ select: { id: true } });
}

/** Connects to DATABASE_URL, or starts the embedded database, then applies pending migrations. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const appliedMigrations = await applyMigrations({ connectionString: options.databaseUrl, lock: true });
    const { db, prisma } = createDatabaseClients(options.databaseUrl, options.poolSize);
    await warmUp(prisma);
    return {
      db,
      mode: "postgres",
      location: redactUrl(options.databaseUrl),
      appliedMigrations,
      close: () => prisma.$disconnect(),
    };
  }
  const embedded = await startEmbeddedPostgres(options.dataDir);
  try {
    const appliedMigrations = await applyMigrations({
      connectionString: embedded.connectionString,
      lock: false,
    });
    const { db, prisma } = createDatabaseClients(embedded.connectionString, 1, true);
    await warmUp(prisma);
    return {
      db,
      mode: "embedded",
      location: embedded.dataDir ?? "memory",
      appliedMigrations,
      async close() {
        await prisma.$disconnect();
        await embedded.stop();
      },
    };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/** Resolves once the database answers a query (the readiness check); rejects with the driver's error. */
export async function pingDatabase(db: Db): Promise<void> {
  await clientsOf(db).prisma.$queryRaw`SELECT 1`;
}

/** Hides the password of a connection URL. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
