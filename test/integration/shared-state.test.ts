// What server processes share through the machine's Redis, tested on its parts: access events relayed between two
// relays (once each, never echoed), the sign-in lockout counted in Redis, job leases (one holder at a time, taken
// over after a holder dies), and every part falling back or failing open while Redis is cut.
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisJobLease } from "../../server/realtime/fanout/job-lease.ts";
import { RedisConnectionLedger } from "../../server/realtime/fanout/shared-connections.ts";
import { connectRedis, type RedisClient } from "../../server/realtime/fanout/redis-clients.ts";
import { redisLimits } from "../../server/realtime/fanout/shared-limits.ts";
import { connectSharedState, type SharedState } from "../../server/realtime/fanout/shared-state.ts";
import { AccessEvents } from "../../server/services/access-events.ts";
import { defaultAuthRateLimits } from "../../server/http/middleware/rate-limit.ts";
import { buildTestApp } from "../helpers/test-app.ts";
import { startCuttableProxy, type CuttableProxy } from "../helpers/cuttable-proxy.ts";
import { waitFor } from "../helpers/processes.ts";

const redisUrl = "redis://127.0.0.1:6379";
/** Keys and channels of this run only. */
const prefix = `scholia-test-${randomUUID()}`;
const logger = pino({ level: "silent" });

let client: RedisClient;
beforeAll(async () => {
  client = await connectRedis(redisUrl, logger, "test");
});
afterAll(async () => {
  const keys = await client.keys(`${prefix}:*`);
  if (keys.length > 0) await client.del(keys);
  await client.close();
});

describe("access relay", { timeout: 20_000 }, () => {
  it("tells every other process each event once, and never sends back what it heard", async () => {
    const settings = { url: redisUrl, prefix: `${prefix}:relay` };
    const here = new AccessEvents();
    const there = new AccessEvents();
    const heard: { where: string; name: string; args: unknown[] }[] = [];
    for (const [where, events] of [
      ["here", here],
      ["there", there],
    ] as const) {
      events.on("session-revoked", (...args) => heard.push({ where, name: "session-revoked", args }));
      events.on("room-view-changed", (...args) => heard.push({ where, name: "room-view-changed", args }));
    }
    const states: SharedState[] = [
      await connectSharedState(settings, here, logger),
      await connectSharedState(settings, there, logger),
    ];
    try {
      here.emit("session-revoked", "s1");
      there.emit("room-view-changed", { roomId: "r1" });
      await waitFor(() => (heard.length >= 4 ? true : undefined), 5_000, "both events on both sides");
      // A marker sent after them: once it arrives, any echo of the first two would have arrived too.
      here.emit("session-revoked", "marker");
      await waitFor(
        () =>
          heard.some((event) => event.where === "there" && event.args[0] === "marker") ? true : undefined,
        5_000,
        "the marker",
      );
      expect(heard.filter((event) => event.args[0] !== "marker")).toEqual([
        { where: "here", name: "session-revoked", args: ["s1"] },
        { where: "there", name: "room-view-changed", args: [{ roomId: "r1" }] },
        { where: "there", name: "session-revoked", args: ["s1"] },
        { where: "here", name: "room-view-changed", args: [{ roomId: "r1" }] },
      ]);
    } finally {
      for (const state of states) await state.close();
    }
  });
});

describe("sign-in lockout in Redis", () => {
  const limits = { perAccount: 3, perAccountTotal: 5 };

  it("applies the same rule as the ledger in memory, counted once for every process", async () => {
    // Two processes' ledgers on one Redis.
    const one = redisLimits(client, `${prefix}:a`, logger).signInLedger(60_000);
    const two = redisLimits(client, `${prefix}:a`, logger).signInLedger(60_000);
    const now = Date.now();
    expect(await one.attempt("acc|x", "acc", limits, now)).toBeUndefined();
    expect(await two.attempt("acc|x", "acc", limits, now)).toBeUndefined();
    expect(await one.attempt("acc|x", "acc", limits, now)).toBeUndefined();
    const refused = await two.attempt("acc|x", "acc", limits, now);
    expect(refused).toBeGreaterThan(now);
    expect(refused).toBeLessThanOrEqual(now + 60_000);
    // A refused attempt is not counted; a forgiven one is taken back; a sign-in clears the address's run.
    expect(await one.attempt("acc|y", "acc", limits, now)).toBeUndefined(); // account total 4
    await two.forgive("acc|y", "acc", false, now); // not a wrong password: total 3, y 0
    expect(await one.attempt("acc|y", "acc", limits, now)).toBeUndefined(); // total 4, y 1
    expect(await two.attempt("acc|z", "acc", limits, now)).toBeUndefined(); // total 5, z 1
    // The account's total is reached: every address that failed is refused, one that has not is let through.
    expect(await one.attempt("acc|y", "acc", limits, now)).toBeGreaterThan(now);
    expect(await two.attempt("acc|owner", "acc", limits, now)).toBeUndefined(); // total 6, owner 1
    await one.forgive("acc|owner", "acc", true, now); // signed in: total 5, owner cleared
    expect(await two.attempt("acc|owner", "acc", limits, now)).toBeUndefined();
  });
});

