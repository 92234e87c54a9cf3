// The server as a process: readable configuration errors, embedded data surviving restarts, graceful shutdown.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnScript, waitFor } from "../helpers/processes.ts";
import { buildUser } from "../helpers/test-app.ts";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir() {
  const dir = await mkdtemp(path.join(tmpdir(), "scholia-test-"));
  dirs.push(dir);
  return dir;
}

/** Starts `npm start`'s entry point on a free port and waits until /readyz answers. */
async function startProcess(env: Record<string, string>) {
  const run = spawnScript("server/index.ts", { PORT: "0", ...env });
  const url = await waitFor(
    () => /Scholia is listening on (http:\/\/[\d.:]+)/.exec(run.output())?.[1],
    60_000,
    `the server to listen (output so far: ${run.output().slice(-500)})`,
  );
  await waitFor(
    async () => ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok ? true : undefined),
    10_000,
    "readiness",
  );
  return { ...run, url };
}

async function post(url: string, body: object) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("server process", () => {
  it("stops with a readable message on invalid configuration", async () => {
    const run = spawnScript("server/index.ts", { PORT: "eighty", DATABASE_URL: "mysql://nope" });
    const result = await run.finished;
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('PORT="eighty": expected a port number between 0 and 65535');
    expect(result.stderr).toContain("DATABASE_URL");
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace for an operator mistake
  });

  it("embedded mode keeps accounts across restarts, seeds the demo once, and shuts down on SIGTERM", async () => {
    const dataDir = await tempDir();
    const user = buildUser();

    const first = await startProcess({ DATA_DIR: dataDir });
    expect(first.output()).toContain("embedded database");
    expect(first.output()).toContain("created a demo account");
    expect((await post(`${first.url}/api/auth/register`, user)).status).toBe(201);
    first.child.kill("SIGTERM");
    const stopped = await first.finished;
    expect(stopped.code).toBe(0);

    const second = await startProcess({ DATA_DIR: dataDir });
    expect(second.output()).not.toContain("created a demo account");
    const login = await post(`${second.url}/api/auth/login`, { email: user.email, password: user.password });
    expect(login.status).toBe(200);
    const demo = /password: (\S+)/.exec(await readFile(path.join(dataDir, "demo-account.txt"), "utf8"))![1]!;
    expect(
      (await post(`${second.url}/api/auth/login`, { email: "demo@scholia.local", password: demo })).status,
    ).toBe(200);
    second.child.kill("SIGTERM");
    expect((await second.finished).code).toBe(0);
  });

  it("refuses to open an embedded data directory another server is using", async () => {
    const dataDir = await tempDir();
    const first = await startProcess({ DATA_DIR: dataDir });
    const second = spawnScript("server/index.ts", { PORT: "0", DATA_DIR: dataDir });
    const result = await second.finished;
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain("is in use by process");
    first.child.kill("SIGTERM");
    expect((await first.finished).code).toBe(0);
  });
});
