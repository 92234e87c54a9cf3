// Two server processes on one Postgres and the machine's Redis share what used to be per process: a logout, a
// removal or a role change made through one closes the sockets open on the other (well within the access cache's
// 5 s), and the REST and sync rate limits count attempts made on both.
import { randomBytes, randomUUID } from "node:crypto";
import { pino } from "pino";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as Y from "yjs";
import { closeCode, syncPaths } from "../../shared/sync-protocol.ts";
import { defaultAuthRateLimits } from "../../server/http/middleware/rate-limit.ts";
import { connectRedis, type RedisClient } from "../../server/realtime/fanout/redis-clients.ts";
import { connectSharedState, type SharedState } from "../../server/realtime/fanout/shared-state.ts";
import { AccessEvents } from "../../server/services/access-events.ts";
import { connectPeople } from "../helpers/people-client.ts";
import { waitFor } from "../helpers/processes.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom, joinGroup, newSession } from "../helpers/room-fixture.ts";
import { startServerCluster, type ClusterServer, type ServerCluster } from "../helpers/server-cluster.ts";
import { startTestServer } from "../helpers/test-server.ts";

const redisUrl = "redis://127.0.0.1:6379";
/** Keys and channels of this run only: parallel runs sharing the machine's Redis do not meet. */
const redisPrefix = `scholia-test-${randomUUID()}`;
const sessionSecret = randomBytes(32).toString("hex");
/** Well under the access cache's 5 s: a change must have come through Redis, not through an expired cache entry. */
const promptlyMs = 2_000;

