// HAProxy running the repo's deploy/haproxy.cfg in front of two Scholia server processes: REST, the Yjs sync and
// socket.io pass through it to both servers, the client's address reaches Scholia through X-Forwarded-For, and a
// server that shuts down is taken out by the /readyz health check while requests through the proxy keep succeeding.
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeCode, syncPaths } from "../../shared/sync-protocol.ts";
import { connectPeople, nextEvent, type PeopleClient } from "../helpers/people-client.ts";
import { spawnCommand, spawnScript, waitFor } from "../helpers/processes.ts";
import { openRawSyncClient, type RawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom, startThread } from "../helpers/room-fixture.ts";
import { buildUser, testDatabase } from "../helpers/test-app.ts";

const sessionSecret = randomBytes(32).toString("hex");
/** Channels of this run only: parallel runs sharing the machine's Redis do not hear each other. */
const redisPrefix = `scholia-test-${randomUUID()}`;

type Run = ReturnType<typeof spawnCommand>;
const servers: (Run & { url: string })[] = [];
let haproxy: Run;
let proxyUrl: string;
let room: Awaited<ReturnType<typeof buildRoom>>;
const dataDirs: string[] = [];
const sockets: { close(): void }[] = [];

/** A port nothing listens on right now (the proxy's, chosen before the servers start so they know their PUBLIC_URL). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startScholia(publicUrl: string) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "scholia-lb-"));
  dataDirs.push(dataDir);
  const run = spawnScript("server/index.ts", {
    PORT: "0",
    HOST: "127.0.0.1",
    PUBLIC_URL: publicUrl,
    DATABASE_URL: inject("databaseUrl"),
    DATA_DIR: dataDir,
    DEMO: "off",
    SESSION_SECRET: sessionSecret,
    REDIS_URL: "redis://127.0.0.1:6379",
    REDIS_PREFIX: redisPrefix,
    TRUST_PROXY: "1",
  });
  const url = await waitFor(
    () => /Scholia is listening on (http:\/\/[\d.:]+)/.exec(run.output())?.[1],
    60_000,
    `a server to listen (output so far: ${run.output().slice(-500)})`,
  );
  return { ...run, url };
}

/**
 * One request through the proxy on a connection of its own (as a new browser connection would be), from `from`
 * (a loopback address) when given. Resolves with the status and body.
 */
function request(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: object; from?: string } = {},
): Promise<{ status: number; body: string; setCookie: string[] }> {
  const { hostname, port } = new URL(proxyUrl);
  const payload = options.body && JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port,
        method,
        path,
        agent: false,
        localAddress: options.from,
        headers: { ...options.headers, ...(payload ? { "content-type": "application/json" } : {}) },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body, setCookie: res.headers["set-cookie"] ?? [] }),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const openSync = (cookie: string): RawSyncClient => {
  const client = openRawSyncClient(
    `${proxyUrl.replace(/^http/, "ws")}${syncPaths.room(room.roomId)}`,
    cookie,
  );
  sockets.push({ close: () => client.socket.close() });
  return client;
};

const openPeople = async (cookie: string): Promise<PeopleClient> => {
  const socket = await connectPeople(proxyUrl, cookie);
  sockets.push(socket);
  return socket;
};

/** Log lines of requests (and closed sockets) HAProxy says `server` served. */
const servedBy = (server: "app1" | "app2") =>
  haproxy
    .output()
    .split("\n")
    .filter((line) => line.includes(` scholia/${server} `));

