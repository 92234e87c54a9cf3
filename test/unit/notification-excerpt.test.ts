// Notification previews (the bell and e-mails) read a body's Markdown as plain text, mentions as names.
import { describe, expect, it } from "vitest";
import { markdownPlainText } from "../../shared/markdown/render-markdown.ts";
import { mentionToken } from "../../shared/mentions.ts";
import { excerptText, presentNotification } from "../../server/presenters/notification.ts";
import type { NotificationRow } from "../../server/data/notifications.ts";

const mel = "33333333-3333-4333-8333-333333333333";
const group = "44444444-4444-4444-8444-444444444444";

describe("markdownPlainText", () => {
  it("drops emphasis, headings, list and quote markers and link addresses, keeping the words", () => {
    expect(markdownPlainText("Why **present** tense?")).toBe("Why present tense?");
    expect(markdownPlainText("# A heading\n\n> quoted _words_\n\n- one\n- two `code`")).toBe(
      "A heading quoted words one two code",
    );
    expect(markdownPlainText("See [the note](https://example.org/n) and https://example.org")).toBe(
      "See the note and https://example.org",
    );
    expect(markdownPlainText("```\nlet x = 1;\n```")).toBe("let x = 1;");
    expect(markdownPlainText("a \\*literal\\* star")).toBe("a *literal* star");
  });

  it("keeps raw HTML and mention tokens as the text they are", () => {
    expect(markdownPlainText(`Agreed, ${mentionToken(mel)} — but <b>not</b> "here" & there`)).toBe(
      `Agreed, ${mentionToken(mel)} — but <b>not</b> "here" & there`,
    );
  });
});

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
