// The discussion as Markdown, in two layouts: "discussion" (threads under section and paragraph, each after its
// quote) and "annotated" (the whole text, each block followed by its threads: a reading record).
import type { ExportLayout } from "../../../shared/schemas/exports.ts";
import type { BlockPlace } from "../../../shared/document-outline.ts";
import {
  flattenReplies,
  type BlockDiscussion,
  type ExportEntry,
  type ExportHead,
  type ExportThread,
} from "./discussion.ts";
import { escapeMarkdown, prefixLines } from "./markdown-text.ts";

/** Deeper replies are drawn at this depth, saying whom they answer: a list nested 40 deep helps nobody. */
const maxIndentDepth = 6;

const oneLine = (text: string) => escapeMarkdown(text.replace(/\s+/gu, " "));
const time = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function byline(entry: ExportEntry): string {
  const role = entry.author.role ?? "former member";
  const edited = entry.editedAt ? ` · edited ${time(entry.editedAt)}` : "";
  return `**${oneLine(entry.author.name)}** (${role}) · ${time(entry.createdAt)}${edited}`;
}

/** The words, or what stands in their place; Markdown source is kept as written. */
function bodyOf(entry: ExportEntry): string {
  if (entry.state === "deleted") return "*[deleted]*";
  const reason = entry.hiddenReason ? `: ${oneLine(entry.hiddenReason)}` : "";
  if (entry.state === "hidden" && entry.body === "") return `*[hidden by a moderator${reason}]*`;
  const note = entry.state === "hidden" ? `\n\n*[hidden from the group${reason}]*` : "";
  return `${entry.body.trim() || "*[no words]*"}${note}`;
}

const reactionsOf = (entry: ExportEntry) =>
  entry.reactions.length
    ? `\n\n${entry.reactions.map(([emoji, count]) => `${emoji} ${count}`).join(" · ")}`
    : "";

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
    out += `\n${listItem(indent, `${byline(reply)}${answering}`, `${bodyOf(reply)}${reactionsOf(reply)}`)}`;
  }
  return out;
}

function threadMarkdown(thread: ExportThread, head: ExportHead, place: BlockPlace): string {
  const whole = `*On the whole ${place.paragraph === null ? place.block.kind : "paragraph"}.*`;
  const quote = thread.quote === null ? whole : prefixLines(escapeMarkdown(thread.quote), "> ");
  const facts = [
    thread.status,
    ...(thread.visibility === "instructors" ? ["instructors only"] : []),
    ...(thread.tags.length ? [thread.tags.map((tag) => `#${oneLine(tag)}`).join(" ")] : []),
    `[open in Scholia](${head.threadUrl(thread.id)})`,
  ].join(" · ");
  const item = listItem("", `${byline(thread)} · ${facts}`, `${bodyOf(thread)}${reactionsOf(thread)}`);
  return `${quote}\n\n${item}${replyItems(thread)}\n`;
}

function title(head: ExportHead, layout: ExportLayout): string {
  const by = head.author ? ` by ${oneLine(head.author)}` : "";
  const heading = layout === "annotated" ? oneLine(head.title) : `Discussion of “${oneLine(head.title)}”`;
  return (
    `# ${heading}\n\n` +
    `*${oneLine(head.title)}*${by}, version ${head.versionNumber}, read by ${oneLine(head.groupName)}.\\\n` +
    `Exported ${time(head.exportedAt)} by ${oneLine(head.exportedBy)}.\n\n`
  );
}

function blockLabel(discussion: BlockDiscussion): string {
  const { block, paragraph } = discussion.place;
  if (paragraph !== null) return `¶ ${paragraph}`;
  return `${block.kind[0]!.toUpperCase()}${block.kind.slice(1)}: ${oneLine(block.text).slice(0, 80)}`;
}

async function* discussionLayout(
  head: ExportHead,
  blocks: AsyncIterable<BlockDiscussion>,
): AsyncGenerator<string> {
  yield title(head, "discussion");
  let section: string | null = null;
  let any = false;
  for await (const discussion of blocks) {
    if (discussion.threads.length === 0) continue;
    any = true;
    if (discussion.place.section !== section && discussion.place.section !== null) {
      section = discussion.place.section;
      yield `## ${oneLine(section)}\n\n`;
    }
    yield `### ${blockLabel(discussion)}\n\n`;
    for (const thread of discussion.threads) yield threadMarkdown(thread, head, discussion.place);
  }
  if (!any) yield "*No threads match this export.*\n";
}

async function* annotatedLayout(
  head: ExportHead,
  blocks: AsyncIterable<BlockDiscussion>,
): AsyncGenerator<string> {
  yield title(head, "annotated");
  for await (const discussion of blocks) {
    const { block, paragraph } = discussion.place;
    // The title is the heading above already: its block is not repeated.
    if (block.kind === "heading") yield `## ${oneLine(block.text)}\n\n`;
    else if (paragraph !== null) yield `**¶ ${paragraph}** ${escapeMarkdown(block.text)}\n\n`;
    else if (block.kind !== "title") yield `*${oneLine(block.text)}*\n\n`;
    if (discussion.threads.length === 0) continue;
    yield `#### Discussion of ${blockLabel(discussion)}\n\n`;
    for (const thread of discussion.threads) yield threadMarkdown(thread, head, discussion.place);
  }
}

/** The Markdown text, streamed block by block. */
export function formatMarkdown(
  head: ExportHead,
  blocks: AsyncIterable<BlockDiscussion>,
  layout: ExportLayout,
): AsyncIterable<string> {
  return layout === "annotated" ? annotatedLayout(head, blocks) : discussionLayout(head, blocks);
}
