// The discussion as every export format reads it: blocks in reading order, each with its threads and reply trees,
// bodies already reduced to what the requester may read (domain/visibility.ts).
import type { BlockPlace } from "../../../shared/document-outline.ts";
import { writeMentions } from "../../../shared/mentions.ts";
import type { Anchor } from "../../../shared/room-doc.ts";
import type { Role } from "../../../shared/schemas/groups.ts";
import { shownAuthorName, shownRole } from "../shown-author.ts";
import { contentState, visibleBody, type ContentState } from "../visibility.ts";

export interface ExportAuthor {
  id: string;
  name: string;
  /** Their role in the group now; null when they have left it; "imported" for words an import brought in. */
  role: Role | "imported" | null;
}

/** What threads and replies share. `body` is Markdown source, "" when the requester may not read it. */
export interface ExportEntry {
  id: string;
  author: ExportAuthor;
  createdAt: Date;
  /** When the author last edited the words (null if never). */
  editedAt: Date | null;
  body: string;
  state: ContentState;
  /** The moderator's reason, when hidden. */
  hiddenReason: string | null;
  /** People per emoji, in the order of `limits.reactions`; emoji nobody used are absent. */
  reactions: [emoji: string, count: number][];
}

export interface ExportReply extends ExportEntry {
  threadId: string;
  /** The reply answered, or null for a reply to the thread itself. */
  parentId: string | null;
  /** 1 for a reply to the thread, 2 for a reply to that reply, and so on. */
  depth: number;
  replies: ExportReply[];
}

export interface ExportThread extends ExportEntry {
  anchor: Anchor;
  /** The passage quoted, or null for a thread on the whole block. */
  quote: string | null;
  /** Where the passage starts in its block (UTF-16 offset); -1 for a thread on the whole block. */
  position: number;
  visibility: "group" | "instructors";
  status: "open" | "resolved";
  tags: string[];
  replies: ExportReply[];
  /** Every reply in the tree, counted. */
  replyCount: number;
}

/** One block, the threads on it in reading order, and the requester's private note on it (when asked for). */
export interface BlockDiscussion {
  place: BlockPlace;
  threads: ExportThread[];
  /** The requester's own private note on this block (plain text), or null. */
  note: string | null;
}

/** What every format puts at its top. */
export interface ExportHead {
  title: string;
  author: string | null;
  groupName: string;
  versionNumber: number;
  exportedAt: Date;
  exportedBy: string;
  /** The whole (filtered) discussion, or one thread asked for by id (a clipboard copy wants less heading). */
  scope: "discussion" | "thread";
  /** The reader's address of a thread. */
  threadUrl: (threadId: string) => string;
}

export interface ModeratedRow {
  id: string;
  authorId: string;
  /** The display name of the user the entry stands under. */
  authorName: string;
  /** The author's name as an imported file gave it; null (or absent) for words written here. */
  importedAuthorName?: string | null;
  body: string;
  createdAt: Date;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
}

/** What builds entries: who reads (may they read hidden words?), members' roles and reaction counts. */
export interface EntryContext {
  moderator: boolean;
  roles: ReadonlyMap<string, Role>;
  reactions: ReadonlyMap<string, ReadonlyMap<string, number>>;
  emojiOrder: readonly string[];
  /**
   * Current display names of the people the bodies mention (mentionedUserIds) who are members of the room's group,
   * to write them as @Name; anyone else is written "@someone".
   */
  names: ReadonlyMap<string, string>;
}

export function toEntry(row: ModeratedRow, editedAt: Date | null, context: EntryContext): ExportEntry {
  const state = contentState(row);
  const counts = context.reactions.get(row.id);
  return {
    id: row.id,
    author: {
      id: row.authorId,
      name: shownAuthorName({
        displayName: row.authorName,
        importedAuthorName: row.importedAuthorName ?? null,
      }),
      role: shownRole(row.importedAuthorName ?? null, context.roles.get(row.authorId)),
    },
    createdAt: row.createdAt,
    editedAt,
    // Stored mentions are user ids; a file is read without Scholia, so it carries the person's current name.
    body: writeMentions(visibleBody(row, context.moderator), (id) => context.names.get(id)),
    state,
    hiddenReason: state === "hidden" ? row.hiddenReason : null,
    reactions: counts
      ? context.emojiOrder.flatMap((emoji) => {
          const count = counts.get(emoji);
          return count ? [[emoji, count] as [string, number]] : [];
        })
      : [],
  };
}

/**
 * Replies as trees: each under the reply it answers, in the order written. A reply whose parent is not among
 * `rows` (it cannot be, but the rows are not constrained to agree) is kept at the top level rather than lost.
 */
export function replyTree(
  rows: readonly (ModeratedRow & { threadId: string; parentId: string | null; editedAt: Date | null })[],
  context: EntryContext,
): ExportReply[] {
  const byId = new Map<string, ExportReply>();
  for (const row of rows) {
    byId.set(row.id, {
      ...toEntry(row, row.editedAt, context),
      threadId: row.threadId,
      parentId: row.parentId,
      depth: 1,
      replies: [],
    });
  }
  const top: ExportReply[] = [];
  for (const reply of byId.values()) {
    const parent = reply.parentId === null ? undefined : byId.get(reply.parentId);
    if (parent && parent !== reply) parent.replies.push(reply);
    else top.push(reply);
  }
  // Iterative, not recursive: nothing limits how deep replies nest, and a long chain must not overflow the stack.
  const stack = top.map((reply) => ({ reply, depth: 1 }));
  for (let next = stack.pop(); next; next = stack.pop()) {
    next.reply.depth = next.depth;
    for (const child of next.reply.replies) stack.push({ reply: child, depth: next.depth + 1 });
  }
  return top;
}

/** The passage a thread quotes: its exact text, else its offsets in the block; null for a whole-block thread. */
export function quoteOf(anchor: Anchor, blockText: string): string | null {
  if (anchor.exact) return anchor.exact;
  if (anchor.start !== undefined && anchor.end !== undefined)
    return blockText.slice(anchor.start, anchor.end);
  return null;
}

/**
 * Where a thread's passage starts in its block: its offset, else where its quote first occurs; -1 for a whole-block
 * thread (or a quote no longer found), which reads before the passages.
 */
export function positionOf(anchor: Anchor, blockText: string): number {
  if (anchor.start !== undefined) return anchor.start;
  return anchor.exact ? blockText.indexOf(anchor.exact) : -1;
}

/** Threads on a block in reading order: whole-block threads first, then by where the passage starts, then age. */
export function byPosition(a: ExportThread, b: ExportThread): number {
  return a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);
}

/** Replies in a tree, depth first, in reading order (a reply, then the replies to it). */
export function* flattenReplies(replies: readonly ExportReply[]): Generator<ExportReply> {
  const stack = [...replies].reverse();
  for (let reply = stack.pop(); reply; reply = stack.pop()) {
    yield reply;
    for (let i = reply.replies.length - 1; i >= 0; i -= 1) stack.push(reply.replies[i]!);
  }
}
