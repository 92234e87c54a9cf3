// A Postgres cluster a test initialises, starts and stops itself (initdb + pg_ctl in a temp dir), so that it can take
// the database away from running servers without touching the machine's Postgres.
import { execFile, spawnSync } from "node:child_process";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port.ts";

const run = promisify(execFile);
const binDir = process.env.TEST_POSTGRES_BIN ?? "/usr/local/bin";
/** initdb and postgres refuse to run as root: as root, they run as this account (the Debian package's). */
const serviceUser = "postgres";

export interface ThrowawayPostgres {
  port: number;
  /** The data directory (also holds the Unix socket and `server.log`). */
  dir: string;
  /** A trust-auth URL on 127.0.0.1 for `database` (default "postgres"). */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Starts the cluster (again) on the same port; resolves once it accepts connections. Running already: no-op. */
  start(): Promise<void>;
  /**
   * Stops the cluster: "fast" ends sessions and shuts down cleanly, "immediate" kills it as a crash would (recovery
   * runs at the next start). Resolves once it is down.
   */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** Stops it (immediate) if running and deletes its directory. Safe to call twice. */
  destroy(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

/** `command args` as the service account when we are root, else as ourselves. */
function asService(command: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", serviceUser, "--", command, ...args]] : [command, args];
}

async function runAsService(command: string, args: string[]): Promise<void> {
  const [file, argv] = asService(command, args);
  await run(file, argv, { timeout: 60_000 });
}

/**
 * initdb's a cluster in a new temp dir (trust auth, superuser "postgres") and starts it on a free loopback port,
 * with its socket in that dir. fsync is off: the data is thrown away, and the tests measure recovery of the servers,
 * not of Postgres's files. Call destroy() in afterAll; a process exit without it still stops the cluster.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), "scholia-pg-"));
  if (asRoot) {
    const { stdout } = await run("id", ["-u", serviceUser]);
    const { stdout: gid } = await run("id", ["-g", serviceUser]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = path.join(dir, "data");
  await runAsService(path.join(binDir, "initdb"), [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "postgres",
    "--no-sync",
    "-E",
    "UTF8",
  ]);
  const port = await freePort();
  const pgCtl = path.join(binDir, "pg_ctl");
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const ctl = (args: string[]) =>
    runAsService(pgCtl, ["-D", data, "-w", "-t", "30", "-l", path.join(dir, "server.log"), ...args]);
  let running = false;
  // If the test process ends without destroy() (a crash, a timeout), the cluster would outlive it.
  const onExit = () => {
    if (!running) return;
    const [file, argv] = asService(pgCtl, ["-D", data, "-m", "immediate", "stop"]);
    spawnSync(file, argv, { stdio: "ignore" });
  };
  process.once("exit", onExit);

  const url = (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const handle: ThrowawayPostgres = {
    port,
    dir,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async start() {
      if (running) return;
      await ctl(["-o", options, "start"]);
      running = true;
    },
    async stop(mode = "fast") {
      await ctl(["-m", mode, "stop"]);
      running = false;
    },
    async destroy() {
      process.off("exit", onExit);
      if (running) await handle.stop("immediate").catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  await handle.start();
  return handle;
}
