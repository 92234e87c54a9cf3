// Moving a room when the database errs: both documents and the rows change together or not at all, and a move
// whose COMMIT answer was lost is still published.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc, roomScopes } from "../../shared/room-doc.ts";
import { faultySql } from "../helpers/faulty-sql.ts";
import { buildRoom, roomText, startThread } from "../helpers/room-fixture.ts";
import { buildTestApp, testDatabase, testDbWithSql } from "../helpers/test-app.ts";

const faults = faultySql(testDatabase().sql);
const testApp = buildTestApp({ ctx: { db: testDbWithSql(faults.sql) } });
const { ctx } = testApp;
let room: Awaited<ReturnType<typeof buildRoom>>;
let lost: string;
let staffLost: string;

beforeAll(async () => {
  room = await buildRoom(testApp.app);
  const second = room.paragraphs[1]!;
  lost = await startThread(room.member, room.roomId, "On the second.", { blockId: second.anchorId });
  staffLost = await startThread(
    room.instructor,
    room.roomId,
    "Staff, second.",
    { blockId: second.anchorId },
    { visibility: "instructors" },
  );
  await room.owner.agent
    .post(`/api/documents/${room.documentId}/versions`)
    .set("Content-Type", "text/plain")
    .send(roomText.replace(second.text, "A wholly new middle paragraph."))
    .expect(201);
});
afterAll(async () => {
  await ctx.rooms.close();
});

const move = (version: number) =>
  room.owner.agent.post(`/api/rooms/${room.roomId}/version`).send({ version });

/** Each scope's committed document: its version record and the anchor status of the thread written there. */
async function published() {
  return Promise.all(
    roomScopes.map(async (scope) => {
      const doc = new RoomDoc((await ctx.rooms.open(room.roomId, scope)).committed);
      const thread = doc.thread(scope === "group" ? lost : staffLost);
      return { version: doc.roomVersion()?.number, status: thread?.anchorStatus ?? "unchanged" };
    }),
  );
}

const statuses = async () =>
  (await testApp.prisma.thread.findMany({ where: { roomId: room.roomId }, orderBy: { id: "asc" } })).map(
    (row) => row.anchorStatus,
  );

describe("a version move when the database errs", () => {
  it("changes nothing anywhere when its transaction fails, and succeeds when tried again", async () => {
    faults.failNext(/^UPDATE "Room" SET "versionId"/);
    await move(2).expect(503); // a lost connection, as the server reports it
    expect(faults.pending()).toBe(0);
    expect(await published()).toEqual([
      { version: undefined, status: "unchanged" },
      { version: undefined, status: "unchanged" },
    ]);
    expect(await statuses()).toEqual(["unchanged", "unchanged"]);
    expect(
      await testApp.prisma.roomUpdate.count({ where: { roomId: room.roomId, scope: "instructors" } }),
    ).toBe(
      1, // the instructors' thread only: the failed move's update was rolled back with the rows
    );

    await move(2).expect(200);
    expect(await published()).toEqual([
      { version: 2, status: "detached" },
      { version: 2, status: "detached" },
    ]);
    expect(await statuses()).toEqual(["detached", "detached"]);
  });

  it("is answered and published when the answer to its COMMIT is lost", async () => {
    faults.failNext(/^COMMIT$/, "after");
    const back = await move(1).expect(200);
    expect(faults.pending()).toBe(0);
    expect(back.body.room.version).toBe(1);
    expect(await published()).toEqual([
      { version: 1, status: "unchanged" },
      { version: 1, status: "unchanged" },
    ]);
    expect(await statuses()).toEqual(["unchanged", "unchanged"]);
  });
});
