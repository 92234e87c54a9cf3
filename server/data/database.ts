// Opens the database (embedded or external), applies migrations and returns a ready Prisma client.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations } from "./migrations.ts";

export type Prisma = InstanceType<typeof PrismaClient>;

/** A connected, migrated database. */
export interface Database {
  prisma: Prisma;
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

/** Creates a Prisma client over a pg pool; used for both modes. */
export function createPrismaClient(connectionString: string, poolSize: number): Prisma {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: poolSize }) });
}

/** Connects to DATABASE_URL, or starts the embedded database, then applies pending migrations. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const appliedMigrations = await applyMigrations({ connectionString: options.databaseUrl, lock: true });
    const prisma = createPrismaClient(options.databaseUrl, options.poolSize);
    return {
      prisma,
      mode: "postgres",
      location: redactUrl(options.databaseUrl),
      appliedMigrations,
      close: () => prisma.$disconnect(),
    };
  }
  const embedded = await startEmbeddedPostgres(options.dataDir);
  try {
    const appliedMigrations = await applyMigrations({ connectionString: embedded.connectionString, lock: false });
    const prisma = createPrismaClient(embedded.connectionString, 1);
    return {
      prisma,
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
