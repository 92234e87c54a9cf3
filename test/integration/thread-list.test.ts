// The thread list's filters, counts per paragraph, replies and page limit, and deleting one's own thread, over HTTP
// against the real database.
import { beforeAll, describe, expect, it } from "vitest";
import { buildRoom, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app, prisma } = buildTestApp();
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  room = await buildRoom(app);
});

async function post(person: Person, body: string, tags: string[] = []) {
  const res = await person.agent
    .post(`/api/rooms/${room.roomId}/threads`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body, tags })
    .expect(201);
  return res.body.thread.id as string;
}

async function listed(query: Record<string, string>, person: Person = room.member) {
  const res = await person.agent.get(`/api/rooms/${room.roomId}/threads`).query(query).expect(200);
  return (res.body.threads as { id: string }[]).map((thread) => thread.id).sort();
}

describe("the thread list's filters", () => {
  it("tag lists exactly the threads carrying that tag, whatever its case", async () => {
    const question = await post(room.member, "Why first?", ["question"]);
    const both = await post(room.other, "Why second?", ["Question", "reading"]);
    await post(room.member, "An answer", ["reading"]);
    await post(room.member, "Untagged");
    // A tag that merely contains the one asked for is not it.
    await post(room.member, "Questions everywhere", ["questions"]);
    expect(await listed({ tag: "question" })).toEqual([question, both].sort());
    expect(await listed({ tag: "QUESTION" })).toEqual([question, both].sort());
    expect(await listed({ tag: "nobody-uses-this" })).toEqual([]);
  });

  it("q and tag together list the threads matching both", async () => {
    const wanted = await post(room.member, "Marginalia about the harbour", ["place"]);
    await post(room.member, "Marginalia about the mountains", ["time"]);
    await post(room.member, "Nothing relevant here", ["place"]);
    expect(await listed({ q: "harbour" })).toEqual([wanted]);
    expect(await listed({ q: "marginalia", tag: "place" })).toEqual([wanted]);
  });
});

describe("deleting one's own thread", () => {
  it("blanks its words and tags for everyone, keeps its replies, and only its author may do it", async () => {
    const threadId = await post(room.member, "Words I regret", ["regret"]);
    const base = `/api/rooms/${room.roomId}/threads/${threadId}`;
    await room.other.agent
      .post(`${base}/comments`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ body: "A reply that stays" })
      .expect(201);

    const refused = await room.other.agent
      .delete(base)
      .set("Idempotency-Key", crypto.randomUUID())
      .expect(403);
    expect(refused.body.error.code).toBe("forbidden");
    await room.member.agent.delete(base).set("Idempotency-Key", crypto.randomUUID()).expect(200);

    const res = await room.other.agent.get(`/api/rooms/${room.roomId}/threads?include=comments`).expect(200);
    const row = res.body.threads.find((thread: { id: string }) => thread.id === threadId);
    expect(row).toMatchObject({ deleted: true, body: "", tags: [] });
    expect(row.comments.map((comment: { body: string }) => comment.body)).toEqual(["A reply that stays"]);
    expect(await listed({ q: "regret" })).toEqual([]);
    expect(await listed({ tag: "regret" })).toEqual([]);
  });
});

