// Room analytics against a hand-built room whose every total is known: threads, replies, reactions and reading time
// written through the API and the reading-time writer, then read back per member, per paragraph, by day and hour,
// as a confusion report and as CSV, by instructors (everyone), members and observers (themselves) and outsiders.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { addReadingTime } from "../../server/data/reading-time.ts";
import { noActivity, type MemberAnalytics, type RoomAnalytics } from "../../shared/schemas/analytics.ts";
import { buildRoom, joinGroup, postReply, startThread, type Person } from "../helpers/room-fixture.ts";
import { faultySql } from "../helpers/faulty-sql.ts";
import { buildTestApp, testDatabase, testDbWithSql } from "../helpers/test-app.ts";

const faults = faultySql(testDatabase().sql);
const { app, ctx, sql } = buildTestApp({ ctx: { db: testDbWithSql(faults.sql) } });
let room: Awaited<ReturnType<typeof buildRoom>>;
let formula: Person;
const key = () => crypto.randomUUID();
/** The three paragraphs' block ids. */
let p1 = "";
let p2 = "";
let p3 = "";

/** Sets when a thread, reply or reaction was written (the API stamps the present). */
async function writtenAt(table: "Thread" | "Comment", id: string, at: string) {
  await sql.query(`UPDATE "${table}" SET "createdAt" = $2::timestamptz AT TIME ZONE 'UTC' WHERE id = $1`, [
    id,
    at,
  ]);
}

async function react(person: Person, targetId: string, emoji: string, at: string) {
  await person.agent
    .put(`/api/rooms/${room.roomId}/reactions/${targetId}`)
    .set("Idempotency-Key", key())
    .send({ emoji })
    .expect(200);
  await sql.query(
    `UPDATE "Reaction" SET "createdAt" = $4::timestamptz AT TIME ZONE 'UTC'
      WHERE "targetId" = $1 AND "userId" = $2 AND emoji = $3`,
    [targetId, person.id, emoji, at],
  );
}

async function analytics(person: Person, query: Record<string, string> = {}): Promise<RoomAnalytics> {
  const res = await person.agent.get(`/api/rooms/${room.roomId}/analytics`).query(query).expect(200);
  return res.body.analytics as RoomAnalytics;
}

beforeAll(async () => {
  room = await buildRoom(app);
  formula = await joinGroup(app, room.owner, room.groupId, "member", "=SUM(A1)");
  [p1, p2, p3] = room.paragraphs.map((block) => block.anchorId) as [string, string, string];
  const { member, other, owner, instructor } = room;
  const thread = async (person: Person, body: string, blockId: string, at: string, extra: object = {}) => {
    const id = await startThread(person, room.roomId, body, { blockId }, extra);
    await writtenAt("Thread", id, at);
    return id;
  };
  const reply = async (person: Person, threadId: string, body: string, at: string) => {
    const id = await postReply(person, room.roomId, threadId, body);
    await writtenAt("Comment", id, at);
    return id;
  };
  // 2026-11-02 is a Monday.
  const t1 = await thread(member, "Why does the first paragraph say this?", p1, "2026-11-02T09:15:00Z");
  const t2 = await thread(member, "I disagree here.", p2, "2026-11-03T14:30:00Z", { tags: ["Question"] });
  const t3 = await thread(other, "A plain remark about the river.", p2, "2026-11-03T14:45:00Z");
  const t4 = await thread(instructor, "Watch for who asks about this?", p3, "2026-11-04T20:00:00Z", {
    visibility: "instructors",
  });
  const t5 = await thread(other, "Deleted later?", p1, "2026-11-05T07:00:00Z");
  const t6 = await thread(other, "This one gets hidden.", p3, "2026-11-05T08:00:00Z");
  const r1 = await reply(other, t1, "Because it reads *slowly?*", "2026-11-02T10:00:00Z");
  await reply(owner, t1, "Good question.", "2026-11-02T10:30:00Z");
  await reply(member, t3, "Yes, and more.", "2026-11-06T23:59:00Z");
  const r4 = await reply(member, t2, "Removed, why?", "2026-11-06T12:00:00Z");
  await reply(owner, t4, "Agreed.", "2026-11-04T21:00:00Z");

  await react(other, t1, "👍", "2026-11-02T11:00:00Z");
  await react(owner, t1, "😕", "2026-11-02T11:00:00Z");
  await react(member, t1, "❓", "2026-11-02T11:00:00Z");
  await react(member, r1, "👍", "2026-11-02T11:00:00Z");
  await react(member, t5, "👍", "2026-11-05T09:00:00Z");
  await react(instructor, t4, "😕", "2026-11-04T22:00:00Z");

  await other.agent
    .delete(`/api/rooms/${room.roomId}/threads/${t5}`)
    .set("Idempotency-Key", key())
    .expect(200);
  await member.agent
    .delete(`/api/rooms/${room.roomId}/comments/${r4}`)
    .set("Idempotency-Key", key())
    .expect(200);
  await instructor.agent
    .post(`/api/rooms/${room.roomId}/threads/${t6}/hide`)
    .set("Idempotency-Key", key())
    .send({ reason: "off topic" })
    .expect(200);

  const reading = (person: Person, blockId: string, day: string, seconds: number, activeSeconds: number) => ({
    roomId: room.roomId,
    userId: person.id,
    blockId,
    day,
    seconds,
    activeSeconds,
  });
  await addReadingTime(ctx.db, [
    reading(member, p1, "2026-11-02", 300, 200),
    reading(member, p2, "2026-11-03", 120, 60),
    reading(member, p1, "2026-11-03", 60, 60),
    reading(other, p2, "2026-11-03", 200, 100),
    reading(other, p3, "2026-11-05", 100, 0),
    reading(room.observer, p1, "2026-11-02", 50, 50),
  ]);
  // A second batch adds to the same row, as presence does every few seconds.
  await addReadingTime(ctx.db, [reading(member, p1, "2026-11-02", 0, 0)]);
});

