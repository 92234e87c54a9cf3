// The server as a process: readable configuration errors, embedded data surviving restarts, graceful shutdown
// whatever is connected, and `npm start` handing the process manager's signal to the server.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { closeCode, syncPaths } from "../../shared/sync-protocol.ts";
import { spawnCommand, spawnScript, waitFor } from "../helpers/processes.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { openRawUpgrade } from "../helpers/raw-websocket.ts";
import { roomText } from "../helpers/room-fixture.ts";
import { buildUser } from "../helpers/test-app.ts";

const dirs: string[] = [];
/** Processes a test started (with their command line), ended here if the test failed before stopping them. */
const leftovers: { pid: number; cmdline: string }[] = [];
afterAll(async () => {
  for (const { pid, cmdline } of leftovers) {
    // The same process still, not another that was given its id since.
    if ((await cmdlineOf(pid)) === cmdline) process.kill(pid, "SIGKILL");
  }
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const cmdlineOf = (pid: number) => readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => undefined);

async function remember(pids: number[]): Promise<void> {
  for (const pid of pids) {
    const cmdline = await cmdlineOf(pid);
    if (cmdline !== undefined) leftovers.push({ pid, cmdline });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes below `pid` (children, grandchildren…), read from /proc. */
async function descendantsOf(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // "pid (command) state ppid …": the command may hold spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const below: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of parents) {
      if (ppid !== parent) continue;
      below.push(child);
      visit(child);
    }
  };
  visit(pid);
  return below;
}

async function tempDir() {
  const dir = await mkdtemp(path.join(tmpdir(), "scholia-test-"));
  dirs.push(dir);
  return dir;
}

/** Starts `npm start`'s entry point on a free port and waits until /readyz answers. */
async function startProcess(env: Record<string, string>) {
  const run = spawnScript("server/index.ts", { PORT: "0", ...env });
  await remember([run.child.pid!]);
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

/** Signs someone up over HTTP and opens a room on a short text; returns their session cookie and the room id. */
async function roomOver(base: string) {
  const registered = await post(`${base}/api/auth/register`, buildUser());
  const cookie = registered.headers.getSetCookie()[0]!.split(";")[0]!;
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { cookie, "content-type": typeof body === "string" ? "text/plain" : "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    expect(res.status, path).toBe(201);
    return (await res.json()) as Record<string, { id: string }>;
  };
  const groupId = (await call("/api/groups", { name: "Readers" })).group!.id;
  const documentId = (await call(`/api/documents?groupId=${groupId}`, roomText)).document!.id;
  const roomId = (await call(`/api/groups/${groupId}/rooms`, { documentId })).room!.id;
  return { cookie, roomId };
}

/** A raw TCP connection to the server that has written `data`; resolves once the server has closed it. */
function rawConnection(base: string, data: string) {
  const { hostname, port } = new URL(base);
  const socket = net.connect(Number(port), hostname, () => socket.write(data));
  socket.on("error", () => undefined);
  const received: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => received.push(chunk));
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  return { socket, closed, received: () => Buffer.concat(received).toString() };
}

describe("server process", { timeout: 120_000 }, () => {
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

  it("SIGTERM closes whatever is connected and exits 0, database closed", async () => {
    const run = await startProcess({ DATABASE_URL: inject("databaseUrl"), DEMO: "off" });
    const wsUrl = run.url.replace(/^http/, "ws");
    const { cookie, roomId } = await roomOver(run.url);
    const reader = openRawSyncClient(`${wsUrl}${syncPaths.room(roomId)}`, cookie);
    await reader.synced;
    // A reader that never answers the server's close frame.
    const deaf = openRawUpgrade(run.url, syncPaths.notes(roomId), { cookie, ignoreClose: true });
    expect(await deaf.answered).toBe(101);
    // An upgrade to a path no endpoint owns (it used to stay open and hold shutdown until the 10 s deadline).
    const stray = openRawUpgrade(run.url, "/nowhere");
    // An idle keep-alive connection, a request whose headers are half-sent, one whose body is half-sent.
    const idle = rawConnection(run.url, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    await waitFor(() => (idle.received().includes("200 OK") ? true : undefined), 5_000, "the idle request");
    const halfHeaders = rawConnection(run.url, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    const halfBody = rawConnection(
      run.url,
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"email"',
    );
    expect((await fetch(`${run.url}/healthz`)).status).toBe(200); // the half-sent requests have been read

    run.child.kill("SIGTERM");
    const stopped = await run.finished;
    // 0, not the 1 of the forced exit at 10 s; "Stopped." is logged once the database is closed.
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain("Stopped.");
    expect(await reader.closed).toMatchObject({ code: closeCode.shuttingDown });
    expect(await deaf.closed).toMatchObject({ code: closeCode.shuttingDown });
    await Promise.all([stray.closed, idle.closed, halfHeaders.closed, halfBody.closed]);
  });

  it("SIGTERM to the PID of `npm start` stops the server it started", { timeout: 240_000 }, async () => {
    // The process manager's view: one PID, the one it started. `npm start` builds the client first.
    const run = spawnCommand("npm", ["start"], {
      PORT: "0",
      DATABASE_URL: inject("databaseUrl"),
      DEMO: "off",
    });
    const url = await waitFor(
      () => /"msg":"Scholia is listening on (http:\/\/[\d.:]+)"/.exec(run.output())?.[1],
      200_000,
      "npm start to listen",
    );
    const started = await descendantsOf(run.child.pid!);
    await remember(started);
    expect(started.length).toBeGreaterThan(0);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // Whatever NODE_ENV it inherits (vitest's is "test"), npm start builds what users get: a production bundle, the
    // only kind that registers the offline service worker.
    const shell = await (await fetch(url, { headers: { accept: "text/html" } })).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(shell)?.[1];
    expect(shell).toMatch(/src="\/assets\/[^"]+\.js"/);
    const bundle = await (await fetch(`${url}${script}`)).text();
    expect(bundle.includes("serviceWorker.register(`/sw.js`)"), "a production bundle registers /sw.js").toBe(
      true,
    );

    run.child.kill("SIGTERM");
    expect(await run.exited).toMatchObject({ code: 0 });
    await waitFor(
      () => (started.some(isRunning) ? undefined : true),
      10_000,
      "every process npm start started to end",
    );
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
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
