// The discussion as one self-contained HTML file: the shared layouts, bodies rendered and sanitized exactly as the
// reader does (shared/markdown/render-markdown.ts), inline CSS with a print stylesheet, and no script at all.
import type { BlockPlace } from "../../../shared/document-outline.ts";
import type { BlockKind } from "../../../shared/schemas/documents.ts";
import { escapeHtml, renderMarkdown } from "../../../shared/markdown/render-markdown.ts";
import type { ExportLayout } from "../../../shared/schemas/exports.ts";
import {
  flattenReplies,
  type BlockDiscussion,
  type ExportEntry,
  type ExportHead,
  type ExportThread,
} from "./discussion.ts";
import { noticeOf, reactionsLabel, roleLabel, threadFacts, timeLabel, wholeBlockLabel } from "./labels.ts";
import { writeLayout, type DiscussionWriter } from "./layouts.ts";
import { maxIndentDepth } from "./markdown.ts";

// Page breaks never separate a quote from the first entry of its thread, nor a heading from what follows it;
// page numbers sit in the bottom margin (CSS Paged Media margin boxes).
const stylesheet = `
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, "Noto Serif", "DejaVu Serif", serif; color: #1d1d1f; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
header .meta { color: #555; font-size: 0.9rem; }
h1 { font-size: 1.8rem; line-height: 1.2; } h2 { font-size: 1.35rem; margin-top: 2.2rem; } h3, h4 { font-size: 1.05rem; color: #444; }
.text .number, h3, h4 { font-variant-numeric: oldstyle-nums; }
.text .number { color: #777; margin-right: 0.4em; font-size: 0.85em; }
.thread { margin: 1rem 0 1.6rem; }
.quote { margin: 0 0 0.5rem; padding: 0.1rem 0 0.1rem 0.9rem; border-left: 3px solid #c9a227; color: #333; font-style: italic; }
.whole { margin: 0 0 0.5rem; color: #666; font-style: italic; }
.entry { margin: 0.4rem 0; padding: 0.4rem 0.7rem; border-left: 2px solid #ddd; }
.entry .byline { margin: 0 0 0.25rem; font-size: 0.85rem; color: #555; }
.entry .body > :first-child { margin-top: 0; } .entry .body > :last-child { margin-bottom: 0; }
.notice, .reactions { font-size: 0.85rem; color: #666; margin: 0.25rem 0 0; } .notice { font-style: italic; }
.note { margin: 0.4rem 0 1rem; padding: 0.4rem 0.7rem; background: #fbf6e3; border-left: 2px solid #c9a227; }
.note .byline { margin: 0 0 0.25rem; font-size: 0.85rem; color: #6b5a14; } .note p { margin: 0; }
.tag { color: #555; } .instructors { color: #7a3e00; }
${Array.from({ length: maxIndentDepth }, (_, i) => `.d${i + 1} { margin-left: ${(i + 1) * 1.4}rem; }`).join(" ")}
a { color: #1f4e8c; }
@page { size: A4; margin: 2cm 2cm 2.4cm; @bottom-center { content: counter(page) " / " counter(pages); font: 9pt Georgia, serif; color: #555; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h1, h2, h3, h4, .quote, .whole { break-after: avoid; }
  .entry, .text, .note { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`.trim();

/** Escaped text whose line breaks stay line breaks. */
const textHtml = (text: string) => escapeHtml(text.trim()).replace(/\r?\n/gu, "<br>");

/** A numbered block in its element: a quotation's paragraph in <blockquote>, a list item in <ul><li>. */
const wrapHtml = (kind: BlockKind, paragraph: string) =>
  kind === "quote"
    ? `<blockquote class="text-quote">${paragraph}</blockquote>\n`
    : kind === "item"
      ? `<ul class="text-list"><li>${paragraph}</li></ul>\n`
      : `${paragraph}\n`;

