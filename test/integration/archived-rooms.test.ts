// An archived room is read-only everywhere: every mutation route is refused with 409 and says why, its documents do
// not change, exports and snapshots still work, and unarchiving restores writing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildRoom, postReply, startThread, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app, ctx } = buildTestApp();
let room: Awaited<ReturnType<typeof buildRoom>>;
let threadId: string;
let replyId: string;
let hiddenThread: string;

beforeAll(async () => {
  room = await buildRoom(app);
  const anchor = { blockId: room.paragraphs[0]!.anchorId };
  threadId = await startThread(room.member, room.roomId, "Written before the archive.", anchor);
  replyId = await postReply(room.member, room.roomId, threadId, "A reply before it.");
  hiddenThread = await startThread(room.other, room.roomId, "Hidden before the archive.", anchor);
  await room.instructor.agent
    .post(`/api/rooms/${room.roomId}/threads/${hiddenThread}/hide`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send({ reason: "off topic" })
    .expect(200);
  await room.member.agent
    .put(`/api/rooms/${room.roomId}/reactions/${threadId}`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send({ emoji: "👍" })
    .expect(200);
  await room.owner.agent
    .patch(`/api/rooms/${room.roomId}`)
    .send({ assignment: { dueAt: "2027-01-01T09:00" } })
    .expect(200);
});
afterAll(async () => {
  await ctx.rooms.close();
});

const settings = (person: Person, body: object) => person.agent.patch(`/api/rooms/${room.roomId}`).send(body);

type Method = "post" | "patch" | "put" | "delete";
/** Every route that changes a room's discussion, with who may otherwise do it and a valid body. */
const mutations = (): [string, Method, string, () => Person, object | undefined][] => [
  [
    "start a thread",
    "post",
    "/threads",
    () => room.member,
    { anchor: { blockId: room.paragraphs[1]!.anchorId }, body: "x" },
  ],
  ["edit a thread", "patch", `/threads/${threadId}`, () => room.member, { body: "edited" }],
  ["delete a thread", "delete", `/threads/${threadId}`, () => room.member, undefined],
  ["resolve", "post", `/threads/${threadId}/resolve`, () => room.member, undefined],
  ["reopen", "post", `/threads/${threadId}/reopen`, () => room.member, undefined],
  ["hide a thread", "post", `/threads/${threadId}/hide`, () => room.instructor, { reason: "r" }],
  ["unhide a thread", "post", `/threads/${hiddenThread}/unhide`, () => room.instructor, undefined],
  ["reply", "post", `/threads/${threadId}/comments`, () => room.member, { body: "x", parentId: null }],
  ["edit a reply", "patch", `/comments/${replyId}`, () => room.member, { body: "edited" }],
  ["delete a reply", "delete", `/comments/${replyId}`, () => room.member, undefined],
  ["hide a reply", "post", `/comments/${replyId}/hide`, () => room.instructor, { reason: "r" }],
  ["unhide a reply", "post", `/comments/${replyId}/unhide`, () => room.instructor, undefined],
  ["react", "put", `/reactions/${threadId}`, () => room.other, { emoji: "❤️" }],
  ["take a reaction back", "delete", `/reactions/${threadId}`, () => room.member, { emoji: "👍" }],
];

describe("archiving a room", () => {
  it("is for owners and instructors, and cannot come with an assignment change", async () => {
    await settings(room.member, { archived: true }).expect(403);
    await settings(room.observer, { archived: true }).expect(403);
    const both = await settings(room.owner, { archived: true, assignment: null }).expect(400);
    expect(both.body.error.details[0].field).toBe("assignment");
    const archived = await settings(room.instructor, { archived: true }).expect(200);
    expect(archived.body.room.settings.archived).toBe(true);
    const state = await room.member.agent.get(`/api/rooms/${room.roomId}/assignment`).expect(200);
    expect(state.body).toMatchObject({ archived: true, archivedAt: expect.any(String) });
  });

  it("refuses every mutation route with 409 and a message saying it can be read and exported; nothing changes", async () => {
    const before = Y.encodeStateVector((await ctx.rooms.open(room.roomId, "group")).committed);
    for (const [label, method, path, who, body] of mutations()) {
      const request = who()
        .agent[method](`/api/rooms/${room.roomId}${path}`)
        .set("Idempotency-Key", crypto.randomUUID());
      const res = await (body === undefined ? request : request.send(body));
      expect([label, res.status, res.body.error?.code], label).toEqual([label, 409, "room_archived"]);
      expect(res.body.error.message).toMatch(/archived; it can be read and exported/);
    }
    const imported = await room.owner.agent
      .post(`/api/rooms/${room.roomId}/import`)
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ rows: [] }))
      .expect(409);
    expect(imported.body.error.code).toBe("room_archived");
    const after = Y.encodeStateVector((await ctx.rooms.open(room.roomId, "group")).committed);
    expect(after).toEqual(before);
  });

  it("refuses changing the assignment and extensions, but still reads, exports and counts", async () => {
    const changed = await settings(room.owner, { assignment: { dueAt: "2027-02-01T09:00" } }).expect(409);
    expect(changed.body.error.code).toBe("room_archived");
    await room.owner.agent
      .put(`/api/rooms/${room.roomId}/assignment/extensions/${room.member.id}`)
      .send({ dueAt: "2027-02-01T09:00" })
      .expect(409);
    const list = await room.member.agent.get(`/api/rooms/${room.roomId}/threads`).expect(200);
    expect(list.body.threads.map((t: { id: string }) => t.id)).toContain(threadId);
    const md = await room.member.agent.get(`/api/rooms/${room.roomId}/export?format=md`).expect(200);
    expect(md.text).toContain("Written before the archive.");
    await room.instructor.agent.post(`/api/rooms/${room.roomId}/assignment/snapshot`).expect(201);
  });

  it("unarchiving restores writing, and may come with an assignment change", async () => {
    const reopened = await settings(room.owner, {
      archived: false,
      assignment: { dueAt: "2027-02-01T09:00" },
    }).expect(200);
    expect(reopened.body.room.settings.archived).toBe(false);
    await postReply(room.member, room.roomId, threadId, "Written after reopening.");
  });
});
