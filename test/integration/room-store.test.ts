// The room store: a room reloads from snapshot plus log with the same content, and compaction loses nothing.
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compactRoomState } from "../../server/data/room-updates.ts";
import { encodeUpdateMessage } from "../../server/realtime/sync-messages.ts";
import { RoomRegistry } from "../../server/services/room-store/room-registry.ts";
import { StateMerger } from "../../server/services/room-store/state-merger.ts";
import { mergeRoomState } from "../../server/domain/merge-room-state.ts";
import { runMutation } from "../../server/services/threads/run-mutation.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
const merger = new StateMerger(pino({ level: "silent" }));

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
});
afterAll(async () => {
  await merger.close();
  await server.close();
});

const freshRegistry = () => new RoomRegistry(server.ctx.db, pino({ level: "silent" }), encodeUpdateMessage);
/** The room as a restarted server loads it, once that load's compaction of the update log has finished. */
async function reload() {
  const registry = freshRegistry();
  const document = await registry.open(room.roomId, "group");
  await registry.whenCompacted();
  return document;
}
const stateOf = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc);
const contentOf = (doc: Y.Doc) =>
  JSON.stringify(doc.getMap("threads").toJSON()) + JSON.stringify(doc.getMap("comments").toJSON());

async function writeSome(count: number) {
  for (let i = 0; i < count; i++) {
    await room.member.agent
      .post(`/api/rooms/${room.roomId}/threads`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({
        anchor: { blockId: room.paragraphs[i % room.paragraphs.length]!.anchorId },
        body: `Thought ${i}`,
      })
      .expect(201);
  }
}

describe("room store", () => {
  it("reloads a room from its update log with the same content (as after a restart)", async () => {
    const threadsBefore = (await server.ctx.rooms.open(room.roomId, "group")).committed.getMap(
      "threads",
    ).size;
    await writeSome(5);
    const live = await server.ctx.rooms.open(room.roomId, "group");
    const reloaded = await reload();
    expect(contentOf(reloaded.committed)).toBe(contentOf(live.committed));
    expect(reloaded.committed.getMap("threads").size).toBe(threadsBefore + 5);
  });

  it("compaction merges the log into a snapshot, deletes exactly the merged rows, and keeps the content", async () => {
    await writeSome(4);
    const before = await server.ctx.rooms.open(room.roomId, "group"); // loaded by the writes: no load compaction
    const threadsBefore = before.committed.getMap("threads").size;
    const logged = await server.prisma.roomUpdate.count({ where: { roomId: room.roomId, scope: "group" } });
    expect(logged).toBeGreaterThanOrEqual(4); // at least the four writes above, each one row
    expect(await compactRoomState(server.ctx.db, room.roomId, "group", merger.merge)).toBe(logged);
    expect(await server.prisma.roomUpdate.count({ where: { roomId: room.roomId, scope: "group" } })).toBe(0);
    const snapshot = await server.prisma.roomSnapshot.findUniqueOrThrow({
      where: { roomId_scope: { roomId: room.roomId, scope: "group" } },
    });
    expect(snapshot.compression).toBe("deflate");
    expect(snapshot.state.length).toBeLessThan(stateOf(before.committed).length);
    await writeSome(2); // appended after the snapshot
    const after = await reload();
    expect(after.committed.getMap("threads").size).toBe(threadsBefore + 2);
    const live = await server.ctx.rooms.open(room.roomId, "group");
    expect(contentOf(after.committed)).toBe(contentOf(live.committed));
    expect(stateOf(after.committed).length).toBeGreaterThan(0);
  });

  it("two compactions at once merge each update once and lose none", async () => {
    await writeSome(3);
    const logged = await server.prisma.roomUpdate.count({ where: { roomId: room.roomId, scope: "group" } });
    const merged = await Promise.all([
      compactRoomState(server.ctx.db, room.roomId, "group", merger.merge),
      compactRoomState(server.ctx.db, room.roomId, "group", merger.merge),
    ]);
    expect(merged.sort()).toEqual([0, logged]); // the second saw its rows merged by the first and gave up
    expect(await server.prisma.roomUpdate.count({ where: { roomId: room.roomId, scope: "group" } })).toBe(0);
    const live = await server.ctx.rooms.open(room.roomId, "group");
    expect(contentOf((await reload()).committed)).toBe(contentOf(live.committed));
  });

  it("a cold room's first reader gets no text that later edits replaced", async () => {
    const threadId = crypto.randomUUID();
    const base = `/api/rooms/${room.roomId}/threads`;
    await room.member.agent
      .post(base)
      .set("Idempotency-Key", threadId)
      .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "A first draft, regretted" })
      .expect(201);
    await room.member.agent
      .patch(`${base}/${threadId}`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ body: "Second thoughts" })
      .expect(200);
    expect(
      await server.prisma.roomUpdate.count({ where: { roomId: room.roomId, scope: "group" } }),
    ).toBeGreaterThan(1);
    const served = Buffer.from((await reload()).encodedState());
    expect(served.includes("Second thoughts")).toBe(true);
    expect(served.includes("regretted")).toBe(false);
    // That load merged the log, so the next cold load sends the snapshot as stored: clean as well.
    expect(await server.prisma.roomUpdate.count({ where: { roomId: room.roomId, scope: "group" } })).toBe(0);
    const fromSnapshot = Buffer.from((await reload()).encodedState());
    expect(fromSnapshot.includes("Second thoughts")).toBe(true);
    expect(fromSnapshot.includes("regretted")).toBe(false);
  });

  it("loads a snapshot stored uncompressed by an earlier version", async () => {
    await writeSome(1);
    await compactRoomState(server.ctx.db, room.roomId, "group", merger.merge);
    const current = contentOf((await reload()).committed);
    const key = { roomId_scope: { roomId: room.roomId, scope: "group" } };
    const packed = await reload();
    await server.prisma.roomSnapshot.update({
      where: key,
      data: { state: new Uint8Array(stateOf(packed.committed)), compression: "none" },
    });
    expect(contentOf((await reload()).committed)).toBe(current);
  });

  it("unloads an idle room without readers and reloads the same content", async () => {
    await writeSome(1);
    const registry = freshRegistry();
    const first = await registry.open(room.roomId, "group");
    const content = contentOf(first.committed);
    expect(await registry.unloadIdle(Date.now() + 1)).toBe(1);
    const second = await registry.open(room.roomId, "group");
    expect(second).not.toBe(first);
    expect(contentOf(second.committed)).toBe(content);
    await registry.close();
  });

  it("closing the registry (a server shutting down) merges the logs of the rooms it holds", async () => {
    const registry = freshRegistry();
    await registry.open(room.roomId, "group");
    await registry.whenCompacted();
    const viaRegistry = { ...server.ctx, rooms: registry };
    for (const name of ["before shutdown 1", "before shutdown 2"]) {
      await runMutation(
        viaRegistry,
        {
          roomId: room.roomId,
          scope: "group",
          userId: room.member.id,
          key: crypto.randomUUID(),
          fingerprint: name,
          status: 201,
        },
        (doc) => {
          doc.doc.getMap("probe").set(name, name);
          return { response: {}, persist: async () => undefined };
        },
      );
    }
    const logged = () => server.prisma.roomUpdate.count({ where: { roomId: room.roomId, scope: "group" } });
    expect(await logged()).toBe(2);
    await registry.close();
    expect(await logged()).toBe(0);
    expect((await reload()).committed.getMap("probe").get("before shutdown 2")).toBe("before shutdown 2");
  });

  it("concurrent loads of one room share a single load", async () => {
    const registry = freshRegistry();
    const [a, b] = await Promise.all([
      registry.open(room.roomId, "group"),
      registry.open(room.roomId, "group"),
    ]);
    expect(a).toBe(b);
  });

  it("merges a large room's state on a worker thread, with the same result as inline", async () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 600; i++) {
      doc.getMap("comments").set(`c${i}`, { body: `${i} `.repeat(500) });
      if (i % 3 === 0) doc.getMap("comments").delete(`c${i - 1}`);
    }
    // Well above the size below which merges run inline.
    expect(updates.reduce((sum, update) => sum + update.byteLength, 0)).toBeGreaterThan(1_000_000);
    const merged = await merger.merge(updates);
    expect(Buffer.from(merged)).toEqual(Buffer.from(mergeRoomState(updates)));
    const restored = new Y.Doc();
    Y.applyUpdate(restored, merged);
    expect(restored.getMap("comments").toJSON()).toEqual(doc.getMap("comments").toJSON());
  });
});
