// TRUST_PROXY read from the environment by the server process: client addresses come from X-Forwarded-For only then.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { spawnScript, waitFor } from "../helpers/processes.ts";
import { buildUser, testDatabase } from "../helpers/test-app.ts";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function startServer(trustProxy: string | undefined) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "scholia-proxy-"));
  dirs.push(dataDir);
  const run = spawnScript("server/index.ts", {
    PORT: "0",
    DATA_DIR: dataDir,
    DATABASE_URL: inject("databaseUrl"),
    DEMO: "off",
    TRUST_PROXY: trustProxy,
  });
  const url = await waitFor(
    () => /Scholia is listening on (http:\/\/[\d.:]+)/.exec(run.output())?.[1],
    60_000,
    `the server to listen (output so far: ${run.output().slice(-500)})`,
  );
  return { ...run, url };
}

/** Registers through `url` as if from `client` behind a proxy, and returns the address the session recorded. */
async function recordedAddress(url: string, client: string) {
  const user = buildUser();
  const res = await fetch(`${url}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": client },
    body: JSON.stringify(user),
  });
  expect(res.status).toBe(201);
  const { id } = ((await res.json()) as { user: { id: string } }).user;
  return (await testDatabase().prisma.session.findFirstOrThrow({ where: { userId: id } })).ip;
}

describe("TRUST_PROXY", () => {
  it("set to loopback, the server takes the client's address from the proxy's X-Forwarded-For", async () => {
    const server = await startServer("loopback");
    try {
      expect(await recordedAddress(server.url, "198.51.100.23")).toBe("198.51.100.23");
    } finally {
      server.child.kill("SIGTERM");
      await server.finished;
    }
  }, 120_000);

  it("unset, X-Forwarded-For is ignored", async () => {
    const server = await startServer(undefined);
    try {
      expect(await recordedAddress(server.url, "198.51.100.23")).toMatch(/127\.0\.0\.1$/);
    } finally {
      server.child.kill("SIGTERM");
      await server.finished;
    }
  }, 120_000);

  it("an invalid value stops the server with the accepted forms", async () => {
    const run = spawnScript("server/index.ts", { PORT: "0", TRUST_PROXY: "yes please" });
    const result = await run.finished;
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('TRUST_PROXY="yes please": expected false, true, a number of proxy hops');
  }, 60_000);
});
