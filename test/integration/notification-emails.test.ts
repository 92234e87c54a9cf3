// Notification e-mails against a real SMTP server started in the test: immediate messages and daily digests (parts,
// deep links, unsubscribe headers), the one-click unsubscribe link, "never", retries after refusals, and two
// senders on one database. The senders run on a clock set in 2001, so rows of other test files are never due.
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import supertest from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RedisJobLease } from "../../server/realtime/fanout/job-lease.ts";
import { connectRedis } from "../../server/realtime/fanout/redis-clients.ts";
import type { EmailSender, EmailSenderOptions } from "../../server/services/email/email-sender.ts";
import { testEmailSender } from "../helpers/email-sender.ts";
import { buildRoom, postReply, startThread } from "../helpers/room-fixture.ts";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../helpers/smtp-server.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app, prisma, ctx } = buildTestApp();
let room: Awaited<ReturnType<typeof buildRoom>>;
let threadId: string;
let title: string;
let smtp: TestSmtpServer;
let now: Date;
const senders: EmailSender[] = [];

beforeAll(async () => {
  room = await buildRoom(app);
  threadId = await startThread(room.member, room.roomId, "Is this the right reading?", {
    blockId: room.paragraphs[0]!.anchorId,
  });
  title = (await prisma.document.findUniqueOrThrow({ where: { id: room.documentId } })).title;
  smtp = await startSmtpServer();
});

afterEach(async () => {
  await Promise.all(senders.splice(0).map((sender) => sender.stop()));
  const people = [room.owner, room.member, room.other, room.observer, room.instructor, room.outsider];
  await prisma.notification.deleteMany({ where: { userId: { in: people.map((person) => person.id) } } });
  await prisma.notificationPreference.deleteMany({
    where: { userId: { in: people.map((person) => person.id) } },
  });
  smtp.received.splice(0);
});

afterAll(async () => {
  await smtp.close();
});

/** A logger at `level` writing its JSON lines into `lines`. */
function capturingLogger(lines: string[], level: string): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return pino({ level }, sink);
}

function buildSender(
  options: { logger?: Logger; batchSize?: number; tickMs?: number; lease?: EmailSenderOptions["lease"] } = {},
): EmailSender {
  const sender = testEmailSender(ctx, smtp.url, {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.lease ? { lease: options.lease } : {}),
    now: () => now,
    random: () => 0.5,
    batchSize: options.batchSize,
    tickMs: options.tickMs,
  });
  senders.push(sender);
  return sender;
}

async function setEmailMode(userId: string, email: string, lastDigestAt: Date | null = null) {
  await prisma.notificationPreference.upsert({
    where: { userId },
    create: { userId, email, lastDigestAt },
    update: { email, lastDigestAt },
  });
}

/** A notification for `userId` as the notification service writes it, its e-mail due now; its id. */
async function notify(
  userId: string,
  fields: { kind?: string; excerpt?: string; readAt?: Date; actorId?: string; commentId?: string } = {},
): Promise<string> {
  const row = await prisma.notification.create({
    data: {
      userId,
      kind: "reply",
      eventKey: randomUUID(),
      roomId: room.roomId,
      threadId,
      actorId: room.owner.id,
      excerpt: "I read it the other way round.",
      createdAt: now,
      emailDueAt: now,
      ...fields,
    },
  });
  return row.id;
}

const rowOf = (id: string) => prisma.notification.findUniqueOrThrow({ where: { id } });
const at = (iso: string) => new Date(iso);
const threadLink = () =>
  `http://scholia.test/groups/${room.groupId}/rooms/${room.roomId}/threads/${threadId}`;

/** The raw value of a header, unfolded. */
function header(received: ReceivedMail, name: string): string | undefined {
  const line = received.mail.headerLines.find((entry) => entry.key === name.toLowerCase())?.line;
  return line?.replace(/\r?\n[ \t]+/g, " ").replace(/^[^:]+:\s*/, "");
}

