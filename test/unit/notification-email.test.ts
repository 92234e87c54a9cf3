// The pure parts of notification e-mails: the digest day, sorting due rows, writing the message, signing the
// unsubscribe token.
import { describe, expect, it } from "vitest";
import {
  composeNotificationEmail,
  type EmailItem,
} from "../../server/domain/notification-email/compose-email.ts";
import {
  digestDayStart,
  nextDigestDayStart,
} from "../../server/domain/notification-email/digest-schedule.ts";
import { planEmailBatch, type DueEmail } from "../../server/domain/notification-email/plan-email-batch.ts";
import { unsubscribeToken, verifyUnsubscribeToken } from "../../server/services/email/unsubscribe-token.ts";

const at = (iso: string) => new Date(iso);
const userA = "0b5f4a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const userB = "7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a090";

describe("the digest day", () => {
  it("starts at the digest hour, today once it has come and yesterday before", () => {
    expect(digestDayStart(at("2001-03-05T06:59:59Z"), 7)).toEqual(at("2001-03-04T07:00:00Z"));
    expect(digestDayStart(at("2001-03-05T07:00:00Z"), 7)).toEqual(at("2001-03-05T07:00:00Z"));
    expect(digestDayStart(at("2001-03-01T00:30:00Z"), 23)).toEqual(at("2001-02-28T23:00:00Z"));
    expect(nextDigestDayStart(at("2001-03-05T07:00:00Z"), 7)).toEqual(at("2001-03-06T07:00:00Z"));
  });
});

describe("planEmailBatch", () => {
  const row = (overrides: Partial<DueEmail>): DueEmail => ({
    id: crypto.randomUUID(),
    userId: userA,
    mode: "immediate",
    read: false,
    mayRead: true,
    createdAt: at("2001-03-05T05:00:00Z"),
    lastDigestAt: null,
    ...overrides,
  });

  it("groups immediate rows per person, drops read ones and those of people who turned e-mail off", () => {
    const rows = [
      row({}),
      row({ userId: userB }),
      row({}),
      row({ read: true }),
      row({ mode: "never" }),
      row({ mode: null }),
    ];
    const plan = planEmailBatch(rows, at("2001-03-05T06:00:00Z"), 7);
    expect(plan.send).toEqual([
      { userId: userA, digest: false, rows: [rows[0], rows[2]] },
      { userId: userB, digest: false, rows: [rows[1]] },
    ]);
    expect(plan.unsent).toEqual([rows[3]!.id, rows[4]!.id, rows[5]!.id]);
    expect(plan.postponed).toEqual([]);
  });

  it("sends nothing about what the recipient may no longer read", () => {
    const gone = [row({ mayRead: false }), row({ mayRead: false, mode: "daily" })];
    const still = [row({}), row({})];
    const plan = planEmailBatch([...gone, ...still], at("2001-03-05T06:00:00Z"), 7);
    expect(plan.unsent).toEqual(gone.map((entry) => entry.id));
    expect(plan.send).toEqual([{ userId: userA, digest: false, rows: still }]);
  });

  it("puts daily rows in a digest only after the digest hour, once a day, and postpones the rest to the next", () => {
    const early = row({ mode: "daily" });
    const late = row({ mode: "daily", createdAt: at("2001-03-05T07:30:00Z") });
    const before = planEmailBatch([early], at("2001-03-05T06:59:00Z"), 7);
    expect(before.send).toEqual([]);
    expect(before.postponed).toEqual([early.id]);
    expect(before.postponedUntil).toEqual(at("2001-03-05T07:00:00Z"));

    const after = planEmailBatch([early, late], at("2001-03-05T08:00:00Z"), 7);
    expect(after.send).toEqual([{ userId: userA, digest: true, rows: [early] }]);
    expect(after.postponed).toEqual([late.id]);
    expect(after.postponedUntil).toEqual(at("2001-03-06T07:00:00Z"));

    const alreadyHadOne = row({ mode: "daily", lastDigestAt: at("2001-03-05T07:01:00Z") });
    expect(planEmailBatch([alreadyHadOne], at("2001-03-05T09:00:00Z"), 7).postponed).toEqual([
      alreadyHadOne.id,
    ]);
  });
});

describe("composeNotificationEmail", () => {
  const item = (overrides: Partial<EmailItem> = {}): EmailItem => ({
    kind: "reply",
    actorName: "Bo",
    roomTitle: "The Text",
    excerpt: "A reply.",
    link: "https://read.example.org/groups/g/rooms/r/threads/t",
    ownThread: false,
    ...overrides,
  });
  const frame = {
    recipientName: "Ann",
    digest: false,
    settingsUrl: "https://read.example.org/settings/notifications",
    unsubscribeUrl: "https://read.example.org/api/notifications/unsubscribe?token=x&y",
  };

  it("names what happened for each kind, someone for a gone account", () => {
    const subjects = (["reply", "mention", "resolved", "reopened", "announcement", "activity"] as const).map(
      (kind) => composeNotificationEmail([item({ kind })], frame).subject,
    );
    expect(subjects).toEqual([
      "Bo replied to your comment in “The Text”",
      "Bo mentioned you in “The Text”",
      "Bo resolved your thread in “The Text”",
      "Bo reopened your thread in “The Text”",
      "Bo posted an announcement in “The Text”",
      "Bo replied in a thread you follow in “The Text”",
    ]);
    expect(composeNotificationEmail([item({ actorName: null, ownThread: true })], frame).subject).toBe(
      "Someone replied to your thread in “The Text”",
    );
  });

  it("escapes every name, title and excerpt in the HTML and keeps subjects on one line", () => {
    const email = composeNotificationEmail(
      [
        item({
          actorName: "<img src=x>",
          roomTitle: 'Title\r\nBcc: "x" & <y>',
          excerpt: "<script>1</script>",
        }),
      ],
      { ...frame, recipientName: "<i>Ann</i>" },
    );
    expect(email.subject).toBe('<img src=x> replied to your comment in “Title Bcc: "x" & <y>”');
    expect(email.html).not.toMatch(/<img|<script|<i>|<y>/);
    expect(email.html).toContain("&lt;script&gt;1&lt;/script&gt;");
    expect(email.html).toContain("Hello &lt;i&gt;Ann&lt;/i&gt;");
    expect(email.html).toContain(
      'href="https://read.example.org/api/notifications/unsubscribe?token=x&amp;y"',
    );
    expect(email.text).toContain("<script>1</script>");
    expect(email.text).toContain(`Stop all notification e-mails: ${frame.unsubscribeUrl}`);
  });

  it("counts a digest's items in its subject", () => {
    expect(composeNotificationEmail([item(), item()], { ...frame, digest: true }).subject).toBe(
      "Your Scholia digest: 2 notifications",
    );
    expect(composeNotificationEmail([item(), item({ roomTitle: "Another" })], frame).subject).toBe(
      "2 new notifications in Scholia",
    );
  });
});

describe("unsubscribe tokens", () => {
  const secret = "s".repeat(32);

  it("name the user they were signed for", () => {
    expect(verifyUnsubscribeToken(secret, unsubscribeToken(secret, userA))).toBe(userA);
  });

  it("are refused when changed, signed with another secret, moved to another user, or malformed", () => {
    const token = unsubscribeToken(secret, userA);
    const [, mac] = token.split(".");
    expect(verifyUnsubscribeToken("t".repeat(32), token)).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, `${userB}.${mac}`)).toBeUndefined();
    expect(
      verifyUnsubscribeToken(
        secret,
        token.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
      ),
    ).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, `${token}=`)).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, `${token}.x`)).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, userA)).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, "")).toBeUndefined();
  });
});