/** Renewed often and quiet soon, so that a process that stops renewing is forgotten within the test. */
// Quiet after 2 s: a renewal every 100 ms keeps a live process counted through any pause of a loaded machine.
const quickLedger = { renewEveryMs: 100, quietMs: 2_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("connection caps in Redis", { timeout: 20_000 }, () => {
  it("count a user's slots on every process, and forget those of a process gone quiet (crashed)", async () => {
    const key = `${prefix}:conns:caps:`;
    const [one, two] = [1, 2].map(() => new RedisConnectionLedger(client, key, () => undefined, quickLedger));
    expect([await one!.take("u1", 3), await one!.take("u1", 3), await two!.take("u1", 3)]).toEqual([
      true,
      true,
      true,
    ]);
    expect(await two!.take("u1", 3)).toBe(false);
    expect(await two!.take("u2", 3)).toBe(true); // another user's slots are their own
    two!.give("u1");
    await waitFor(async () => ((await one!.take("u1", 3)) ? true : undefined), 10_000, "the slot given back");
    expect(await two!.take("u1", 3)).toBe(false);
    one!.close(); // stops renewing, as a crashed process would
    await sleep(quickLedger.quietMs + 200);
    expect(await two!.take("u1", 3)).toBe(true);
    two!.close();
  });
});

describe("a ledger whose Redis client was closed (the server stopping)", { timeout: 20_000 }, () => {
  it("stops renewing by itself, without a warning every renewal", async () => {
    const own = await connectRedis(redisUrl, logger, "test, closed below");
    const warnings: unknown[] = [];
    const ledger = new RedisConnectionLedger(own, `${prefix}:conns:closed:`, (err) => warnings.push(err), {
      renewEveryMs: 20,
      quietMs: 2_000,
    });
    expect(await ledger.take("u1", 3)).toBe(true);
    await own.close();
    await sleep(200);
    expect(warnings).toEqual([]);
  });
});

describe("job lease", { timeout: 20_000 }, () => {
  const lease = (key: string, ttlMs: number) =>
    new RedisJobLease(client, `${prefix}:lease:${key}`, ttlMs, "skip", logger);

  it("lets one holder run at a time, kept while its job outlasts the lease, and handed over on release", async () => {
    // Renewed every 200 ms, a's lease lapses only if its renewals stall 400 ms: room for a loaded machine's pauses,
    // while the attempts below still outlast the time to live.
    const a = lease("one", 600);
    const b = lease("one", 600);
    let finish: (() => void) | undefined;
    const running = a.run(() => new Promise<string>((resolve) => (finish = () => resolve("a ran"))));
    await waitFor(() => (finish ? true : undefined), 10_000, "a's job to start");
    expect(await b.run(async () => "b ran")).toBeUndefined();
    // Past the lease's time to live, a's renewals still keep b out.
    const lateAttempts = Date.now() + 900;
    while (Date.now() < lateAttempts) {
      expect(await b.run(async () => "b ran")).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    finish!();
    expect(await running).toBe("a ran");
    // a keeps the lease between its runs; b gets it once a releases it.
    expect(await b.run(async () => "b ran")).toBeUndefined();
    expect(await a.run(async () => "a again")).toBe("a again");
    await a.release();
    expect(await b.run(async () => "b ran")).toBe("b ran");
    await b.release();
  });

  it("is taken over by another holder once a holder that died lets it expire", async () => {
    const dead = lease("two", 500);
    expect(await dead.run(async () => "ran")).toBe("ran");
    // `dead` neither renews nor releases from now on, as a killed process would not.
    const next = lease("two", 500);
    expect(await next.run(async () => "next ran")).toBeUndefined();
    const ran = await waitFor(() => next.run(async () => "next ran"), 5_000, "the lease to expire");
    expect(ran).toBe("next ran");
    expect(await dead.run(async () => "ran")).toBeUndefined();
    await next.release();
  });
});

describe("while Redis is cut", { timeout: 30_000 }, () => {
  let proxy: CuttableProxy;
  let cutClient: RedisClient;
  beforeAll(async () => {
    proxy = await startCuttableProxy(redisUrl);
    cutClient = await connectRedis(proxy.url, logger, "test through a proxy");
  });
  afterAll(async () => {
    await cutClient.close().catch(() => undefined);
    await proxy.close();
  });

  it("limits count in this process, the lockout still locks, and leases run or skip as told", async () => {
    const limits = redisLimits(cutClient, `${prefix}:cut`, logger);
    const store = limits.store("auth");
    store.init?.({ windowMs: 60_000 } as Parameters<NonNullable<typeof store.init>>[0]);
    expect((await store.increment("ip"))!.totalHits).toBe(1);
    await proxy.cut();
    await waitFor(() => (cutClient.isReady ? undefined : true), 5_000, "the client to see Redis gone");
    // Counted in memory: the count starts again, but still counts.
    expect((await store.increment("ip")).totalHits).toBe(1);
    expect((await store.increment("ip")).totalHits).toBe(2);

    const ledger = limits.signInLedger(60_000);
    const lockout = { perAccount: 2, perAccountTotal: 10 };
    const now = Date.now();
    expect(await ledger.attempt("acc|x", "acc", lockout, now)).toBeUndefined();
    expect(await ledger.attempt("acc|x", "acc", lockout, now)).toBeUndefined();
    expect(await ledger.attempt("acc|x", "acc", lockout, now)).toBeGreaterThan(now);

    await expect(limits.counter.hit("sync:u1", 60_000, now)).rejects.toThrow();

    // A whole sign-in through the app: refused for a wrong password as ever, never a 500 because of Redis.
    const { app } = buildTestApp({ sharedLimits: limits, authRateLimits: defaultAuthRateLimits });
    const login = () =>
      supertest(app)
        .post("/api/auth/login")
        .send({ email: `nobody-${randomUUID()}@example.org`, password: "not the password" });
    expect((await login()).status).toBe(401);

    const running = new RedisJobLease(cutClient, `${prefix}:lease:cut`, 1_000, "run", logger);
    const skipping = new RedisJobLease(cutClient, `${prefix}:lease:cut`, 1_000, "skip", logger);
    expect(await running.run(async () => "ran")).toBe("ran");
    expect(await skipping.run(async () => "ran")).toBeUndefined();

    // Redis back: counted there again, where the first hit was kept.
    await proxy.restore();
    await waitFor(() => (cutClient.isReady ? true : undefined), 10_000, "the client to reconnect");
    expect((await store.increment("ip")).totalHits).toBe(2);
  });

  it("a connection ledger takes slots meanwhile, and records what it holds afresh once Redis answers", async () => {
    const key = `${prefix}:conns:cut:`;
    // Names stay counted for 5 s without renewal, so the two slots recorded before the cut would count all along
    // had they not been recorded afresh (however long the cut lasts on a slow or fast machine).
    const timings = { renewEveryMs: 100, quietMs: 5_000 };
    const cut = new RedisConnectionLedger(cutClient, key, () => undefined, timings);
    const kept = new RedisConnectionLedger(client, key, () => undefined, timings);
    expect([await cut.take("u1", 3), await cut.take("u1", 3)]).toEqual([true, true]);
    const [before] = Object.keys(await client.hGetAll(`${key}user:u1`));
    await proxy.cut();
    await waitFor(() => (cutClient.isReady ? undefined : true), 5_000, "the client to see Redis gone");
    // Both closed and a third opened while Redis could not be told: one held.
    cut.give("u1");
    cut.give("u1");
    expect(await cut.take("u1", 3)).toBe(true);
    await proxy.restore();
    await waitFor(() => (cutClient.isReady ? true : undefined), 10_000, "the client to reconnect");
    // Recorded afresh under a new name (the old one dropped in the same transaction): one slot counts, not the two
    // Redis last heard of.
    await waitFor(
      async () => ((await client.zScore(`${key}processes`, before!)) === null ? true : undefined),
      5_000,
      "the slots recorded again under a new name",
    );
    expect(await kept.take("u1", 3)).toBe(true);
    expect(await kept.take("u1", 3)).toBe(true);
    expect(await kept.take("u1", 3)).toBe(false);
    cut.close();
    kept.close();
  });

  it("the access relay, subscribed again after the cut, says that changes may have been missed", async () => {
    const access = new AccessEvents();
    let missed = 0;
    access.on("changes-missed", () => (missed += 1));
    const state = await connectSharedState({ url: proxy.url, prefix: `${prefix}:missed` }, access, logger);
    try {
      expect(missed).toBe(0);
      await proxy.cut();
      await proxy.restore();
      await waitFor(() => (missed > 0 ? true : undefined), 15_000, "the relay to say changes were missed");
      expect(missed).toBe(1);
    } finally {
      await state.close();
    }
  });

  it("a relay that alone lost Redis tells the others, once it is back, that they missed what it could not publish", async () => {
    const settings = { prefix: `${prefix}:alone` };
    const cut = new AccessEvents();
    const kept = new AccessEvents();
    const heard: string[] = [];
    kept.on("session-revoked", (sessionId) => heard.push(`session-revoked ${sessionId}`));
    kept.on("changes-missed", () => heard.push("changes-missed"));
    let missedHere = 0;
    cut.on("changes-missed", () => (missedHere += 1));
    const states = [
      await connectSharedState({ ...settings, url: proxy.url }, cut, logger),
      await connectSharedState({ ...settings, url: redisUrl }, kept, logger),
    ];
    try {
      await proxy.cut();
      // Signed out on the process that cannot reach Redis, whose peer's subscription never dropped.
      cut.emit("session-revoked", "lost-while-cut");
      await proxy.restore();
      await waitFor(
        () => (heard.includes("changes-missed") ? true : undefined),
        15_000,
        "the peer to be told",
      );
      expect(heard).toEqual(["changes-missed"]);
      // Its own check runs as before (its subscription dropped), and its next events reach the peer as ever.
      await waitFor(() => (missedHere > 0 ? true : undefined), 15_000, "its own resubscription");
      cut.emit("session-revoked", "after");
      await waitFor(() => (heard.length === 2 ? true : undefined), 5_000, "the next event");
      expect(heard).toEqual(["changes-missed", "session-revoked after"]);
    } finally {
      for (const state of states) await state.close();
    }
  });

  it("a lease says once that Redis is unreachable, runs or skips at every tick meanwhile, and says once it is back", async () => {
    const lines: { msg: string }[] = [];
    const captured = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const lease = new RedisJobLease(cutClient, `${prefix}:lease:outage`, 1_000, "run", captured);
    expect(await lease.run(async () => "ran")).toBe("ran");
    await proxy.cut();
    await waitFor(() => (cutClient.isReady ? undefined : true), 5_000, "the client to see Redis gone");
    for (let tick = 0; tick < 3; tick++) expect(await lease.run(async () => "ran")).toBe("ran");
    await proxy.restore();
    await waitFor(() => (cutClient.isReady ? true : undefined), 10_000, "the client to reconnect");
    expect(await lease.run(async () => "ran")).toBe("ran");
    expect(await lease.run(async () => "ran")).toBe("ran");
    expect(lines.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^Redis is unreachable: running this periodic job without its lease/),
      expect.stringMatching(/^Redis answers again/),
    ]);
    await lease.release();
  });
});

describe("while Redis hangs", { timeout: 30_000 }, () => {
  it("a lease waits at most its time to live for an answer, then skips (or runs) as when Redis is down", async () => {
    const proxy = await startCuttableProxy(redisUrl);
    const hanging = await connectRedis(proxy.url, logger, "test through a proxy that hangs");
    try {
      const skipping = new RedisJobLease(hanging, `${prefix}:lease:hang`, 500, "skip", logger);
      const running = new RedisJobLease(hanging, `${prefix}:lease:hang`, 500, "run", logger);
      proxy.stall();
      expect(await skipping.run(async () => "ran")).toBeUndefined();
      expect(await running.run(async () => "ran")).toBe("ran");
    } finally {
      hanging.destroy();
      await proxy.close();
    }
  });
});
