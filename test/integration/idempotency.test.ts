// Idempotency keys stand for one request only, and client-chosen ids never reach across rooms: a key reused for
// another request is refused with nothing stored, and an id taken elsewhere can neither fail nor shadow anything.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRoom, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const testApp = buildTestApp();
const { app, ctx, prisma, sql } = testApp;
let room: Awaited<ReturnType<typeof buildRoom>>;
let elsewhere: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  [room, elsewhere] = await Promise.all([buildRoom(app), buildRoom(app)]);
});
afterAll(async () => {
  await ctx.rooms.close();
});

type Method = "post" | "patch" | "put" | "delete";

/** One mutation request of `person` in `where`, under `key`. */
function send(
  person: Person,
  where: { roomId: string },
  method: Method,
  path: string,
  key: string,
  body?: object,
) {
  const request = person.agent[method](`/api/rooms/${where.roomId}${path}`).set("Idempotency-Key", key);
  return body === undefined ? request : request.send(body);
}

const threadBody = (where: { paragraphs: { anchorId: string }[] }, text: string) => ({
  anchor: { blockId: where.paragraphs[0]!.anchorId },
  body: text,
});

async function newThread(person: Person, where = room, id = crypto.randomUUID(), text = "A thread") {
  const res = await send(person, where, "post", "/threads", id, threadBody(where, text)).expect(201);
  return res.body.thread as { id: string; body: string };
}

async function newReply(person: Person, threadId: string, where = room, id = crypto.randomUUID()) {
  const res = await send(person, where, "post", `/threads/${threadId}/comments`, id, { body: "A reply" });
  expect(res.status).toBe(201);
  return res.body.comment as { id: string };
}

/** Everything a mutation of this room could have written, to compare before and after a refused request. */
async function storedState(roomId: string) {
  const [threads, comments, reactions, mutations, updates] = await Promise.all([
    prisma.thread.findMany({ where: { roomId }, orderBy: { id: "asc" } }),
    prisma.comment.findMany({ where: { thread: { roomId } }, orderBy: { id: "asc" } }),
    prisma.reaction.findMany({ where: { roomId }, orderBy: [{ targetId: "asc" }, { emoji: "asc" }] }),
    prisma.mutation.count({ where: { roomId } }),
    prisma.roomUpdate.count({ where: { roomId } }),
  ]);
  return { threads, comments, reactions, mutations, updates };
}

function expectReused(res: {
  status: number;
  body: { error: { code: string; message: string; details?: unknown } };
}) {
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe("idempotency_key_reused");
  expect(res.body.error.message).toMatch(/already used for a different request/);
  // And what to do about it.
  expect(res.body.error.message).toMatch(/reuse a key only to retry the very same request/);
  expect(res.body.error.details).toEqual([
    { field: "Idempotency-Key", message: expect.stringMatching(/\w/) },
  ]);
}

