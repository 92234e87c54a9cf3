// Markdown bodies: formatting works; scripts, handlers and dangerous URLs do not survive.
import fc from "fast-check";
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { markdownPlainText, parseMarkdown, renderMarkdown } from "../../shared/markdown/render-markdown.ts";
import { mentionToken } from "../../shared/mentions.ts";

const mel = "33333333-3333-4333-8333-333333333333";

// A DOM to parse the HTML as a browser would: what survives sanitizing is what a reader's page would hold.
const { document } = new Window();

describe("renderMarkdown", () => {
  it("renders emphasis, lists and code", () => {
    const html = renderMarkdown("*slowly* and **twice**\n\n- one\n- `two`");
    expect(html).toContain("<em>slowly</em>");
    expect(html).toContain("<strong>twice</strong>");
    expect(html).toContain("<code>two</code>");
  });

  it("shows raw HTML as text", () => {
    const html = renderMarkdown(
      '<img src=x onerror=alert(1)> <script>alert(2)</script> <a href="#" onclick="x()">a</a>',
    );
    expect(html).not.toMatch(/<img|<script|<a /);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const probe = document.createElement("div");
    probe.innerHTML = html;
    expect(probe.querySelectorAll("img, script, [onerror], [onclick]")).toHaveLength(0);
  });

  it("drops javascript:, data: and relative links; marks the rest noopener nofollow ugc", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,x",
      "/api/logout",
      "vbscript:x",
    ]) {
      expect(renderMarkdown(`[x](${url})`)).not.toContain("<a");
    }
    const html = renderMarkdown("[essay](https://example.org/a) and https://example.org/b");
    const probe = document.createElement("div");
    probe.innerHTML = html;
    const links = [...probe.querySelectorAll("a")];
    expect(links).toHaveLength(2);
    for (const link of links) expect(link.getAttribute("rel")).toBe("noopener nofollow ugc");
  });

  it("does not render images even in Markdown syntax", () => {
    expect(renderMarkdown("![x](https://example.org/x.png)")).not.toContain("<img");
  });
});

describe("parseMarkdown", () => {
  it("gives the tokens of the same rules: emphasis and allowed links parsed, raw HTML and other links left as text", () => {
    const inline = parseMarkdown("*a* <b>x</b> [ok](https://example.org) [no](javascript:alert(1))")
      .flatMap((token) => token.children ?? [])
      .map((token) => token.type);
    expect(inline).toContain("em_open");
    expect(inline.filter((type) => type === "link_open")).toHaveLength(1);
    expect(inline).not.toContain("html_inline");
  });
});

