// Markdown for thread and comment bodies, rendered safely: raw HTML is shown as text, images are off, only
// http(s)/mailto links survive, and every link opens without referrer power (rel="noopener nofollow ugc").
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.disable(["image", "table"]);

const allowedLink = /^(https?:|mailto:)/i;
// markdown-it already refuses javascript:, vbscript:, file: and data: URLs; be stricter still: no relative or
// protocol-less links either, so a body cannot point readers at an in-app action.
md.validateLink = (url: string) => allowedLink.test(url.trim());

md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index]!;
  token.attrSet("rel", "noopener nofollow ugc");
  token.attrSet("target", "_blank");
  return self.renderToken(tokens, index, options);
};

/** HTML for a Markdown body; safe to insert with innerHTML (no tags, attributes or URLs from the input survive). */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/**
 * The block and inline tokens of a Markdown body, parsed by the same rules as renderMarkdown (no raw HTML, no
 * images, only http(s)/mailto links), for writers that draw text themselves (the PDF export).
 */
export function parseMarkdown(source: string): ReturnType<typeof md.parse> {
  return md.parse(source, {});
}

/** Text made safe for HTML content and attribute values (markdown-it's own escaper: & < > "). */
export const escapeHtml: (text: string) => string = md.utils.escapeHtml;
