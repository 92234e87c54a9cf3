// The rules of the mutation path for threads and replies, checked everywhere a change lands: the answer, the room
// document every member replicates, the relational rows and the read API. Who may change what, what deleting and
// hiding remove, and who sees instructors' threads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc } from "../../shared/room-doc.ts";
import { buildRoom, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const testApp = buildTestApp();
const { app, ctx, prisma } = testApp;
let room: Awaited<ReturnType<typeof buildRoom>>;

beforeAll(async () => {
  room = await buildRoom(app);
});
afterAll(async () => {
  await ctx.rooms.close();
});

type Method = "post" | "patch" | "put" | "delete" | "get";

function send(person: Person, method: Method, path: string, body?: object) {
  const request = person.agent[method](`/api/rooms/${room.roomId}${path}`);
  if (method !== "get") void request.set("Idempotency-Key", crypto.randomUUID());
  return body === undefined ? request : request.send(body);
}

async function newThread(
  person: Person,
  { body = "A thought.", tags = [] as string[], visibility = "group" } = {},
) {
  const res = await send(person, "post", "/threads", {
    anchor: { blockId: room.paragraphs[0]!.anchorId },
    body,
    tags,
    visibility,
  }).expect(201);
  return res.body.thread.id as string;
}

async function newReply(person: Person, threadId: string, body = "A reply.", parentId: string | null = null) {
  const res = await send(person, "post", `/threads/${threadId}/comments`, { body, parentId }).expect(201);
  return res.body.comment.id as string;
}

/** The committed room document of `scope`, which is what every replica receives. */
async function roomDoc(scope: "group" | "instructors" = "group") {
  return new RoomDoc((await ctx.rooms.open(room.roomId, scope)).committed);
}

async function listed(person: Person, threadId: string, query = "") {
  const res = await send(person, "get", `/threads?include=comments${query}`).expect(200);
  return (res.body.threads as { id: string }[]).find((thread) => thread.id === threadId) as
    (Record<string, unknown> & { comments: Record<string, unknown>[] }) | undefined;
}

describe("starting a thread", () => {
  it("a new thread is open, unedited, shown, by its author, with its words and tags: in the answer, the document, the rows and the list", async () => {
    const threadId = crypto.randomUUID();
    const passage = room.paragraphs[1]!;
    const res = await room.member.agent
      .post(`/api/rooms/${room.roomId}/threads`)
      .set("Idempotency-Key", threadId)
      .send({
        anchor: { blockId: passage.anchorId, start: 4, end: 10 },
        body: "A first thought.",
        tags: ["Why"],
      })
      .expect(201);
    // The passage's quote and context come from the block, whatever the client sent.
    const anchor = {
      blockId: passage.anchorId,
      start: 4,
      end: 10,
      exact: passage.text.slice(4, 10),
      prefix: passage.text.slice(0, 4),
      suffix: passage.text.slice(10, 42),
    };
    const record = {
      id: threadId,
      anchor,
      authorId: room.member.id,
      authorName: "Mel Member",
      body: "A first thought.",
      tags: ["why"],
      status: "open",
      resolvedBy: null,
      visibility: "group",
      editedAt: null,
      deleted: false,
      hidden: null,
      announcement: false,
      late: false,
      // Written on the room's version of the text.
      version: 1,
    };
    expect(res.body.thread).toEqual({ ...record, createdAt: expect.any(String) });
    const createdAt = res.body.thread.createdAt as string;
    expect((await roomDoc()).thread(threadId)).toEqual({ ...record, createdAt });
    expect(await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({
      roomId: room.roomId,
      blockId: passage.anchorId,
      anchor,
      authorId: room.member.id,
      body: "A first thought.",
      tags: ["why"],
      status: "open",
      visibility: "group",
      createdAt: new Date(createdAt),
      deletedAt: null,
      hiddenAt: null,
      versionNumber: 1,
      anchorStatus: "unchanged",
      anchorChange: null,
    });
    expect(await listed(room.other, threadId)).toMatchObject({
      anchor,
      author: { id: room.member.id, name: "Mel Member" },
      body: "A first thought.",
      createdAt,
      late: false,
      version: 1,
      anchorStatus: "unchanged",
      anchorChange: null,
    });
  });

  it("every role but observers starts group threads; only instructors and owners start instructors' threads", async () => {
    const expected = [
      ["owner", 201, 201],
      ["instructor", 201, 201],
      ["member", 201, 403],
      ["observer", 403, 403],
    ] as const;
    for (const [role, group, instructors] of expected) {
      const person = room[role];
      const statuses = [];
      for (const visibility of ["group", "instructors"]) {
        const res = await send(person, "post", "/threads", {
          anchor: { blockId: room.paragraphs[0]!.anchorId },
          body: `By the ${role}.`,
          visibility,
        });
        statuses.push(res.status);
      }
      expect({ role, statuses }).toEqual({ role, statuses: [group, instructors] });
    }
  });

  it("a thread on a block that is not in the room's text is refused, and nothing is written", async () => {
    const threadId = crypto.randomUUID();
    const res = await room.member.agent
      .post(`/api/rooms/${room.roomId}/threads`)
      .set("Idempotency-Key", threadId)
      .send({ anchor: { blockId: "no-such-block" }, body: "Lost." })
      .expect(400);
    expect(res.body.error.details[0].field).toBe("anchor.blockId");
    expect(await prisma.thread.findUnique({ where: { id: threadId } })).toBeNull();
    expect((await roomDoc()).thread(threadId)).toBeUndefined();
  });
});

describe("deleting", () => {
  it("a deleted thread keeps neither its body nor its tags: not in the answer, the document, the rows or the list", async () => {
    const threadId = await newThread(room.member, { body: "Words to take back.", tags: ["question"] });
    const replyId = await newReply(room.other, threadId, "Still worth reading.");
    const res = await send(room.member, "delete", `/threads/${threadId}`).expect(200);
    expect(res.body.thread).toMatchObject({ id: threadId, body: "", tags: [], deleted: true });
    expect((await roomDoc()).thread(threadId)).toMatchObject({ body: "", tags: [], deleted: true });
    const row = await prisma.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(row).toMatchObject({ body: "", tags: [] });
    expect(row.deletedAt).toBeInstanceOf(Date);
    const asInstructor = await listed(room.instructor, threadId);
    expect(asInstructor).toMatchObject({ body: "", tags: [], deleted: true, commentCount: 1 });
    // The thread keeps its place: its replies stay readable.
    expect(asInstructor!.comments).toEqual([
      expect.objectContaining({ id: replyId, body: "Still worth reading.", deleted: false }),
    ]);
  });

  it("a deleted thread or reply cannot be edited or deleted again: it is not found", async () => {
    const threadId = await newThread(room.member);
    const replyId = await newReply(room.member, threadId);
    await send(room.member, "delete", `/comments/${replyId}`).expect(200);
    await send(room.member, "delete", `/threads/${threadId}`).expect(200);
    await send(room.member, "patch", `/threads/${threadId}`, { body: "Back again" }).expect(404);
    await send(room.member, "delete", `/threads/${threadId}`).expect(404);
    const editGone = await send(room.member, "patch", `/comments/${replyId}`, { body: "Back again" });
    expect(editGone.status).toBe(404);
    expect(editGone.body.error.message).toMatch(/^Comment was not found/);
    await send(room.member, "delete", `/comments/${replyId}`).expect(404);
  });

  it("a deleted thread or reply takes no new reply or reaction: it is not found", async () => {
    const answeredId = await newThread(room.member);
    const replyId = await newReply(room.member, answeredId);
    await send(room.member, "delete", `/comments/${replyId}`).expect(200);
    const reacted = await send(room.other, "put", `/reactions/${replyId}`, { emoji: "👍" });
    expect([reacted.status, reacted.body.error?.code]).toEqual([404, "not_found"]);
    const threadId = await newThread(room.member);
    await send(room.member, "delete", `/threads/${threadId}`).expect(200);
    const answered = await send(room.other, "post", `/threads/${threadId}/comments`, { body: "Anyone?" });
    expect([answered.status, answered.body.error?.message]).toEqual([404, "Thread was not found."]);
    await send(room.other, "put", `/reactions/${threadId}`, { emoji: "👍" }).expect(404);
    const toDeletedReply = await send(room.other, "post", `/threads/${answeredId}/comments`, {
      body: "Anyone?",
      parentId: replyId,
    });
    expect([toDeletedReply.status, toDeletedReply.body.error?.message]).toEqual([
      404,
      "Reply was not found.",
    ]);
    // Nothing reached the document or the rows.
    const { commentsByThread, reactionsByTarget } = (await roomDoc()).index();
    expect(commentsByThread.get(threadId)).toBeUndefined();
    expect([reactionsByTarget.get(threadId), reactionsByTarget.get(replyId)]).toEqual([undefined, undefined]);
    expect(await prisma.comment.count({ where: { threadId } })).toBe(0);
  });

  it("the replies left under a deleted thread can still be answered and reacted to", async () => {
    const threadId = await newThread(room.member);
    const replyId = await newReply(room.other, threadId);
    await send(room.member, "delete", `/threads/${threadId}`).expect(200);
    await send(room.member, "post", `/threads/${threadId}/comments`, {
      body: "Still here.",
      parentId: replyId,
    }).expect(201);
    await send(room.member, "put", `/reactions/${replyId}`, { emoji: "👍" }).expect(200);
  });

  it("hidden words take no new direct reply or reaction from those who do not moderate; moderators may answer", async () => {
    const threadId = await newThread(room.member);
    const replyId = await newReply(room.other, threadId);
    const hiddenReply = await newReply(room.other, threadId, "Off topic.");
    await send(room.instructor, "post", `/threads/${threadId}/hide`, { reason: "Spoiler" }).expect(200);
    await send(room.instructor, "post", `/comments/${hiddenReply}/hide`, { reason: "Off topic" }).expect(200);
    const refused = [
      await send(room.other, "post", `/threads/${threadId}/comments`, { body: "But why?" }),
      await send(room.other, "post", `/threads/${threadId}/comments`, { body: "Hm.", parentId: hiddenReply }),
      await send(room.other, "put", `/reactions/${threadId}`, { emoji: "👍" }),
      await send(room.member, "put", `/reactions/${hiddenReply}`, { emoji: "👍" }),
    ];
    expect(refused.map((res) => [res.status, res.body.error?.code])).toEqual(
      Array(4).fill([404, "not_found"]),
    );
    // The replies left visible under the hidden thread still take answers; moderators answer hidden words.
    await send(room.member, "post", `/threads/${threadId}/comments`, {
      body: "Yes.",
      parentId: replyId,
    }).expect(201);
    await send(room.instructor, "post", `/threads/${threadId}/comments`, { body: "Hidden: spoiler." }).expect(
      201,
    );
    await send(room.instructor, "put", `/reactions/${hiddenReply}`, { emoji: "👍" }).expect(200);
  });

  it("a deleted reply keeps its place but not its words, for moderators too", async () => {
    const threadId = await newThread(room.member);
    const replyId = await newReply(room.member, threadId, "Regrettable.");
    const res = await send(room.member, "delete", `/comments/${replyId}`).expect(200);
    expect(res.body.comment).toMatchObject({ id: replyId, body: "", deleted: true });
    expect((await roomDoc()).comment(replyId)).toMatchObject({ body: "", deleted: true });
    const row = await prisma.comment.findUniqueOrThrow({ where: { id: replyId } });
    expect(row.body).toBe("");
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect((await listed(room.instructor, threadId))!.comments).toEqual([
      expect.objectContaining({ id: replyId, body: "", deleted: true }),
    ]);
  });
});

describe("only the author changes their words", () => {
  it("nobody but the author edits or deletes a thread or reply, not even an instructor or the owner", async () => {
    const threadId = await newThread(room.member, { body: "Mine." });
    const replyId = await newReply(room.member, threadId, "Also mine.");
    for (const someone of [room.other, room.instructor, room.owner]) {
      await send(someone, "patch", `/threads/${threadId}`, { body: "Theirs" }).expect(403);
      await send(someone, "delete", `/threads/${threadId}`).expect(403);
      await send(someone, "patch", `/comments/${replyId}`, { body: "Theirs" }).expect(403);
      await send(someone, "delete", `/comments/${replyId}`).expect(403);
    }
    expect((await roomDoc()).thread(threadId)).toMatchObject({ body: "Mine.", deleted: false });
    expect((await roomDoc()).comment(replyId)).toMatchObject({ body: "Also mine.", deleted: false });
  });

  it("the author's edit replaces the body everywhere and marks it edited; tags are left alone", async () => {
    const threadId = await newThread(room.member, { body: "First draft.", tags: ["draft"] });
    const res = await send(room.member, "patch", `/threads/${threadId}`, { body: "Second draft." }).expect(
      200,
    );
    expect(res.body.thread).toMatchObject({ body: "Second draft.", tags: ["draft"] });
    expect(typeof res.body.thread.editedAt).toBe("string");
    expect((await roomDoc()).thread(threadId)).toMatchObject({ body: "Second draft.", tags: ["draft"] });
    expect(await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({
      body: "Second draft.",
      tags: ["draft"],
    });
  });

  it("the author's reply edit replaces its body everywhere and marks it edited", async () => {
    const threadId = await newThread(room.member);
    const replyId = await newReply(room.other, threadId, "Frist.");
    const res = await send(room.other, "patch", `/comments/${replyId}`, { body: "First." }).expect(200);
    expect(res.body.comment).toMatchObject({ body: "First." });
    expect(typeof res.body.comment.editedAt).toBe("string");
    expect((await roomDoc()).comment(replyId)).toMatchObject({ body: "First." });
    const row = await prisma.comment.findUniqueOrThrow({ where: { id: replyId } });
    expect(row.body).toBe("First.");
    expect(row.editedAt).toBeInstanceOf(Date);
    expect((await listed(room.member, threadId))!.comments).toEqual([
      expect.objectContaining({ id: replyId, body: "First.", editedAt: row.editedAt!.toISOString() }),
    ]);
  });

  it("tags are set by the author or a moderator, not by another member, and setting them is not an edit", async () => {
    const threadId = await newThread(room.member, { body: "Tag me.", tags: ["one"] });
    await send(room.other, "patch", `/threads/${threadId}`, { tags: ["vandal"] }).expect(403);
    const byAuthor = await send(room.member, "patch", `/threads/${threadId}`, { tags: ["two"] }).expect(200);
    expect(byAuthor.body.thread).toMatchObject({ body: "Tag me.", tags: ["two"], editedAt: null });
    const byInstructor = await send(room.instructor, "patch", `/threads/${threadId}`, {
      tags: ["three"],
    }).expect(200);
    expect(byInstructor.body.thread).toMatchObject({ body: "Tag me.", tags: ["three"], editedAt: null });
    expect((await roomDoc()).thread(threadId)).toMatchObject({ body: "Tag me.", tags: ["three"] });
    expect(await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({
      body: "Tag me.",
      tags: ["three"],
    });
  });
});

describe("resolving", () => {
  it("the author or a moderator resolves, naming who did; reopening clears it, in the document and the rows", async () => {
    const threadId = await newThread(room.member);
    const resolved = await send(room.instructor, "post", `/threads/${threadId}/resolve`).expect(200);
    expect(resolved.body.thread).toMatchObject({
      status: "resolved",
      resolvedBy: { id: room.instructor.id, name: "Ida Instructor" },
    });
    expect((await roomDoc()).thread(threadId)).toMatchObject({
      status: "resolved",
      resolvedBy: { id: room.instructor.id },
    });
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).status).toBe("resolved");
    const reopened = await send(room.member, "post", `/threads/${threadId}/reopen`).expect(200);
    expect(reopened.body.thread).toMatchObject({ status: "open", resolvedBy: null });
    expect((await roomDoc()).thread(threadId)).toMatchObject({ status: "open", resolvedBy: null });
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).status).toBe("open");
  });
});

