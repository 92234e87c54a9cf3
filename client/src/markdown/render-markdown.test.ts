// Markdown bodies: formatting works; scripts, handlers and dangerous URLs do not survive.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render-markdown.ts";

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
