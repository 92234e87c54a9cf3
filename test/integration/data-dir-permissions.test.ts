// DATA_DIR is private to the server's user: the embedded database, secrets and demo credentials are created 0600
// in 0700 folders, and modes someone loosened are found at start, named in a warning, and tightened.
import { chmod, lstat, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnScript, waitFor } from "../helpers/processes.ts";
import { buildUser } from "../helpers/test-app.ts";

let dataDir: string | undefined;
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Every path under `dir` (itself included) with its permission bits. */
async function walk(dir: string): Promise<{ path: string; mode: number; directory: boolean }[]> {
  const stats = await lstat(dir);
  const entry = { path: dir, mode: stats.mode & 0o777, directory: stats.isDirectory() };
  if (!stats.isDirectory()) return [entry];
  const children = await Promise.all((await readdir(dir)).map((name) => walk(path.join(dir, name))));
  return [entry, ...children.flat()];
}

async function runServer(dir: string, work: (url: string, output: () => string) => Promise<void>) {
  // The server's parent may have any umask; the server must not depend on it.
  const run = spawnScript("server/index.ts", { PORT: "0", DATA_DIR: dir });
  const url = await waitFor(
    () => /Scholia is listening on (http:\/\/[\d.:]+)/.exec(run.output())?.[1],
    90_000,
    `the server to listen (output so far: ${run.output().slice(-500)})`,
  );
  try {
    await work(url, run.output);
  } finally {
    run.child.kill("SIGTERM");
    await run.finished;
  }
}

describe("DATA_DIR permissions", () => {
  it("embedded mode creates every folder 0700 and every file 0600; loosened modes are named and tightened", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "scholia-perms-"));
    await chmod(dataDir, 0o755); // as `mkdir data` leaves it
    await runServer(dataDir, async (url) => {
      const res = await fetch(`${url}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(buildUser()), // writes to the database (its WAL holds the password hash)
      });
      expect(res.status).toBe(201);
    });
    const entries = await walk(dataDir);
    expect(entries.length).toBeGreaterThan(50); // the embedded database's files are there
    expect(entries.map((entry) => path.relative(dataDir!, entry.path))).toEqual(
      expect.arrayContaining(["secrets.json", "demo-account.txt", "pglite"]),
    );
    const open = entries.filter((entry) => entry.mode & 0o077);
    expect(open.map((entry) => `${entry.path} ${entry.mode.toString(8)}`)).toEqual([]);

    // Someone loosens a few of them (a restore from a backup, a careless chmod -R).
    const secrets = path.join(dataDir, "secrets.json");
    const pgDir = path.join(dataDir, "pglite");
    const someFile = entries.find((entry) => !entry.directory && entry.path.startsWith(pgDir))!.path;
    await chmod(secrets, 0o644);
    await chmod(someFile, 0o666);
    await chmod(pgDir, 0o755);
    await runServer(dataDir, async (_url, output) => {
      const warning = output();
      expect(warning).toContain("DATA_DIR must be readable by this server's user only");
      for (const loosened of [secrets, someFile, pgDir]) expect(warning).toContain(loosened);
      expect(warning).toContain("(was 0644)");
    });
    const after = await walk(dataDir);
    expect(after.filter((entry) => entry.mode & 0o077)).toEqual([]);
  }, 240_000);
});