describe("hiding", () => {
  it("a hidden thread's words leave the document; members see the reason, moderators the words; unhiding restores them", async () => {
    const threadId = await newThread(room.member, { body: "Something unkind.", tags: ["rant"] });
    await send(room.member, "post", `/threads/${threadId}/hide`, { reason: "Mine" }).expect(403);
    const hidden = await send(room.instructor, "post", `/threads/${threadId}/hide`, { reason: "Unkind" });
    expect(hidden.status).toBe(200);
    expect(hidden.body.thread).toMatchObject({
      body: "",
      tags: ["rant"],
      hidden: { byId: room.instructor.id, byName: "Ida Instructor", reason: "Unkind" },
    });
    expect((await roomDoc()).thread(threadId)).toMatchObject({ body: "", hidden: { reason: "Unkind" } });
    const row = await prisma.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(row).toMatchObject({
      body: "Something unkind.",
      hiddenById: room.instructor.id,
      hiddenReason: "Unkind",
    });
    expect(row.hiddenAt).toBeInstanceOf(Date);
    expect(await listed(room.other, threadId)).toMatchObject({ body: "", hidden: { reason: "Unkind" } });
    expect(await listed(room.member, threadId)).toMatchObject({ body: "", hidden: { reason: "Unkind" } });
    expect(await listed(room.owner, threadId)).toMatchObject({
      body: "Something unkind.",
      hidden: { reason: "Unkind" },
    });
    // The author cannot rewrite hidden words, but may still sort the thread.
    await send(room.member, "patch", `/threads/${threadId}`, { body: "Kinder now" }).expect(409);
    await send(room.member, "patch", `/threads/${threadId}`, { tags: ["calm"] }).expect(200);

    const shown = await send(room.owner, "post", `/threads/${threadId}/unhide`).expect(200);
    expect(shown.body.thread).toMatchObject({ body: "Something unkind.", tags: ["calm"], hidden: null });
    expect((await roomDoc()).thread(threadId)).toMatchObject({ body: "Something unkind.", hidden: null });
    expect(await prisma.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({
      hiddenAt: null,
      hiddenById: null,
      hiddenReason: null,
    });
    expect(await listed(room.other, threadId)).toMatchObject({ body: "Something unkind.", hidden: null });
    const audit = await prisma.auditEvent.findMany({
      where: { targetId: threadId },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map(({ action, actorId, details }) => ({ action, actorId, details }))).toEqual([
      {
        action: "thread.hidden",
        actorId: room.instructor.id,
        details: { roomId: room.roomId, reason: "Unkind", authorId: room.member.id },
      },
      {
        action: "thread.unhidden",
        actorId: room.owner.id,
        details: { roomId: room.roomId, reason: null, authorId: room.member.id },
      },
    ]);
  });

  it("a hidden reply's words leave the document; members see the reason, moderators the words; unhiding restores them", async () => {
    const threadId = await newThread(room.member);
    const replyId = await newReply(room.other, threadId, "Rude remark.");
    await send(room.member, "post", `/comments/${replyId}/hide`, { reason: "No" }).expect(403);
    const hidden = await send(room.instructor, "post", `/comments/${replyId}/hide`, { reason: "Rude" });
    expect(hidden.status).toBe(200);
    expect(hidden.body.comment).toMatchObject({
      body: "",
      hidden: { byId: room.instructor.id, byName: "Ida Instructor", reason: "Rude" },
    });
    expect((await roomDoc()).comment(replyId)).toMatchObject({ body: "", hidden: { reason: "Rude" } });
    const row = await prisma.comment.findUniqueOrThrow({ where: { id: replyId } });
    expect(row).toMatchObject({ body: "Rude remark.", hiddenById: room.instructor.id, hiddenReason: "Rude" });
    expect(row.hiddenAt).toBeInstanceOf(Date);
    expect((await listed(room.member, threadId))!.comments).toEqual([
      expect.objectContaining({ id: replyId, body: "", hidden: { reason: "Rude" } }),
    ]);
    expect((await listed(room.instructor, threadId))!.comments).toEqual([
      expect.objectContaining({ id: replyId, body: "Rude remark.", hidden: { reason: "Rude" } }),
    ]);
    const edit = await send(room.other, "patch", `/comments/${replyId}`, { body: "Polite remark." });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toMatch(/hidden this reply/); // the author is told why

    const shown = await send(room.instructor, "post", `/comments/${replyId}/unhide`).expect(200);
    expect(shown.body.comment).toMatchObject({ body: "Rude remark.", hidden: null });
    expect((await roomDoc()).comment(replyId)).toMatchObject({ body: "Rude remark.", hidden: null });
    expect(await prisma.comment.findUniqueOrThrow({ where: { id: replyId } })).toMatchObject({
      hiddenAt: null,
      hiddenById: null,
      hiddenReason: null,
    });
    const audit = await prisma.auditEvent.findMany({
      where: { targetId: replyId },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map(({ action, details }) => ({ action, details }))).toEqual([
      { action: "comment.hidden", details: { roomId: room.roomId, reason: "Rude", authorId: room.other.id } },
      { action: "comment.unhidden", details: { roomId: room.roomId, reason: null, authorId: room.other.id } },
    ]);
  });
});

describe("the read API", () => {
  it("lists replies only when asked to, and a thread without replies with an empty list", async () => {
    const threadId = await newThread(room.member);
    const plain = await send(room.member, "get", "/threads").expect(200);
    const thread = (plain.body.threads as { id: string }[]).find((t) => t.id === threadId);
    expect(thread).toMatchObject({ id: threadId, commentCount: 0, deleted: false, hidden: null });
    expect(thread).not.toHaveProperty("comments");
    expect(await listed(room.member, threadId)).toMatchObject({ comments: [] });
  });
});

describe("replies", () => {
  it("an observer cannot reply", async () => {
    const threadId = await newThread(room.member);
    await send(room.observer, "post", `/threads/${threadId}/comments`, { body: "Hi" }).expect(403);
  });

  it("a thread the room document does not hold (its row written around the mutation path) takes no reply", async () => {
    // Replies are published through the room document: one to a thread no reader has would be an orphan.
    const threadId = crypto.randomUUID();
    await prisma.thread.create({
      data: {
        id: threadId,
        roomId: room.roomId,
        visibility: "group",
        blockId: room.paragraphs[0]!.anchorId,
        anchor: { blockId: room.paragraphs[0]!.anchorId },
        authorId: room.member.id,
        body: "Only a row.",
        tags: [],
        status: "open",
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    });
    const res = await send(room.member, "post", `/threads/${threadId}/comments`, { body: "Anyone?" });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^Thread was not found/);
    expect(await prisma.comment.count({ where: { threadId } })).toBe(0);
  });

  it("a reply answers a reply of the same thread only", async () => {
    const threadId = await newThread(room.member);
    const elsewhere = await newThread(room.member);
    const parentId = await newReply(room.other, threadId);
    const foreign = await newReply(room.other, elsewhere);
    const nested = await newReply(room.member, threadId, "Nested.", parentId);
    expect((await roomDoc()).comment(nested)).toMatchObject({
      threadId,
      parentId,
      authorId: room.member.id,
      authorName: "Mel Member",
      body: "Nested.",
      deleted: false,
      hidden: null,
    });
    const refused = await send(room.member, "post", `/threads/${threadId}/comments`, {
      body: "Lost.",
      parentId: foreign,
    });
    expect(refused.status).toBe(400);
    // The refusal says why, and names the field at fault.
    expect(refused.body.error.message).toMatch(/same thread/);
    expect(refused.body.error.details).toEqual([
      { field: "parentId", message: expect.stringMatching(/not a reply in this thread/) },
    ]);
    await send(room.member, "post", `/threads/${threadId}/comments`, {
      body: "Lost.",
      parentId: crypto.randomUUID(),
    }).expect(400);
  });
});

describe("instructors' threads", () => {
  it("members neither list nor reach instructors' threads and their replies; instructors and owners do", async () => {
    const threadId = await newThread(room.instructor, { body: "For teachers.", visibility: "instructors" });
    const replyId = await newReply(room.owner, threadId, "Noted.");
    expect(await listed(room.member, threadId)).toBeUndefined();
    expect(await listed(room.member, threadId, "&visibility=instructors")).toBeUndefined();
    expect(await listed(room.observer, threadId)).toBeUndefined();
    expect(await listed(room.instructor, threadId)).toMatchObject({
      body: "For teachers.",
      visibility: "instructors",
    });
    expect(await listed(room.owner, threadId, "&visibility=instructors")).toMatchObject({ id: threadId });
    expect(await listed(room.owner, threadId, "&visibility=group")).toBeUndefined();
    for (const [method, path, body] of [
      ["post", `/threads/${threadId}/comments`, { body: "?" }],
      ["patch", `/threads/${threadId}`, { tags: ["x"] }],
      ["post", `/threads/${threadId}/resolve`, {}],
      ["put", `/reactions/${threadId}`, { emoji: "👍" }],
      ["put", `/reactions/${replyId}`, { emoji: "👍" }],
      ["patch", `/comments/${replyId}`, { body: "?" }],
    ] as const) {
      const res = await send(room.member, method, path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect((await roomDoc("instructors")).thread(threadId)).toMatchObject({ body: "For teachers." });
    expect((await roomDoc()).thread(threadId)).toBeUndefined();
    await send(room.instructor, "put", `/reactions/${replyId}`, { emoji: "👍" }).expect(200);
  });

  it("an instructors' thread or its reply is not found by a member in the very words of an id that does not exist", async () => {
    const threadId = await newThread(room.instructor, { body: "For teachers.", visibility: "instructors" });
    const replyId = await newReply(room.instructor, threadId, "Noted.");
    const missing = crypto.randomUUID();
    const answer = async (method: Method, path: string, body: object) => {
      const res = await send(room.member, method, path, body);
      return { status: res.status, body: res.body as unknown };
    };
    const notFound = (what: string) => ({
      status: 404,
      body: { error: expect.objectContaining({ code: "not_found", message: `${what} was not found.` }) },
    });
    for (const [hiddenId, method, path, body, what] of [
      [threadId, "patch", "/threads/:id", { tags: ["x"] }, "Thread"],
      [threadId, "post", "/threads/:id/resolve", {}, "Thread"],
      [threadId, "post", "/threads/:id/comments", { body: "?" }, "Thread"],
      [threadId, "put", "/reactions/:id", { emoji: "👍" }, "Thread or comment"],
      [replyId, "patch", "/comments/:id", { body: "?" }, "Comment"],
      [replyId, "put", "/reactions/:id", { emoji: "👍" }, "Thread or comment"],
    ] as const) {
      const hidden = await answer(method, path.replace(":id", hiddenId), body);
      expect({ path, hidden }).toEqual({ path, hidden: notFound(what) });
      expect({ path, hidden }).toEqual({
        path,
        hidden: await answer(method, path.replace(":id", missing), body),
      });
    }
    // Those who read instructors' notes react to both the thread and the reply.
    await send(room.instructor, "put", `/reactions/${threadId}`, { emoji: "👍" }).expect(200);
    await send(room.owner, "put", `/reactions/${replyId}`, { emoji: "👍" }).expect(200);
  });

  it("only moderators start instructors' threads", async () => {
    const res = await send(room.member, "post", "/threads", {
      anchor: { blockId: room.paragraphs[0]!.anchorId },
      body: "Sneaky.",
      visibility: "instructors",
    });
    expect(res.status).toBe(403);
  });

  it("an id from another room is not found here", async () => {
    const other = await buildRoom(app);
    const res = await other.member.agent
      .post(`/api/rooms/${other.roomId}/threads`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ anchor: { blockId: other.paragraphs[0]!.anchorId }, body: "Over there." })
      .expect(201);
    const threadId = res.body.thread.id as string;
    await send(room.member, "post", `/threads/${threadId}/comments`, { body: "Here?" }).expect(404);
    await send(room.member, "put", `/reactions/${threadId}`, { emoji: "👍" }).expect(404);
  });
});