describe("the thread list in a room of its own", () => {
  let fresh: Awaited<ReturnType<typeof buildRoom>>;
  beforeAll(async () => {
    fresh = await buildRoom(app);
  });

  async function start(person: Person, paragraph: number, body: string, visibility = "group") {
    const res = await person.agent
      .post(`/api/rooms/${fresh.roomId}/threads`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ anchor: { blockId: fresh.paragraphs[paragraph]!.anchorId }, body, visibility })
      .expect(201);
    return res.body.thread.id as string;
  }

  async function list(person: Person, query: Record<string, string> = {}) {
    const res = await person.agent.get(`/api/rooms/${fresh.roomId}/threads`).query(query).expect(200);
    return res.body as {
      threads: { id: string; comments?: { id: string; body: string }[] }[];
      blockCounts: Record<string, number>;
      truncated: boolean;
    };
  }

  const ids = (body: { threads: { id: string }[] }) => body.threads.map((thread) => thread.id);

  it("status, author and paragraph each narrow the list and its counts per paragraph; members count group threads only", async () => {
    const [first, second] = [fresh.paragraphs[0]!.anchorId, fresh.paragraphs[1]!.anchorId];
    const mine = await start(fresh.member, 0, "Mine, on the first.");
    const theirs = await start(fresh.other, 1, "Theirs, on the second.");
    const resolved = await start(fresh.other, 0, "Settled, on the first.");
    const teachers = await start(fresh.instructor, 1, "For teachers, on the second.", "instructors");
    await fresh.instructor.agent
      .post(`/api/rooms/${fresh.roomId}/threads/${resolved}/resolve`)
      .set("Idempotency-Key", crypto.randomUUID())
      .expect(200);

    const all = await list(fresh.member);
    expect(ids(all)).toEqual([mine, theirs, resolved]);
    expect(all.blockCounts).toEqual({ [first]: 2, [second]: 1 });
    const asOwner = await list(fresh.owner);
    expect(ids(asOwner)).toEqual([mine, theirs, resolved, teachers]);
    expect(asOwner.blockCounts).toEqual({ [first]: 2, [second]: 2 });

    const open = await list(fresh.member, { status: "open" });
    expect(ids(open)).toEqual([mine, theirs]);
    expect(open.blockCounts).toEqual({ [first]: 1, [second]: 1 });
    expect(ids(await list(fresh.member, { status: "resolved" }))).toEqual([resolved]);

    const byOther = await list(fresh.member, { authorId: fresh.other.id });
    expect(ids(byOther)).toEqual([theirs, resolved]);
    expect(byOther.blockCounts).toEqual({ [first]: 1, [second]: 1 });

    const onSecond = await list(fresh.owner, { blockId: second });
    expect(ids(onSecond)).toEqual([theirs, teachers]);
    expect(onSecond.blockCounts).toEqual({ [second]: 2 });

    const teachersOnly = await list(fresh.owner, { visibility: "instructors" });
    expect(ids(teachersOnly)).toEqual([teachers]);
    expect(teachersOnly.blockCounts).toEqual({ [second]: 1 });
  });

  it("with replies asked for, each thread lists its own replies in order", async () => {
    const threadA = await start(fresh.member, 2, "Replies to A.");
    const threadB = await start(fresh.member, 2, "Replies to B.");
    const reply = async (threadId: string, body: string) =>
      fresh.other.agent
        .post(`/api/rooms/${fresh.roomId}/threads/${threadId}/comments`)
        .set("Idempotency-Key", crypto.randomUUID())
        .send({ body })
        .expect(201);
    await reply(threadA, "A one.");
    await reply(threadB, "B one.");
    await reply(threadA, "A two.");
    await reply(threadA, "A three.");
    const { threads } = await list(fresh.member, {
      include: "comments",
      blockId: fresh.paragraphs[2]!.anchorId,
    });
    expect(threads.map((thread) => [thread.id, thread.comments!.map((comment) => comment.body)])).toEqual([
      [threadA, ["A one.", "A two.", "A three."]],
      [threadB, ["B one."]],
    ]);
  });

  it("the list says it is truncated only when it reached its page limit of 2000 threads", async () => {
    expect((await list(fresh.member)).truncated).toBe(false);
    // Written straight to the rows: 2000 threads through the API would take minutes.
    const base = Date.parse("2020-01-01T00:00:00.000Z");
    await prisma.thread.createMany({
      data: Array.from({ length: 2_000 }, (_, i) => ({
        id: crypto.randomUUID(),
        roomId: fresh.roomId,
        visibility: "group",
        blockId: fresh.paragraphs[0]!.anchorId,
        anchor: { blockId: fresh.paragraphs[0]!.anchorId },
        authorId: fresh.member.id,
        body: `Bulk ${i}`,
        tags: [],
        status: "open",
        createdAt: new Date(base + i),
        updatedAt: new Date(base + i),
      })),
    });
    const full = await list(fresh.member);
    expect(full.threads).toHaveLength(2_000);
    expect(full.truncated).toBe(true);
  });
});
