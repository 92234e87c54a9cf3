// Markdown for thread and comment bodies, rendered safely: raw HTML is shown as text, images are off, only
// http(s)/mailto links survive, and every link opens without referrer power (rel="noopener nofollow ugc").
import MarkdownIt from "markdown-it";
import { readMentionToken } from "../mentions.ts";

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

/** How a renderer writes mentions: the current name of a user (undefined: unknown), and who is reading. */
export interface MentionNames {
  nameOf: (userId: string) => string | undefined;
  /** The reader's user id: mentions of them are marked `mention-me`. */
  me?: string;
}

interface MentionEnv {
  mentions?: MentionNames;
}

// A `<@userId>` token becomes one "mention" token, only when the caller says how to name people (parseMarkdown's
// callers, the PDF writer, see none). Code spans are parsed before this rule, so a token inside one stays literal.
md.inline.ruler.before("autolink", "mention", (state, silent) => {
  if (!(state.env as MentionEnv).mentions || state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
  const token = readMentionToken(state.src, state.pos);
  if (!token) return false;
  if (!silent) state.push("mention", "", 0).meta = { userId: token.userId };
  state.pos += token.length;
  return true;
});

md.renderer.rules.mention = (tokens, index, _options, env: MentionEnv) => {
  const userId = (tokens[index]!.meta as { userId: string }).userId;
  // Mention tokens exist only when the caller passed `mentions` (the rule above).
  const { nameOf, me } = env.mentions!;
  const name = nameOf(userId) ?? "someone";
  const mine = me === userId ? " mention-me" : "";
  // The id is hex and dashes (readMentionToken), the name is escaped: nothing from the input becomes markup.
  return `<span class="mention${mine}" data-user-id="${userId}">@${md.utils.escapeHtml(name)}</span>`;
};

/**
 * HTML for a Markdown body; safe to insert with innerHTML (no tags, attributes or URLs from the input survive).
 * With `mentions`, each `<@userId>` token is written as `@Name` in a `span.mention` (`mention-me` for the reader).
 */
export function renderMarkdown(source: string, mentions?: MentionNames): string {
  return md.render(source, { mentions } satisfies MentionEnv);
}

/**
 * The block and inline tokens of a Markdown body, parsed by the same rules as renderMarkdown (no raw HTML, no
 * images, only http(s)/mailto links), for writers that draw text themselves (the PDF export).
 */
export function parseMarkdown(source: string): ReturnType<typeof md.parse> {
  return md.parse(source, {});
}

/**
 * The words of a Markdown body without its syntax, on one line: what a preview shows where markup cannot be drawn
 * (notifications, e-mails). Emphasis, headings, list markers, quotes and link addresses go, a link keeps its text,
 * code its content; raw HTML and mention tokens (`<@id>`) stay as the text they are (html is off), so a caller can
 * write mentions as names after.
 */
export function markdownPlainText(source: string): string {
  const words: string[] = [];
  for (const token of md.parse(source, {})) {
    if (token.type === "inline") {
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") words.push(child.content);
        else if (child.type === "softbreak" || child.type === "hardbreak") words.push(" ");
      }
      words.push(" ");
    } else if (token.type === "fence" || token.type === "code_block") words.push(token.content, " ");
  }
  return words.join("").replace(/\s+/gu, " ").trim();
}

/** Text made safe for HTML content and attribute values (markdown-it's own escaper: & < > "). */
export const escapeHtml: (text: string) => string = md.utils.escapeHtml;
