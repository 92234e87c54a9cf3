// A version move beside other writers: on a one-connection database (the embedded one) it does not wait on itself,
// and when another server writes to the room while the move is worked out, the move is worked out again on top of
// that write, so both documents, every copy and the rows agree.
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RoomDoc } from "../../shared/room-doc.ts";
import { createDatabaseClients } from "../../server/data/database.ts";
import { encodeUpdateMessage } from "../../server/realtime/sync-messages.ts";
import { RoomRegistry } from "../../server/services/room-store/room-registry.ts";
import { faultySql } from "../helpers/faulty-sql.ts";
import { buildRoom, roomText, startThread } from "../helpers/room-fixture.ts";
import { buildTestApp, testDatabase, testDbWithSql, type TestApp } from "../helpers/test-app.ts";

const logger = pino({ level: "silent" });
const sessionSecret = randomBytes(32).toString("hex");
const faults = faultySql(testDatabase().sql);
const alone = createDatabaseClients(inject("databaseUrl"), 1);
const appOn = (db: TestApp["ctx"]["db"]) =>
  buildTestApp({ ctx: { db, sessionSecret, rooms: new RoomRegistry(db, logger, encodeUpdateMessage) } });
/** This server, its pool going through `faults`; and another server on the same database. */
const here = appOn(testDbWithSql(faults.sql));
const there = appOn(testDatabase().db);
const single = appOn(alone.db);

afterAll(async () => {
  await Promise.all([here, there, single].map((app) => app.ctx.rooms.close(0)));
  await alone.prisma.$disconnect();
});

/** A room with a second version whose middle paragraph is new, and a thread on that paragraph. */
async function roomWithTwoVersions(app: TestApp) {
  const room = await buildRoom(app.app);
  const second = room.paragraphs[1]!;
  const onSecond = await startThread(room.member, room.roomId, "On the second.", {
    blockId: second.anchorId,
  });
  await room.owner.agent
    .post(`/api/documents/${room.documentId}/versions`)
    .set("Content-Type", "text/plain")
    .send(roomText.replace(second.text, "A wholly new middle paragraph."))
    .expect(201);
  return { room, onSecond };
}

const move = (app: TestApp, room: Awaited<ReturnType<typeof buildRoom>>, version: number) =>
  supertest(app.app)
    .post(`/api/rooms/${room.roomId}/version`)
    .set("Cookie", room.owner.cookie)
    .send({ version });

describe("a version move beside other writers", { timeout: 30_000 }, () => {
  let room: Awaited<ReturnType<typeof buildRoom>>;
  beforeAll(async () => {
    room = (await roomWithTwoVersions(single)).room;
  });

  it("completes on a one-connection database when a thread was written on another version", async () => {
    await move(single, room, 2).expect(200);
    // Written on version 2: moving back reads version 2's blocks for it while the move is worked out.
    await startThread(room.member, room.roomId, "On version two.", { blockId: room.paragraphs[0]!.anchorId });
    await move(single, room, 1).expect(200);
  });

  it("is worked out again when another server writes to the room meanwhile, and everything agrees", async () => {
    const { room: busy, onSecond } = await roomWithTwoVersions(here);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The move's first attempt stops just before it takes the write locks.
    const held = faults.holdNext(/pg_advisory_xact_lock/u, released);
    const moving = move(here, busy, 2).then((res) => res);
    await held;
    const meanwhile = await startThread(
      { agent: supertest.agent(there.app).set("Cookie", busy.other.cookie) } as never,
      busy.roomId,
      "Written through the other server while the move was worked out.",
      { blockId: busy.paragraphs[1]!.anchorId },
    );
    release();
    expect((await moving).status).toBe(200);
    const copy = new RoomDoc((await here.ctx.rooms.open(busy.roomId, "group")).committed);
    expect(copy.roomVersion()?.number).toBe(2);
    const rows = await here.prisma.thread.findMany({ where: { roomId: busy.roomId } });
    for (const id of [onSecond, meanwhile]) {
      // Written on the paragraph version 2 replaced: re-anchored by the move, in the document as in the rows.
      expect(copy.thread(id)?.anchorStatus).toBe("detached");
      expect(rows.find((row) => row.id === id)?.anchorStatus).toBe("detached");
    }
  });
});
