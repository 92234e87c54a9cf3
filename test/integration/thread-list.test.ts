// The thread list's tag and search filters, and deleting one's own thread, over HTTP against the real database.
import { beforeAll, describe, expect, it } from "vitest";
import { buildRoom, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app } = buildTestApp();
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
