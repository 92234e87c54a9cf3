// Two servers on one database and one Redis, in one process (two service contexts, each with its own room
// registry and Redis bus): a write through either reaches the other's copy of the room, concurrent writes to one
// thread leave both copies and the rows agreeing in log order, and a notice lost on the way is found in the log.
import { randomBytes, randomUUID } from "node:crypto";
import { pino } from "pino";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc } from "../../shared/room-doc.ts";
import { loadRoomState } from "../../server/data/room-updates.ts";
import { connectRedis } from "../../server/realtime/fanout/redis-clients.ts";
import { encodeNotice, RedisRoomBus } from "../../server/realtime/fanout/redis-room-bus.ts";
import { encodeUpdateMessage } from "../../server/realtime/sync-messages.ts";
import type { BusListener, BusNotice, RoomBus } from "../../server/services/room-store/room-bus.ts";
import { NotesRegistry } from "../../server/services/room-store/notes-registry.ts";
import { RoomRegistry } from "../../server/services/room-store/room-registry.ts";
import { startCuttableProxy } from "../helpers/cuttable-proxy.ts";
import { waitFor } from "../helpers/processes.ts";
import { buildRoom, startThread } from "../helpers/room-fixture.ts";
import { buildTestApp, testDatabase, type TestApp } from "../helpers/test-app.ts";

const logger = pino({ level: "silent" });
const settings = { url: "redis://127.0.0.1:6379", prefix: `scholia-test-${randomUUID()}` };
const busSecret = randomBytes(32).toString("hex");

/** A bus that loses the notices it is told to, as a dropped Redis message would be lost. */
class LossyBus implements RoomBus {
  readonly shared = true;
  dropNext = 0;
  constructor(private readonly inner: RoomBus) {}
  publish(notice: BusNotice): void {
    this.inner.publish(notice);
  }
  listen(listener: BusListener): void {
    this.inner.listen({
      notice: (notice) => {
        if (this.dropNext > 0) this.dropNext -= 1;
        else listener.notice(notice);
      },
      resync: () => listener.resync(),
    });
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

let buses: RedisRoomBus[];
let lossy: LossyBus;
let a: TestApp;
let b: TestApp;
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  buses = [
    await RedisRoomBus.connect(settings, busSecret, logger),
    await RedisRoomBus.connect(settings, busSecret, logger),
  ];
  lossy = new LossyBus(buses[1]!);
  const sessionSecret = randomBytes(32).toString("hex");
  const server = (bus: RoomBus) =>
    buildTestApp({
      ctx: {
        sessionSecret,
        rooms: new RoomRegistry(testDatabase().db, logger, encodeUpdateMessage, bus),
        notes: new NotesRegistry(testDatabase().db, encodeUpdateMessage, bus),
      },
    });
  a = server(buses[0]!);
  b = server(lossy);
  room = await buildRoom(a.app);
});

afterAll(async () => {
  await Promise.all([a.ctx.rooms.close(0), b.ctx.rooms.close(0)]);
  await Promise.all(buses.map((bus) => bus.close()));
});

const copies = async () =>
  Promise.all(
    [a, b].map(async (server) => new RoomDoc((await server.ctx.rooms.open(room.roomId, "group")).committed)),
  );

const asMember = (server: TestApp) => ({
  agent: {
    post: (path: string) => supertest(server.app).post(path).set("Cookie", room.member.cookie),
    patch: (path: string) => supertest(server.app).patch(path).set("Cookie", room.member.cookie),
  },
});

const anchor = () => ({ blockId: room.paragraphs[0]!.anchorId });

