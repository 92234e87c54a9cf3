// The discussion as Markdown: the shared layouts (layouts.ts) written with headings, blockquotes for the quoted
// passages, and nested list items for replies. Bodies stay the Markdown source their authors wrote.
import type { BlockPlace } from "../../../shared/document-outline.ts";
import type { BlockKind } from "../../../shared/schemas/documents.ts";
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
import { containMarkdown, escapeMarkdown, prefixLines } from "./markdown-text.ts";

/** Deeper replies are drawn at this depth, saying whom they answer: a list nested 40 deep helps nobody. */
export const maxIndentDepth = 6;

const oneLine = (text: string) => escapeMarkdown(text.replace(/\s+/gu, " "));

/** A numbered block in Markdown: a quotation's paragraph behind "> " (every line), a list item after "- ". */
const numberedMarkdown = (kind: BlockKind, paragraph: string) =>
  kind === "quote" ? prefixLines(paragraph, "> ") : kind === "item" ? `- ${paragraph}` : paragraph;

function byline(entry: ExportEntry): string {
  const edited = entry.editedAt ? ` · edited ${timeLabel(entry.editedAt)}` : "";
  return `**${oneLine(entry.author.name)}** (${roleLabel(entry)}) · ${timeLabel(entry.createdAt)}${edited}`;
}

/** The words (contained: they cannot reach past their entry), or what stands in for them, then the reactions. */
function content(entry: ExportEntry): string {
  const notice = noticeOf(entry);
  const words = containMarkdown(entry.body.trim()) || (notice ? "" : "*[no words]*");
  const parts = [words, notice ? `*${oneLine(notice)}*` : "", reactionsLabel(entry)];
  return parts.filter(Boolean).join("\n\n");
}

/** A list item: the first line after the marker, the rest indented to the item's content. */
function listItem(indent: string, first: string, rest: string): string {
  return `${indent}- ${first}\n\n${prefixLines(rest, `${indent}  `)}\n`;
}

/** Replies as nested list items, depth first; past `maxIndentDepth` they stay at that indent and say whom they answer. */
function replyItems(thread: ExportThread): string {
  const names = new Map([[thread.id, thread.author.name]]);
  let out = "";
  for (const reply of flattenReplies(thread.replies)) {
    names.set(reply.id, reply.author.name);
    const deep = reply.depth > maxIndentDepth;
    const answering =
      deep && reply.parentId ? ` ↳ to ${oneLine(names.get(reply.parentId) ?? "a reply")}` : "";
    const indent = "  ".repeat(Math.min(reply.depth, maxIndentDepth));
    out += `\n${listItem(indent, `${byline(reply)}${answering}`, content(reply))}`;
  }
  return out;
}

const markdownWriter = (head: ExportHead): DiscussionWriter => ({
  start(_head, layout) {
    const by = head.author ? ` by ${oneLine(head.author)}` : "";
    // One thread (Copy as Markdown): where it comes from in a line, no document heading.
    if (head.scope === "thread")
      return `*From the discussion of “${oneLine(head.title)}”${by}, read by ${oneLine(head.groupName)}.*\n\n`;
    const heading = layout === "annotated" ? oneLine(head.title) : `Discussion of “${oneLine(head.title)}”`;
    return (
      `# ${heading}\n\n` +
      `*${oneLine(head.title)}*${by}, version ${head.versionNumber}, read by ${oneLine(head.groupName)}.\\\n` +
      `Exported ${timeLabel(head.exportedAt)} by ${oneLine(head.exportedBy)}.\n\n`
    );
  },
  section: (title) => `## ${oneLine(title)}\n\n`,
  text: (place) =>
    place.paragraph === null
      ? `*${oneLine(place.block.text)}*\n\n`
      : `${numberedMarkdown(place.block.kind, `**¶ ${place.paragraph}** ${escapeMarkdown(place.block.text)}`)}\n\n`,
  threadsHeading: (label, layout) => `${layout === "annotated" ? "####" : "###"} ${oneLine(label)}\n\n`,
  thread(thread: ExportThread, place: BlockPlace) {
    const quote =
      thread.quote === null ? `*${wholeBlockLabel(place)}*` : prefixLines(escapeMarkdown(thread.quote), "> ");
    const facts = [
      ...threadFacts(thread),
      ...(thread.tags.length ? [thread.tags.map((tag) => `#${oneLine(tag)}`).join(", ")] : []),
      `[open in Scholia](${head.threadUrl(thread.id)})`,
    ].join(" · ");
    return `${quote}\n\n${listItem("", `${byline(thread)} · ${facts}`, content(thread))}${replyItems(thread)}\n`;
  },
  note: (text) => `${prefixLines(`**My private note:** ${escapeMarkdown(text)}`, "> ")}\n\n`,
  empty: () => "*No threads match this export.*\n",
  end: () => "",
});

/** The Markdown text, streamed block by block. */
export function formatMarkdown(
  head: ExportHead,
  blocks: AsyncIterable<BlockDiscussion>,
  layout: ExportLayout,
): AsyncIterable<string> {
  return writeLayout(markdownWriter(head), head, blocks, layout);
}
