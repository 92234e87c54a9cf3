// Notifications end to end over the REST API and the real database: who each kind of event notifies (and who it
// never does: the actor, the muted, those who cannot see the thread), mention refusals, edits, replays, the list
// and its unread count, marking read, settings, mutes, follows and announcements.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mentionedUserIds, mentionToken } from "../../shared/mentions.ts";
import { RoomDoc } from "../../shared/room-doc.ts";
import type { NotificationDto, NotificationsReadDto } from "../../shared/schemas/notifications.ts";
import { hypothesisRow } from "../helpers/annotation-room.ts";
import { buildRoom, joinGroup, postReply, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app, ctx, prisma } = buildTestApp();
let room: Awaited<ReturnType<typeof buildRoom>>;
/** Every "notification" emitted on ctx.people, in order. */
const delivered: { userId: string; notification: NotificationDto }[] = [];
const readEvents: { userId: string; read: NotificationsReadDto }[] = [];

beforeAll(async () => {
  room = await buildRoom(app);
  ctx.people.on("notification", (userId, notification) => delivered.push({ userId, notification }));
  ctx.people.on("notifications-read", (userId, read) => readEvents.push({ userId, read }));
});
afterAll(async () => {
  await ctx.rooms.close();
});

const at = (person: Person) => mentionToken(person.id);

function startThread(
  person: Person,
  body: string,
  extra: { visibility?: string; announcement?: boolean } = {},
  key = crypto.randomUUID(),
) {
  return person.agent
    .post(`/api/rooms/${room.roomId}/threads`)
    .set("Idempotency-Key", key)
    .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body, ...extra });
}

async function newThread(person: Person, body = "A thought.", extra: Parameters<typeof startThread>[2] = {}) {
  return (await startThread(person, body, extra).expect(201)).body.thread.id as string;
}

const reply = (person: Person, threadId: string, body = "A reply.", parentId: string | null = null) =>
  postReply(person, room.roomId, threadId, body, parentId);

