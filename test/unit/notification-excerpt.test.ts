// Notification previews (the bell and e-mails) read a body's Markdown as plain text, mentions as names.
import { describe, expect, it } from "vitest";
import { mentionToken } from "../../shared/mentions.ts";
import { excerptText, presentNotification } from "../../server/presenters/notification.ts";
import type { NotificationRow } from "../../server/data/notifications.ts";

const mel = "33333333-3333-4333-8333-333333333333";
const group = "44444444-4444-4444-8444-444444444444";

describe("a notification's excerpt", () => {
  const names = new Map([[group, new Map([[mel, "Mel *Member*"]])]]);

  it("is plain text with mentions written as names, as the bell shows it", () => {
    const row = { groupId: group, excerpt: `Why **present** tense, ${mentionToken(mel)}?\n\n*Really*?` };
    expect(excerptText(row, names)).toBe("Why present tense, @Mel *Member*? Really?");
    const dto = presentNotification(
      {
        ...row,
        id: crypto.randomUUID(),
        kind: "reply",
        roomId: crypto.randomUUID(),
        roomTitle: "Room",
        threadId: crypto.randomUUID(),
        commentId: null,
        userId: crypto.randomUUID(),
        actorId: null,
        actorName: null,
        createdAt: new Date("2026-11-26T10:00:00Z"),
        readAt: null,
      } satisfies NotificationRow,
      names,
    );
    expect(dto.excerpt).toBe("Why present tense, @Mel *Member*? Really?");
  });
});
