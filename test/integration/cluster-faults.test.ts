// Three server processes on one Postgres and one Redis lose parts under a burst of writes: one server SIGKILLed (five
// times), Redis stopped and restarted, Postgres stopped and restarted. Acknowledged mutations are never lost, every
// replica converges on what Postgres holds, and the servers recover without being restarted. Postgres and Redis
// are throwaway instances the test starts itself on loopback ports, never the machine's.
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncPaths } from "../../shared/sync-protocol.ts";
import { BurstWriter, RoamingReplica, type Acknowledged } from "../helpers/cluster-clients.ts";
import { waitFor } from "../helpers/processes.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { startServerCluster, type ServerCluster } from "../helpers/server-cluster.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../helpers/throwaway-postgres.ts";
import { startThrowawayRedis, type ThrowawayRedis } from "../helpers/throwaway-redis.ts";

let postgres: ThrowawayPostgres | undefined;
let redis: ThrowawayRedis | undefined;
let cluster: ServerCluster;
let room: Awaited<ReturnType<typeof buildRoom>>;
let httpUrls: string[];
let wsUrls: string[];
const openReplicas: RoamingReplica[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis()]);
  const databaseUrl = await postgres.createDatabase("scholia");
  cluster = await startServerCluster({ count: 3, databaseUrl, redisUrl: redis.url });
  httpUrls = cluster.servers.map((server) => server.url);
  wsUrls = cluster.servers.map((server) => server.wsUrl);
  room = await buildRoom(httpUrls[0]!);
  // About 20 s here when idle (initdb, three servers starting at once): a machine three times slower needs 60.
}, 180_000);

afterAll(async () => {
  openReplicas.forEach((replica) => replica.close());
  try {
    await cluster?.stop();
  } finally {
    // Whatever became of the servers, the throwaway Postgres and Redis must not outlive the file.
    await Promise.allSettled([redis?.destroy(), postgres?.destroy()]);
  }
});

/** Two replicas on each server (a member's and the owner's), each synced once. */
async function replicasOnEveryServer(): Promise<RoamingReplica[]> {
  const replicas = wsUrls.flatMap((_url, start) =>
    [room.member, room.owner].map(
      (person) =>
        new RoamingReplica({
          servers: wsUrls,
          start,
          path: syncPaths.room(room.roomId),
          cookie: person.cookie,
        }),
    ),
  );
  openReplicas.push(...replicas);
  await allSynced(replicas);
  return replicas;
}

function closeReplicas(replicas: RoamingReplica[]): void {
  for (const replica of replicas) {
    replica.close();
    openReplicas.splice(openReplicas.indexOf(replica), 1);
  }
}

const allSynced = (replicas: RoamingReplica[], timeoutMs = 15_000) =>
  waitFor(
    () => replicas.every((replica) => replica.synced) || undefined,
    timeoutMs,
    `every replica to be synced (servers: ${replicas.map((replica) => replica.server ?? "none").join(", ")})`,
  );

/** Ids of the room's threads and replies in Postgres, as server `index` lists them over REST. */
async function storedIds(index: number): Promise<{ threads: Set<string>; comments: Set<string> }> {
  const res = await fetch(`${httpUrls[index]}/api/rooms/${room.roomId}/threads?include=comments`, {
    headers: { cookie: room.owner.cookie },
    signal: AbortSignal.timeout(10_000),
  });
  expect(res.status, `GET threads on server ${index}`).toBe(200);
  const body = (await res.json()) as { threads: { id: string; comments?: { id: string }[] }[] };
  return {
    threads: new Set(body.threads.map((thread) => thread.id)),
    comments: new Set(body.threads.flatMap((thread) => (thread.comments ?? []).map((comment) => comment.id))),
  };
}

/** Everything a replica holds of the discussion, in one comparable string. */
function contents(replica: RoamingReplica): string {
  const sorted = (map: Iterable<[string, unknown]>) =>
    JSON.stringify([...map].sort(([a], [b]) => a.localeCompare(b)));
  return sorted(replica.doc.getMap("threads").entries()) + sorted(replica.doc.getMap("comments").entries());
}

const missing = (wanted: Iterable<string>, have: Set<string>) => [...wanted].filter((id) => !have.has(id));

/**
 * Every acknowledged mutation is stored (listed by every running server), and every replica settles on exactly
 * what Postgres holds, all of them equal. Names the stragglers when they do not within `timeoutMs`.
 */
