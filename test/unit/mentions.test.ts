// Mention tokens in words from outside Scholia: an imported file's `<@id>` stays readable text, never a token.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../shared/markdown/render-markdown.ts";
import { mentionedUserIds, mentionToken, neutralizeMentions, writeMentions } from "../../shared/mentions.ts";

const someone = "0b5f4a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

describe("neutralizeMentions", () => {
  it("leaves no token to notify or name, yet Markdown still shows what the file said", () => {
    const imported = neutralizeMentions(`Who is ${mentionToken(someone)}? And <@${someone.toUpperCase()}>?`);
    expect(mentionedUserIds(imported)).toEqual([]);
    expect(writeMentions(imported, () => "Otto Outsider")).toBe(imported);
    expect(renderMarkdown(imported)).toBe(
      `<p>Who is &lt;@${someone}&gt;? And &lt;@${someone.toUpperCase()}&gt;?</p>\n`,
    );
  });

  it("changes nothing else", () => {
    const words = "Mail me at <someone@example.org>, or write <@not-an-id>.";
    expect(neutralizeMentions(words)).toBe(words);
  });
});