/** The path and query of the message's List-Unsubscribe URL. */
function unsubscribePath(received: ReceivedMail): string {
  const url = /^<(http:\/\/scholia\.test[^>]+)>$/.exec(header(received, "List-Unsubscribe") ?? "")?.[1];
  expect(url, "List-Unsubscribe holds one URL of the server").toBeDefined();
  return url!.replace(/\s/g, "").slice("http://scholia.test".length);
}

describe("an immediate notification e-mail", () => {
  it("says what happened, in plain text and HTML, with the deep link and one-click unsubscribe headers", async () => {
    now = at("2001-03-05T10:00:00Z");
    await setEmailMode(room.member.id, "immediate");
    const id = await notify(room.member.id, {
      excerpt: `Agreed, <@${room.other.id}> — but <b>not</b> "here" & there`,
    });
    const sender = buildSender();
    expect(await sender.tick()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received as [ReceivedMail];
    expect(message.to).toEqual([room.member.email]);
    expect(message.mail.subject).toBe(`Olive Owner replied to your thread in “${title}”`);
    expect(message.mail.from?.value).toEqual([{ name: "Scholia", address: "scholia@scholia.test" }]);
    const text = message.mail.text!;
    expect(text).toContain('Agreed, @Max Member — but <b>not</b> "here" & there');
    expect(text).toContain(threadLink());
    expect(text).toContain("http://scholia.test/settings/notifications");
    const html = String(message.mail.html);
    expect(html).toContain("Agreed, @Max Member — but &lt;b&gt;not&lt;/b&gt; &quot;here&quot; &amp; there");
    expect(html).not.toContain("<b>not</b>");
    expect(html).toContain(`href="${threadLink()}"`);
    expect(header(message, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(unsubscribePath(message)).toMatch(/^\/api\/notifications\/unsubscribe\?token=[\w.%-]+$/);
    const row = await rowOf(id);
    expect(row.emailedAt).toEqual(now);
    expect(row.emailAttempts).toBe(0);
    // Sent once: the next tick finds nothing.
    expect(await sender.tick()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("shows the excerpt as plain text, its Markdown syntax gone", async () => {
    now = at("2001-03-05T10:00:00Z");
    await setEmailMode(room.member.id, "immediate");
    await notify(room.member.id, {
      excerpt: "Why **present** tense? See [the note](https://example.org/n).",
    });
    expect(await buildSender().tick()).toEqual({ sent: 1, failed: 0 });
    const message = smtp.received.at(-1)!;
    expect(message.mail.text).toContain("Why present tense? See the note.");
    expect(String(message.mail.html)).toContain("Why present tense? See the note.");
    expect(message.mail.text).not.toContain("**");
  });

  it("lists several notifications due at once in one message", async () => {
    now = at("2001-03-05T10:00:00Z");
    await setEmailMode(room.member.id, "immediate");
    await notify(room.member.id, { kind: "reply", actorId: room.other.id });
    await notify(room.member.id, { kind: "mention", actorId: room.instructor.id });
    await notify(room.member.id, { kind: "resolved" });
    expect(await buildSender().tick()).toEqual({ sent: 1, failed: 0 });
    const [message] = smtp.received as [ReceivedMail];
    expect(message.mail.subject).toBe(`3 new notifications in “${title}”`);
    for (const line of [
      `Max Member replied to your thread in “${title}”`,
      `Ida Instructor mentioned you in “${title}”`,
      `Olive Owner resolved your thread in “${title}”`,
    ]) {
      expect(message.mail.text).toContain(line);
      expect(String(message.mail.html)).toContain(line);
    }
  });
});

describe("the unsubscribe link", () => {
  it("turns e-mails off with a cookie-less POST (RFC 8058), shows a page on GET without changing anything, and refuses a changed token", async () => {
    now = at("2001-03-05T10:00:00Z");
    await setEmailMode(room.member.id, "immediate");
    await notify(room.member.id);
    await buildSender().tick();
    const path = unsubscribePath(smtp.received[0]!);

    const page = await supertest(app).get(path).set("Accept", "text/html").expect(200);
    expect(page.type).toBe("text/html");
    expect(page.text).toContain(`<form method="post" action="${path.slice(path.indexOf("?"))}">`);
    expect(
      (await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: room.member.id } })).email,
    ).toBe("immediate");

    const tampered = path.replace(/.$/, (last) => (last === "A" ? "B" : "A"));
    const refused = await supertest(app)
      .post(tampered)
      .type("form")
      .send("List-Unsubscribe=One-Click")
      .expect(400);
    expect(refused.body.error.code).toBe("validation_failed");
    expect(refused.body.error.message).toMatch(/unsubscribe link is not valid/);
    expect(refused.body.error.details).toEqual([
      { field: "token", message: "is not a valid unsubscribe token" },
    ]);
    const refusedPage = await supertest(app).get(tampered).set("Accept", "text/html").expect(400);
    expect(refusedPage.text).toContain("unsubscribe link is not valid");
    expect(
      (await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: room.member.id } })).email,
    ).toBe("immediate");

    // A mail provider posts from its own origin, with no session.
    const done = await supertest(app)
      .post(path)
      .set("Origin", "https://mail.example.net")
      .type("form")
      .send("List-Unsubscribe=One-Click")
      .expect(200);
    expect(done.body).toEqual({ email: "never" });
    expect(
      (await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: room.member.id } })).email,
    ).toBe("never");
    // A browser's form post gets a page.
    const again = await supertest(app)
      .post(path)
      .set("Accept", "text/html")
      .type("form")
      .send("")
      .expect(200);
    expect(again.text).toContain("E-mails stopped");
  });

  it("keeps its token out of the request log", async () => {
    const lines: string[] = [];
    const logged = buildTestApp({
      logger: capturingLogger(lines, "info"),
      ctx: { sessionSecret: ctx.sessionSecret },
    });
    now = at("2001-03-05T10:00:00Z");
    await setEmailMode(room.member.id, "immediate");
    await notify(room.member.id);
    await buildSender().tick();
    const path = unsubscribePath(smtp.received[0]!);
    await supertest(logged.app).get(path).expect(200);
    const token = decodeURIComponent(path.split("token=")[1]!);
    expect(lines.join("\n")).toContain("/api/notifications/unsubscribe?token=[redacted]");
    expect(lines.join("\n")).not.toContain(token.split(".")[1]);
  });

  it("stops a user's e-mails only with a token signed for that user", async () => {
    const forged = `${room.other.id}.${"A".repeat(43)}`;
    await supertest(app)
      .post(`/api/notifications/unsubscribe?token=${encodeURIComponent(forged)}`)
      .expect(400);
    await supertest(app).post("/api/notifications/unsubscribe").expect(400);
    expect(await prisma.notificationPreference.findUnique({ where: { userId: room.other.id } })).toBeNull();
  });
});