const byId = (list: MemberAnalytics[]) => new Map(list.map((member) => [member.userId, member]));

describe("instructors and owners see everyone", () => {
  it("counts every member's writing, reactions, questions, reading and last activity", async () => {
    for (const viewer of [room.owner, room.instructor]) {
      const result = await analytics(viewer);
      expect(result.scope).toBe("everyone");
      expect(result.recordsReadingTime).toBe(true);
      const members = byId(result.members);
      expect(members.size).toBe(6);
      expect(members.get(room.member.id)).toEqual({
        userId: room.member.id,
        displayName: "Mel Member",
        role: "member",
        threads: 2,
        replies: 1, // the deleted reply does not count
        words: 13,
        reactionsGiven: 2, // the reaction on the deleted thread does not count
        reactionsReceived: 2, // their own ❓ on their own thread does not count
        questions: 2, // one by its question mark, one by its tag
        hidden: 0,
        readingSeconds: 480,
        activeSeconds: 320,
        paragraphsRead: 2,
        lastSeen: "2026-11-06T23:59:00.000Z",
        lateWork: null,
      });
      expect(members.get(room.other.id)).toEqual({
        userId: room.other.id,
        displayName: "Max Member",
        role: "member",
        threads: 2, // the hidden one counts, the deleted one does not
        replies: 1,
        words: 14,
        reactionsGiven: 1,
        reactionsReceived: 1,
        questions: 1, // "*slowly?*" ends in a question mark
        hidden: 1,
        readingSeconds: 300,
        activeSeconds: 100,
        paragraphsRead: 2,
        // Reading on 11-05 is known to have ended by the end of that day.
        lastSeen: "2026-11-06T00:00:00.000Z",
        lateWork: null,
      });
      expect(members.get(room.owner.id)).toMatchObject({
        role: "owner",
        replies: 2, // one in the instructors' thread
        words: 3,
        reactionsGiven: 1,
        lastSeen: "2026-11-04T21:00:00.000Z",
      });
      expect(members.get(room.instructor.id)).toMatchObject({
        role: "instructor",
        threads: 1,
        words: 6,
        questions: 1,
        reactionsGiven: 1,
        reactionsReceived: 0,
        lastSeen: "2026-11-04T22:00:00.000Z",
      });
      expect(members.get(room.observer.id)).toEqual({
        ...noActivity,
        userId: room.observer.id,
        displayName: "Obi Observer",
        role: "observer",
        readingSeconds: 50,
        activeSeconds: 50,
        paragraphsRead: 1,
        lastSeen: "2026-11-03T00:00:00.000Z",
      });
      expect(members.get(formula.id)).toEqual({
        ...noActivity,
        userId: formula.id,
        displayName: "=SUM(A1)",
        role: "member",
      });
      expect(members.has(room.outsider.id)).toBe(false);
    }
  });

  it("counts each paragraph's discussion and reading, every block of the text in order", async () => {
    const result = await analytics(room.instructor);
    expect(result.paragraphs.map((p) => p.blockId)).toEqual(room.blocks.map((block) => block.anchorId));
    expect(result.paragraphs.map((p) => p.ordinal)).toEqual(room.blocks.map((_, i) => i));
    const of = (blockId: string) => result.paragraphs.find((p) => p.blockId === blockId);
    expect(of(p1)).toMatchObject({ threads: 1, replies: 2, questions: 2, readers: 2, readingSeconds: 410 });
    expect(of(p1)?.activeSeconds).toBe(310);
    expect(of(p2)).toMatchObject({ threads: 2, replies: 1, questions: 1, readers: 2, readingSeconds: 320 });
    expect(of(p2)?.activeSeconds).toBe(160);
    expect(of(p3)).toMatchObject({ threads: 2, replies: 1, questions: 1, readers: 1, readingSeconds: 100 });
    expect(of(p3)?.activeSeconds).toBe(0);
    expect(of(room.blocks[0]!.anchorId)).toMatchObject({ threads: 0, readers: 0, readingSeconds: 0 });
  });

  it("counts threads and replies by day of the week and hour, in UTC by default", async () => {
    const { timeline } = await analytics(room.owner);
    expect(timeline.timeZone).toBe("UTC");
    const cells = timeline.counts.flatMap((hours, day) =>
      hours.flatMap((count, hour) => (count ? [`${day}@${hour}=${count}`] : [])),
    );
    // Monday 9 and 10, Tuesday 14, Wednesday 20 and 21 (the instructors' thread), Thursday 8, Friday 23.
    expect(cells).toEqual(["0@9=1", "0@10=2", "1@14=2", "2@20=1", "2@21=1", "3@8=1", "4@23=1"]);
  });

  it("counts them on the group's clocks once the group has a time zone", async () => {
    await room.owner.agent.patch(`/api/groups/${room.groupId}`).send({ timeZone: "Asia/Tokyo" }).expect(200);
    try {
      const { timeline } = await analytics(room.owner);
      expect(timeline.timeZone).toBe("Asia/Tokyo");
      const cells = timeline.counts.flatMap((hours, day) =>
        hours.flatMap((count, hour) => (count ? [`${day}@${hour}=${count}`] : [])),
      );
      // Nine hours ahead of UTC: Friday 23:59 is Saturday 8 in Tokyo, Wednesday 20 and 21 are Thursday 5 and 6.
      expect(cells).toEqual(["0@18=1", "0@19=2", "1@23=2", "3@5=1", "3@6=1", "3@17=1", "5@8=1"]);
    } finally {
      await room.owner.agent.patch(`/api/groups/${room.groupId}`).send({ timeZone: "UTC" }).expect(200);
    }
  });

  it("ranks paragraphs by questions: question marks, the question tag and confused reactions", async () => {
    const { confusion } = await analytics(room.owner);
    expect(confusion).toEqual([
      {
        blockId: p1,
        ordinal: room.blocks.findIndex((block) => block.anchorId === p1),
        excerpt: room.paragraphs[0]!.text,
        questionThreads: 1,
        questionReplies: 1,
        confusedReactions: 2, // 😕 and ❓
        total: 4,
      },
      expect.objectContaining({ blockId: p3, questionThreads: 1, confusedReactions: 1, total: 2 }),
      expect.objectContaining({ blockId: p2, questionThreads: 1, questionReplies: 0, total: 1 }),
    ]);
  });

  it("narrows every figure to a period; reading time by the days it touches", async () => {
    const result = await analytics(room.owner, { from: "2026-11-03", to: "2026-11-04" });
    expect(result.from).toBe("2026-11-03T00:00:00.000Z");
    expect(result.to).toBe("2026-11-04T23:59:59.999Z");
    expect(byId(result.members).get(room.member.id)).toMatchObject({
      threads: 1,
      replies: 0,
      words: 3,
      reactionsGiven: 0,
      reactionsReceived: 0,
      questions: 1,
      readingSeconds: 180,
      activeSeconds: 120,
      paragraphsRead: 2,
      lastSeen: "2026-11-04T00:00:00.000Z",
    });
    const instants = await analytics(room.owner, {
      from: "2026-11-02T10:15:00Z",
      to: "2026-11-02T11:00:00+00:00",
    });
    expect(byId(instants.members).get(room.owner.id)).toMatchObject({ replies: 1, reactionsGiven: 1 });
    expect(byId(instants.members).get(room.other.id)).toMatchObject({ replies: 0, reactionsGiven: 1 });
  });
});