describe("the link allow-list", () => {
  const linksIn = (html: string) => {
    const probe = document.createElement("div");
    probe.innerHTML = html;
    return [...probe.querySelectorAll("a")].map((link) => link.getAttribute("href") ?? "");
  };
  const allowed = /^(https?|mailto)$/i;
  const scheme = fc
    .tuple(
      fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzJS"),
      fc.string({ unit: fc.constantFrom(..."abhjpstvx+.-1:"), maxLength: 12 }),
    )
    .map(([first, rest]) => `${first}${rest}`)
    .filter((candidate) => !allowed.test(candidate));
  const rest = fc.string({ unit: fc.constantFrom(..."ab/:()1.?=#%"), maxLength: 20 });

  it("never renders a javascript: link, even when an allowed scheme appears later in the URL", () => {
    for (const url of [
      "javascript:alert(1)//http:",
      "javascript:alert(1)//https://x",
      "javascript://mailto:x",
    ]) {
      const html = renderMarkdown(`[x](${url})`);
      for (const href of linksIn(html)) expect(href).toMatch(/^(https?:|mailto:)/i);
      expect(html).not.toMatch(/href="javascript/i);
    }
  });

  it("renders a link only for http:, https: and mailto: URLs, whatever other scheme comes first (property)", () => {
    fc.assert(
      fc.property(
        scheme,
        fc.constantFrom("", "//http:", "//https://x", "mailto:x"),
        rest,
        (prefix, trap, tail) => {
          const url = `${prefix}:${tail.replace(/[()]/g, "")}${trap}`;
          // Linkify may still find an http(s) URL inside the refused text; that link is safe and is not `url`.
          for (const href of linksIn(renderMarkdown(`[x](${url})`))) {
            expect(href).toMatch(/^(https?:|mailto:)/i);
            expect(href).not.toBe(url);
          }
        },
      ),
    );
  });

  it("renders http:, https: and mailto: links in any letter case, marked noopener nofollow ugc (property)", () => {
    const allowedScheme = fc
      .constantFrom("http", "https", "mailto")
      .chain((name) =>
        fc
          .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
          .map((upper) => [...name].map((letter, i) => (upper[i] ? letter.toUpperCase() : letter)).join("")),
      );
    fc.assert(
      fc.property(allowedScheme, fc.stringMatching(/^[a-z0-9]{1,10}$/), (name, host) => {
        const url = `${name}://${host}.example.org/x`;
        const probe = document.createElement("div");
        probe.innerHTML = renderMarkdown(`[x](${url})`);
        const links = [...probe.querySelectorAll("a")];
        expect(links).toHaveLength(1);
        expect(links[0]!.getAttribute("href")!.toLowerCase()).toBe(url.toLowerCase());
        expect(links[0]!.getAttribute("rel")).toBe("noopener nofollow ugc");
        expect(links[0]!.getAttribute("target")).toBe("_blank");
      }),
    );
  });
});

describe("renderMarkdown with mentions", () => {
  const ana = "0b6a3f52-8c1e-4d7a-9f00-1234567890ab";
  const bo = "9d2c1e4f-0a1b-4c3d-8e5f-abcdefabcdef";
  const names = new Map([
    [ana, "Ana Lima"],
    [bo, "Bo"],
  ]);
  const mentions = { nameOf: (id: string) => names.get(id), me: bo };
  const render = (source: string) => {
    const probe = document.createElement("div");
    probe.innerHTML = renderMarkdown(source, mentions);
    return probe;
  };

  it("writes each token as @Name in a span naming the user, marks the reader's own, and keeps the text around", () => {
    const probe = render(
      `Ask <@${ana}> and <@${bo.toUpperCase()}>, then <@${"1".repeat(8)}-1111-4111-8111-111111111111>.`,
    );
    const spans = [...probe.querySelectorAll("span.mention")];
    expect(
      spans.map((span) => [span.textContent, span.getAttribute("data-user-id"), span.className]),
    ).toEqual([
      ["@Ana Lima", ana, "mention"],
      ["@Bo", bo, "mention mention-me"],
      ["@someone", "11111111-1111-4111-8111-111111111111", "mention"],
    ]);
    expect(probe.textContent).toBe("Ask @Ana Lima and @Bo, then @someone.\n");
  });

  it("leaves tokens as text without names to write them with, inside code, and when they are not tokens", () => {
    expect(renderMarkdown(`Hi <@${ana}>`)).toBe(`<p>Hi &lt;@${ana}&gt;</p>\n`);
    expect(render(`\`<@${ana}>\``).querySelector("code")!.textContent).toBe(`<@${ana}>`);
    expect(render(`a <@${ana.slice(1)}> b < c <@x>`).textContent).toBe(`a <@${ana.slice(1)}> b < c <@x>\n`);
    expect(render(`<https://example.org>`).querySelector("a")!.getAttribute("href")).toBe(
      "https://example.org",
    );
  });

  it("writes a mention inside a link's words without breaking the link", () => {
    const probe = render(`[ask <@${ana}>](https://example.org) or *<@${bo}>*`);
    expect(probe.textContent).toBe("ask @Ana Lima or @Bo\n");
    const link = probe.querySelector("a")!;
    expect(link.getAttribute("href")).toBe("https://example.org");
    expect(link.querySelector("span.mention")!.textContent).toBe("@Ana Lima");
  });

  it("writes any name as text, never as markup (property)", () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const probe = document.createElement("div");
        probe.innerHTML = renderMarkdown(`<@${ana}>`, { nameOf: () => name });
        const span = probe.querySelector("span.mention")!;
        expect(span.textContent).toBe(`@${name}`);
        expect(span.children).toHaveLength(0);
      }),
    );
  });
});

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

  it("keeps the words of every kind of block, one space between lines, blocks and breaks", () => {
    expect(markdownPlainText("one\ntwo")).toBe("one two"); // a soft break
    expect(markdownPlainText("one  \ntwo")).toBe("one two"); // a hard break
    expect(markdownPlainText("first\n\nsecond")).toBe("first second");
    expect(markdownPlainText("    indented code\n\nafter")).toBe("indented code after");
    expect(markdownPlainText("```\nfenced\n```\nafter")).toBe("fenced after");
    expect(markdownPlainText("  spaced \t out  ")).toBe("spaced out");
    expect(markdownPlainText("")).toBe("");
    expect(markdownPlainText("***")).toBe(""); // a rule has no words
  });

  it("never leaves a space at either end or two together, whatever the body (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", " ", "\n", "*", "`", "#", "-", ">", "\t") }),
        (body) => {
          const text = markdownPlainText(body);
          expect(text).toBe(text.trim());
          expect(text).not.toMatch(/\s{2}|[\t\n]/u);
        },
      ),
    );
  });
});