function act(person: Person, method: "post" | "patch" | "delete", path: string, body: object = {}) {
  return person.agent[method](`/api/rooms/${room.roomId}${path}`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send(body);
}

async function list(person: Person, query = "") {
  const res = await person.agent.get(`/api/notifications${query}`).expect(200);
  return res.body as { notifications: NotificationDto[]; unread: number };
}

/** The kinds of `person`'s listed notifications about `threadId`, sorted. */
async function kindsFor(person: Person, threadId: string) {
  const { notifications } = await list(person, "?limit=100");
  return notifications
    .filter((notification) => notification.threadId === threadId)
    .map((notification) => notification.kind)
    .sort();
}

/** The kinds every person of the room got about `threadId`, by name (those with none left out). */
async function whoGot(threadId: string) {
  const people = [room.owner, room.member, room.other, room.observer, room.instructor, room.outsider];
  const found: Record<string, string[]> = {};
  for (const person of people) {
    const kinds = await kindsFor(person, threadId);
    if (kinds.length > 0) found[person.displayName] = kinds;
  }
  return found;
}

describe("who is notified", () => {
  it("a reply notifies the thread's author and the parent reply's author, never the one replying", async () => {
    const threadId = await newThread(room.member);
    const first = await reply(room.other, threadId, "I disagree.");
    expect(await whoGot(threadId)).toEqual({ "Mel Member": ["reply"] });
    await reply(room.instructor, threadId, "Both of you, look again.", first);
    expect(await whoGot(threadId)).toEqual({ "Mel Member": ["reply", "reply"], "Max Member": ["reply"] });
    await reply(room.member, threadId, "My own thread, my own words.");
    expect(await kindsFor(room.member, threadId)).toEqual(["reply", "reply"]);
  });

  it("the notification says who, where and what, and links to the thread at its passage", async () => {
    const threadId = await newThread(room.member);
    const commentId = await reply(room.other, threadId, `Answering   you,\n${at(room.member)}, at length.`);
    const [notification] = (await list(room.member)).notifications.filter((n) => n.threadId === threadId);
    expect(notification).toMatchObject({
      kind: "mention",
      groupId: room.groupId,
      roomId: room.roomId,
      roomTitle: "A Short Text",
      threadId,
      commentId,
      actor: { id: room.other.id, name: "Max Member" },
      excerpt: "Answering you, @Mel Member, at length.",
      readAt: null,
      link: `/groups/${room.groupId}/rooms/${room.roomId}/threads/${threadId}`,
    });
    expect(Date.parse(notification!.createdAt)).not.toBeNaN();
  });

  it("a mention notifies each person mentioned once, as a mention even where it is also a reply to them", async () => {
    const threadId = await newThread(
      room.member,
      `${at(room.other)} and ${at(room.observer)}, ${at(room.other)}?`,
    );
    expect(await whoGot(threadId)).toEqual({ "Max Member": ["mention"], "Obi Observer": ["mention"] });
    await reply(room.other, threadId, `${at(room.member)}: here is why.`);
    expect(await kindsFor(room.member, threadId)).toEqual(["mention"]);
  });

  it("mentioning oneself notifies nobody", async () => {
    const threadId = await newThread(room.member, `Note to self, ${at(room.member)}.`);
    expect(await whoGot(threadId)).toEqual({});
  });

  it("resolving or reopening someone's thread tells its author; doing it to one's own thread tells nobody", async () => {
    const threadId = await newThread(room.member);
    await act(room.instructor, "post", `/threads/${threadId}/resolve`).expect(200);
    await act(room.instructor, "post", `/threads/${threadId}/resolve`).expect(200); // already resolved: no news
    await act(room.owner, "post", `/threads/${threadId}/reopen`).expect(200);
    expect(await whoGot(threadId)).toEqual({ "Mel Member": ["reopened", "resolved"] });
    await act(room.member, "post", `/threads/${threadId}/resolve`).expect(200);
    expect(await whoGot(threadId)).toEqual({ "Mel Member": ["reopened", "resolved"] });
  });

  it("an instructors' thread notifies only those who can see it, and hidden words notify nobody", async () => {
    const threadId = await newThread(room.instructor, "Between us.", { visibility: "instructors" });
    await reply(room.owner, threadId, `${at(room.instructor)}, agreed.`);
    expect(await whoGot(threadId)).toEqual({ "Ida Instructor": ["mention"] });

    const hidden = await newThread(room.member, "Soon hidden.");
    await act(room.instructor, "post", `/threads/${hidden}/hide`, { reason: "Off topic" }).expect(200);
    // Only moderators may still answer hidden words (thread-rules.test.ts); even their reply tells no one.
    await reply(room.owner, hidden, "Replying anyway.");
    expect(await whoGot(hidden)).toEqual({});
  });
});

describe("mentions", () => {
  it("refuses a mention of someone who cannot see an instructors' thread, naming them and saying what to do", async () => {
    const res = await startThread(room.instructor, `${at(room.member)} should not see this.`, {
      visibility: "instructors",
    }).expect(400);
    expect(res.body.error.message).toBe(
      "Mel Member cannot see this instructor-only thread; remove the mention.",
    );
    expect(res.body.error.details).toEqual([
      { field: "body", message: "mentions Mel Member, who cannot see this instructor-only thread" },
    ]);
    const threadId = await newThread(room.instructor, "Private.", { visibility: "instructors" });
    const onReply = await act(room.owner, "post", `/threads/${threadId}/comments`, {
      body: `Cc ${at(room.observer)}`,
    }).expect(400);
    expect(onReply.body.error.message).toBe(
      "Obi Observer cannot see this instructor-only thread; remove the mention.",
    );
  });

  it("refuses a mention of someone outside the group, and too many mentions in one body", async () => {
    const outsider = await startThread(room.member, `Hello ${at(room.outsider)}`).expect(400);
    expect(outsider.body.error.message).toContain("not a member of this group; remove the mention");
    expect(outsider.body.error.details[0].field).toBe("body");
    expect(await kindsFor(room.outsider, "")).toEqual([]);
    const crowd = Array.from({ length: 21 }, () => mentionToken(crypto.randomUUID())).join(" ");
    const tooMany = await startThread(room.member, crowd).expect(400);
    expect(tooMany.body.error.message).toBe(
      "This mentions 21 people; mention at most 20 in one thread or reply.",
    );
  });

  it("an edit notifies only the people it adds, and never twice for the same words", async () => {
    const threadId = await newThread(room.member, `For ${at(room.other)}.`);
    await act(room.member, "patch", `/threads/${threadId}`, {
      body: `For ${at(room.other)} and ${at(room.observer)}.`,
    }).expect(200);
    expect(await whoGot(threadId)).toEqual({ "Max Member": ["mention"], "Obi Observer": ["mention"] });
    await act(room.member, "patch", `/threads/${threadId}`, { body: "For nobody." }).expect(200);
    await act(room.member, "patch", `/threads/${threadId}`, { body: `Again, ${at(room.observer)}.` }).expect(
      200,
    );
    expect(await whoGot(threadId)).toEqual({ "Max Member": ["mention"], "Obi Observer": ["mention"] });

    const commentId = await reply(room.other, threadId, "Plain words.");
    await act(room.other, "patch", `/comments/${commentId}`, {
      body: `Now with ${at(room.instructor)}.`,
    }).expect(200);
    expect(await kindsFor(room.instructor, threadId)).toEqual(["mention"]);
  });

  it("an edit is not refused for a mention it keeps of someone who has since left", async () => {
    const leaver = await freshReader();
    const threadId = await newThread(room.member, `With ${at(leaver.person)}.`);
    await leaver.leave();
    await act(room.member, "patch", `/threads/${threadId}`, {
      body: `With ${at(leaver.person)}, still.`,
    }).expect(200);
    const refused = await act(room.member, "patch", `/threads/${threadId}`, {
      body: `With ${at(leaver.person)} and ${at(room.outsider)}.`,
    }).expect(400);
    expect(refused.body.error.details[0].field).toBe("body");
  });
});

describe("edited and deleted words", () => {
  it("an edit rewrites the excerpt of every notification about those words; a deleted reply's leave the list", async () => {
    const reader = await freshReader();
    const threadId = await newThread(room.member, `A first draft for ${at(reader.person)}.`);
    const commentId = await reply(room.other, threadId, "Words to regret.");
    const follower = await freshReader();
    await follower.person.agent.put(`/api/rooms/${room.roomId}/threads/${threadId}/follow`).expect(204);
    await reply(room.instructor, threadId, "Words that stay.");
    const excerpts = async (person: Person) =>
      (await list(person, "?limit=100")).notifications
        .filter((notification) => notification.threadId === threadId)
        .map((notification) => `${notification.kind}: ${notification.excerpt}`);
    expect(await excerpts(reader.person)).toEqual(["mention: A first draft for @Fresh member."]);
    expect(await excerpts(room.member)).toEqual(["reply: Words that stay.", "reply: Words to regret."]);

    await act(room.member, "patch", `/threads/${threadId}`, { body: "The final version." }).expect(200);
    await act(room.other, "patch", `/comments/${commentId}`, { body: "Words I stand by." }).expect(200);
    expect(await excerpts(reader.person)).toEqual(["mention: The final version."]);
    expect(await excerpts(room.member)).toEqual(["reply: Words that stay.", "reply: Words I stand by."]);
    const stored = await prisma.notification.findMany({ where: { threadId }, select: { excerpt: true } });
    expect(stored.map((row) => row.excerpt).filter((excerpt) => /draft|regret/.test(excerpt))).toEqual([]);

    await act(room.other, "delete", `/comments/${commentId}`).expect(200);
    expect(await excerpts(room.member)).toEqual(["reply: Words that stay."]);
    expect(await excerpts(follower.person)).toEqual(["activity: Words that stay."]);
  });
});

describe("announcements", () => {
  it("only owners and instructors may announce; an announcement notifies every member who can see it", async () => {
    const refused = await startThread(room.member, "Hear me!", { announcement: true }).expect(403);
    expect(refused.body.error.message).toContain("announcing a thread to the room");

    const threadId = await newThread(room.instructor, `Read chapter two, ${at(room.member)}.`, {
      announcement: true,
    });
    expect(await whoGot(threadId)).toEqual({
      "Olive Owner": ["announcement"],
      "Mel Member": ["mention"],
      "Max Member": ["announcement"],
      "Obi Observer": ["announcement"],
    });
    const listed = await room.member.agent.get(`/api/rooms/${room.roomId}/threads`).expect(200);
    const thread = (listed.body.threads as { id: string; announcement: boolean }[]).find(
      (t) => t.id === threadId,
    );
    expect(thread?.announcement).toBe(true);
    const record = new RoomDoc((await ctx.rooms.open(room.roomId, "group")).committed).thread(threadId);
    expect(record?.announcement).toBe(true);
    const ordinary = await newThread(room.member);
    const rows = await prisma.thread.findMany({ where: { id: { in: [threadId, ordinary] } } });
    expect(Object.fromEntries(rows.map((row) => [row.id, row.announcement]))).toEqual({
      [threadId]: true,
      [ordinary]: false,
    });
  });

  it("an instructors' announcement reaches only instructors and owners", async () => {
    const threadId = await newThread(room.instructor, "Staff meeting.", {
      visibility: "instructors",
      announcement: true,
    });
    expect(await whoGot(threadId)).toEqual({ "Olive Owner": ["announcement"] });
  });
});

describe("following and muting", () => {
  it("a follower is told of each reply (activity) until they stop; the reader can ask which threads they follow", async () => {
    const threadId = await newThread(room.member);
    const follow = `/api/rooms/${room.roomId}/threads/${threadId}/follow`;
    await room.observer.agent.put(follow).expect(204);
    await room.observer.agent.put(follow).expect(204);
    await room.other.agent.put(follow).expect(204);
    const follows = await room.observer.agent.get(`/api/rooms/${room.roomId}/follows`).expect(200);
    expect(follows.body).toEqual({ threadIds: [threadId] });

    await reply(room.other, threadId, "A follower replying.");
    expect(await whoGot(threadId)).toEqual({ "Mel Member": ["reply"], "Obi Observer": ["activity"] });
    await room.observer.agent.delete(follow).expect(204);
    await reply(room.instructor, threadId, "Another reply.");
    expect(await whoGot(threadId)).toEqual({
      "Mel Member": ["reply", "reply"],
      "Obi Observer": ["activity"],
      "Max Member": ["activity"],
    });
    expect(
      (await room.observer.agent.get(`/api/rooms/${room.roomId}/follows`).expect(200)).body.threadIds,
    ).toEqual([]);
  });

  it("only those who can see a thread may follow it, and only members may mute a room", async () => {
    const threadId = await newThread(room.instructor, "Staff only.", { visibility: "instructors" });
    await room.member.agent.put(`/api/rooms/${room.roomId}/threads/${threadId}/follow`).expect(404);
    await room.outsider.agent.put(`/api/rooms/${room.roomId}/threads/${threadId}/follow`).expect(404);
    await room.outsider.agent.put(`/api/rooms/${room.roomId}/mute`).expect(404);
    await room.outsider.agent.get(`/api/rooms/${room.roomId}/follows`).expect(404);
  });

  it("a deleted thread, or one a moderator hid, cannot be followed (404 as an unknown one) unless one moderates", async () => {
    const deleted = await newThread(room.member, "Soon gone.");
    const hidden = await newThread(room.member, "Soon hidden.");
    const follow = (person: Person, threadId: string) =>
      person.agent.put(`/api/rooms/${room.roomId}/threads/${threadId}/follow`);
    await follow(room.observer, hidden).expect(204);
    await room.member.agent
      .delete(`/api/rooms/${room.roomId}/threads/${deleted}`)
      .set("Idempotency-Key", crypto.randomUUID())
      .expect(200);
    await act(room.owner, "post", `/threads/${hidden}/hide`, { reason: "Off topic" }).expect(200);

    const unknown = (await follow(room.observer, crypto.randomUUID()).expect(404)).body;
    expect((await follow(room.observer, deleted).expect(404)).body).toEqual(unknown);
    expect((await follow(room.observer, hidden).expect(404)).body).toEqual(unknown);
    await follow(room.instructor, deleted).expect(404);
    await follow(room.instructor, hidden).expect(204);
    const follows = async (person: Person) =>
      (await person.agent.get(`/api/rooms/${room.roomId}/follows`).expect(200)).body.threadIds as string[];
    expect(await follows(room.observer)).not.toContain(hidden);
    expect(await follows(room.instructor)).toContain(hidden);
  });

  it("a muted room notifies me of nothing until I unmute it; settings list it", async () => {
    await room.other.agent.put(`/api/rooms/${room.roomId}/mute`).expect(204);
    const settings = await room.other.agent.get("/api/notifications/settings").expect(200);
    expect(settings.body).toEqual({ email: "never", mutedRoomIds: [room.roomId] });
    const threadId = await newThread(room.other);
    await reply(room.member, threadId, `${at(room.other)}?`);
    expect(await kindsFor(room.other, threadId)).toEqual([]);
    await room.other.agent.delete(`/api/rooms/${room.roomId}/mute`).expect(204);
    await reply(room.member, threadId, "Now?");
    expect(await kindsFor(room.other, threadId)).toEqual(["reply"]);
    expect((await room.other.agent.get("/api/notifications/settings").expect(200)).body.mutedRoomIds).toEqual(
      [],
    );
  });
});

describe("settings", () => {
  it("the e-mail mode decides whether an e-mail is due for each new notification", async () => {
    const { person } = await freshReader();
    expect((await person.agent.get("/api/notifications/settings").expect(200)).body.email).toBe("never");
    const quiet = await newThread(person);
    await reply(room.member, quiet);
    const patched = await person.agent
      .patch("/api/notifications/settings")
      .send({ email: "immediate" })
      .expect(200);
    expect(patched.body).toEqual({ email: "immediate", mutedRoomIds: [] });
    const loud = await newThread(person);
    await reply(room.member, loud);
    const rows = await prisma.notification.findMany({
      where: { userId: person.id, threadId: { in: [quiet, loud] } },
    });
    const due = Object.fromEntries(rows.map((row) => [row.threadId, row.emailDueAt !== null]));
    expect(due).toEqual({ [quiet]: false, [loud]: true });
    await person.agent.patch("/api/notifications/settings").send({ email: "weekly" }).expect(400);
    await person.agent.patch("/api/notifications/settings").send({ email: "never" }).expect(200);
  });
});

describe("the list and marking read", () => {
  it("lists newest first with the unread count; ?unread, ?before and ?limit narrow it", async () => {
    const person = await freshReader();
    const threadId = await newThread(person.person);
    for (const words of ["one", "two", "three"]) await reply(room.member, threadId, words);
    const all = await list(person.person);
    expect(all.unread).toBe(3);
    expect(all.notifications.map((n) => n.excerpt)).toEqual(["three", "two", "one"]);
    const limited = await list(person.person, "?limit=2");
    expect(limited.notifications.map((n) => n.excerpt)).toEqual(["three", "two"]);
    const older = await list(
      person.person,
      `?before=${encodeURIComponent(limited.notifications[1]!.createdAt)}`,
    );
    expect(older.notifications.map((n) => n.excerpt)).toEqual(["one"]);
    await person.person.agent.get("/api/notifications?limit=0").expect(400);
    await person.person.agent.get("/api/notifications?before=yesterday").expect(400);
    const cursorless = await person.person.agent
      .get(`/api/notifications?beforeId=${crypto.randomUUID()}`)
      .expect(400);
    expect(cursorless.body.error.details[0].field).toBe("before");
  });

  it("marks chosen ids read (never someone else's), then all; other tabs are told", async () => {
    const reader = await freshReader();
    const threadId = await newThread(reader.person);
    for (const words of ["one", "two", "three"]) await reply(room.member, threadId, words);
    const [three, two] = (await list(reader.person)).notifications;
    const othersRow = (await list(room.member)).notifications.find((n) => n.readAt === null);

    const marked = await reader.person.agent
      .post("/api/notifications/read")
      .send({ ids: [three!.id, ...(othersRow ? [othersRow.id] : [])] })
      .expect(200);
    expect(marked.body).toEqual({ unread: 2 });
    expect(readEvents.at(-1)).toEqual({ userId: reader.person.id, read: { ids: [three!.id], unread: 2 } });
    if (othersRow) {
      const still = (await list(room.member, "?limit=100")).notifications.find((n) => n.id === othersRow.id);
      expect(still?.readAt).toBeNull();
    }
    const unreadOnly = await list(reader.person, "?unread=true");
    expect(unreadOnly.notifications.map((n) => n.excerpt)).toEqual(["two", "one"]);
    expect(unreadOnly.notifications[0]!.id).toBe(two!.id);

    const all = await reader.person.agent.post("/api/notifications/read").send({}).expect(200);
    expect(all.body).toEqual({ unread: 0 });
    expect(readEvents.at(-1)).toEqual({ userId: reader.person.id, read: { ids: "all", unread: 0 } });
    expect((await list(reader.person)).notifications.every((n) => n.readAt !== null)).toBe(true);
    await reader.person.agent
      .post("/api/notifications/read")
      .send({ ids: ["not-a-uuid"] })
      .expect(400);
  });

  it("hides and stops counting what I can no longer see: hidden or deleted threads, a lost role, a left group", async () => {
    const reader = await freshReader("instructor");
    const hidden = await newThread(reader.person);
    const deleted = await newThread(reader.person);
    const staff = await newThread(reader.person, "Staff.", { visibility: "instructors" });
    for (const threadId of [hidden, deleted, staff]) await reply(room.owner, threadId);
    expect((await list(reader.person)).unread).toBe(3);

    await act(room.owner, "post", `/threads/${hidden}/hide`, { reason: "Test" }).expect(200);
    await reader.person.agent
      .delete(`/api/rooms/${room.roomId}/threads/${deleted}`)
      .set("Idempotency-Key", crypto.randomUUID())
      .expect(200);
    expect((await list(reader.person)).notifications.map((n) => n.threadId)).toEqual([staff]);
    expect((await list(reader.person)).unread).toBe(1);

    await room.owner.agent
      .patch(`/api/groups/${room.groupId}/members/${reader.person.id}`)
      .send({ role: "member" })
      .expect(200);
    expect(await list(reader.person)).toEqual({ notifications: [], unread: 0 });

    await room.owner.agent
      .patch(`/api/groups/${room.groupId}/members/${reader.person.id}`)
      .send({ role: "instructor" })
      .expect(200);
    expect((await list(reader.person)).unread).toBe(1);
    await reader.leave();
    expect(await list(reader.person)).toEqual({ notifications: [], unread: 0 });
  });
});

/** A new member of the group (so their list starts empty), with a way to leave. */
async function freshReader(role = "member") {
  const person = await joinGroup(app, room.owner, room.groupId, role, `Fresh ${role}`);
  return {
    person,
    leave: () => person.agent.post(`/api/groups/${room.groupId}/leave`).expect(204),
  };
}

describe("delivery and replays", () => {
  it("each stored notification is delivered on ctx.people, presented as the list presents it", async () => {
    const before = delivered.length;
    const threadId = await newThread(room.member);
    await reply(room.other, threadId, `Hi ${at(room.member)}`);
    const live = delivered.slice(before);
    expect(live.map((entry) => entry.userId)).toEqual([room.member.id]);
    const [listed] = (await list(room.member)).notifications.filter((n) => n.threadId === threadId);
    expect(live[0]!.notification).toEqual(listed);
  });

  it("a replayed mutation stores and delivers nothing new", async () => {
    const threadId = await newThread(room.member);
    const key = crypto.randomUUID();
    const send = () =>
      room.other.agent
        .post(`/api/rooms/${room.roomId}/threads/${threadId}/comments`)
        .set("Idempotency-Key", key)
        .send({ body: "Once.", parentId: null });
    await send().expect(201);
    const before = delivered.length;
    const again = await send().expect(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(delivered.length).toBe(before);
    expect(await kindsFor(room.member, threadId)).toEqual(["reply"]);

    const announcementKey = crypto.randomUUID();
    await startThread(room.owner, "Once to all.", { announcement: true }, announcementKey).expect(201);
    await startThread(room.owner, "Once to all.", { announcement: true }, announcementKey).expect(201);
    expect(await kindsFor(room.member, announcementKey)).toEqual(["announcement"]);
  });

  it("imported annotations notify nobody, even when their words mention members: a token in them stays text", async () => {
    const count = await prisma.notification.count({ where: { roomId: room.roomId } });
    const text = `Imported, for ${at(room.member)}`;
    const target = [{ selector: [{ type: "TextQuoteSelector", exact: "reading together" }] }];
    const file = {
      annotations: [hypothesisRow("h1", { target, text }), hypothesisRow("h2", { references: ["h1"], text })],
    };
    const res = await room.owner.agent
      .post(`/api/rooms/${room.roomId}/import`)
      .set("Content-Type", "application/json")
      .send(JSON.stringify(file))
      .expect(200);
    expect(res.body.created).toEqual({ threads: 1, replies: 1 });
    expect(await prisma.notification.count({ where: { roomId: room.roomId } })).toBe(count);
    const stored = await prisma.thread.findFirstOrThrow({
      where: { roomId: room.roomId, body: { startsWith: "Imported" } },
    });
    expect(stored.body).toBe(`Imported, for <\\@${room.member.id}>`);
    expect(mentionedUserIds(stored.body)).toEqual([]);
  });
});

describe("mentions in exports", () => {
  it("every export format writes a mention as @ and the person's current name, never the stored token", async () => {
    const threadId = await newThread(room.member, `Over to ${at(room.other)}.`);
    await reply(room.other, threadId, `Thanks, ${at(room.member)}!`);
    for (const format of ["md", "html", "csv", "jsonld"]) {
      const res = await room.member.agent
        .get(`/api/rooms/${room.roomId}/export?format=${format}&threadId=${threadId}`)
        .buffer(true)
        .parse((response, done) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => done(null, text));
        })
        .expect(200);
      const text = res.body as string;
      expect(text, format).toContain("@Max Member");
      expect(text, format).toContain("@Mel Member");
      expect(text, format).not.toContain("<@");
      expect(text, format).not.toContain("&lt;@");
    }
  });

  it("names only members of the room's group: someone who left is @someone in notifications and exports", async () => {
    const leaver = await freshReader();
    const threadId = await newThread(room.member, `For ${at(room.other)} and ${at(leaver.person)}.`);
    await leaver.leave();
    const [notification] = (await list(room.other, "?limit=100")).notifications.filter(
      (n) => n.threadId === threadId,
    );
    expect(notification!.excerpt).toBe("For @Max Member and @someone.");
    const exported = await room.member.agent
      .get(`/api/rooms/${room.roomId}/export?format=md&threadId=${threadId}`)
      .expect(200);
    expect(exported.text).toContain("For @Max Member and @someone.");
    expect(exported.text).not.toContain(leaver.person.displayName);
  });
});