async function expectConverged(
  replicas: RoamingReplica[],
  acks: Acknowledged[],
  what: string,
  timeoutMs = 15_000,
) {
  const running = cluster.servers.filter((server) => server.alive()).map((server) => server.index);
  const stored = await storedIds(running[0]!);
  for (const index of running.slice(1)) {
    const other = await storedIds(index);
    expect([...other.threads].sort(), `${what}: threads listed by server ${index}`).toEqual(
      [...stored.threads].sort(),
    );
  }
  const ackedThreads = acks.filter((ack) => ack.kind === "thread").map((ack) => ack.id);
  const ackedComments = acks.filter((ack) => ack.kind === "comment").map((ack) => ack.id);
  expect(missing(ackedThreads, stored.threads), `${what}: acknowledged threads not in Postgres`).toEqual([]);
  expect(missing(ackedComments, stored.comments), `${what}: acknowledged replies not in Postgres`).toEqual(
    [],
  );

  const lag = () =>
    replicas
      .map((replica, n) => {
        const { threads, comments } = replica.ids();
        const lacks = missing(stored.threads, threads).length + missing(stored.comments, comments).length;
        const extra = missing(threads, stored.threads).length + missing(comments, stored.comments).length;
        return lacks + extra === 0 && replica.synced
          ? undefined
          : `replica ${n} on server ${replica.server ?? "none"} (started on ${Math.floor(n / 2)}): lacks ${lacks}, extra ${extra}`;
      })
      .filter((line) => line !== undefined);
  try {
    await waitFor(() => (lag().length === 0 ? true : undefined), timeoutMs, `${what}: replicas to converge`);
  } catch (error) {
    throw new Error(
      `${(error as Error).message}; stored: ${stored.threads.size} threads, ${stored.comments.size} replies; ${lag().join("; ")}`,
      { cause: error },
    );
  }
  const first = contents(replicas[0]!);
  replicas.forEach((replica, n) =>
    expect(contents(replica) === first, `${what}: replica ${n} equals replica 0`).toBe(true),
  );
}