describe("an Idempotency-Key stands for the request it was first used for", () => {
  it("the same key with another body is refused with 422 and the first thread stays as it was", async () => {
    const key = crypto.randomUUID();
    await newThread(room.member, room, key, "First words");
    const before = await storedState(room.roomId);
    const res = await send(room.member, room, "post", "/threads", key, threadBody(room, "Other words"));
    expectReused(res);
    expect(await storedState(room.roomId)).toEqual(before);
    // The very same request is still a retry, answered with the first result.
    const retry = await send(room.member, room, "post", "/threads", key, threadBody(room, "First words"));
    expect(retry.status).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    // A retry whose JSON is spelled differently but parses to the same request is the same request.
    const respelled = await send(room.member, room, "post", "/threads", key, {
      body: "  First words ",
      anchor: { blockId: room.paragraphs[0]!.anchorId },
      tags: [],
    });
    expect(respelled.status).toBe(201);
  });

  it("a reply sent under a thread's key is refused, not answered with the thread", async () => {
    const thread = await newThread(room.member);
    const before = await storedState(room.roomId);
    const res = await send(room.member, room, "post", `/threads/${thread.id}/comments`, thread.id, {
      body: "Did this reply get saved?",
    });
    expectReused(res);
    expect(res.body).not.toHaveProperty("thread");
    expect(await storedState(room.roomId)).toEqual(before);
  });

  it("a PATCH reusing a POST's key is refused and the edit is not silently dropped", async () => {
    const thread = await newThread(room.member);
    const res = await send(room.member, room, "patch", `/threads/${thread.id}`, thread.id, {
      body: "Edited",
    });
    expectReused(res);
    const row = await prisma.thread.findUniqueOrThrow({ where: { id: thread.id } });
    expect(row.body).toBe("A thread");
  });

  it("another person's request under someone's key is refused", async () => {
    const thread = await newThread(room.member);
    const key = crypto.randomUUID();
    await send(room.member, room, "post", `/threads/${thread.id}/resolve`, key).expect(200);
    const res = await send(room.other, room, "post", `/threads/${thread.id}/resolve`, key);
    expectReused(res);
  });

  it("property: any two different mutation requests under one key — the second is refused, nothing changes", async () => {
    // Each request is valid on its own for the owner, on a fresh thread and reply of each run (or a new one).
    const requests = fc.oneof(
      fc.record({ kind: fc.constant("create thread"), text: fc.constantFrom("a", "b") }),
      fc.record({ kind: fc.constant("reply"), text: fc.constantFrom("a", "b") }),
      fc.record({ kind: fc.constant("edit thread"), text: fc.constantFrom("a", "b") }),
      fc.record({ kind: fc.constant("edit reply"), text: fc.constantFrom("a", "b") }),
      fc.record({ kind: fc.constantFrom("resolve", "reopen"), text: fc.constant("") }),
      fc.record({ kind: fc.constantFrom("react", "unreact"), text: fc.constantFrom("👍", "❤️") }),
      fc.record({
        kind: fc.constantFrom("hide thread", "hide reply"),
        text: fc.constantFrom("off topic", "spam"),
      }),
    );
    type Spec = { kind: string; text: string };
    const toRequest = (request: Spec, on: { thread: string; reply: string }, person: Person, key: string) => {
      switch (request.kind) {
        case "create thread":
          return send(person, room, "post", "/threads", key, threadBody(room, request.text));
        case "reply":
          return send(person, room, "post", `/threads/${on.thread}/comments`, key, { body: request.text });
        case "edit thread":
          return send(person, room, "patch", `/threads/${on.thread}`, key, { body: request.text });
        case "edit reply":
          return send(person, room, "patch", `/comments/${on.reply}`, key, { body: request.text });
        case "resolve":
        case "reopen":
          return send(person, room, "post", `/threads/${on.thread}/${request.kind}`, key);
        case "react":
          return send(person, room, "put", `/reactions/${on.reply}`, key, { emoji: request.text });
        case "unreact":
          return send(person, room, "delete", `/reactions/${on.reply}`, key, { emoji: request.text });
        default: {
          const path = request.kind === "hide thread" ? `/threads/${on.thread}` : `/comments/${on.reply}`;
          return send(person, room, "post", `${path}/hide`, key, { reason: request.text });
        }
      }
    };
    await fc.assert(
      fc.asyncProperty(requests, requests, fc.boolean(), async (first, second, samePerson) => {
        const thread = await newThread(room.owner);
        const on = { thread: thread.id, reply: (await newReply(room.owner, thread.id)).id };
        const key = crypto.randomUUID();
        const firstRes = await toRequest(first, on, room.owner, key);
        expect(firstRes.status).toBeLessThan(300);
        const before = await storedState(room.roomId);
        const secondRes = await toRequest(second, on, samePerson ? room.owner : room.instructor, key);
        const same = samePerson && first.kind === second.kind && first.text === second.text;
        if (same) {
          expect(secondRes.status).toBe(firstRes.status);
          expect(secondRes.body).toEqual(firstRes.body);
        } else expectReused(secondRes);
        expect(await storedState(room.roomId)).toEqual(before);
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});

describe("client-chosen ids never reach across rooms", () => {
  it("a new thread or reply whose id exists in another room is refused with 409, not 500", async () => {
    const theirs = await newThread(elsewhere.member, elsewhere);
    const theirReply = await newReply(elsewhere.member, theirs.id, elsewhere);
    const before = await storedState(room.roomId);
    for (const id of [theirs.id, theirReply.id]) {
      const asThread = await send(room.member, room, "post", "/threads", id, threadBody(room, "Mine"));
      expect(asThread.status).toBe(409);
      expect(asThread.body.error.code).toBe("id_taken");
      expect(asThread.body.error.message).toMatch(/new Idempotency-Key/);
      expect(asThread.body.error.details).toEqual([
        { field: "Idempotency-Key", message: expect.stringMatching(/\w/) },
      ]);
      const mine = await newThread(room.member);
      const asReply = await send(room.member, room, "post", `/threads/${mine.id}/comments`, id, {
        body: "R",
      });
      expect(asReply.status).toBe(409);
      expect(asReply.body.error.code).toBe("id_taken");
      await send(room.member, room, "delete", `/threads/${mine.id}`, crypto.randomUUID()).expect(200);
    }
    const after = await storedState(room.roomId);
    expect(after.comments).toEqual(before.comments);
    expect(after.threads.map((row) => row.id)).not.toContain(theirs.id);
  });

  it("an outsider cannot claim a comment's id in their own room to break reactions on the original", async () => {
    const thread = await newThread(room.member);
    const reply = await newReply(room.other, thread.id);
    // The outsider knows the reply's id (a shared link, a screenshot of the API) and owns a room of their own.
    const claim = await send(
      elsewhere.owner,
      elsewhere,
      "post",
      "/threads",
      reply.id,
      threadBody(elsewhere, "x"),
    );
    expect(claim.status).toBe(409);
    const react = await send(room.member, room, "put", `/reactions/${reply.id}`, crypto.randomUUID(), {
      emoji: "👍",
    });
    expect(react.status).toBe(200);
  });

  it("ids that already collide across rooms (stored before this check) resolve inside each room only", async () => {
    const thread = await newThread(room.member);
    const reply = await newReply(room.member, thread.id);
    const otherThread = await newThread(elsewhere.member, elsewhere);
    // Rows as an older server could have stored them: another room's thread named like our reply, another room's
    // reply named like our thread.
    await sql.query(
      `INSERT INTO "Thread" (id, "roomId", visibility, "blockId", anchor, "authorId", body, tags, status, "createdAt", "updatedAt")
       VALUES ($1, $2, 'group', 'b', '{"blockId":"b"}', $3, 'shadow', '{}', 'open', now(), now())`,
      [reply.id, elsewhere.roomId, elsewhere.member.id],
    );
    await sql.query(
      `INSERT INTO "Comment" (id, "threadId", "authorId", body, "createdAt") VALUES ($1, $2, $3, 'shadow', now())`,
      [thread.id, otherThread.id, elsewhere.member.id],
    );
    const key = () => crypto.randomUUID();
    for (const target of [thread.id, reply.id]) {
      await send(room.member, room, "put", `/reactions/${target}`, key(), { emoji: "👍" }).expect(200);
      await send(room.member, room, "delete", `/reactions/${target}`, key(), { emoji: "👍" }).expect(200);
    }
    await send(room.instructor, room, "post", `/threads/${thread.id}/hide`, key(), { reason: "r" }).expect(
      200,
    );
    await send(room.instructor, room, "post", `/threads/${thread.id}/unhide`, key()).expect(200);
    await send(room.instructor, room, "post", `/comments/${reply.id}/hide`, key(), { reason: "r" }).expect(
      200,
    );
    const unhidden = await send(room.instructor, room, "post", `/comments/${reply.id}/unhide`, key()).expect(
      200,
    );
    expect(unhidden.body.comment.body).toBe("A reply"); // restored from our row, not the other room's
    await send(room.member, room, "post", `/threads/${thread.id}/resolve`, key()).expect(200);
    await send(room.member, room, "patch", `/comments/${reply.id}`, key(), { body: "Edited" }).expect(200);
    // The other room's rows are untouched.
    const shadow = await prisma.thread.findUniqueOrThrow({ where: { id: reply.id } });
    expect(shadow).toMatchObject({
      roomId: elsewhere.roomId,
      body: "shadow",
      status: "open",
      hiddenAt: null,
    });
    const shadowReply = await prisma.comment.findUniqueOrThrow({ where: { id: thread.id } });
    expect(shadowReply).toMatchObject({ body: "shadow", hiddenAt: null, editedAt: null });
    // And in our room the rows changed as asked.
    expect(await prisma.comment.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({
      body: "Edited",
    });
    expect(await prisma.thread.findUniqueOrThrow({ where: { id: thread.id } })).toMatchObject({
      status: "resolved",
    });
  });

  it("two rooms racing to create the same new id: one gets it, the other 409, never 500", async () => {
    const id = crypto.randomUUID();
    const [a, b] = await Promise.all([
      send(room.member, room, "post", "/threads", id, threadBody(room, "Race")),
      send(elsewhere.member, elsewhere, "post", "/threads", id, threadBody(elsewhere, "Race")),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });
});
