// The Markdown export never turns the text's own characters into markup: what a renderer shows is what was written.
import fc from "fast-check";
import { Window } from "happy-dom";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { containMarkdown, escapeMarkdown } from "../../../server/domain/export/markdown-text.ts";

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

describe("containMarkdown", () => {
  // A renderer that allows raw HTML, as GitHub and most note apps do: what the reader refuses must not appear there.
  const permissive = new MarkdownIt({ html: true });
  const bodyish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "<script>x</script>",
          "<!--",
          "<img src=x onerror=y>",
          "![i](http://x/i.png)",
          "[x]: http://evil",
          "> [y]: http://evil",
          "```",
          "~~~~",
          "`code <b>`",
          "``",
          "\\",
          "\n",
          "\n\n",
          "    ",
          "- ",
          "<",
          "!",
          "[",
          "]",
        ),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 16 },
    )
    .map((parts) => parts.join(""));

  it("leaves no raw HTML, image or link reference definition in any renderer (property)", () => {
    fc.assert(
      fc.property(bodyish, (body) => {
        const env: { references?: object } = {};
        const tokens = permissive.parse(containMarkdown(body), env);
        const all = tokens.flatMap((token) => [token, ...(token.children ?? [])]);
        expect(all.filter((token) => ["html_block", "html_inline", "image"].includes(token.type))).toEqual(
          [],
        );
        expect(Object.keys(env.references ?? {})).toEqual([]);
      }),
      { numRuns: 3_000 },
    );
  });

  it("cannot swallow the entries after it: the next list item stays an item of the list (property)", () => {
    fc.assert(
      fc.property(bodyish, (body) => {
        const contained = containMarkdown(body)
          .split("\n")
          .map((line) => (line ? `  ${line}` : ""))
          .join("\n");
        const html = permissive.render(`- first\n\n${contained}\n\n- NEXT\n`);
        expect(html).toMatch(/<li>\s*(<p>)?NEXT(<\/p>)?\s*<\/li>\s*<\/ul>\s*$/u);
      }),
      { numRuns: 3_000 },
    );
  });

  it("leaves no link a renderer without its own URL check would follow, except http(s), mailto and plain paths (property)", () => {
    // A renderer that follows every link it parses (markdown-it's own check switched off), as some tools do.
    const trusting = new MarkdownIt({ html: true });
    trusting.validateLink = () => true;
    const destination = fc.oneof(
      fc.constantFrom(
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "<javascript:alert(1)>",
        "javascript&#58;alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "\njavascript:alert(1)",
        // Found by this property before: a backslash escape or empty angle brackets hiding what follows.
        "\\):",
        "<>:",
        "javascript\\:alert(1)",
        "https://example.org/a",
        "mailto:a@example.org",
        "/path/a:b",
        "notes.md",
        "#here",
      ),
      fc.string({ maxLength: 12 }),
    );
    const probe = new Window().document.createElement("div");
    const followed = (href: string) => /^(https?:\/\/|mailto:)/iu.test(href) || !/^[^/?#]*:/u.test(href);
    fc.assert(
      fc.property(
        fc.string({ maxLength: 6 }),
        destination,
        fc.string({ maxLength: 6 }),
        (before, dest, after) => {
          const html = trusting.render(containMarkdown(`${before}[click](${dest})${after}`));
          probe.innerHTML = html;
          for (const link of probe.querySelectorAll("a"))
            expect(followed(link.getAttribute("href") ?? "")).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
    expect(containMarkdown("[click](javascript:alert(3)) [ok](https://example.org)")).toBe(
      "[click]\\(javascript:alert(3)) [ok](https://example.org)",
    );
  }, 30_000);

  it("keeps the author's formatting and fenced code as written", () => {
    const body = "*slowly*, `a b c`, [a link](https://example.org) and\n\n```html\n<p>kept</p>\n```";
    expect(containMarkdown(body)).toBe(body);
    expect(containMarkdown("```\nopen <fence>")).toBe("```\nopen <fence>\n```");
  });
});
