// Regressions found by the breaker on issue 14's notifications (each fails on main as of 34a97df): a reply's e-mail
// still goes out after its thread was deleted or hidden by a moderator, though the inbox no longer lists it; and
// a mention token imported from a file names a person outside the group, whose name the room's exports then show;
// paging with `before` skips notifications that share their createdAt (those committed in one batch).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NotificationDto } from "../../shared/schemas/notifications.ts";
import { hypothesisRow } from "../helpers/annotation-room.ts";
import { testEmailSender } from "../helpers/email-sender.ts";
import { buildRoom, postReply, startThread } from "../helpers/room-fixture.ts";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app, ctx, prisma } = buildTestApp();
let room: Awaited<ReturnType<typeof buildRoom>>;
let smtp: TestSmtpServer;

beforeAll(async () => {
  room = await buildRoom(app);
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await ctx.rooms.close();
});

const act = (method: "post" | "delete", person: typeof room.owner, path: string, body: object = {}) =>
  person.agent[method](`/api/rooms/${room.roomId}${path}`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send(body);

describe("e-mails of replies whose thread is gone", () => {
  it("are not sent once the thread was deleted or hidden, as the inbox no longer lists them", async () => {
    await prisma.notificationPreference.create({ data: { userId: room.other.id, email: "immediate" } });
    const anchor = { blockId: room.paragraphs[0]!.anchorId };
    const deleted = await startThread(room.other, room.roomId, "Deleted later.", anchor);
    await postReply(room.member, room.roomId, deleted, "A reply under a thread its author deletes.");
    const hidden = await startThread(room.other, room.roomId, "Hidden later.", anchor);
    await postReply(room.member, room.roomId, hidden, "A reply under a thread a moderator hides.");
    await act("delete", room.other, `/threads/${deleted}`).expect(200);
    await act("post", room.owner, `/threads/${hidden}/hide`, { reason: "Off topic." }).expect(200);
    const inbox = (await room.other.agent.get("/api/notifications").expect(200)).body;
    expect(inbox.notifications).toEqual([]);

    const sender = testEmailSender(ctx, smtp.url, { now: () => new Date(Date.now() + 60_000) });
    await sender.tick();
    await sender.stop();
    expect(smtp.received.filter((mail) => mail.to.includes(room.other.email))).toEqual([]);
  });
});

describe("mention tokens in imported files", () => {
  it("never bring the name of someone outside the group into the room's exports", async () => {
    const target = [{ selector: [{ type: "TextQuoteSelector", exact: "reading together" }] }];
    const file = { annotations: [hypothesisRow("leak", { target, text: `Who is <@${room.outsider.id}>?` })] };
    await room.owner.agent
      .post(`/api/rooms/${room.roomId}/import`)
      .set("Content-Type", "application/json")
      .send(JSON.stringify(file))
      .expect(200);
    const exported = await room.member.agent.get(`/api/rooms/${room.roomId}/export?format=md`).expect(200);
    expect(exported.text).toContain("Who is");
    expect(exported.text).not.toContain(room.outsider.displayName);
  });
});

describe("paging through notifications with before and beforeId", () => {
  it("reaches every notification, also those committed in one batch (same createdAt)", async () => {
    const threadId = await startThread(room.instructor, room.roomId, "Mine.", {
      blockId: room.paragraphs[1]!.anchorId,
    });
    // Sent together, the replies are committed together (group commit): one createdAt for all of them.
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        act("post", room.member, `/threads/${threadId}/comments`, { body: `Reply ${i}.` }).expect(201),
      ),
    );
    const all = (await room.instructor.agent.get("/api/notifications?limit=100").expect(200)).body
      .notifications as NotificationDto[];
    expect(all).toHaveLength(6);
    const paged: string[] = [];
    // The cursor is the last one shown: its createdAt alone cannot tell apart those of one batch, so its id too.
    let before = "";
    for (let page = 0; page < 10; page++) {
      const query = before ? `?limit=1&${before}` : "?limit=1";
      const [next] = (await room.instructor.agent.get(`/api/notifications${query}`).expect(200)).body
        .notifications as NotificationDto[];
      if (!next) break;
      paged.push(next.id);
      before = new URLSearchParams({ before: next.createdAt, beforeId: next.id }).toString();
    }
    expect(paged.sort()).toEqual(all.map((notification) => notification.id).sort());
  });
});
