// The per-user caps on heavy work (exports and analytics running at once, PDF jobs unfinished) counted across the
// server processes of a deployment through the machine's Redis: two ledgers on one key stand for two servers.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { perUserConcurrency } from "../../server/http/middleware/concurrency-limit.ts";
import { errorHandler } from "../../server/http/middleware/errors.ts";
import { connectRedis, type RedisClient } from "../../server/realtime/fanout/redis-clients.ts";
import { RedisConnectionLedger } from "../../server/realtime/fanout/shared-connections.ts";
import { ExportJobs, type JobRequest } from "../../server/services/exports/export-jobs.ts";
import type { PreparedExport } from "../../server/services/exports/export-room.ts";
import { waitFor } from "../helpers/processes.ts";

const logger = pino({ level: "silent" });
const prefix = `scholia-test-${randomUUID()}`;
let client: RedisClient;
beforeAll(async () => {
  client = await connectRedis("redis://127.0.0.1:6379", logger, "test");
});
afterAll(async () => {
  const keys = await client.keys(`${prefix}:*`);
  if (keys.length > 0) await client.del(keys);
  await client.close();
});

/** Two servers' ledgers of one cap (each process records its slots under its own name), closed after the test. */
function twoServers(cap: string): [RedisConnectionLedger, RedisConnectionLedger] {
  const key = `${prefix}:conns:${cap}:`;
  const ledgers = [0, 1].map(() => new RedisConnectionLedger(client, key, () => undefined));
  onTestFinished(() => ledgers.forEach((ledger) => ledger.close()));
  return ledgers as [RedisConnectionLedger, RedisConnectionLedger];
}

/** A server whose one route holds each request until the test releases it, behind the cap. */
async function heldServer(ledger: RedisConnectionLedger) {
  const waiting: (() => void)[] = [];
  const app = express();
  app.get(
    "/heavy/:user",
    (req, res, next) => {
      res.locals.principal = { user: { id: req.params.user } };
      next();
    },
    perUserConcurrency(2, "You already have 2 running.", 5, ledger),
    (_req, res) => {
      waiting.push(() => res.json({ ok: true }));
    },
  );
  app.use(errorHandler);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    while (waiting.length > 0) waiting.shift()!();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  onTestFinished(close);
  return {
    /** Sends a request as `user`; resolves with its response once it is answered. */
    ask: (user: string, signal?: AbortSignal) => fetch(`${base}/heavy/${user}`, signal ? { signal } : {}),
    /** How many requests the route holds. */
    held: () => waiting.length,
    /** Answers the oldest held request. */
    release: () => waiting.shift()?.(),
    close,
  };
}

describe("heavy requests at once, per user, across servers", { timeout: 20_000 }, () => {
  it("counts a user's requests running on every server, and frees the slot when one ends", async () => {
    const [ledgerA, ledgerB] = twoServers("heavy");
    const [a, b] = [await heldServer(ledgerA), await heldServer(ledgerB)];
    const first = a.ask("u1");
    const second = b.ask("u1");
    await waitFor(() => (a.held() + b.held() === 2 ? true : undefined), 5_000, "both requests held");
    for (const server of [a, b]) {
      const refused = await server.ask("u1");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("5");
      expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
        "You already have 2 running.",
      );
    }
    // Another user's requests are their own.
    const other = b.ask("u2");
    await waitFor(() => (b.held() === 2 ? true : undefined), 5_000, "u2's request held");
    a.release();
    expect((await first).status).toBe(200);
    const third = b.ask("u1");
    await waitFor(() => (b.held() === 3 ? true : undefined), 5_000, "u1's request held once a slot is free");
    await b.close();
    expect([(await second).status, (await other).status, (await third).status]).toEqual([200, 200, 200]);
  });

  it("gives back the slot of a client that went away, so the user is not locked out", async () => {
    const [ledgerA, ledgerB] = twoServers("gone");
    const [a, b] = [await heldServer(ledgerA), await heldServer(ledgerB)];
    for (let round = 0; round < 3; round += 1) {
      const stop = new AbortController();
      const gone = a.ask("u1", stop.signal).catch(() => undefined);
      const kept = b.ask("u1");
      await waitFor(() => (a.held() + b.held() === 2 ? true : undefined), 5_000, "both requests held");
      stop.abort();
      await gone;
      a.release(); // the route answers a request whose client is gone
      // The slot comes back once the server has seen the client go: a second request is held again.
      const again = a.ask("u1");
      await waitFor(() => (a.held() === 1 ? true : undefined), 5_000, "a new request held in the freed slot");
      a.release();
      b.release();
      expect([(await again).status, (await kept).status]).toEqual([200, 200]);
    }
  });
});

