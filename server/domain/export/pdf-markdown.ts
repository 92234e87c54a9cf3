// A body's Markdown source as the PDF export draws it: paragraphs of styled runs (bold, italic, code), list items
// with their bullet or number, quotes and code set in, links as their text followed by the address.
import type Token from "markdown-it/lib/token.mjs";
import { parseMarkdown } from "../../../shared/markdown/render-markdown.ts";

/** A run of text in one style; `link` is the address it points to, when it is a link's text. */
export interface StyledRun {
  text: string;
  bold: boolean;
  italic: boolean;
  link: string | null;
}

/** One paragraph to draw: its runs, how many levels it is set in, and the bullet or number before it. */
export interface RichParagraph {
  runs: StyledRun[];
  /** Levels of lists and block quotes it sits in (0: none). */
  level: number;
  /** "•" or "3." for a list item's first paragraph; null otherwise. */
  marker: string | null;
  /** Inside a block quote or a code block: drawn in the muted style. */
  muted: boolean;
}

interface Style {
  bold: number;
  italic: number;
  link: string | null;
}

/** The inline children of one paragraph, as runs; a link's address follows its text unless the text is the address. */
function inlineRuns(children: readonly Token[]): StyledRun[] {
  const runs: StyledRun[] = [];
  const style: Style = { bold: 0, italic: 0, link: null };
  let linkText = "";
  const add = (text: string) => {
    if (style.link !== null) linkText += text;
    runs.push({ text, bold: style.bold > 0, italic: style.italic > 0, link: style.link });
  };
  for (const token of children) {
    switch (token.type) {
      case "text":
      case "code_inline":
        add(token.content);
        break;
      case "softbreak":
      case "hardbreak":
        add("\n");
        break;
      case "strong_open":
        style.bold += 1;
        break;
      case "strong_close":
        style.bold -= 1;
        break;
      case "em_open":
        style.italic += 1;
        break;
      case "em_close":
        style.italic -= 1;
        break;
      case "link_open":
        style.link = token.attrGet("href");
        linkText = "";
        break;
      case "link_close": {
        const href = style.link;
        style.link = null;
        const shown = href?.replace(/^mailto:/u, "");
        if (href && linkText.trim() !== shown && linkText.trim() !== href) add(` (${href})`);
        break;
      }
      default:
        if (token.content) add(token.content);
    }
  }
  return runs;
}

/**
 * The paragraphs of a Markdown body in reading order. Headings are bold paragraphs, rules a line of dashes, code
 * blocks their lines as they are; raw HTML never renders (the same parser as the reader), so it reads as text.
 */
export function markdownParagraphs(source: string): RichParagraph[] {
  const out: RichParagraph[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let level = 0;
  let quoted = 0;
  let marker: string | null = null;
  let headingLevel = 0;
  const push = (runs: StyledRun[], muted = false) => {
    if (runs.length === 0) return;
    out.push({ runs, level, marker, muted: muted || quoted > 0 });
    marker = null;
  };
  for (const token of parseMarkdown(source)) {
    switch (token.type) {
      case "bullet_list_open":
      case "ordered_list_open":
        lists.push({
          ordered: token.type === "ordered_list_open",
          next: Number(token.attrGet("start") ?? 1),
        });
        level += 1;
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        level -= 1;
        break;
      case "list_item_open": {
        const list = lists.at(-1)!;
        marker = list.ordered ? `${list.next++}.` : "•";
        break;
      }
      case "blockquote_open":
        quoted += 1;
        level += 1;
        break;
      case "blockquote_close":
        quoted -= 1;
        level -= 1;
        break;
      case "heading_open":
        headingLevel += 1;
        break;
      case "heading_close":
        headingLevel -= 1;
        break;
      case "inline": {
        const runs = inlineRuns(token.children ?? []);
        push(headingLevel > 0 ? runs.map((run) => ({ ...run, bold: true })) : runs);
        break;
      }
      case "fence":
      case "code_block":
        push([{ text: token.content.replace(/\n$/u, ""), bold: false, italic: false, link: null }], true);
        break;
      case "hr":
        push([{ text: "———", bold: false, italic: false, link: null }], true);
        break;
      default:
        break;
    }
  }
  return out;
}
