// The discussion as CSV (RFC 4180, csv-stringify): one row per thread and per reply, reply trees kept through ids,
// parent ids and depth, and every cell a spreadsheet would run as a formula defused.
import { pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { limits } from "../../../shared/limits.ts";
import {
  flattenReplies,
  type BlockDiscussion,
  type ExportEntry,
  type ExportHead,
  type ExportThread,
} from "./discussion.ts";

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, which Excel needs to read UTF-8. */
  bom: boolean;
}

const reactionColumns = limits.reactions.map((emoji) => `reactions ${emoji}`);

export const csvColumns = [
  "type",
  "id",
  "thread_id",
  "parent_id",
  "depth",
  "author",
  "author_id",
  "role",
  "created",
  "edited",
  "status",
  "visibility",
  "tags",
  "section",
  "paragraph",
  "block_id",
  "quote",
  "state",
  "hidden_reason",
  "body",
  ...reactionColumns,
  "link",
] as const;

type Row = Record<(typeof csvColumns)[number], string | number>;

/**
 * A cell a spreadsheet would read as a formula (it starts with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, which spreadsheets show as text (OWASP, "CSV Injection").
 */
export function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r]/u.test(cell) ? `'${cell}` : cell;
}

function entryCells(entry: ExportEntry) {
  const counts = new Map(entry.reactions);
  return {
    id: entry.id,
    author: entry.author.name,
    author_id: entry.author.id,
    role: entry.author.role ?? "",
    created: entry.createdAt.toISOString(),
    edited: entry.editedAt?.toISOString() ?? "",
    state: entry.state,
    hidden_reason: entry.hiddenReason ?? "",
    body: entry.body,
    ...Object.fromEntries(limits.reactions.map((emoji, i) => [reactionColumns[i]!, counts.get(emoji) ?? 0])),
  };
}

function* threadRows(discussion: BlockDiscussion, thread: ExportThread, head: ExportHead): Generator<Row> {
  const shared = {
    thread_id: thread.id,
    status: thread.status,
    visibility: thread.visibility,
    // Tags may hold spaces but never a semicolon (shared/schemas/threads.ts tagSchema).
    tags: thread.tags.join("; "),
    section: discussion.place.section ?? "",
    paragraph: discussion.place.paragraph ?? "",
    block_id: thread.anchor.blockId,
    quote: thread.quote ?? "",
    link: head.threadUrl(thread.id),
  };
  yield { type: "thread", ...shared, ...entryCells(thread), parent_id: "", depth: 0 };
  for (const reply of flattenReplies(thread.replies)) {
    yield {
      type: "reply",
      ...shared,
      ...entryCells(reply),
      parent_id: reply.parentId ?? thread.id,
      depth: reply.depth,
    };
  }
}

/** The requester's private note: a row of its own, with only what a note has (its block and its words). */
function noteRow(discussion: BlockDiscussion, note: string): Row {
  const empty = Object.fromEntries(csvColumns.map((column) => [column, ""])) as Row;
  return {
    ...empty,
    type: "note",
    section: discussion.place.section ?? "",
    paragraph: discussion.place.paragraph ?? "",
    block_id: discussion.place.block.anchorId,
    body: note,
  };
}

async function* rowsOf(head: ExportHead, blocks: AsyncIterable<BlockDiscussion>): AsyncGenerator<Row> {
  for await (const discussion of blocks) {
    if (discussion.note !== null) yield noteRow(discussion, discussion.note);
    for (const thread of discussion.threads) yield* threadRows(discussion, thread, head);
  }
}

/** The CSV text, streamed row by row. */
export function formatCsv(
  head: ExportHead,
  blocks: AsyncIterable<BlockDiscussion>,
  options: CsvOptions,
): Readable {
  // pipeline, not pipe: a failed read destroys the output with its error instead of leaving the download hanging.
  return pipeline(
    Readable.from(rowsOf(head, blocks)),
    stringify({
      header: true,
      columns: [...csvColumns],
      bom: options.bom,
      record_delimiter: "windows",
      // With a record delimiter given, csv-stringify quotes only cells that hold it ("\r\n"); a body's bare line
      // feed would end the row for a spreadsheet, and its next line start a row of its own, formulas undefused.
      quote_record_delimiter: true,
      cast: { string: defuseFormula },
    }),
    () => {},
  ).setEncoding("utf8"); // text out, as the other formats: the download joins it without a Buffer per row
}