describe("a daily digest", () => {
  it("goes out once a day after the digest hour, with what came before it that is still unread", async () => {
    await setEmailMode(room.other.id, "daily", at("2001-03-04T07:02:00Z"));
    now = at("2001-03-05T05:00:00Z");
    const first = await notify(room.other.id, { excerpt: "First point." });
    const second = await notify(room.other.id, { kind: "mention", excerpt: "Second point." });
    const read = await notify(room.other.id, {
      excerpt: "Already read.",
      readAt: at("2001-03-05T05:30:00Z"),
    });
    const sender = buildSender();

    now = at("2001-03-05T06:59:00Z");
    expect(await sender.tick()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    expect((await rowOf(first)).emailDueAt).toEqual(at("2001-03-05T07:00:00Z"));

    now = at("2001-03-05T07:00:30Z");
    expect(await sender.tick()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [digest] = smtp.received as [ReceivedMail];
    expect(digest.to).toEqual([room.other.email]);
    expect(digest.mail.subject).toBe("Your Scholia digest: 2 notifications");
    expect(digest.mail.text).toContain("First point.");
    expect(digest.mail.text).toContain("Second point.");
    expect(digest.mail.text).not.toContain("Already read.");
    expect(String(digest.mail.html)).toContain("Second point.");
    expect(header(digest, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect((await rowOf(first)).emailedAt).toEqual(now);
    expect((await rowOf(second)).emailedAt).toEqual(now);
    expect(await rowOf(read)).toMatchObject({ emailedAt: null, emailDueAt: null });
    const preference = await prisma.notificationPreference.findUniqueOrThrow({
      where: { userId: room.other.id },
    });
    expect(preference.lastDigestAt).toEqual(now);

    // Later the same day: a new notification waits for tomorrow's digest.
    now = at("2001-03-05T08:00:00Z");
    const later = await notify(room.other.id, { excerpt: "Third point." });
    expect(await sender.tick()).toEqual({ sent: 0, failed: 0 });
    now = at("2001-03-06T06:00:00Z");
    expect(await sender.tick()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);

    now = at("2001-03-06T07:01:00Z");
    expect(await sender.tick()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.mail.subject).toBe("Your Scholia digest: 1 notification");
    expect(smtp.received[1]!.mail.text).toContain("Third point.");
    expect(smtp.received[1]!.mail.text).not.toContain("First point.");
    expect((await rowOf(later)).emailedAt).toEqual(now);
  });
});

describe("e-mail turned off", () => {
  it("sends nothing when the recipient chose never (after the row was written) or has no settings", async () => {
    now = at("2001-03-05T10:00:00Z");
    await setEmailMode(room.observer.id, "immediate");
    const changedMind = await notify(room.observer.id);
    await setEmailMode(room.observer.id, "never");
    const noSettings = await notify(room.instructor.id);
    expect(await buildSender().tick()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await rowOf(changedMind)).toMatchObject({ emailDueAt: null, emailedAt: null });
    expect(await rowOf(noSettings)).toMatchObject({ emailDueAt: null, emailedAt: null });
  });
});

describe("access lost since the notification", () => {
  it("sends nothing to someone no longer in the group, or about words deleted since", async () => {
    now = at("2001-03-05T10:00:00Z");
    await setEmailMode(room.outsider.id, "immediate");
    const outsider = await notify(room.outsider.id);
    await setEmailMode(room.member.id, "immediate");
    const replyId = await postReply(room.owner, room.roomId, threadId, "Soon withdrawn.");
    const withdrawn = await notify(room.member.id, { commentId: replyId, excerpt: "Soon withdrawn." });
    await room.owner.agent
      .delete(`/api/rooms/${room.roomId}/comments/${replyId}`)
      .set("Idempotency-Key", randomUUID())
      .expect(200);
    expect(await buildSender().tick()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await rowOf(outsider)).toMatchObject({ emailDueAt: null, emailedAt: null });
    expect(await rowOf(withdrawn)).toMatchObject({ emailDueAt: null, emailedAt: null });
  });
});

describe("a mail server that refuses", () => {
  it("is retried with growing waits, logged, and the message delivered once in the end", async () => {
    const lines: string[] = [];
    const logger = capturingLogger(lines, "warn");
    now = at("2001-03-05T10:00:00Z");
    await setEmailMode(room.member.id, "immediate");
    const id = await notify(room.member.id);
    const sender = buildSender({ logger });
    smtp.refuseNext(2);

    expect(await sender.tick()).toEqual({ sent: 0, failed: 1 });
    let row = await rowOf(id);
    expect(row.emailAttempts).toBe(1);
    expect(row.emailError).toContain("451");
    expect(row.emailedAt).toBeNull();
    // 30 s for the first retry, jittered to between half and all of it (random 0.5: 22.5 s).
    expect(row.emailDueAt).toEqual(at("2001-03-05T10:00:22.500Z"));
    const warning = JSON.parse(lines.at(-1)!) as { msg: string; userId: string; attempts: number };
    expect(warning).toMatchObject({ userId: room.member.id, attempts: 1 });
    expect(warning.msg).toContain(
      `to user ${room.member.id} failed (attempt 1); trying again at 2001-03-05T10:00:22.500Z`,
    );
    expect(warning.msg).toContain("451");
    expect(lines.join("\n")).not.toContain("test-smtp-password");

    // Not due before then.
    now = at("2001-03-05T10:00:20Z");
    expect(await sender.tick()).toEqual({ sent: 0, failed: 0 });

    now = at("2001-03-05T10:00:23Z");
    expect(await sender.tick()).toEqual({ sent: 0, failed: 1 });
    row = await rowOf(id);
    expect(row.emailAttempts).toBe(2);
    expect(row.emailDueAt).toEqual(at("2001-03-05T10:01:08Z")); // 60 s doubled, jittered: 45 s

    now = at("2001-03-05T10:01:08Z");
    expect(await sender.tick()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    row = await rowOf(id);
    expect(row).toMatchObject({ emailedAt: now, emailError: null, emailAttempts: 2 });
    now = at("2001-03-05T12:00:00Z");
    expect(await sender.tick()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });
});

describe("two senders on one database", () => {
  it("never send one notification twice when they tick at the same time", async () => {
    now = at("2001-03-05T10:00:00Z");
    const people = [room.owner, room.member, room.other, room.observer, room.instructor];
    for (const person of people) {
      await setEmailMode(person.id, "immediate");
      await notify(person.id, { actorId: room.other.id });
    }
    const [a, b] = [buildSender({ batchSize: 1 }), buildSender({ batchSize: 1 })] as const;
    let sent = 0;
    for (;;) {
      const reports = await Promise.all([a.tick(), b.tick()]);
      const round = reports.reduce((sum, report) => sum + report.sent + report.failed, 0);
      if (round === 0) break;
      sent += round;
    }
    expect(sent).toBe(people.length);
    expect(smtp.received.map((message) => message.to[0]).sort()).toEqual(
      people.map((person) => person.email).sort(),
    );
    const rows = await prisma.notification.findMany({
      where: { userId: { in: people.map((person) => person.id) } },
    });
    expect(rows.every((row) => row.emailedAt !== null)).toBe(true);
  });
});

describe("the sender loop", () => {
  it("ticks on its own until stopped", async () => {
    now = at("2001-03-05T10:00:00Z");
    await setEmailMode(room.member.id, "immediate");
    await notify(room.member.id);
    const sender = buildSender({ tickMs: 20 });
    sender.start();
    await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(1);
    await sender.stop();
    const afterStop = await notify(room.member.id);
    // Stopped: five tick periods later, a due row is still unsent.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await rowOf(afterStop)).emailedAt).toBeNull();
    expect(smtp.received).toHaveLength(1);
  });

  it("with a lease, ticks on one server at a time; another takes over once it stops", async () => {
    now = at("2001-03-06T10:00:00Z");
    await setEmailMode(room.member.id, "immediate");
    const redis = await connectRedis("redis://127.0.0.1:6379", pino({ level: "silent" }), "test");
    const key = `scholia-test-${randomUUID()}:lease:email-sender`;
    const ticks = { a: 0, b: 0 };
    const leaseOf = (name: keyof typeof ticks): EmailSenderOptions["lease"] => {
      const lease = new RedisJobLease(redis, key, 60_000, "skip", pino({ level: "silent" }));
      return {
        run: (job) =>
          lease.run(() => {
            ticks[name] += 1;
            return job();
          }),
        release: () => lease.release(),
      };
    };
    try {
      const first = buildSender({ tickMs: 20, lease: leaseOf("a") });
      first.start();
      await expect.poll(() => ticks.a, { timeout: 10_000 }).toBeGreaterThan(0);
      buildSender({ tickMs: 20, lease: leaseOf("b") }).start();
      await notify(room.member.id);
      await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(1);
      const seen = ticks.a;
      await expect.poll(() => ticks.a, { timeout: 10_000 }).toBeGreaterThan(seen + 5);
      expect(ticks.b).toBe(0);
      // Stopping gives the lease up: the other sender need not wait for it to expire.
      await first.stop();
      await expect.poll(() => ticks.b, { timeout: 10_000 }).toBeGreaterThan(0);
      await notify(room.member.id);
      await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(2);
    } finally {
      await Promise.all(senders.splice(0).map((sender) => sender.stop()));
      await redis.del(key);
      await redis.close();
    }
  });
});