beforeAll(async () => {
  // Debian installs it in /usr/sbin, which is on root's PATH but not always on a user's.
  const binary = ["haproxy", "/usr/sbin/haproxy"].find((candidate) => !spawnSync(candidate, ["-v"]).error);
  if (!binary) throw new Error("HAProxy is needed to run deploy/haproxy.cfg: apt-get install haproxy");
  const proxyPort = await freePort();
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
  servers.push(...(await Promise.all([startScholia(proxyUrl), startScholia(proxyUrl)])));
  haproxy = spawnCommand(binary, ["-f", "deploy/haproxy.cfg", "-db"], {
    SCHOLIA_APP1: new URL(servers[0]!.url).host,
    SCHOLIA_APP2: new URL(servers[1]!.url).host,
    SCHOLIA_BIND: `127.0.0.1:${proxyPort}`,
  });
  await waitFor(
    async () => {
      if (haproxy.child.exitCode !== null) throw new Error(`HAProxy stopped:\n${haproxy.output()}`);
      const ready = await fetch(`${proxyUrl}/readyz`).catch(() => undefined);
      return ready?.status === 200 || undefined;
    },
    20_000,
    `HAProxy to answer /readyz (its output so far: ${haproxy?.output().slice(-500)})`,
  );
  room = await buildRoom(proxyUrl);
  // 33 s measured on a busy machine (two servers starting at once, HAProxy's first checks): room for one slower still.
}, 240_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  const running = [haproxy, ...servers].filter((run) => run && run.child.exitCode === null);
  for (const run of running) run.child.kill("SIGTERM");
  await Promise.all(running.map((run) => run.exited));
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("HAProxy with deploy/haproxy.cfg in front of two servers", { timeout: 60_000 }, () => {
  const replicas: RawSyncClient[] = [];

  it("passes the Yjs sync through to whichever server it reaches, and spreads sockets and requests over both", async () => {
    // One at a time, so that HAProxy counts the first socket (leastconn) when it places the second: one each.
    for (let i = 0; i < 2; i += 1) {
      const replica = openSync(room.member.cookie);
      await replica.synced;
      replicas.push(replica);
    }
    // Threads made through the proxy commit on whichever server the request reaches, and every one reaches both
    // replicas, one on each server: the servers share the room through Postgres and Redis.
    const made: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      made.push(
        await startThread(room.owner, room.roomId, `Through the proxy, ${i}.`, {
          blockId: room.paragraphs[0]!.anchorId,
        }),
      );
    }
    for (const replica of replicas) {
      await waitFor(
        () => made.every((id) => replica.doc.getMap("threads").has(id)) || undefined,
        5_000,
        "every thread in both replicas behind the proxy",
      );
    }
    expect(servedBy("app1").length).toBeGreaterThan(0);
    expect(servedBy("app2").length).toBeGreaterThan(0);
  });

  it("passes socket.io through: people on either server see each other in the room", async () => {
    const member = await openPeople(room.member.cookie);
    const joined = await member.emitWithAck("room.join", { roomId: room.roomId });
    expect(joined.ok).toBe(true);
    const seen = nextEvent(member, "presence", (dto) => dto.people.some((p) => p.userId === room.owner.id));
    const owner = await openPeople(room.owner.cookie);
    expect((await owner.emitWithAck("room.join", { roomId: room.roomId })).ok).toBe(true);
    await seen;
  });

  it("keeps a browser on the server it first reached (its PDF export job and upload progress live there)", async () => {
    const first = await request("GET", "/api/me", { headers: { cookie: room.owner.cookie } });
    const placed = first.setCookie.map((line) => /^scholia_server=(app[12])/.exec(line)?.[1]).find(Boolean);
    expect(placed, `Set-Cookie: ${first.setCookie}`).toBeDefined();
    const before = servedBy(placed as "app1" | "app2").length;
    for (let i = 0; i < 6; i += 1) {
      const res = await request("GET", "/api/me", {
        headers: { cookie: `${room.owner.cookie}; scholia_server=${placed}` },
      });
      expect(res.status).toBe(200);
    }
    await waitFor(
      () => (servedBy(placed as "app1" | "app2").length - before >= 6 ? true : undefined),
      5_000,
      `HAProxy to log six requests served by ${placed}`,
    );
  });

  it("tells Scholia the client's address (X-Forwarded-For), not one the client made up", async () => {
    const user = buildUser();
    const res = await request("POST", "/api/auth/register", {
      body: user,
      from: "127.0.0.2",
      headers: { "x-forwarded-for": "198.51.100.23" },
    });
    expect(res.status).toBe(201);
    const { id } = (JSON.parse(res.body) as { user: { id: string } }).user;
    const session = await testDatabase().prisma.session.findFirstOrThrow({ where: { userId: id } });
    expect(session.ip).toBe("127.0.0.2");
  });

  it("takes a server that shuts down out on its health check; requests keep succeeding meanwhile", async () => {
    const [leaving] = servers;
    const closedReplica = Promise.race(
      replicas.map(async (replica, n) => ({ n, ...(await replica.closed) })),
    );
    leaving!.child.kill("SIGTERM");
    const statuses: number[] = [];
    await waitFor(
      async () => {
        statuses.push((await request("GET", "/api/me", { headers: { cookie: room.owner.cookie } })).status);
        return haproxy.output().includes("Server scholia/app1 is DOWN") || undefined;
      },
      30_000,
      "HAProxy's health check to take app1 out",
    );
    expect(statuses.length).toBeGreaterThan(0);
    expect(
      statuses.every((status) => status === 200),
      `statuses: ${statuses}`,
    ).toBe(true);
    expect((await leaving!.exited).code).toBe(0);

    // The replica on the stopped server was told to reconnect; a reconnection lands on the other server with every
    // thread committed on either, and a thread made through the proxy now reaches both replicas there.
    const closed = await closedReplica;
    expect(closed.code).toBe(closeCode.shuttingDown);
    const staying = replicas[1 - closed.n]!;
    const again = openSync(room.member.cookie);
    await again.synced;
    const before = [...replicas[closed.n]!.doc.getMap("threads").keys()];
    expect(before.every((id) => again.doc.getMap("threads").has(id))).toBe(true);
    const after = await startThread(room.owner, room.roomId, "After one server left.", {
      blockId: room.paragraphs[1]!.anchorId,
    });
    for (const replica of [again, staying])
      await waitFor(() => replica.doc.getMap("threads").get(after), 5_000, "the thread made after");
  });
});
