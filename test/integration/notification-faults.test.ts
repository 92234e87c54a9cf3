// Notifications and the mutation's transaction: stored with it, delivered only once it has committed, never for a
// mutation that failed, and never twice for one event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inSqlTransaction } from "../../server/data/db.ts";
import { recordBatchNotifications } from "../../server/services/notifications/record-notifications.ts";
import type { NotificationDto } from "../../shared/schemas/notifications.ts";
import { faultySql } from "../helpers/faulty-sql.ts";
import { buildRoom, startThread } from "../helpers/room-fixture.ts";
import { buildTestApp, testDatabase, testDbWithSql } from "../helpers/test-app.ts";

const faults = faultySql(testDatabase().sql);
const { app, ctx, prisma } = buildTestApp({ ctx: { db: testDbWithSql(faults.sql) } });
let room: Awaited<ReturnType<typeof buildRoom>>;
const delivered: { userId: string; notification: NotificationDto }[] = [];

beforeAll(async () => {
  room = await buildRoom(app);
  ctx.people.on("notification", (userId, notification) => delivered.push({ userId, notification }));
});
afterAll(async () => {
  await ctx.rooms.close();
});

const newThread = () =>
  startThread(room.member, room.roomId, "A thought.", { blockId: room.paragraphs[0]!.anchorId });

function sendReply(threadId: string) {
  return room.other.agent
    .post(`/api/rooms/${room.roomId}/threads/${threadId}/comments`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send({ body: "A reply.", parentId: null });
}

describe("notifications and the commit", () => {
  it("is delivered only after the transaction that stored it has committed", async () => {
    const threadId = await newThread();
    let release!: () => void;
    const held = faults.holdNext(/^COMMIT/, new Promise<void>((resolve) => (release = resolve)));
    const before = delivered.length;
    const pending = sendReply(threadId).then((res) => res); // then(): supertest sends only once awaited
    let answered = false;
    void pending.then(() => (answered = true));
    await held;
    // The row is written (inside the open transaction), but nobody has been told, nor answered.
    expect(delivered.length).toBe(before);
    expect(answered).toBe(false);
    release();
    expect((await pending).status).toBe(201);
    expect(delivered.slice(before).map((entry) => [entry.userId, entry.notification.kind])).toEqual([
      [room.member.id, "reply"],
    ]);
  });

  it("a mutation whose transaction fails stores and delivers no notification", async () => {
    const threadId = await newThread();
    const before = delivered.length;
    const lift = faults.failWhile((text) => text.includes('INSERT INTO "Mutation"'));
    try {
      const res = await sendReply(threadId);
      expect(res.status).toBe(500);
    } finally {
      lift();
    }
    expect(delivered.length).toBe(before);
    expect(await prisma.notification.count({ where: { threadId } })).toBe(0);
    expect(await prisma.comment.count({ where: { threadId } })).toBe(0);
    // The next reply goes through, and is the only one anybody hears of.
    await sendReply(threadId).expect(201);
    expect(delivered.length).toBe(before + 1);
    expect(await prisma.notification.count({ where: { threadId } })).toBe(1);
  });

  it("recording the same event again stores nothing new", async () => {
    const threadId = await newThread();
    const event = {
      key: crypto.randomUUID(),
      event: {
        type: "thread.resolved" as const,
        threadId,
        actorId: room.instructor.id,
        body: "A thought.",
        threadAuthorId: room.member.id,
      },
    };
    const record = () =>
      inSqlTransaction(ctx.db, (tx) => recordBatchNotifications(tx, room.roomId, [event], ctx.now()));
    const first = await record();
    expect(first.map((stored) => [stored.userId, stored.notification.kind])).toEqual([
      [room.member.id, "resolved"],
    ]);
    expect(await record()).toEqual([]);
    expect(await prisma.notification.count({ where: { threadId } })).toBe(1);
  });

  it("a mutation that names nobody to notify commits without the notification statement", async () => {
    // While the statement fails, a change that could notify someone fails with it, and one that could not succeeds.
    const lift = faults.failWhile((text) => text.trimStart().startsWith("WITH ev AS"));
    try {
      const threadId = await newThread(); // no mention, not an announcement: nobody to tell
      expect((await sendReply(threadId)).status).toBe(500); // the thread's author is told of a reply
    } finally {
      lift();
    }
  });
});