/** Writers spread over the servers: two people per server, each starting on a different one. */
function startBurst(acks: Acknowledged[], problems: string[]) {
  let stopped = false;
  const people = [room.member, room.other, room.instructor, room.owner, room.member, room.other];
  const writers = people.map(
    (person, n) =>
      new BurstWriter({
        servers: httpUrls,
        start: n % httpUrls.length,
        roomId: room.roomId,
        cookie: person.cookie,
        blockIds: room.paragraphs.map((paragraph) => paragraph.anchorId),
        acks,
        problems,
      }),
  );
  const running = Promise.all(writers.map((writer) => writer.run(() => stopped)));
  return {
    writers,
    /** Resolves once `count` more mutations than now have been acknowledged. */
    async acknowledged(count: number, what: string) {
      const target = acks.length + count;
      await waitFor(
        () => (acks.length >= target ? true : undefined),
        20_000,
        `${count} acknowledged ${what}`,
      );
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/** Starts a thread on server `index` (one attempt); the response. */
function postThread(index: number, key: string, body: string) {
  return fetch(`${httpUrls[index]}/api/rooms/${room.roomId}/threads`, {
    method: "POST",
    headers: { cookie: room.member.cookie, "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body }),
    signal: AbortSignal.timeout(10_000),
  });
}

/** Every replica synced with a server other than `index` holds thread `id` within `timeoutMs`. */
async function reachesOtherServers(replicas: RoamingReplica[], index: number, id: string, timeoutMs = 5_000) {
  const others = replicas.filter((replica) => replica.server !== index);
  expect(others.length, `replicas on servers other than ${index}`).toBeGreaterThan(0);
  await waitFor(
    () => others.every((replica) => replica.room.thread(id) !== undefined) || undefined,
    timeoutMs,
    `a thread written on server ${index} to reach replicas on ${others.map((replica) => replica.server).join(", ")}`,
  );
}

describe("three servers on one Postgres and one Redis", () => {
  it(
    "lose no acknowledged mutation when one of them is SIGKILLed during a burst, five times over",
    // About 40 s when idle, most of it the five restarts: a machine three times slower needs all of 120 s.
    { timeout: 300_000 },
    async () => {
      const replicas = await replicasOnEveryServer();
      const acks: Acknowledged[] = [];
      const problems: string[] = [];
      let restarting: Promise<void> = Promise.resolve();
      try {
        for (let repetition = 1; repetition <= 5; repetition += 1) {
          const what = `repetition ${repetition}`;
          await restarting;
          await allSynced(replicas);
          const victim = (repetition - 1) % cluster.servers.length;
          const onVictim = replicas.filter((replica) => replica.server === victim);
          const closesBefore = onVictim.map((replica) => replica.closes.length);
          const burst = startBurst(acks, problems);
          try {
            await burst.acknowledged(12, `${what}: writes before the kill`);
            await cluster.kill(victim);
            // Back on its port while the others carry the burst, as a process manager restarts it.
            restarting = cluster.restart(victim);
            await burst.acknowledged(18, `${what}: writes after the kill`);
          } finally {
            await burst.stop();
          }
          expect(problems, `${what}: mutations refused or given up`).toEqual([]);
          // The kill hit the burst: the writers on the victim lost requests and replayed them elsewhere.
          expect(
            burst.writers.flatMap((writer) => writer.retries).length,
            `${what}: replayed requests`,
          ).toBeGreaterThan(0);
          // Its readers noticed and came back (to the others, or to it once restarted).
          onVictim.forEach((replica, n) =>
            expect(replica.closes.length, `${what}: closes`).toBeGreaterThan(closesBefore[n]!),
          );
          // Converged across all three, the restarted one included (it loads the room afresh from Postgres).
          await restarting;
          await allSynced(replicas);
          await expectConverged(replicas, acks, what);
        }
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${cluster.logs(1_500)}`, { cause: error });
      } finally {
        await restarting.catch(() => undefined);
        closeReplicas(replicas);
      }
    },
  );

  it(
    "keep serving from Postgres while Redis is down, then converge and publish again once it is back",
    { timeout: 60_000 },
    async () => {
      const replicas = await replicasOnEveryServer();
      const acks: Acknowledged[] = [];
      const problems: string[] = [];
      const retries: string[] = [];
      const listener = createClient({ url: redis!.url });
      try {
        const during = startBurst(acks, problems);
        try {
          await during.acknowledged(10, "writes before Redis stops");
          await redis!.stop();
          await during.acknowledged(20, "writes while Redis is down");
        } finally {
          await during.stop();
          retries.push(...during.writers.flatMap((writer) => writer.retries));
        }
        // Without Redis, the servers still find each other's commits in the Postgres log.
        await expectConverged(replicas, acks, "while Redis is down");

        await redis!.start();
        const after = startBurst(acks, problems);
        try {
          await after.acknowledged(10, "writes after Redis is back");
        } finally {
          await after.stop();
          retries.push(...after.writers.flatMap((writer) => writer.retries));
        }
        expect(problems, "mutations refused or given up").toEqual([]);
        expect(retries, "requests that failed or were answered 5xx").toEqual([]);
        expect(
          replicas.map((replica) => replica.closes.length),
          "sync sockets closed",
        ).toEqual(replicas.map(() => 0));
        await expectConverged(replicas, acks, "after Redis is back");

        // Publishing resumed: a single write on each server goes out on the deployment's Redis channels (the
        // update, thread id and all), and reaches the replicas on the other servers.
        const heard: string[] = [];
        await listener.connect();
        await listener.pSubscribe(
          `${cluster.redisPrefix}*`,
          (message: Buffer) => heard.push(message.toString("latin1")),
          true,
        );
        // A server may still be reconnecting (node-redis waits up to 2 s between tries): a write committed before it
        // is back is not published — the others find it in the log — so each server writes until one is heard.
        for (const index of cluster.servers.map((server) => server.index)) {
          const id = await waitFor(
            async () => {
              const id = crypto.randomUUID();
              expect((await postThread(index, id, `After Redis came back, on server ${index}.`)).status).toBe(
                201,
              );
              return waitFor(
                () => (heard.some((message) => message.includes(id)) ? id : undefined),
                1_000,
                `write ${id} on Redis`,
              ).catch(() => undefined);
            },
            10_000,
            `server ${index} to publish its writes on Redis again`,
          );
          await reachesOtherServers(replicas, index, id);
        }
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${cluster.logs(1_500)}`, { cause: error });
      } finally {
        await listener.close().catch(() => undefined);
        await redis!.start().catch(() => undefined);
        closeReplicas(replicas);
      }
    },
  );

  it(
    "answer 503 while Postgres is down and recover without a restart once it is back",
    { timeout: 60_000 },
    async () => {
      const replicas = await replicasOnEveryServer();
      try {
        await postgres!.stop("immediate");
        for (const { index, url } of cluster.servers) {
          const write = await postThread(index, crypto.randomUUID(), "During the outage.");
          expect(write.status, `POST threads on server ${index}`).toBe(503);
          expect(write.headers.get("retry-after"), `Retry-After on server ${index}`).toMatch(/^\d+$/);
          expect(((await write.json()) as { error: { code: string } }).error.code).toBe("unavailable");
          const read = await fetch(`${url}/api/rooms/${room.roomId}/threads`, {
            headers: { cookie: room.owner.cookie },
          });
          expect(read.status, `GET threads on server ${index}`).toBe(503);
          expect(read.headers.get("retry-after")).toMatch(/^\d+$/);
          expect((await fetch(`${url}/readyz`)).status, `/readyz on server ${index}`).toBe(503);
          expect((await fetch(`${url}/healthz`)).status, `/healthz on server ${index}`).toBe(200);
        }
        expect(cluster.servers.map((server) => server.alive())).toEqual([true, true, true]);
        await postgres!.start();

        const acks: Acknowledged[] = [];
        for (const { index, url } of cluster.servers) {
          await waitFor(
            async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined),
            15_000,
            `/readyz on server ${index} once Postgres is back`,
          );
          // The client's outbox would replay the same key until it is acknowledged; the first try should do.
          const id = crypto.randomUUID();
          const answer = await postThread(index, id, `After Postgres came back, on server ${index}.`);
          expect(answer.status, `first write on server ${index} after Postgres is back`).toBe(201);
          acks.push({ kind: "thread", id, threadId: id, server: index });
          // Sockets that dropped meanwhile have come back by themselves.
          await allSynced(replicas);
          await reachesOtherServers(replicas, index, id);
        }
        await expectConverged(replicas, acks, "after Postgres is back");
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${cluster.logs(1_500)}`, { cause: error });
      } finally {
        await postgres!.start().catch(() => undefined);
        closeReplicas(replicas);
      }
    },
  );
});
