// The Markdown export never turns the text's own characters into markup: what a renderer shows is what was written.
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../../server/domain/export/markdown-text.ts";

const markdown = new MarkdownIt();

/** The text a browser would show for markdown-it's HTML: tags dropped, the five entities it writes decoded. */
function shownText(html: string): string {
  return html
    .replace(/<br>\n/gu, "\n")
    .replace(/<[^>]+>/gu, "")
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/&amp;/gu, "&")
    .trim();
}

// Characters Markdown gives meaning to, mixed with letters and spaces, so that constructs actually form.
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ..."#>*_-+=`~|[]()!<>&\\:.1 \t".split(""),
        "1.",
        "2)",
        "---",
        "***",
        "&amp;",
        "<b>",
        "[x](y)",
      ),
      fc.string({ minLength: 1, maxLength: 3 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(""));

const lines = (text: string) =>
  text
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("\n");

describe("escapeMarkdown", () => {
  it("renders back to exactly the text it was given, whatever Markdown characters it holds (property)", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        // Whitespace other than the line breaks is not what this is about: the export keeps it as given.
        const plain = text.replace(/[^\S\n]+/gu, " ");
        expect(shownText(markdown.render(escapeMarkdown(plain)))).toBe(lines(plain).replace(/ +/gu, " "));
      }),
      { numRuns: 2_000 },
    );
  });

  it("keeps a multi-line text one paragraph, with its lines", () => {
    const html = markdown.render(escapeMarkdown("first line\n# not a heading\n- not a list"));
    expect(html).toBe("<p>first line<br>\n# not a heading<br>\n- not a list</p>\n");
  });
});
