// Runs an embedded Postgres (PGlite) on a loopback socket, so the same pg/Prisma code serves both modes.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { privateDirMode, restrictNewFiles, tightenTree } from "../config/data-dir.ts";

/** A running embedded database and how to reach it. */
export interface EmbeddedPostgres {
  connectionString: string;
  dataDir: string | undefined;
  stop(): Promise<void>;
}

/** Raised when another live process already serves the same data directory. */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

/**
 * Starts PGlite with its files under `dataDir` (in memory when undefined) and serves it on 127.0.0.1 at a free
 * port. PGlite is a single session: callers must use a pool of exactly one connection at a time.
 */
export async function startEmbeddedPostgres(dataDir: string | undefined): Promise<EmbeddedPostgres> {
  const pgDir = dataDir ? path.resolve(dataDir, "pglite") : undefined;
  if (pgDir) restrictNewFiles(); // PGlite's files hold password hashes: 0600, not the default 0644/0666
  const releaseLock = pgDir ? await lockDataDir(pgDir) : async () => undefined;
  try {
    const db = await PGlite.create(pgDir ? { dataDir: pgDir } : {});
    // A new database is unpacked from PGlite's bundle with modes set explicitly (0666), past the umask.
    if (pgDir) await tightenTree(pgDir);
    // A second connection may be opened briefly (migration engine, then app pool); queries queue inside PGlite.
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 4 });
    await server.start();
    return {
      connectionString: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
      dataDir: pgDir,
      async stop() {
        await server.stop();
        await db.close();
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

/** Takes a pid lock file so that two processes never open the same PGlite directory (it would corrupt it). */
async function lockDataDir(pgDir: string): Promise<() => Promise<void>> {
  await mkdir(path.dirname(pgDir), { recursive: true, mode: privateDirMode });
  const lockFile = `${pgDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: "wx" });
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await readFile(lockFile, "utf8").catch(() => ""));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `The embedded database in ${pgDir} is in use by process ${holder}. Stop that server, or set DATA_DIR to another directory.`,
        );
      }
      await rm(lockFile, { force: true }); // stale lock left by a crashed process
    }
  }
  throw new DataDirLockedError(`Could not lock ${lockFile}; remove it if no Scholia server is running.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