let shared: SharedState;
let redis: RedisClient;
let here: Awaited<ReturnType<typeof startTestServer>>;
let cluster: ServerCluster;
let there: ClusterServer;
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  const starting = startServerCluster({
    count: 1,
    databaseUrl: inject("databaseUrl"),
    redisUrl,
    redisPrefix,
    env: { SESSION_SECRET: sessionSecret },
  });
  // This process is assembled as server.ts assembles it: the same shared state, and production's auth limits.
  const access = new AccessEvents();
  shared = await connectSharedState(
    { url: redisUrl, prefix: redisPrefix },
    access,
    pino({ level: "silent" }),
  );
  here = await startTestServer({
    ctx: { sessionSecret, access },
    sharedLimits: shared.limits!,
    authRateLimits: defaultAuthRateLimits,
    people: { redisUrl, redisPrefix, accessRelayed: true },
  });
  room = await buildRoom(here.app);
  redis = await connectRedis(redisUrl, pino({ level: "silent" }), "test");
  cluster = await starting;
  there = cluster.servers[0]!;
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
  await here?.close();
  await shared?.close();
  if (redis) {
    const keys = await redis.keys(`${redisPrefix}:*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.close();
  }
});

const roomOn = (url: string) => `${url.replace(/^http/, "ws")}${syncPaths.room(room.roomId)}`;

const closedWithin = async (closed: Promise<{ code: number }>, what: string) => {
  let code: number | undefined;
  void closed.then((event) => (code = event.code));
  return waitFor(() => code, promptlyMs, what);
};

describe("two server processes sharing Redis", { timeout: 60_000 }, () => {
  it("close a session's sync and socket.io sockets on the other process when it signs out here", async () => {
    const cookie = await newSession(here.app, room.instructor);
    const reader = openRawSyncClient(roomOn(there.url), cookie);
    await reader.synced;
    const people = await connectPeople(there.url, cookie);
    await supertest(here.app).post("/api/auth/logout").set("Cookie", cookie).expect(204);
    expect(await closedWithin(reader.closed, "the sync socket on the other process to close")).toBe(
      closeCode.unauthenticated,
    );
    await waitFor(
      () => (people.connected ? undefined : true),
      promptlyMs,
      "the socket.io socket on the other process to close",
    );
  });

  it("close a member's sockets on the other process when their role changes or they are removed here", async () => {
    const someone = await joinGroup(here.app, room.owner, room.groupId, "member", "Remy Roles");
    const before = openRawSyncClient(roomOn(there.url), someone.cookie);
    await before.synced;
    await room.owner.agent
      .patch(`/api/groups/${room.groupId}/members/${someone.id}`)
      .send({ role: "observer" })
      .expect(200);
    expect(await closedWithin(before.closed, "the demoted member's socket to close")).toBe(
      closeCode.accessChanged,
    );

    const after = openRawSyncClient(roomOn(there.url), someone.cookie);
    await after.synced;
    await room.owner.agent.delete(`/api/groups/${room.groupId}/members/${someone.id}`).expect(204);
    expect(await closedWithin(after.closed, "the removed member's socket to close")).toBe(
      closeCode.accessChanged,
    );
    const retry = openRawSyncClient(roomOn(there.url), someone.cookie);
    expect((await retry.closed).code).toBe(closeCode.notFound);
  });

  it("count failed sign-ins to one account from one address on both processes", async () => {
    const email = `nobody-${randomUUID()}@example.org`;
    const attempt = (url: string) =>
      fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: url },
        body: JSON.stringify({ email, password: "wrong password, surely" }),
      });
    // Ten failures (the lockout's default per account and address), half on each process.
    for (let i = 0; i < defaultAuthRateLimits.perAccount; i++)
      expect((await attempt(i % 2 === 0 ? here.url : there.url)).status).toBe(401);
    expect((await attempt(here.url)).status).toBe(429);
    expect((await attempt(there.url)).status).toBe(429);
  });

  it("count requests from one address against the per-address limit on both processes", async () => {
    const peek = (url: string) => fetch(`${url}/api/invites/${randomBytes(32).toString("base64url")}`);
    // Each process alone allows 100 in the window; alternating, neither would see more than 51 of 101.
    let firstRefused: number | undefined;
    for (let i = 1; i <= defaultAuthRateLimits.perIp + 1 && firstRefused === undefined; i++)
      if ((await peek(i % 2 === 0 ? here.url : there.url)).status === 429) firstRefused = i;
    expect(firstRefused).toBeDefined();
    expect((await peek(here.url)).status).toBe(429);
    expect((await peek(there.url)).status).toBe(429);
  });

  it("count a user's open sync connections on both processes against one cap", async () => {
    const reader = room.observer; // not used by the other tests here (a new member would meet the sign-up limit)
    const open = async (url: string) => {
      const client = openRawSyncClient(roomOn(url), reader.cookie);
      await client.synced;
      return client;
    };
    const clients = [];
    for (let i = 0; i < 12; i++) clients.push(await open(here.url));
    for (let i = 0; i < 8; i++) clients.push(await open(there.url));
    // The 21st, on either process, is refused; each process alone holds fewer than its cap.
    for (const url of [here.url, there.url]) {
      const refused = openRawSyncClient(roomOn(url), reader.cookie);
      expect((await refused.closed).code).toBe(closeCode.tooManyConnections);
    }
    // A slot given back on one process can be taken on the other.
    clients.shift()!.socket.close();
    await waitFor(
      async () => {
        const again = openRawSyncClient(roomOn(there.url), reader.cookie);
        const outcome = await Promise.race([
          again.synced.then(() => "synced"),
          again.closed.then(() => "closed"),
        ]);
        if (outcome === "closed") return undefined;
        clients.push(again);
        return true;
      },
      10_000, // a given-back slot is a Redis round trip on the other process, which a loaded machine can slow
      "a slot to be free again",
    );
    for (const client of clients) client.socket.close();
  });

  it("count a user's sync requests on both processes against one limit", async () => {
    // Not in the last seconds of Redis's fixed minute window, so that both halves fall in one window.
    await waitFor(() => (Date.now() % 60_000 < 45_000 ? true : undefined), 20_000, "the start of a minute");
    const stranger = new Y.Doc();
    stranger.getMap("local").set("mine", true);
    const first = openRawSyncClient(roomOn(here.url), room.other.cookie);
    await first.synced;
    for (let i = 0; i < 79; i++) first.requestSync(stranger);
    await first.roundTrip(); // the 81st request of the 120 a minute allowed: all answered here
    first.socket.close();
    // This process counts in Redis without holding its answers up: wait until its 81 are counted there.
    const windowKey = `${redisPrefix}:rate:sync:${room.other.id}:${Math.floor(Date.now() / 60_000)}`;
    await waitFor(
      async () => (Number(await redis.get(windowKey)) >= 81 ? true : undefined),
      5_000,
      "this process's sync requests to be counted in Redis",
    );

    const second = openRawSyncClient(roomOn(there.url), room.other.cookie);
    let answered = 0;
    let closed = false;
    void second.closed.then(() => (closed = true));
    await second.synced;
    const counted = () => redis.get(windowKey).then(Number);
    while (!closed && answered < 120) {
      await second.roundTrip();
      if (!closed) answered += 1;
      // Paced by Redis: the limit is reconciled asynchronously (SharedRateWindow), and on a loaded machine Redis's
      // answers can trail a fast client by many requests; the test waits for each count to be in.
      const expected = 81 + 1 + answered;
      await waitFor(
        async () => (closed || (await counted()) >= expected ? true : undefined),
        5_000,
        "the count",
      );
    }
    expect((await second.closed).code).toBe(closeCode.tooManyRequests);
    // This process alone would have answered 120 before refusing; together they answered about 120.
    expect(answered).toBeLessThan(60);
  });
});