describe("reading time as recorded", () => {
  it("stamps its rows in UTC whatever the session's zone (the test database's is Pacific/Auckland)", async () => {
    const { rows } = await sql.query<{ at: Date }>(
      `SELECT max("updatedAt") AT TIME ZONE 'UTC' AS at FROM "ReadingTime" WHERE "roomId" = $1`,
      [room.roomId],
    );
    // Written during this file's setup, minutes ago at most: a local-time stamp would be hours off.
    expect(Math.abs(rows[0]!.at.getTime() - Date.now())).toBeLessThan(30 * 60_000);
  });
});

describe("members and observers see their own numbers only", () => {
  it("gives a member their own row, paragraphs, hours and questions, and nobody else's", async () => {
    const result = await analytics(room.member);
    expect(result.scope).toBe("self");
    expect(result.members.map((m) => m.userId)).toEqual([room.member.id]);
    expect(result.members[0]).toMatchObject({ threads: 2, replies: 1, words: 13, reactionsReceived: 2 });
    const of = (blockId: string) => result.paragraphs.find((p) => p.blockId === blockId);
    expect(of(p1)).toMatchObject({ threads: 1, replies: 0, questions: 1, readers: 1, readingSeconds: 360 });
    expect(of(p2)).toMatchObject({ threads: 1, replies: 1, questions: 1, readers: 1, readingSeconds: 120 });
    expect(of(p3)).toMatchObject({ threads: 0, replies: 0, questions: 0, readers: 0, readingSeconds: 0 });
    expect(result.timeline.counts.flat().reduce((a, b) => a + b, 0)).toBe(3);
    expect(result.confusion).toEqual([
      expect.objectContaining({ blockId: p1, questionThreads: 1, confusedReactions: 1, total: 2 }),
      expect.objectContaining({ blockId: p2, total: 1 }),
    ]);
  });

  it("gives an observer their reading", async () => {
    const result = await analytics(room.observer);
    expect(result.members).toEqual([
      expect.objectContaining({ userId: room.observer.id, readingSeconds: 50, paragraphsRead: 1 }),
    ]);
    expect(result.confusion).toEqual([]);
  });

  it("cannot widen the view: a forged query for everyone is refused as unknown", async () => {
    const res = await room.member.agent
      .get(`/api/rooms/${room.roomId}/analytics`)
      .query({ userId: room.other.id })
      .expect(400);
    expect(res.body.error.code).toBe("validation_failed");
  });
});

