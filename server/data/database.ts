// Opens the database (embedded or external), applies migrations and returns a ready Prisma client.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations } from "./migrations.ts";
import { createSqlPool, type Sql } from "./sql.ts";

export type Prisma = InstanceType<typeof PrismaClient>;

/** A connected, migrated database. */
export interface Database {
  prisma: Prisma;
  /** The pool Prisma runs on, for the hot path's plain SQL. */
  sql: Sql;
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

/** A pg pool and a Prisma client over it, so that both share `poolSize` connections; used for both modes. */
export function createDatabaseClients(connectionString: string, poolSize: number): { prisma: Prisma; sql: Sql } {
  const sql = createSqlPool(connectionString, poolSize);
  // The pool ends when Prisma disconnects.
  const prisma = new PrismaClient({ adapter: new PrismaPg(sql, { disposeExternalPool: true }) });
  return { prisma, sql };
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
    const { prisma, sql } = createDatabaseClients(options.databaseUrl, options.poolSize);
    await warmUp(prisma);
    return {
      prisma,
      sql,
      mode: "postgres",
      location: redactUrl(options.databaseUrl),
      appliedMigrations,
      close: () => prisma.$disconnect(),
    };
  }
  const embedded = await startEmbeddedPostgres(options.dataDir);
  try {
    const appliedMigrations = await applyMigrations({ connectionString: embedded.connectionString, lock: false });
    const { prisma, sql } = createDatabaseClients(embedded.connectionString, 1);
    await warmUp(prisma);
    return {
      prisma,
      sql,
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

/** Hides the password of a connection URL. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