describe("PDF jobs per user, across servers", { timeout: 20_000 }, () => {
  const request = (userId: string, key: string): JobRequest => ({
    userId,
    roomId: "room",
    view: "all",
    key,
    layout: "discussion",
    transient: false,
  });
  /** Two servers' PDF jobs (none drawn: what counts is only whether they are unfinished), closed after the test. */
  const twoJobServers = (cap: string): [ExportJobs, ExportJobs] => {
    const servers = twoServers(cap).map(
      (ledger) => new ExportJobs({ running: 0 }, undefined, undefined, ledger),
    );
    onTestFinished(async () => {
      await Promise.all(servers.map((jobs) => jobs.close()));
    });
    return servers as [ExportJobs, ExportJobs];
  };
  const prepared = async (): Promise<PreparedExport> =>
    ({ fileName: "discussion.pdf", blockCount: 1 }) as unknown as PreparedExport;

  it("refuses a job on one server while the user's jobs on others fill the cap, and takes it once one ends", async () => {
    const [a, b] = twoJobServers("pdf-jobs");
    const { job } = await a.start(request("u1", "one"), prepared);
    await b.start(request("u1", "two"), prepared);
    await expect(b.start(request("u1", "three"), prepared)).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/already have 2 PDF exports being built/u),
      retryAfterSeconds: expect.any(Number),
    });
    await expect(a.start(request("u1", "three"), prepared)).rejects.toMatchObject({ code: "rate_limited" });
    expect((await b.start(request("u2", "three"), prepared)).joined).toBe(false);
    await a.cancel("u1", job.id);
    expect((await b.start(request("u1", "three"), prepared)).joined).toBe(false);
  });

  it("gives back the slot of a request that joined the same job, started while Redis was asked", async () => {
    const [jobs] = twoJobServers("pdf-joined");
    const held = async () =>
      (await client.hVals(`${prefix}:conns:pdf-joined:user:u1`)).reduce(
        (sum, slots) => sum + Number(slots),
        0,
      );
    const both = await Promise.all([
      jobs.start(request("u1", "same"), prepared),
      jobs.start(request("u1", "same"), prepared),
    ]);
    expect(both.map((started) => started.joined).sort()).toEqual([false, true]);
    await waitFor(async () => ((await held()) === 1 ? true : undefined), 5_000, "one slot for the one job");
  });

  it("joins the same job started while Redis was asked even when that job took the user's last slot", async () => {
    const [a, b] = twoJobServers("pdf-last-slot");
    // One of the user's two slots is held on the other server.
    await b.start(request("u1", "elsewhere"), prepared);
    // A double click: the second request's take is refused (the first holds the last slot), yet it is the
    // same job, which it joins like any other identical request.
    const both = await Promise.allSettled([
      a.start(request("u1", "same"), prepared),
      a.start(request("u1", "same"), prepared),
    ]);
    expect(both.map((settled) => settled.status)).toEqual(["fulfilled", "fulfilled"]);
    const joined = both.map((settled) => (settled.status === "fulfilled" ? settled.value.joined : undefined));
    expect(joined.sort()).toEqual([false, true]);
  });

  it("gives back every slot when the server closes with jobs still queued", async () => {
    const [a, b] = twoJobServers("pdf-closed");
    await a.start(request("u1", "one"), prepared);
    await a.start(request("u1", "two"), prepared);
    await a.close();
    await waitFor(
      async () => ((await client.hLen(`${prefix}:conns:pdf-closed:user:u1`)) === 0 ? true : undefined),
      5_000,
      "the closed server's slots given back",
    );
    await b.start(request("u1", "one"), prepared);
    await b.start(request("u1", "two"), prepared);
  });
});
