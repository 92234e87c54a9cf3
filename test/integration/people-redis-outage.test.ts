// socket.io's Redis adapter while Redis goes away and comes back: broadcasts made meanwhile are dropped for the other
// processes without ending this one (the adapter does not await its publishes), and they cross again afterwards.
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { Server } from "socket.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedisAdapter } from "../../server/realtime/people/redis-adapter.ts";
import type { PeopleIo } from "../../server/realtime/people/types.ts";
import { waitFor } from "../helpers/processes.ts";
import { watchUncaughtErrors } from "../helpers/server-health.ts";
import { startThrowawayRedis, type ThrowawayRedis } from "../helpers/throwaway-redis.ts";

const uncaught = watchUncaughtErrors();
const logLines: string[] = [];
const logger = pino(
  { level: "debug" },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
);

let redis: ThrowawayRedis;
const servers: { io: PeopleIo; adapter: ReturnType<typeof connectRedisAdapter> }[] = [];

beforeAll(async () => {
  redis = await startThrowawayRedis();
  const prefix = `scholia-test-${randomUUID()}`;
  for (let n = 0; n < 2; n += 1) {
    const io = new Server() as PeopleIo;
    const adapter = connectRedisAdapter(io, redis.url, prefix, logger);
    await adapter.ready;
    servers.push({ io, adapter });
  }
});

afterAll(async () => {
  // The servers were never attached to an HTTP server: closing their Redis clients is all there is to stop.
  for (const { adapter } of servers) await adapter.close();
  await redis?.destroy();
});

describe("socket.io's Redis adapter", () => {
  it("drops broadcasts while Redis is down without ending the process, and carries them again once it is back", async () => {
    const [here, there] = servers as [(typeof servers)[number], (typeof servers)[number]];
    const heard: string[] = [];
    there.io.on("group.settingsChanged", (groupId) => heard.push(groupId));
    here.io.serverSideEmit("group.settingsChanged", "before");
    await waitFor(() => (heard.includes("before") ? true : undefined), 5_000, "a broadcast to cross");

    // Broadcasts flow without pause while Redis is killed (the publishes in flight are cut off), while the loss is
    // noticed and once it is known (publishes are refused).
    let emitting = true;
    let sent = 0;
    const emitter = (async () => {
      while (emitting) {
        here.io.serverSideEmit("group.settingsChanged", `during ${sent}`);
        here.io.to("a-room").emit("presence", { roomId: "a-room", people: [] });
        sent += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await waitFor(() => (sent >= 200 ? true : undefined), 5_000, "broadcasts to flow");
    await redis.stop();
    await waitFor(
      () =>
        logLines.some((line) => line.includes("Redis connection of socket.io failed")) ? true : undefined,
      5_000,
      "the lost connection to be noticed",
    );
    const atLoss = sent;
    await waitFor(() => (sent >= atLoss + 20 ? true : undefined), 5_000, "broadcasts once the loss is known");
    emitting = false;
    await emitter;

    await redis.start();
    // Resubscribing after the reconnect takes a moment: broadcast until one crosses.
    await waitFor(
      () => {
        if (heard.includes("after")) return true;
        here.io.serverSideEmit("group.settingsChanged", "after");
        return undefined;
      },
      15_000,
      "a broadcast to cross again once Redis is back",
    );
    expect(uncaught, "errors that would have ended the server process").toEqual([]);
  });
});