describe("two servers sharing a database and Redis", { timeout: 30_000 }, () => {
  it("a thread started through either server reaches the other's copy of the room", async () => {
    await copies(); // both copies loaded before the writes
    const throughA = await startThread(asMember(a) as never, room.roomId, "Through A", anchor());
    const throughB = await startThread(asMember(b) as never, room.roomId, "Through B", anchor());
    await waitFor(
      async () =>
        (await copies()).every((doc) => doc.thread(throughA) && doc.thread(throughB)) ? true : undefined,
      5_000,
      "both threads in both copies",
    );
  });

  it("concurrent edits of one thread through both servers leave both copies and the rows agreeing, in log order", async () => {
    const threadId = await startThread(asMember(a) as never, room.roomId, "edit 0", anchor());
    const edits = Array.from({ length: 24 }, (_, index) => index + 1);
    const answers = await Promise.all(
      edits.map((index) =>
        asMember(index % 2 === 0 ? a : b)
          .agent.patch(`/api/rooms/${room.roomId}/threads/${threadId}`)
          .set("Idempotency-Key", randomUUID())
          .send({ body: `edit ${index}` }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(edits.map(() => 200));
    const row = (await a.prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).body;
    // The log replayed update by update: the last edit in log order is the one the row holds.
    const state = await loadRoomState(testDatabase().db, room.roomId, "group");
    expect(state.updates.map((entry) => entry.seq)).toEqual(
      state.updates.map((_, index) => state.updates[0]!.seq + index),
    );
    const replay = new Y.Doc();
    if (state.snapshot) Y.applyUpdate(replay, state.snapshot);
    for (const entry of state.updates) Y.applyUpdate(replay, entry.update);
    expect(new RoomDoc(replay).thread(threadId)!.body).toBe(row);
    await waitFor(
      async () => ((await copies()).every((doc) => doc.thread(threadId)!.body === row) ? true : undefined),
      5_000,
      `both copies to hold the row's body "${row}"`,
    );
  });

  it("a notice lost on the way is found in the log: at the next notice, or by the periodic check", async () => {
    await copies();
    lossy.dropNext = 1;
    const lost = await startThread(asMember(a) as never, room.roomId, "Lost on the way", anchor());
    // Nothing else is written: the periodic comparison with the log finds it.
    await waitFor(
      async () => ((await copies()).every((doc) => doc.thread(lost)) ? true : undefined),
      10_000,
      "the thread whose notice was lost to reach the other copy",
    );
    lossy.dropNext = 1;
    const dropped = await startThread(asMember(a) as never, room.roomId, "Dropped", anchor());
    const next = await startThread(asMember(a) as never, room.roomId, "Next", anchor());
    // The next notice shows a gap, which is filled from the log at once.
    await waitFor(
      async () =>
        (await copies()).every((doc) => doc.thread(dropped) && doc.thread(next)) ? true : undefined,
      10_000,
      "both threads to reach the other copy",
    );
  });

  it("private notes written through one server reach their owner's open notes on the other", async () => {
    const [onA, onB] = await Promise.all(
      [a, b].map((server) => server.ctx.notes.open(room.roomId, room.member.id)),
    );
    const draft = new Y.Doc();
    draft.getText("notes").insert(0, "A note written through server A");
    await onA!.write(Y.encodeStateAsUpdate(draft), { sendUpdate: () => undefined });
    await waitFor(
      () => (onB!.doc.getText("notes").toString() === "A note written through server A" ? true : undefined),
      5_000,
      "the note on the other server",
    );
    a.ctx.notes.release(onA!);
    b.ctx.notes.release(onB!);
  });

  it("private notes written through a server that alone lost Redis reach the other once it is back", async () => {
    const proxy = await startCuttableProxy(settings.url);
    const alone = { ...settings, prefix: `${settings.prefix}:alone` };
    const cutBus = await RedisRoomBus.connect({ ...alone, url: proxy.url }, busSecret, logger);
    const keptBus = await RedisRoomBus.connect(alone, busSecret, logger);
    const [cutNotes, keptNotes] = [cutBus, keptBus].map(
      (bus) => new NotesRegistry(testDatabase().db, encodeUpdateMessage, bus),
    );
    try {
      const [onCut, onKept] = await Promise.all(
        [cutNotes!, keptNotes!].map((notes) => notes.open(room.roomId, room.other.id)),
      );
      await proxy.cut();
      const draft = new Y.Doc();
      draft.getText("notes").insert(0, "Written while this server had no Redis");
      // Stored (its owner's tab is told so), but the notice to the other server is lost.
      await onCut!.write(Y.encodeStateAsUpdate(draft), { sendUpdate: () => undefined });
      await proxy.restore();
      await waitFor(
        () =>
          onKept!.doc.getText("notes").toString() === "Written while this server had no Redis"
            ? true
            : undefined,
        15_000,
        "the note on the server whose subscription never dropped",
      );
    } finally {
      await Promise.all([cutBus.close(), keptBus.close()]);
      await proxy.close();
    }
  });

  it("ignores a message not signed with the deployment's secret, and keeps taking signed ones", async () => {
    const [, onB] = await copies();
    const before = (await b.ctx.rooms.open(room.roomId, "group")).seq;
    const forged = new Y.Doc();
    new RoomDoc(forged).doc.getMap("probe").set("forged", "yes");
    const redis = await connectRedis(settings.url, logger, "test");
    const body = encodeNotice(randomUUID(), {
      kind: "room",
      roomId: room.roomId,
      scope: "group",
      seq: before + 1,
      update: Y.encodeStateAsUpdate(forged),
    });
    await redis.publish(`${settings.prefix}:room-updates`, Buffer.concat([Buffer.alloc(32), body]));
    await redis.close();
    const next = await startThread(asMember(a) as never, room.roomId, "After the forgery", anchor());
    await waitFor(
      async () => ((await copies())[1]!.thread(next) ? true : undefined),
      5_000,
      "the signed update",
    );
    expect(onB!.doc.getMap("probe").get("forged")).toBeUndefined();
  });
});