function entryHtml(entry: ExportEntry, classes: string, extra: string): string {
  const edited = entry.editedAt ? ` · edited ${timeLabel(entry.editedAt)}` : "";
  const notice = noticeOf(entry);
  const reactions = reactionsLabel(entry);
  return (
    `<div class="${classes}"><p class="byline"><strong><bdi>${escapeHtml(entry.author.name)}</bdi></strong> ` +
    `(${roleLabel(entry)}) · <time datetime="${entry.createdAt.toISOString()}">${timeLabel(entry.createdAt)}</time>` +
    `${edited}${extra}</p>` +
    (entry.body.trim() ? `<div class="body" dir="auto">${renderMarkdown(entry.body)}</div>` : "") +
    (notice ? `<p class="notice">${escapeHtml(notice)}</p>` : "") +
    (reactions ? `<p class="reactions">${reactions}</p>` : "") +
    `</div>\n`
  );
}

function repliesHtml(thread: ExportThread): string {
  const names = new Map([[thread.id, thread.author.name]]);
  let out = "";
  for (const reply of flattenReplies(thread.replies)) {
    names.set(reply.id, reply.author.name);
    const depth = Math.min(reply.depth, maxIndentDepth);
    const answering =
      reply.depth > maxIndentDepth && reply.parentId
        ? ` · ↳ to <bdi>${escapeHtml(names.get(reply.parentId) ?? "a reply")}</bdi>`
        : "";
    out += entryHtml(reply, `entry reply d${depth}`, answering);
  }
  return out;
}

const htmlWriter = (head: ExportHead): DiscussionWriter => ({
  start(_head, layout) {
    const heading = layout === "annotated" ? head.title : `Discussion of “${head.title}”`;
    const by = head.author ? ` by ${escapeHtml(head.author)}` : "";
    return (
      `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      // A saved copy opened later runs nothing and fetches nothing.
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
      `<title>${escapeHtml(heading)}</title>\n<style>\n${stylesheet}\n</style>\n</head>\n<body>\n` +
      `<header><h1>${escapeHtml(heading)}</h1>\n<p class="meta"><cite>${escapeHtml(head.title)}</cite>${by}, ` +
      `version ${head.versionNumber}, read by ${escapeHtml(head.groupName)}.<br>` +
      `Exported ${timeLabel(head.exportedAt)} by ${escapeHtml(head.exportedBy)}.</p></header>\n<main>\n`
    );
  },
  section: (title) => `<h2 dir="auto">${escapeHtml(title)}</h2>\n`,
  text: (place: BlockPlace) =>
    place.paragraph === null
      ? `<p class="text" dir="auto"><em>${textHtml(place.block.text)}</em></p>\n`
      : wrapHtml(
          place.block.kind,
          `<p class="text"><span class="number">¶ ${place.paragraph}</span><bdi>${textHtml(place.block.text)}</bdi></p>`,
        ),
  threadsHeading: (label, layout) => {
    const tag = layout === "annotated" ? "h4" : "h3";
    return `<${tag}>${escapeHtml(label)}</${tag}>\n`;
  },
  thread(thread, place) {
    const quote =
      thread.quote === null
        ? `<p class="whole">${escapeHtml(wholeBlockLabel(place))}</p>`
        : `<blockquote class="quote" dir="auto">${textHtml(thread.quote)}</blockquote>`;
    const facts = threadFacts(thread)
      .map((fact) => (fact === "instructors only" ? `<span class="instructors">${fact}</span>` : fact))
      .join(" · ");
    const tags = thread.tags
      .map((tag) => `<span class="tag">#<bdi>${escapeHtml(tag)}</bdi></span>`)
      .join(", ");
    const link = ` · <a href="${escapeHtml(head.threadUrl(thread.id))}">open in Scholia</a>`;
    return (
      `<article class="thread">\n${quote}\n` +
      entryHtml(thread, "entry", ` · ${facts}${tags ? ` · ${tags}` : ""}${link}`) +
      repliesHtml(thread) +
      `</article>\n`
    );
  },
  note: (text) =>
    `<aside class="note"><p class="byline">My private note</p><p dir="auto">${textHtml(text)}</p></aside>\n`,
  empty: () => `<p class="whole">No threads match this export.</p>\n`,
  end: () => `</main>\n</body>\n</html>\n`,
});

/** The HTML file, streamed block by block. */
export function formatHtml(
  head: ExportHead,
  blocks: AsyncIterable<BlockDiscussion>,
  layout: ExportLayout,
): AsyncIterable<string> {
  return writeLayout(htmlWriter(head), head, blocks, layout);
}