describe("CSV downloads", () => {
  const download = (person: Person, table: string) =>
    person.agent.get(`/api/rooms/${room.roomId}/analytics`).query({ format: "csv", table }).expect(200);

  it("downloads the member table with a file name and formula cells defused", async () => {
    const res = await download(room.owner, "members");
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename="?a-short-text-members-\d{4}-\d{2}-\d{2}\.csv"?$/,
    );
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(6);
    expect(rows.find((row) => row.user_id === room.member.id)).toEqual({
      user_id: room.member.id,
      name: "Mel Member",
      role: "member",
      threads: "2",
      replies: "1",
      words: "13",
      reactions_given: "2",
      reactions_received: "2",
      questions: "2",
      hidden: "0",
      reading_seconds: "480",
      active_seconds: "320",
      paragraphs_read: "2",
      last_seen: "2026-11-06T23:59:00.000Z",
      late_work: "",
    });
    expect(rows.find((row) => row.user_id === formula.id)?.name).toBe("'=SUM(A1)");
  });

  it("downloads paragraphs, the day × hour table and the confusion report", async () => {
    const paragraphs = parse((await download(room.owner, "paragraphs")).text, { columns: true });
    expect(paragraphs).toHaveLength(room.blocks.length);
    const ordinal = room.blocks.findIndex((block) => block.anchorId === p1);
    expect(paragraphs[ordinal]).toEqual({
      ordinal: String(ordinal),
      block_id: p1,
      threads: "1",
      replies: "2",
      questions: "2",
      readers: "2",
      reading_seconds: "410",
      active_seconds: "310",
    });
    const timeline = parse((await download(room.owner, "timeline")).text) as string[][];
    expect(timeline[0]).toEqual([
      "day (UTC)",
      ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`),
    ]);
    expect(timeline.map((row) => row[0])).toEqual([
      "day (UTC)",
      "Monday",
      "Tuesday",
      "Wednesday",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday",
    ]);
    expect(timeline[1]![11]).toBe("2"); // Monday, 10:00
    const confusion = parse((await download(room.owner, "confusion")).text, { columns: true }) as Record<
      string,
      string
    >[];
    expect(confusion.map((row) => [row.rank, row.block_id, row.total])).toEqual([
      ["1", p1, "4"],
      ["2", p3, "2"],
      ["3", p2, "1"],
    ]);
  });

  it("gives a member their own row only", async () => {
    const rows = parse((await download(room.member, "members")).text, { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((row) => row.user_id)).toEqual([room.member.id]);
  });
});

describe("who may ask, and what", () => {
  it("answers outsiders 404, as for a room that does not exist, in JSON and CSV", async () => {
    for (const query of [{}, { format: "csv", table: "members" }]) {
      const res = await room.outsider.agent
        .get(`/api/rooms/${room.roomId}/analytics`)
        .query(query)
        .expect(404);
      expect(res.body.error.code).toBe("not_found");
    }
    await room.owner.agent.get(`/api/rooms/${crypto.randomUUID()}/analytics`).expect(404);
  });

  it("lets one person run two at once; a third is refused with a reason until one ends", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = [1, 2].map(() => faults.holdNext(/FROM "ReadingTime"/u, released));
    const ask = (person: Person) => person.agent.get(`/api/rooms/${room.roomId}/analytics`);
    const running = [1, 2].map(() => ask(room.owner).then((res) => res));
    await Promise.all(held);
    const refused = await ask(room.owner).expect(429).expect("Retry-After", "2");
    expect(refused.body.error.message).toBe(
      "You already have 2 analytics requests running; wait for one to finish, then try again.",
    );
    await ask(room.member).expect(200); // someone else is not held back
    release();
    for (const res of await Promise.all(running)) expect(res.status).toBe(200);
    await ask(room.owner).expect(200);
  });

  it("asks to be signed in", async () => {
    const { default: supertest } = await import("supertest");
    await supertest(app).get(`/api/rooms/${room.roomId}/analytics`).expect(401);
  });

  it("refuses a CSV without its table and a period that ends before it starts, naming the field", async () => {
    const noTable = await room.owner.agent
      .get(`/api/rooms/${room.roomId}/analytics`)
      .query({ format: "csv" })
      .expect(400);
    expect(noTable.body.error.details).toEqual([expect.objectContaining({ field: "table" })]);
    const backwards = await room.owner.agent
      .get(`/api/rooms/${room.roomId}/analytics`)
      .query({ from: "2026-11-05", to: "2026-11-04" })
      .expect(400);
    expect(backwards.body.error.details).toEqual([{ field: "to", message: "is before from" }]);
  });
});

describe("late work, once the room has an assignment", () => {
  it("counts each member's threads and replies written after their due date or extension", async () => {
    await sql.query(
      `INSERT INTO "Assignment" ("roomId", "dueAt", "updatedAt")
       VALUES ($1, '2026-11-03T14:35:00Z'::timestamptz AT TIME ZONE 'UTC', now())`,
      [room.roomId],
    );
    await sql.query(
      `INSERT INTO "AssignmentExtension" ("roomId", "userId", "dueAt")
       VALUES ($1, $2, '2026-11-10T00:00:00Z'::timestamptz AT TIME ZONE 'UTC')`,
      [room.roomId, room.other.id],
    );
    try {
      const members = byId((await analytics(room.owner)).members);
      // Mel: two threads on time, the reply of 11-06 late (the deleted one does not count).
      expect(members.get(room.member.id)?.lateWork).toBe(1);
      // Max wrote after the room's due date, but within his extension.
      expect(members.get(room.other.id)?.lateWork).toBe(0);
      // The owner's reply of 11-04 and the instructor's thread of 11-04 came after the due date: they teach, and
      // nothing is due from those who set the work.
      expect(members.get(room.owner.id)?.lateWork).toBe(0);
      expect(members.get(room.instructor.id)?.lateWork).toBe(0);
      expect((await analytics(room.member)).members).toEqual([
        expect.objectContaining({ userId: room.member.id, lateWork: 1 }),
      ]);
    } finally {
      await sql.query(`DELETE FROM "Assignment" WHERE "roomId" = $1`, [room.roomId]);
    }
  });
});
